// Amplify's own page behaviour. It lives in a file, not in inline scripts or on* attributes,
// because the Content-Security-Policy runs no script but files served by this site.
(function () {
  "use strict";

  // <form data-confirm="Question?"> asks before it submits (destructive actions).
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var question = form && form.getAttribute && form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  // <output for="slider-id"> shows the value of the control it names as that control moves
  // (the matching weights).
  document.addEventListener("input", function (event) {
    var control = event.target;
    if (!control.id) {
      return;
    }
    document.querySelectorAll("output").forEach(function (output) {
      if (output.htmlFor && output.htmlFor.contains(control.id)) {
        output.value = control.value;
      }
    });
  });

  // Automatic polling (hx-trigger="every …") is not activity: mark its requests so the
  // server does not renew the idle timeout (amplify.home.sessions).
  var POLLING = /(^|,)\s*every\s/;
  document.addEventListener("htmx:configRequest", function (event) {
    var trigger = event.detail.elt.getAttribute("hx-trigger") || "";
    if (POLLING.test(trigger)) {
      event.detail.headers["X-Amplify-Poll"] = "1";
    }
  });

  // An htmx swap must not strand a keyboard or screen-reader user. When the swap replaced the
  // element that had focus (a button inside the swapped form), focus moves into the new
  // content: to its first error, else to the same control again (same name and value, else
  // same place), else to its heading, else to the content itself. When focus was elsewhere
  // (typing in a filter whose results are swapped), it stays where it is. Text the new
  // content marks with data-announce is read out by the live region #announcer (base.html).
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), " +
    "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";
  var focusWas = null;

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    var active = document.activeElement;
    focusWas = null;
    if (target && active && active !== document.body && target.contains(active)) {
      focusWas = {
        tag: active.tagName.toLowerCase(),
        name: active.getAttribute("name"),
        value: active.getAttribute("value"),
        index: Array.prototype.indexOf.call(target.querySelectorAll(FOCUSABLE), active)
      };
    }
  });

  function sameControl(region, was) {
    if (!was.name) {
      return null;
    }
    var selector = was.tag + "[name='" + CSS.escape(was.name) + "']";
    if (was.value !== null) {
      selector += "[value='" + CSS.escape(was.value) + "']";
    }
    return region.querySelector(selector);
  }

  function moveFocus(region, was) {
    var error = region.querySelector("[aria-invalid='true']") ||
      region.querySelector("[role=alert], .alert-error, .errorlist");
    var target = error || sameControl(region, was) ||
      region.querySelectorAll(FOCUSABLE)[was.index] ||
      region.querySelector("h1, h2, h3, h4") || region;
    if (!target.matches(FOCUSABLE) && !target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1"); // focusable by script only, not in the tab order
    }
    target.focus();
  }

  function announce(region) {
    var live = document.getElementById("announcer");
    var marked = region.matches("[data-announce]") ? region : region.querySelector("[data-announce]");
    if (!live || !marked) {
      return;
    }
    var text = marked.getAttribute("data-announce") || marked.textContent;
    // Emptied first, so the same words said twice (the same count again) are read again.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text.replace(/\s+/g, " ").trim(); }, 50);
  }

  // A table wider than the screen scrolls sideways in its .table-wrap; a keyboard can only
  // scroll what it can focus, so such a wrapper joins the tab order, named by its card's
  // heading. Checked again when the width changes or htmx brings new content.
  function reachScrollingTables() {
    var wraps = document.querySelectorAll(".table-wrap");
    for (var i = 0; i < wraps.length; i++) {
      var wrap = wraps[i];
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var card = wrap.closest("section, .card");
        var heading = card && card.querySelector("h1, h2, h3");
        wrap.setAttribute("tabindex", "0");
        if (heading) {
          wrap.setAttribute("role", "region");
          wrap.setAttribute("aria-label", heading.textContent.trim());
        }
      } else if (wrap.getAttribute("tabindex") === "0") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
  }
  document.addEventListener("DOMContentLoaded", reachScrollingTables);
  window.addEventListener("resize", reachScrollingTables);
  document.addEventListener("htmx:afterSettle", reachScrollingTables);

  document.addEventListener("htmx:afterSettle", function (event) {
    var region = event.target;
    if (!(region instanceof Element) || !region.isConnected) {
      return;
    }
    announce(region);
    var was = focusWas;
    focusWas = null;
    var active = document.activeElement;
    if (was && (!active || active === document.body || !active.isConnected)) {
      moveFocus(region, was);
    }
  });
})();
