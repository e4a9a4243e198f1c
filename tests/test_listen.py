"""'Listen to this page' (docs/assets/listen.js, issue 16 item 8), in Chromium with the Web Speech
API replaced by a stub: getVoices() returns the voices a test chooses, and speak, pause, resume
and cancel are recorded. Only a voice that runs on the device (localService) may be used; with
none for the page's language the button never shows."""
from __future__ import annotations

import json

import pytest

from conftest import axe_run
from painsite import languages

LOCAL_EN = {"name": "Device English", "lang": "en-GB", "localService": True, "default": True}
NETWORK_EN = {"name": "Cloud English", "lang": "en-US", "localService": False, "default": False}
LOCAL_PL = {"name": "Device Polish", "lang": "pl-PL", "localService": True, "default": False}
NETWORK_PL = {"name": "Cloud Polish", "lang": "pl-PL", "localService": False, "default": False}
LOCAL_UR = {"name": "Device Urdu", "lang": "ur-PK", "localService": True, "default": False}

STUB = """
(() => {
  const voices = %s;
  const record = window.__speech = {spoken: [], calls: []};
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.voice = null; this.lang = ""; this.onend = null; }
  };
  const synth = {
    getVoices: () => voices,
    speak: (u) => { record.calls.push("speak");
                    record.spoken.push({text: u.text, voice: u.voice && u.voice.name, lang: u.lang}); },
    pause: () => record.calls.push("pause"),
    resume: () => record.calls.push("resume"),
    cancel: () => record.calls.push("cancel"),
    addEventListener: () => {},
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
})();
"""


def _open(browser, server_url, path, voices):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.add_init_script(STUB % json.dumps(voices))
    page = context.new_page()
    page.goto(f"{server_url}{path}")
    page.wait_for_load_state("load")
    return context, page


def test_reads_with_the_local_voice_only_and_pauses_and_stops(browser, built_site, server_url):
    context, page = _open(browser, server_url, "participants/pacing/", [NETWORK_EN, LOCAL_EN])
    start = page.locator(".listen__start")
    assert start.is_visible() and start.inner_text() == "Listen to this page"
    assert not page.locator(".listen__pause").is_visible()
    start.focus()
    page.keyboard.press("Enter")  # keyboard only
    record = page.evaluate("window.__speech")
    assert record["spoken"], "nothing was spoken"
    assert {s["voice"] for s in record["spoken"]} == {"Device English"}
    title = page.locator("h1").first.inner_text().strip()
    assert title in [s["text"] for s in record["spoken"][:3]]  # the title, near the start
    assert not any("Listen to this page" in s["text"] for s in record["spoken"])
    pause = page.locator(".listen__pause")
    assert pause.is_visible() and not start.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('listen__pause')")
    assert page.locator(".listen__status").get_attribute("aria-live") == "polite"
    page.keyboard.press("Enter")
    assert page.evaluate("window.__speech.calls").count("pause") == 1
    assert pause.inner_text() == "Carry on"
    assert page.locator(".listen__status").inner_text() == "Paused."
    page.keyboard.press("Enter")
    assert "resume" in page.evaluate("window.__speech.calls")
    assert pause.inner_text() == "Pause"
    page.locator(".listen__stop").click()
    assert page.evaluate("window.__speech.calls")[-1] == "cancel"
    assert start.is_visible() and not pause.is_visible()
    assert page.locator(".listen__status").inner_text() == "Stopped."
    context.close()


@pytest.mark.parametrize("voices", [[NETWORK_EN], [LOCAL_PL, LOCAL_UR, NETWORK_EN], []],
                         ids=["network-only", "no-english-voice", "no-voice"])
def test_hidden_without_a_local_voice_for_the_language(browser, built_site, server_url, voices):
    context, page = _open(browser, server_url, "participants/pacing/", voices)
    assert page.locator(".listen").count() == 0
    context.close()


@pytest.mark.parametrize("code,voices,voice", [("pl", [NETWORK_PL, LOCAL_EN, LOCAL_PL], "Device Polish"),
                                               ("ur", [LOCAL_EN, LOCAL_UR], "Device Urdu")])
def test_polish_and_urdu_use_a_voice_of_their_language(browser, built_site, server_url, code, voices, voice):
    context, page = _open(browser, server_url, f"{code}/participants/understanding-pain/", voices)
    start = page.locator(".listen__start")
    assert start.inner_text() == languages.ui(code)["listen"]
    start.click()
    spoken = page.evaluate("window.__speech.spoken")
    assert spoken and {s["voice"] for s in spoken} == {voice}
    context.close()


def test_polish_page_without_a_polish_voice_has_no_button(browser, built_site, server_url):
    context, page = _open(browser, server_url, "pl/participants/understanding-pain/", [LOCAL_EN, NETWORK_PL])
    assert page.locator(".listen").count() == 0
    context.close()


def test_listen_controls_pass_axe(browser, built_site, server_url):
    context, page = _open(browser, server_url, "participants/pacing/", [LOCAL_EN])
    violations = axe_run(page, ".listen").response["violations"]
    assert not violations, _describe(violations)
    page.locator(".listen__start").click()
    page.wait_for_timeout(200)
    page.evaluate("document.getAnimations().forEach(a => a.finish())")  # the button's fade
    violations = axe_run(page).response["violations"]
    assert not violations, _describe(violations)
    context.close()


def test_listen_controls_pass_axe_in_the_dark_palette(browser, built_site, server_url):
    context, page = _open(browser, server_url, "participants/pacing/", [LOCAL_EN])
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'", timeout=5000)
    page.evaluate("document.getAnimations().forEach(a => a.finish())")
    page.locator(".listen__start").click()
    page.wait_for_timeout(200)
    page.evaluate("document.getAnimations().forEach(a => a.finish())")  # the button's fade
    violations = axe_run(page, ".listen").response["violations"]
    assert not violations, _describe(violations)
    context.close()


def _describe(violations) -> str:
    return "\n".join(f"{v['id']}: {n['html'][:160]} {n.get('failureSummary', '')[:300]}"
                     for v in violations for n in v["nodes"])
