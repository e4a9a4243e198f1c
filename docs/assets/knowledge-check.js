// Knowledge checks on the training units (page_type: training), made interactive.
// Without JavaScript a question is a folded box (<details>) holding the choices and the answer,
// and the page works as it is. With it, a question whose box holds a list of choices
// (<div class="kc-options">, the right one marked <span class="kc-right">) becomes a radio group:
// the reader chooses, checks, and is told whether it is right and why (the page's own answer
// text); the score shows when every question is answered. Nothing is stored or sent.
// Interface words come from the script tag's data-* attributes (extra.ui).
(function () {
  var script = document.currentScript;
  if (!script) return;
  var words = script.dataset;
  var section = document.getElementById("knowledge-check");
  if (!section) return;

  // The questions: the folded boxes after the "Knowledge check" heading, up to the next heading.
  var boxes = [];
  for (var node = section.nextElementSibling; node && !/^H[1-6]$/.test(node.tagName);
       node = node.nextElementSibling) {
    if (node.tagName === "DETAILS" && node.querySelector(".kc-options li")) boxes.push(node);
  }
  if (!boxes.length) return;

  var answered = 0, right = 0, total = 0;
  var score = document.createElement("p");
  score.className = "kc-score";
  score.setAttribute("aria-live", "polite");

  boxes.forEach(function (box, number) {
    var summary = box.querySelector("summary");
    var options = box.querySelector(".kc-options");
    var explanation = document.createElement("div");
    Array.prototype.forEach.call(box.children, function (child) {
      if (child !== summary && child !== options && !child.contains(options)) {
        explanation.appendChild(child.cloneNode(true));
      }
    });

    var form = document.createElement("form");
    form.className = "kc-question";
    form.noValidate = true;
    var fieldset = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = summary ? summary.textContent.trim() : "";
    fieldset.appendChild(legend);

    var inputs = [], correct = null;
    options.querySelectorAll("li").forEach(function (item, i) {
      var label = document.createElement("label");
      label.className = "kc-choice";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "kc-" + (number + 1);
      input.value = String(i);
      if (item.querySelector(".kc-right")) correct = input;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + item.textContent.replace(/\s+/g, " ").trim()));
      fieldset.appendChild(label);
      inputs.push(input);
    });
    if (!correct) return; // a question without a marked answer stays as it is

    var check = document.createElement("button");
    check.type = "submit";
    check.className = "md-button";
    check.textContent = words.check;
    var feedback = document.createElement("div");
    feedback.className = "kc-feedback";
    feedback.setAttribute("aria-live", "polite");
    feedback.tabIndex = -1;

    form.appendChild(fieldset);
    form.appendChild(check);
    form.appendChild(feedback);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = inputs.filter(function (input) { return input.checked; })[0];
      if (!chosen) {
        feedback.textContent = words.choose;
        return;
      }
      var isRight = chosen === correct;
      feedback.textContent = "";
      var verdict = document.createElement("p");
      verdict.className = isRight ? "kc-feedback__right" : "kc-feedback__wrong";
      var strong = document.createElement("strong");
      strong.textContent = isRight ? words.right : words.wrong;
      verdict.appendChild(strong);
      feedback.appendChild(verdict);
      feedback.appendChild(explanation);
      inputs.forEach(function (input) { input.disabled = true; });
      check.hidden = true;
      feedback.focus();
      answered += 1;
      if (isRight) right += 1;
      if (answered === total) {
        score.textContent = words.score.replace("{score}", right).replace("{total}", total);
      }
    });

    box.parentNode.insertBefore(form, box);
    box.hidden = true;
    total += 1;
  });

  if (!total) return;
  var last = boxes[boxes.length - 1];
  last.parentNode.insertBefore(score, last.nextSibling);
})();
