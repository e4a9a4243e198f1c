// Small fixes to Material's markup that need no template copy.
// The search dialog has role="dialog" but no name; give it the search box's label so screen
// readers announce it (axe rule aria-dialog-name).
document.querySelectorAll(".md-search[role=dialog]").forEach(function (dialog) {
  var input = dialog.querySelector("input[aria-label]");
  if (input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
  }
});
