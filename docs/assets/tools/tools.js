// Worksheets that keep what you type in this browser only (localStorage), print, save to a file
// and open it again. Nothing is ever sent anywhere: no network calls, and the fields have no
// name attribute, so even a submitted form would carry nothing.
//
// Markup (made from each tool's definition, docs/includes/worksheets/, by scripts/painsite/worksheets.py;
// the CPD record's in overrides/partials/cpd-record.html): <form class="tool" data-tool="NAME">, fields with
// data-key="KEY". A field inside an element with data-rows="GROUP" is kept per row: the row is the
// group's child element it sits in. data-check with data-max checks a number (see problem()).
// <output data-calc="..."> shows a result, and read-only fields hold results too: each tool's
// own sums are in sums/*.js, which register with window.painsiteToolSums. data-prefill="date" (today), "time" (the
// minutes in the page's "Estimated time" section) or "title" (the page title) fills an empty
// field: the CPD record. data-slot="NAME" is where a tool's sums add a button. Outside forms,
// data-summary="NAME" shows NAME's saved answers in its [data-show="KEY" or "GROUP.ROW.KEY"]
// elements (the "Bring to my session" page). Words come from strings.js.
//
// Stored and exported as {"format": "painsite-tool", "tool": NAME, "version": 1, "data": {...}}:
// data is {KEY: "text", GROUP: [{KEY: "text"}, ...]}. Older versions are migrated on load.
//
// Saved answers are never lost. Stored text this page cannot use (damaged, from another version,
// or with a value that does not fit its field) is kept aside, one key per copy, so a second copy
// can never overwrite the first: "painsite-tool:NAME:aside:v1:DATE" holds the text exactly as it
// was stored, DATE being when it was kept aside (ISO 8601, UTC). "v1" is the version of this key
// scheme. The "Recovered copies" panel lists them, to download; "Clear everything" removes them.
// One value that does not fit never hides the rest: the rest loads and that field is flagged.
(() => {
  "use strict";
  const FORMAT = "painsite-tool", VERSION = 1, MAX_FILE = 1e6, MAX_TEXT = 10000;
  const root = document.documentElement, lang = root.lang || "en";
  const dir = document.body.dir || root.dir; // the theme sets it on <body>
  const all = window.painsiteToolStrings || {};
  const S = Object.assign({}, all.en, all[lang.split("-")[0].toLowerCase()]);
  // Intl formatters are made on first use, not at load: making one loads the language's locale
  // data, which on a slow phone blocks the page for tens of milliseconds each, and most visits
  // need none of them.
  const later = (Kind, ...options) => {
    let made;
    const get = () => (made = made || new Kind(...options));
    return { format: v => get().format(v), select: v => get().select(v) };
  };
  // A string that counts something is an object of plural forms ({ one, few, many, other }): the
  // language's own rules (Intl.PluralRules, CLDR) pick the form, so Polish says "2 dni", "5 dni",
  // "1 dzień" and no sentence is glued together from pieces.
  const plural = later(Intl.PluralRules, lang);
  const pick = (value, vars) => (value && typeof value === "object"
    ? value[plural.select(Number(vars && vars.count))] || value.other : value);
  const t = (key, vars) => (pick(S[key], vars) || key).replace(/\{(\w+)\}/g, (m, k) => (vars && k in vars ? vars[k] : m));
  const num = later(Intl.NumberFormat, lang, { maximumFractionDigits: 1 });
  const pct = later(Intl.NumberFormat, lang, { style: "percent" });
  const uk = lang === "en" ? "en-GB" : lang; // a UK service: "30 November 2026 at 22:09", "A, B and C"
  const when = later(Intl.DateTimeFormat, uk, { dateStyle: "long", timeStyle: "short", hourCycle: "h23" });
  const and = later(Intl.ListFormat, uk, { type: "conjunction" });
  const day = later(Intl.DateTimeFormat, uk, { dateStyle: "long" });
  const read = name => { // a tool's saved data, or null; throws when it is there but not readable
    const raw = localStorage.getItem("painsite-tool:" + name);
    if (raw == null) return null;
    const o = JSON.parse(raw);
    if (!o || o.format !== FORMAT || o.tool !== name || o.version !== VERSION || typeof o.data !== "object") throw 0;
    return o.data;
  };

  const make = (tag, cls, text) => {
    const el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    el.lang = lang; // the words are in the interface language, even on an untranslated page
    if (dir) el.dir = dir;
    return el;
  };
  const pad = n => String(n).padStart(2, "0");
  // A date for file names, in the reader's own time: 2026-11-30, or 2026-11-30-101530 with the time.
  const stamp = (d, time) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    (time ? `-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}` : "");
  const isJson = text => { try { JSON.parse(text); return true; } catch (e) { return false; } };
  function download(text, name, type) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }
  // True when given (stored data) holds a value that kept (what was loaded from it) does not:
  // a field this page no longer has, a row past the end, a value that did not fit.
  const leftOut = (kept, given) =>
    given != null && given !== "" && (typeof given === "object"
      ? Object.keys(given).some(k => leftOut(kept && kept[k], given[k]))
      : String(given) !== kept);
  // Arabic-Indic and Urdu digits count as digits too.
  const digits = v => String(v).replace(/[\u0660-\u0669\u06f0-\u06f9]/g, d => String(d.charCodeAt(0) & 15)).trim();

  // The problem with a value, as a key of the strings, or "" when it is fine (empty is fine).
  function problem(el, value) {
    const v = digits(value);
    if (!v) return "";
    if (el.type === "time") return /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?$/.test(v) ? "" : "errTime";
    if (el.type === "date") return /^\d{4}-\d\d-\d\d$/.test(v) ? "" : "errDate";
    // A number field, made from its definition (docs/includes/worksheets/types.yml): a whole
    // number from 0 to data-max; data-message is its one message for any problem, data-too-big
    // its message for a number above the limit.
    const max = Number(el.dataset.max), one = el.dataset.message;
    if (!el.dataset.check || !(max >= 0)) return "";
    if (/^[-\u2212]\s*\d/.test(v)) return one || "errNegative";
    if (!/^\d+([.,]\d+)?$/.test(v)) return one || "errNumber";
    if (!/^\d+$/.test(v)) return one || "errWhole";
    return +v > max ? one || el.dataset.tooBig || "errNumber" : "";
  }
  const fieldProblem = el =>
    el.validity && el.validity.badInput ? (el.type === "date" ? "errDate" : "errTime") : problem(el, el.value);
  // A field's number: null when empty, NaN when not valid.
  const value = el => (!digits(el.value) ? null : fieldProblem(el) ? NaN : +digits(el.value));

  function setup(form) {
    const tool = form.dataset.tool, key = "painsite-tool:" + tool;
    const ASIDE = key + ":aside:v1:", LEGACY = key + ":unreadable"; // LEGACY: the first script's one copy
    const fields = Array.from(form.querySelectorAll("[data-key]"));
    const paths = new Map(fields.map(el => {
      const group = el.closest("[data-rows]");
      if (!group) return [el, [el.dataset.key]];
      const row = Array.from(group.children).findIndex(r => r.contains(el));
      return [el, [group.dataset.rows, row, el.dataset.key]];
    }));
    const labelOf = el => (el.labels && el.labels[0] ? el.labels[0].textContent : el.id).replace(/\s+/g, " ").trim();
    const get = (data, p) => {
      if (p.length === 1) return data[p[0]];
      const rows = data[p[0]], row = Array.isArray(rows) && rows[p[1]];
      return row && typeof row === "object" ? row[p[2]] : undefined;
    };
    const put = (data, p, v) => {
      let target = data, k = p[0];
      if (p.length > 1) {
        const rows = (data[k] = Array.isArray(data[k]) ? data[k] : []);
        while (rows.length <= p[1]) rows.push({});
        target = rows[p[1]];
        k = p[2];
      }
      if (v == null || v === "") delete target[k];
      else target[k] = v;
    };
    const filled = data => fields.some(el => String(get(data, paths.get(el)) || "").trim());
    // The stored form: no empty rows at the end of a group, no empty groups.
    const compact = data => {
      const out = {};
      Object.keys(data).forEach(k => {
        if (!Array.isArray(data[k])) return (out[k] = data[k]);
        const rows = data[k].map(row => Object.assign({}, row));
        while (rows.length && !Object.keys(rows[rows.length - 1]).length) rows.pop();
        if (rows.length) out[k] = rows;
      });
      return out;
    };
    const wrap = data => ({ format: FORMAT, tool, version: VERSION, data: compact(data) });

    // Older stored formats, each turned into the next version's data.
    const MIGRATIONS = [
      // Version 0, the first trial version, kept one flat object: {field id: value}.
      old => {
        const data = {};
        fields.forEach(el => put(data, paths.get(el), old[el.id]));
        return data;
      }
    ];

    // Checks a stored or imported object. Returns {error} when it is not this worksheet's data, or
    // {data}: the values that fit, in the current version, with {bad}: [{el, error}] for the
    // fields whose value does not fit, and {lost}: true when anything stored was not loaded.
    function accept(obj) {
      if (!obj || typeof obj !== "object" || obj.format !== FORMAT) return { error: "importForeign" };
      if (obj.tool !== tool) return { error: "importOtherTool" };
      const version = obj.version;
      let data = obj.data;
      if (!Number.isInteger(version) || version < 0) return { error: "importBad" };
      if (version > VERSION) return { error: "importNewer" };
      if (!data || typeof data !== "object" || Array.isArray(data)) return { error: "importBad" };
      for (let v = version; v < VERSION; v++) data = MIGRATIONS[v](data);
      const clean = {}, bad = [];
      for (const el of fields) {
        let v = get(data, paths.get(el));
        if (typeof v === "number" && isFinite(v)) v = String(v);
        if (v == null || v === "") continue;
        if (typeof v !== "string" || v.length > MAX_TEXT) bad.push({ el, error: "importBad" });
        else if (problem(el, v)) bad.push({ el, error: "importValue" });
        else put(clean, paths.get(el), v);
      }
      return { data: clean, bad, lost: leftOut(clean, data), old: version < VERSION };
    }

    // Copies kept aside (see the top of this file), oldest first: [{key, date, raw}]. A copy the
    // browser had no room for is held in memory instead, to download before the page closes.
    const unsaved = [];
    function copies() {
      const found = [];
      try {
        for (let i = 0; i < localStorage.length; i++) {
          const k = localStorage.key(i), date = new Date(k.slice(ASIDE.length));
          if (k.startsWith(ASIDE) && !isNaN(date)) found.push({ key: k, date, raw: localStorage.getItem(k) });
        }
      } catch (e) { /* no storage: only the copies in memory */ }
      return found.sort((a, b) => (a.key < b.key ? -1 : 1)).concat(unsaved);
    }
    // Keeps raw aside under a key of its own. False when it could only be kept in memory.
    function keepAside(raw) {
      if (copies().some(c => c.raw === raw)) return true; // the same text once is enough
      let date = new Date();
      try {
        // Two copies in the same millisecond (two tabs) get different keys, so neither is lost.
        while (localStorage.getItem(ASIDE + date.toISOString()) != null) date = new Date(+date + 1);
        localStorage.setItem(ASIDE + date.toISOString(), raw);
        return true;
      } catch (e) {
        unsaved.push({ date, raw });
        return false;
      }
    }
    // The first version of this script kept a single copy under LEGACY: it joins the others.
    function adoptLegacy() {
      const raw = localStorage.getItem(LEGACY);
      if (raw != null && keepAside(raw)) localStorage.removeItem(LEGACY);
    }
    function dropCopies() {
      unsaved.length = 0;
      try {
        copies().forEach(c => localStorage.removeItem(c.key));
        localStorage.removeItem(LEGACY);
      } catch (e) { /* nothing stored */ }
    }

    let state = {}, warned = false;

    // The toolbar, made here because its buttons only work with JavaScript.
    const bar = make("div", "tool-bar");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", t("toolbar"));
    const buttons = make("div", "tool-bar__buttons");
    const live = make("p", "tool-message");
    live.id = tool + "-message";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    const file = make("input");
    file.type = "file";
    file.accept = ".json,application/json";
    file.hidden = true;
    file.setAttribute("aria-label", t("fileLabel"));
    const button = (name, action) => {
      const b = make("button", "md-button", t(name));
      b.type = "button";
      b.dataset.action = name;
      b.addEventListener("click", action);
      buttons.append(b);
      return b;
    };
    // The privacy note is one line; what it means is folded away.
    const privacy = make("details", "tool-privacy"), more = make("p", "", t("noteMore"));
    privacy.append(make("summary", "", t("note")), more);
    if (document.getElementById("how-it-works")) {
      const link = make("a", "", t("noteLink"));
      link.href = "#how-it-works";
      more.append(" ", link);
    }
    const notes = [privacy];
    // Opened from a file (the offline edition), some browsers give every local page one storage.
    if (location.protocol === "file:") notes.push(make("p", "tool-note", t("fileNote")));
    bar.append(...notes, buttons, file, live);
    form.prepend(bar);

    // "Recovered copies": shown only while copies are kept aside, one download button each.
    const panel = make("section", "tool-recovered");
    const title = make("h2", "", t("recovered"));
    title.id = tool + "-recovered";
    panel.setAttribute("aria-labelledby", title.id);
    const list = make("ul");
    panel.append(title, make("p", "", t("recoveredNote")), list);
    bar.after(panel);
    function showCopies() {
      const found = copies();
      panel.hidden = !found.length;
      list.replaceChildren(...found.map((copy, i) => {
        const b = make("button", "md-button", t("recoveredDownload", { n: num.format(i + 1), date: when.format(copy.date) }));
        b.type = "button";
        b.addEventListener("click", () => {
          const json = isJson(copy.raw), name = `${tool}-recovered-${stamp(copy.date, true)}.${json ? "json" : "txt"}`;
          download(copy.raw, name, json ? "application/json" : "text/plain");
          say(t("exported", { file: name }));
        });
        const item = make("li");
        item.append(b);
        return item;
      }));
    }

    let pending;
    function say(text, error) {
      clearTimeout(pending);
      live.textContent = "";
      live.classList.toggle("tool-message--error", !!error);
      // Emptied first and refilled a moment later, so the same message is announced again.
      pending = setTimeout(() => { live.textContent = text; }, 60);
    }
    // Asks before a change that cannot be undone, in the page (keyboard and screen readers reach
    // it like any other content): a question, a red "yes" and "cancel", which has the focus.
    let asking;
    function ask(question, yes, action, opener) {
      if (asking) asking.remove();
      const box = (asking = make("div", "tool-confirm")), q = make("p", "", question);
      const ok = make("button", "md-button tool-danger", yes), no = make("button", "md-button", t("cancel"));
      q.id = tool + "-confirm";
      box.setAttribute("role", "group");
      box.setAttribute("aria-labelledby", q.id);
      ok.type = no.type = "button";
      ok.dataset.action = opener.dataset.action + "-yes";
      no.dataset.action = opener.dataset.action + "-no";
      const close = () => { box.remove(); asking = null; opener.focus(); };
      ok.addEventListener("click", () => { close(); action(); });
      no.addEventListener("click", () => { close(); say(t("kept")); });
      box.addEventListener("keydown", e => { if (e.key === "Escape") { e.preventDefault(); no.click(); } });
      box.append(q, ok, no);
      buttons.after(box);
      no.focus();
    }
    function mark(el, problemKey) {
      const id = el.id + "-error";
      let box = document.getElementById(id);
      const ids = (el.getAttribute("aria-describedby") || "").split(" ").filter(x => x && x !== id);
      if (problemKey) {
        if (!box) {
          box = make("span", "tool-error");
          box.id = id;
          el.after(box);
        }
        box.textContent = t(problemKey);
        ids.push(id);
        el.setAttribute("aria-invalid", "true");
        el.dataset.error = problemKey;
      } else {
        if (box) box.remove();
        el.removeAttribute("aria-invalid");
        delete el.dataset.error;
        delete el.dataset.said;
      }
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
      else el.removeAttribute("aria-describedby");
    }
    const announce = (el, problemKey) => say(t("fieldError", { field: labelOf(el), error: t(problemKey) }), true);

    function store() {
      try {
        if (filled(state)) localStorage.setItem(key, JSON.stringify(wrap(state)));
        else localStorage.removeItem(key);
        warned = false;
      } catch (e) {
        if (!warned) say(t("noStorage"), true);
        warned = true;
      }
    }
    const set = (el, v) => {
      el.value = v;
      mark(el, "");
      if (!problem(el, v)) put(state, paths.get(el), el.value);
    };
    // An empty field with data-prefill gets its starting value (not saved until something is typed).
    const minutes = () => {
      const h = document.getElementById("estimated-time"), m = h && h.nextElementSibling && /(\d+)\s*min/.exec(h.nextElementSibling.textContent);
      return m ? m[1] : "";
    };
    const PREFILL = { date: () => stamp(new Date()), time: minutes, title: () => document.querySelector("h1").textContent.trim() };
    function show() {
      fields.forEach(el => set(el, get(state, paths.get(el)) || ""));
      fields.forEach(el => { if (!el.value && PREFILL[el.dataset.prefill]) set(el, PREFILL[el.dataset.prefill]()); });
      update();
    }
    function load() {
      let raw;
      try {
        adoptLegacy();
        raw = localStorage.getItem(key);
      } catch (e) {
        return say(t("noStorage"), true);
      }
      let found = { data: {}, bad: [] }, note = "";
      if (raw != null) {
        try {
          found = accept(JSON.parse(raw));
        } catch (e) {
          found = { error: "importBad" };
        }
      }
      if (found.error) {
        // None of it can be used here: keep it all aside (a newer version of the site may read it)
        // and start empty. The stored text is removed only once its copy is safe.
        const kept = keepAside(raw);
        if (kept) try { localStorage.removeItem(key); } catch (e) { /* it stays where it was */ }
        note = kept ? "unreadable" : "asideFailed";
        found = { data: {}, bad: [] };
      } else if (found.lost) {
        // Load what fits. The next save keeps only that, so the whole stored text is kept aside first.
        note = !keepAside(raw) ? "asideFailed" : found.bad.length ? "partlyLoaded" : "savedExtra";
      }
      state = found.data;
      show();
      found.bad.forEach(b => mark(b.el, "errSaved"));
      showCopies();
      if (note) say(t(note, { fields: and.format(found.bad.map(b => labelOf(b.el))) }), true);
      if (found.old) store(); // saved again in the current format
    }

    // Each tool's own sums (docs/assets/tools/sums/*.js, loaded before this file on the pages
    // whose definition names them) get what they need to work out results and add buttons.
    const calcs = [], changed = [];
    function update() {
      calcs.forEach(calc => calc());
    }
    const sums = {
      form, t, num, pct, make, read, value, fieldProblem, set, mark, announce, say, ask,
      onUpdate: calc => calcs.push(calc), // after any change: recompute a shown result
      onInput: handler => changed.push(handler), // after a valid entry in a field: handler(field)
      // Saves another tool's data on this device, as that tool's own page would.
      save: (name, data) => localStorage.setItem("painsite-tool:" + name, JSON.stringify({ format: FORMAT, tool: name, version: VERSION, data }))
    };
    (window.painsiteToolSums || []).forEach(setupSums => setupSums(sums));

    form.addEventListener("submit", e => e.preventDefault());
    form.addEventListener("input", e => {
      const el = e.target;
      if (!paths.has(el)) return;
      const problemKey = fieldProblem(el);
      if (!problemKey) {
        mark(el, "");
        put(state, paths.get(el), el.value);
        changed.forEach(f => f(el));
        store();
      } else if (el.dataset.error) {
        mark(el, problemKey); // keep the message right while it is being fixed
      }
      update();
    });
    // A problem is shown and announced when the person leaves the field, not while typing.
    // These messages are not about what was typed: they stay until the field is changed.
    const STICKY = ["planNeedDays", "errSaved"];
    form.addEventListener("focusout", e => {
      const el = e.target;
      if (!paths.has(el)) return;
      const problemKey = fieldProblem(el);
      if (problemKey && problemKey !== el.dataset.said) announce(el, problemKey);
      if (problemKey || !STICKY.includes(el.dataset.error)) mark(el, problemKey);
      if (problemKey) el.dataset.said = problemKey; // announced once, not again on every visit
    });

    button("print", () => {
      // The CPD record prints on its own, without the unit above it.
      if (form.dataset.print === "alone") root.classList.add("tool-print-alone");
      window.print();
    });
    window.addEventListener("afterprint", () => root.classList.remove("tool-print-alone"));
    button("exportFile", () => {
      if (!filled(state)) return say(t("nothingToExport"), true);
      const name = `${tool}-${stamp(new Date())}.json`;
      download(JSON.stringify(wrap(state), null, 2), name, "application/json");
      say(t("exported", { file: name }));
    });
    const opener = button("importFile", () => file.click());
    const clear = button("clear", () => ask(t("confirmClear"), t("clearYes"), () => {
      state = {};
      store();
      dropCopies(); // everything means everything
      show();
      showCopies();
      say(t("cleared"));
    }, clear));
    clear.classList.add("tool-danger");
    clear.setAttribute("aria-label", t("clearName"));
    file.addEventListener("change", async () => {
      const chosen = file.files[0];
      file.value = ""; // the same file can be chosen again
      if (!chosen) return;
      const fail = (problemKey, vars) => {
        opener.setAttribute("aria-describedby", live.id);
        say(t(problemKey, vars), true);
      };
      if (chosen.size > MAX_FILE) return fail("importBig");
      let found;
      try {
        found = accept(JSON.parse(await chosen.text()));
      } catch (e) {
        return fail("importBad");
      }
      // A file is all or nothing: it is still there, to fix and open again.
      if (!found.error && found.bad.length) found = { error: found.bad[0].error, field: labelOf(found.bad[0].el) };
      if (found.error) return fail(found.error, { field: found.field });
      if (!filled(found.data)) return fail("importBad");
      if (filled(state) && !confirm(t("confirmImport"))) return;
      opener.removeAttribute("aria-describedby");
      state = found.data;
      store();
      show();
      say(t("imported"));
    });
    window.addEventListener("storage", e => {
      if (e.key === key) load();
      else if (e.key == null || e.key.startsWith(ASIDE)) showCopies(); // changed in another tab
    });
    // Long answers print in full where the browser cannot grow a box to its text by CSS alone.
    const boxes = form.querySelectorAll("textarea");
    window.addEventListener("beforeprint", () => boxes.forEach(a => { a.style.height = a.scrollHeight + 4 + "px"; }));
    window.addEventListener("afterprint", () => boxes.forEach(a => { a.style.height = ""; }));
    load();
  }

  document.querySelectorAll("form.tool[data-tool]").forEach(setup);

  // "Bring to my session": other tools' saved answers, laid out to print on one page.
  document.querySelectorAll("[data-summary]").forEach(box => {
    let data = null;
    try {
      data = read(box.dataset.summary);
    } catch (e) { /* unreadable: the tool's own page keeps it aside and says so */ }
    let any = false;
    box.querySelectorAll("[data-show]").forEach(el => {
      const v = el.dataset.show.split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), data);
      el.textContent = typeof v !== "string" ? "" : /^\d{4}-\d\d-\d\d$/.test(v) ? day.format(new Date(v + "T12:00")) : v;
      any = any || !!el.textContent;
    });
    if (!any) box.prepend(make("p", "tool-empty", t("summaryEmpty")));
  });
  document.querySelectorAll("[data-slot=print]").forEach(slot => {
    const b = make("button", "md-button md-button--primary", t("print"));
    b.type = "button";
    b.addEventListener("click", () => window.print());
    slot.append(b);
  });
})();
