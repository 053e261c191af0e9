// Django's admin autocomplete (select2) names its combobox by the selected value only, so an
// empty one has no name at all (axe: aria-input-field-name). Name it by the field's label too.
// A file, not an inline script: the Content-Security-Policy runs only files from this site.
(function () {
  "use strict";

  function nameAutocompletes() {
    var selects = document.querySelectorAll("select.admin-autocomplete");
    for (var i = 0; i < selects.length; i++) {
      var select = selects[i];
      var label = document.querySelector("label[for='" + CSS.escape(select.id) + "']");
      var box = select.parentNode.querySelector(".select2-selection[role=combobox]");
      var shown = document.getElementById("select2-" + select.id + "-container");
      if (!label || !box) {
        continue;
      }
      if (!label.id) {
        label.id = select.id + "-label";
      }
      box.setAttribute("aria-labelledby", label.id + (shown ? " " + shown.id : ""));
      if (shown) {
        shown.setAttribute("aria-labelledby", label.id);
      }
    }
  }

  // select2 is set up by the admin's own scripts (when the page is ready, and again for each
  // inline row added): name each box as soon as it appears.
  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.queueMicrotask(function () { pending = false; nameAutocompletes(); });
    }
  }).observe(document.documentElement, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", nameAutocompletes);
  window.addEventListener("load", nameAutocompletes);
})();
