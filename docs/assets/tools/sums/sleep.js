// The sleep diary's sums: each night's sleep efficiency, the share of the time in bed spent asleep.
// Registers with the worksheet script (../tools.js), which loads after this file.
(() => {
  "use strict";
  (window.painsiteToolSums = window.painsiteToolSums || []).push(({ form, t, pct, value, fieldProblem, onUpdate }) => {
    form.querySelectorAll("output[data-calc=efficiency]").forEach(out => {
      const row = out.closest("tr");
      const f = k => row.querySelector(`[data-key="${k}"]`);
      const clock = el => {
        const m = /^(\d\d):(\d\d)/.exec(el.value);
        return m && !fieldProblem(el) ? m[1] * 60 + +m[2] : null;
      };
      onUpdate(() => {
        const bed = clock(f("bed")), up = clock(f("up")), fall = value(f("fall")), awake = value(f("awake"));
        let text = "";
        if (bed != null && up != null && !isNaN(fall) && !isNaN(awake)) {
          const inBed = (up - bed + 1440) % 1440; // getting up is always after going to bed
          const asleep = inBed - fall - awake;
          text = inBed && asleep >= 0 ? pct.format(asleep / inBed) : t("checkTimes");
        }
        out.value = text;
      });
    });
  });
})();
