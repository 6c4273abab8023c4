// The design system's menu button (narrow screens) closes with Escape as well as with the button itself,
// and focus goes back to the button, so a keyboard user is never left inside a menu they cannot see closing.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var button = document.querySelector("button.js-toggle-menu[aria-expanded='true']");
    if (!button) {
      return;
    }
    button.click();
    button.focus();
  });
})();
