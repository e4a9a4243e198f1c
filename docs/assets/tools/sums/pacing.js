// The pacing sums: the planner's average, baseline and step-by-step plan, and the activity diary's
// button that copies its timed minutes into the planner (this device only).
// Registers with the worksheet script (../tools.js), which loads after this file.
(() => {
  "use strict";
  const STEPS = 6, PLANNER = "pacing-planner";
  // The pacing rule the pages state: start at 80% of the average; add about 10% of that each
  // step (a step is about a week). tests/test_pacing_rule.py checks these sums against the pages.
  // max: the most minutes a field takes (its data-max).
  function plan(days, max) {
    const base = Math.max(1, Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 0.8));
    const step = Math.max(1, Math.round(base / 10));
    return { base, steps: Array.from({ length: STEPS }, (x, i) => Math.min(max, base + i * step)) };
  }

  function planner({ form, num, value, fieldProblem, set, onUpdate, onInput }) {
    const average = form.querySelector("output[data-calc=average]");
    if (!average) return;
    const days = Array.from(form.querySelectorAll("[data-rows=days] [data-key]"));
    const weeks = Array.from(form.querySelectorAll("[data-rows=weeks] [data-check]"));
    const baseline = form.querySelector("[data-key=baseline]");
    const known = () => days.map(value).filter(n => n !== null && !isNaN(n));
    onUpdate(() => {
      const n = known();
      average.value = n.length ? num.format(n.reduce((a, b) => a + b, 0) / n.length) : "";
    });
    // Worked out as the days are typed; the read-only plan follows the days.
    onInput(el => {
      if (!days.includes(el) || days.some(fieldProblem)) return;
      const n = known(), p = n.length ? plan(n, Number(baseline.dataset.max)) : null;
      set(baseline, p ? String(p.base) : "");
      weeks.forEach((w, i) => set(w, p ? String(p.steps[i]) : ""));
    });
  }

  function toPlanner({ form, t, num, make, read, value, fieldProblem, mark, announce, say, ask, save }) {
    const slot = form.querySelector("[data-slot=to-planner]");
    if (!slot) return;
    const timed = Array.from(form.querySelectorAll("[data-rows=timed] [data-key]"));
    const what = form.querySelector("[data-key=timedActivity]");
    const go = make("button", "md-button", t("toPlanner"));
    go.type = "button";
    go.dataset.action = "to-planner";
    slot.append(go);
    go.addEventListener("click", () => {
      const bad = timed.find(fieldProblem), mins = timed.map(value).filter(n => n !== null).slice(0, 7);
      if (bad || !mins.length) {
        const target = bad || timed[0], problemKey = bad ? fieldProblem(bad) : "toPlannerNeed";
        mark(target, problemKey);
        bad ? announce(bad, problemKey) : say(t(problemKey), true);
        return target.focus();
      }
      let old;
      try {
        old = read(PLANNER) || {};
      } catch (e) {
        return say(t("toPlannerBad"), true); // the planner page keeps that copy aside when opened
      }
      const write = () => {
        const p = plan(mins, Number(timed[0].dataset.max)), data = Object.assign({}, old, { baseline: String(p.base) });
        data.days = mins.map(m => ({ minutes: String(m) }));
        data.weeks = p.steps.map((m, i) => Object.assign({}, (old.weeks || [])[i], { target: String(m) }));
        if (what.value.trim()) data.activity = what.value.trim();
        try {
          save(PLANNER, data);
        } catch (e) {
          return say(t("noStorage"), true);
        }
        say(t("toPlannerDone", { n: num.format(mins.length), count: mins.length }));
      };
      const had = Array.isArray(old.days) && old.days.some(d => d && d.minutes);
      had ? ask(t("toPlannerAsk"), t("toPlannerYes"), write, go) : write();
    });
  }

  (window.painsiteToolSums = window.painsiteToolSums || []).push(planner, toPlanner);
})();
