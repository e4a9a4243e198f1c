/* My week: the reader marks the programme week they are in; the home page and Start here then
   lead with that week. The choice is kept only in this browser (localStorage), like the
   worksheets, and is never sent anywhere. The blocks come from overrides/partials/my-week.html. */
(function () {
  "use strict";
  var KEY = "painsite:my-week:v1";
  var WEEK = /^(information-session|week-[1-9]|follow-up)$/;

  function load() {
    try {
      var value = window.localStorage.getItem(KEY);
      return value && WEEK.test(value) ? value : null;
    } catch (e) {
      return null;
    }
  }

  function save(value) {
    try {
      if (value) window.localStorage.setItem(KEY, value);
      else window.localStorage.removeItem(KEY);
    } catch (e) { /* storage off: the choice lasts for this page only */ }
  }

  /* The week a link goes to: .../programme/week-3/ (or week-3.html offline). */
  function weekOf(link) {
    var match = /programme\/(information-session|week-[1-9]|follow-up)(?:\/(?:index\.html)?|\.html)?$/
      .exec(link.pathname);
    return match ? match[1] : null;
  }

  /* Put an element just under the page title. */
  function underTitle(element) {
    var title = document.getElementById("page-title");
    if (title && title.parentNode) title.parentNode.insertBefore(element, title.nextSibling);
  }

  function init() {
    var section = document.querySelector(".my-week[data-mark]");
    var mark = document.querySelector(".my-week-mark[data-week]");
    var pickers = [];
    var status = null;

    function render() {
      var chosen = load();
      if (section) {
        var shown = false;
        Array.prototype.forEach.call(section.querySelectorAll(".my-week__item"), function (item) {
          item.hidden = item.getAttribute("data-week") !== chosen;
          if (!item.hidden) shown = true;
        });
        section.hidden = !shown;
      }
      pickers.forEach(function (picker) {
        var on = picker.week === chosen;
        picker.button.setAttribute("aria-pressed", on ? "true" : "false");
        picker.card.classList.toggle("is-my-week", on);
      });
      if (mark) {
        mark.querySelector("button").setAttribute(
          "aria-pressed", mark.getAttribute("data-week") === chosen ? "true" : "false");
      }
      return chosen;
    }

    if (section) {
      underTitle(section);
      var grid = document.querySelector(".week-grid");
      if (grid) {
        status = document.createElement("p");
        status.className = "my-week-status";
        status.setAttribute("role", "status");
        grid.parentNode.insertBefore(status, grid.nextSibling);
        Array.prototype.forEach.call(grid.querySelectorAll("li a[href]"), function (link) {
          var week = weekOf(link);
          var card = link.closest("li");
          if (!week || !card) return;
          var button = document.createElement("button");
          button.type = "button";
          button.className = "my-week-pick";
          button.textContent = section.getAttribute("data-mark");
          button.setAttribute("aria-label",
            section.getAttribute("data-mark") + ": " + link.textContent.trim());
          button.addEventListener("click", function () {
            var on = button.getAttribute("aria-pressed") === "true";
            save(on ? null : week);
            render();
            status.textContent = on ? "" : section.getAttribute("data-saved");
          });
          card.appendChild(button);
          pickers.push({ week: week, button: button, card: card });
        });
      }
      section.querySelector(".my-week__clear").addEventListener("click", function () {
        save(null);
        render();
        if (status) status.textContent = "";
        var target = grid || document.getElementById("page-title");
        if (target) {
          target.setAttribute("tabindex", "-1");
          target.focus();
        }
      });
    }

    if (mark) {
      underTitle(mark);
      mark.hidden = false;
      var button = mark.querySelector("button");
      var note = mark.querySelector(".my-week-mark__status");
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") === "true";
        save(on ? null : mark.getAttribute("data-week"));
        render();
        note.textContent = on ? "" : mark.getAttribute("data-saved");
      });
    }

    render();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
