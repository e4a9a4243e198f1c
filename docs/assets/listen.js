// "Listen to this page": reads the page's main text aloud with the device's own speech voices
// (Web Speech API). Only voices that run on the device (voice.localService) are used, so the text
// never goes to a speech service on the internet. The button is added by this script, and only
// when the device has such a voice for the page's language: without JavaScript, or without a
// voice, nothing shows. Interface words come from the script tag's data-* attributes (extra.ui).
(function () {
  var script = document.currentScript;
  var synth = window.speechSynthesis;
  if (!script || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;
  var words = script.dataset;
  var controls = null;

  function article() {
    return document.querySelector(".md-content article") || document.querySelector("article");
  }

  // The language of the text: a page shown in English on a Polish or Urdu site is wrapped in
  // a lang="en" block (overrides/main.html).
  function textLanguage(root) {
    var wrapped = root.querySelector(":scope > [lang]");
    var lang = (wrapped || document.documentElement).getAttribute("lang") || "";
    return lang.toLowerCase().split("-")[0];
  }

  function localVoice(lang) {
    var voices = synth.getVoices() || [];
    var matching = voices.filter(function (voice) {
      return voice.localService === true &&
        String(voice.lang || "").toLowerCase().replace("_", "-").split("-")[0] === lang;
    });
    return matching.filter(function (voice) { return voice.default; })[0] || matching[0] || null;
  }

  // The readable text, one piece per heading, paragraph, list item or table cell, in page order.
  // Worksheet and record forms are for filling in, not for reading out; a knowledge check's
  // question (its legend) is read.
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,summary,figcaption,legend";
  var SKIP = ".listen, .headerlink, .md-content__button, .md-source-file, script, style, svg, " +
    "form:not(.kc-question), input, select, textarea, button, [hidden], [aria-hidden=true]";

  function pieces(root) {
    var list = [];
    root.querySelectorAll(BLOCKS).forEach(function (element) {
      if (element.closest(SKIP)) return;
      var parent = element.parentElement && element.parentElement.closest(BLOCKS);
      if (parent && root.contains(parent)) return; // read once, as part of its list item or cell
      var details = element.closest("details");
      if (details && !details.open && element.tagName !== "SUMMARY") return; // folded away
      var copy = element.cloneNode(true);
      copy.querySelectorAll(SKIP).forEach(function (node) { node.remove(); });
      var text = copy.textContent.replace(/\s+/g, " ").trim();
      if (text) list.push(text);
    });
    return list;
  }

  function button(label, className) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "md-button " + className;
    element.textContent = label;
    return element;
  }

  function build(root, voice, lang) {
    var box = document.createElement("div");
    box.className = "listen";
    var start = button(words.listen, "md-button--primary listen__start");
    var pause = button(words.pause, "listen__pause");
    var stop = button(words.stop, "listen__stop");
    var status = document.createElement("p");
    status.className = "listen__status";
    status.setAttribute("aria-live", "polite");
    var paused = false;

    function show(speaking) {
      start.hidden = speaking;
      pause.hidden = !speaking;
      stop.hidden = !speaking;
    }
    function finish(message) {
      paused = false;
      pause.textContent = words.pause;
      var hadFocus = box.contains(document.activeElement);
      show(false);
      status.textContent = message || "";
      if (hadFocus) start.focus();
    }

    start.addEventListener("click", function () {
      synth.cancel();
      var texts = pieces(root);
      texts.forEach(function (text, i) {
        var utterance = new SpeechSynthesisUtterance(text);
        utterance.voice = voice; // always the device's own voice, never the browser's default
        utterance.lang = voice.lang || lang;
        if (i === texts.length - 1) {
          utterance.onend = function () { finish(""); };
        }
        synth.speak(utterance);
      });
      paused = false;
      show(true);
      status.textContent = words.reading;
      pause.focus();
    });
    pause.addEventListener("click", function () {
      if (paused) {
        synth.resume();
        paused = false;
        pause.textContent = words.pause;
        status.textContent = words.reading;
      } else {
        synth.pause();
        paused = true;
        pause.textContent = words.resume;
        status.textContent = words.paused;
      }
    });
    stop.addEventListener("click", function () {
      synth.cancel();
      finish(words.stopped);
    });
    window.addEventListener("pagehide", function () { synth.cancel(); });

    box.appendChild(start);
    box.appendChild(pause);
    box.appendChild(stop);
    box.appendChild(status);
    show(false);
    return box;
  }

  function update() {
    var root = article();
    if (!root) return;
    var lang = textLanguage(root);
    var voice = localVoice(lang);
    if (controls && !voice) {
      synth.cancel();
      controls.remove();
      controls = null;
    }
    if (!voice || controls) return;
    controls = build(root, voice, lang);
    var title = root.querySelector("h1");
    if (title) title.insertAdjacentElement("afterend", controls);
    else root.insertBefore(controls, root.firstChild);
  }

  update();
  if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", update);
})();
