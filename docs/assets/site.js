// Small fixes to Material's markup that need no template copy.
// The search dialog has role="dialog" but no name; give it the search box's label so screen
// readers announce it (axe rule aria-dialog-name).
document.querySelectorAll(".md-search[role=dialog]").forEach(function (dialog) {
  var input = dialog.querySelector("input[aria-label]");
  if (input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
  }
});

// On a phone the closed search box is invisible but stayed in the Tab order. While search is
// closed it is taken out of the Tab order (tabindex -1), so the theme can still focus it when
// the search button is pressed.
(function () {
  var toggle = document.getElementById("__search");
  var input = document.querySelector(".md-search__input");
  if (!toggle || !input || !window.matchMedia) return;
  var phone = window.matchMedia("(max-width: 59.984375em)");
  function sync() {
    if (phone.matches && !toggle.checked) input.setAttribute("tabindex", "-1");
    else input.removeAttribute("tabindex");
  }
  toggle.addEventListener("change", sync);
  if (phone.addEventListener) phone.addEventListener("change", sync);
  sync();
})();
