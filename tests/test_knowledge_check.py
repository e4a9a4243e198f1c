"""Knowledge checks on the training units (docs/assets/knowledge-check.js, issue 16 item 9):
without JavaScript a question is a folded box with its choices and answer; with it, a radio group
with a legend, feedback announced in an aria-live region, and a score at the end."""
from __future__ import annotations

from pathlib import Path

from conftest import axe_run

UNITS = sorted(p.stem for p in Path("docs/en/professionals").glob("*.md")
               if "page_type: training" in p.read_text(encoding="utf-8"))


def test_every_unit_question_has_one_right_choice():
    import re
    for unit in UNITS:
        text = Path(f"docs/en/professionals/{unit}.md").read_text(encoding="utf-8")
        section = text.split("{ #knowledge-check }", 1)[1].split("\n## ", 1)[0]
        questions = section.split('??? question "')[1:]
        assert questions, unit
        for question in questions:
            assert len(re.findall(r'class="kc-right"', question)) == 1, f"{unit}: {question[:80]}"


def test_without_javascript_the_questions_are_folded_boxes(browser, built_site, server_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server_url}professionals/sleep/")
    assert page.locator("#knowledge-check ~ details.question").count() == 4
    assert page.locator("form.kc-question").count() == 0
    context.close()


def test_choose_check_feedback_and_score_with_the_keyboard(browser, built_site, server_url):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{server_url}professionals/sleep/")
    forms = page.locator("form.kc-question")
    assert forms.count() == 4
    assert page.locator("#knowledge-check ~ details.question:visible").count() == 0
    first = forms.nth(0)
    assert first.locator("fieldset legend").inner_text().startswith("1. Which is the stronger predictor")
    # Check with nothing chosen: asked to choose.
    first.locator("button").focus()
    page.keyboard.press("Enter")
    assert first.locator(".kc-feedback").inner_text() == "Choose an answer first."
    # Keyboard only: focus the first choice (the right one), confirm with Space, then submit.
    first.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # Enter in a radio group submits its form
    feedback = first.locator(".kc-feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    assert feedback.inner_text().startswith("Right.")
    assert "Finan" in feedback.inner_text()  # the page's own explanation
    assert page.evaluate("document.activeElement.classList.contains('kc-feedback')")
    # A wrong answer for each of the others.
    for i in range(1, 4):
        form = forms.nth(i)
        radios = form.locator("input[type=radio]")
        right = form.evaluate("f => [...f.querySelectorAll('input')].findIndex(i => i.dataset.right)")
        assert right == -1  # which choice is right is not in the markup the reader can inspect
        wrong = {1: 0, 2: 1, 3: 0}[i]  # the right ones are the 2nd, 1st and 3rd choices
        radios.nth(wrong).check()
        form.locator("button").click()
        assert form.locator(".kc-feedback").inner_text().startswith("Not quite.")
    assert page.locator(".kc-score").inner_text() == "Your score: 1 out of 4"
    assert page.locator(".kc-score").get_attribute("aria-live") == "polite"
    violations = axe_run(page).response["violations"]
    assert not violations, _describe(violations)
    context.close()


def _describe(violations) -> str:
    return "\n".join(f"{v['id']}: {n['html'][:160]} {n.get('failureSummary', '')[:300]}"
                     for v in violations for n in v["nodes"])
