// Starts the Scottish Government Design System's components (accordions, side navigation and the
// rest) on every page. A module of our own rather than an inline script: the Content-Security-Policy
// allows scripts from our own origin only (cop_site/headers.py).
import DS from "../vendor/sgds/design-system.js";

// The menu toggle is a <label> until the design system turns it into a button, which copies the label's
// aria-controls; HTML allows no aria-controls on a label of a checkbox, so the page carries it as
// data-controls and it is handed over here, just before.
document.querySelectorAll(".js-toggle-menu[data-controls]").forEach(function (label) {
  label.setAttribute("aria-controls", label.getAttribute("data-controls"));
});

DS.initAll();
