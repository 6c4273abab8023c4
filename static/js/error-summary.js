// After a form is refused, move keyboard focus to its error summary, as the Scottish Government
// Design System's error summary pattern does: a keyboard or screen reader user lands on the list of
// problems (each linking to its field) instead of at the top of the page. Without JavaScript the
// summary is still there, first in the content, and announced by its role="alert".
(function () {
  "use strict";

  var summary = document.querySelector(".ds_error-summary");
  if (!summary) { return; }
  if (!summary.hasAttribute("tabindex")) { summary.setAttribute("tabindex", "-1"); }
  summary.focus();
})();
