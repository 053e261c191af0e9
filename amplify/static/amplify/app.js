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
})();
