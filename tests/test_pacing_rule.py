"""One pacing rule everywhere: the sums the pages state are the sums the pacing planner does.

The rule, in the same words on every page that teaches it (the glossary's 'baseline', the pacing
and exercise pages, the pacing planner page and the professionals' pacing unit):

    time an activity on a few days; average = total minutes / number of days;
    baseline = the average minus a fifth (80% of it), rounded to whole minutes;
    week 1 is the baseline; each later week adds about 10% of the baseline, rounded to whole
    minutes and at least 1 minute (the same step every week).

The planner (docs/assets/tools/sums/pacing.js, `plan`) rounds with JavaScript's Math.round,
which rounds halves up: `js_round` below does the same, so the expected figures match it exactly.

The worked examples are read from the pages themselves, so a page that changes its figures, or a
planner that changes its sums (say 75% instead of 80%), fails here. The last test proves that: it
serves the planner a copy of its sums with the rule changed and checks that the comparison fails.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from conftest import fid
from painsite import worksheets

ROOT = Path(__file__).resolve().parents[1]
EN = ROOT / "docs" / "en"
PACING = EN / "participants" / "pacing.md"
EXERCISE = EN / "participants" / "exercise.md"
PLANNER_PAGE = EN / "tools" / "pacing-planner.md"
PROFESSIONALS = EN / "professionals" / "pacing-and-graded-activity.md"
GLOSSARY = ROOT / "docs" / "includes" / "glossary-en.md"
PACING_JS = ROOT / "docs" / "assets" / "tools" / "sums" / "pacing.js"

FACTOR = 0.8      # baseline = 80% of the average ("take away a fifth")
STEP_SHARE = 10   # each week adds about 10% of the baseline (base / 10)
WEEKS = 6         # the planner's weekly table has 6 rows
# The planner's limit for one entry: its minutes fields' kind, from the worksheet definitions.
MAX_MINUTES = worksheets.number_kinds()[worksheets.definition("pacing-planner").parts["weeks"]["columns"]["target"]["type"]]["max"]


# ----------------------------------------------------------------------------------- the rule
def js_round(x: float) -> int:
    """Math.round for the numbers the planner sees (never negative): halves go up."""
    return math.floor(x + 0.5)


def rule(days: list[int], weeks: int = WEEKS) -> tuple[float, int, list[int]]:
    """The rule the pages state: (average, baseline, minutes for each week)."""
    average = sum(days) / len(days)
    base = max(1, js_round(average * FACTOR))
    step = max(1, js_round(base / STEP_SHARE))
    return average, base, [min(MAX_MINUTES, base + i * step) for i in range(weeks)]


# ------------------------------------------------------------------- what the pages state
def text(path: Path) -> str:
    """The page's Markdown with line breaks and repeated spaces made single spaces."""
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


def numbers(phrase: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", phrase)]


def found(pattern: str, where: str, page: Path) -> re.Match:
    match = re.search(pattern, where)
    assert match, f"{page.relative_to(ROOT)} no longer has the figure this test reads ({pattern!r})"
    return match


def pacing_example() -> dict:
    """Dev's worked example on the pacing page: his days, then what the page says they give."""
    raw = PACING.read_text(encoding="utf-8")
    days = [int(m) for m in re.findall(
        r"^\|\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*\|\s*(\d+)\s*\|", raw, re.M)]
    assert len(days) >= 3, "the pacing page's table of Dev's days is missing"
    flat = text(PACING)
    return {
        "days": days,
        "total": int(found(r"The total is (\d+) minutes", flat, PACING)[1]),
        "average": float(found(r"an average of (\d+(?:\.\d+)?) minutes", flat, PACING)[1]),
        "baseline": int(found(r"His baseline is \*\*(\d+) minutes\*\*", flat, PACING)[1]),
        "weeks": [int(m) for _, m in sorted(
            (int(w), m) for w, m in re.findall(r"^- week (\d+): (\d+) minutes a day", raw, re.M))],
    }


def stated_examples() -> list[tuple[str, float, int, list[int]]]:
    """(where, average, baseline, the weeks it states) for every other worked example."""
    examples = []
    flat = text(EXERCISE)  # Tom: an average of 5 minutes
    examples.append(("exercise page, Tom",
                     float(found(r"His average was (\d+) minutes", flat, EXERCISE)[1]),
                     int(found(r"his baseline was (\d+) minutes", flat, EXERCISE)[1]),
                     numbers(found(r"His plan was ([\d, and then]+) minutes", flat, EXERCISE)[1])))
    flat = text(PLANNER_PAGE)  # Dev again, as the planner page tells it
    examples.append(("pacing planner page, Dev",
                     float(found(r"His average is (\d+) minutes", flat, PLANNER_PAGE)[1]),
                     int(found(r"his baseline is (\d+) minutes", flat, PLANNER_PAGE)[1]),
                     numbers(found(r"So his plan is ([\d, and]+) minutes", flat, PLANNER_PAGE)[1])))
    flat = text(PROFESSIONALS)
    m = found(r"an average of (\d+) minutes gives a baseline of (\d+) minutes, then ([\d, and]+) minutes",
              flat, PROFESSIONALS)
    examples.append(("professionals' unit, the rule", float(m[1]), int(m[2]), [int(m[2])] + numbers(m[3])))
    m = found(r"an average of (\d+) minutes before pain builds\. A fifth of \d+ is \d+, so he starts with "
              r"(\d+) minutes.*?he adds (\d+) minutes a week", flat, PROFESSIONALS)
    base, step = int(m[2]), int(m[3])
    examples.append(("professionals' unit, Dev", float(m[1]), base, [base, base + step, base + 2 * step]))
    return examples


def check_plan(average_shown: str, base: int, weeks: list[int], average: float, baseline: int,
               stated_weeks: list[int], where: str):
    """The planner's figures agree with what a page states."""
    shown = float(average_shown.replace(",", ""))  # "1,440": the planner groups thousands
    assert shown == pytest.approx(average, abs=0.05), f"{where}: the planner shows an average of {shown}"
    assert base == baseline, f"{where}: the planner's baseline is {base}, the page says {baseline}"
    assert weeks[:len(stated_weeks)] == stated_weeks, \
        f"{where}: the planner's weeks are {weeks}, the page says {stated_weeks}"


# --------------------------------------------------------------------- the pages, no browser
def test_the_pages_worked_examples_follow_the_rule():
    dev = pacing_example()
    assert sum(dev["days"]) == dev["total"], "Dev's minutes do not add up to the total the page states"
    average, base, weeks = rule(dev["days"])
    assert dev["average"] == pytest.approx(average)
    assert dev["baseline"] == base
    assert len(dev["weeks"]) >= 3 and dev["weeks"] == weeks[:len(dev["weeks"])]

    for where, avg, baseline, stated in stated_examples():
        expected_average, base, weeks = rule([avg])  # one "day" with that average gives the same sums
        assert baseline == base, f"{where}: the page says a baseline of {baseline}, the rule gives {base}"
        assert stated == weeks[:len(stated)], f"{where}: the page says {stated}, the rule gives {weeks}"


# Phrases of the old, conflicting definitions: a baseline set by a bad day, or a build-up of
# "10% a week" that reads as 10% more than last week (the planner adds 10% of the baseline).
OLD_RULES = ["on a bad day without", "good day or a bad day without", "how much can you do on a bad day",
             "about 10% a week", "adding about 10% a week", "3 to 5 days"]


@pytest.mark.parametrize("page", [PACING, EXERCISE, PLANNER_PAGE, PROFESSIONALS, GLOSSARY],
                         ids=lambda p: p.name)
def test_every_page_states_the_same_rule(page):
    flat = text(page)
    if page == GLOSSARY:
        flat = found(r"\*\[baseline\]: [^*]+", flat, page)[0]
    for phrase in ("a fifth", "80%", "10% of"):
        assert phrase in flat, f"{page.relative_to(ROOT)} does not state the rule ('{phrase}' is missing)"
    for old in OLD_RULES:
        assert old not in flat.lower(), f"{page.relative_to(ROOT)} still has an old pacing rule: '{old}'"


def test_the_planner_script_is_the_rule_this_test_checks():
    """If the plan handler is rewritten, the mutation test below must be pointed at the new code."""
    js = PACING_JS.read_text(encoding="utf-8")
    assert "* 0.8)" in js and "Math.round(base / 10)" in js


# ----------------------------------------------------------------------- the planner, Chromium
DAY_SETS = [
    [20, 25, 15, 20, 20],          # Dev on the pacing page
    [5, 5, 5],                     # Tom: the smallest step is 1 minute
    [7, 8],                        # average 7.5: baseline 6
    [3],                           # baseline 2, step 1
    [1],                           # baseline never below 1
    [44, 45],                      # 35.6 rounds up to 36, step 3.6 rounds up to 4
    [12, 13, 13],                  # 12.67 * 0.8 = 10.13: 10, step 1
    [30, 31, 29, 30, 30, 31, 29],  # all 7 days
    [1440, 1440],                  # the weeks stop at the planner's limit
]


def open_planner(page, server_url):
    page.goto(f"{server_url}tools/pacing-planner/", wait_until="domcontentloaded")
    page.wait_for_selector("form.tool .tool-bar")


def planner(page, days: list[int]) -> tuple[str, int, list[int]]:
    """Type the days into the planner, read what it worked out.

    The page must be fresh (the `page` fixture gives each test an empty browser context): with
    days already saved, the figures would be worked out from those days as well.
    """
    assert not any(page.input_value("#" + fid("pacing-planner", "weeks", i, "target")) for i in range(1, WEEKS + 1)), \
        "the planner already holds a plan: use a fresh browser context"
    for i, minutes in enumerate(days, 1):
        page.fill("#" + fid("pacing-planner", "days", i, "minutes"), str(minutes))
    page.keyboard.press("Tab")
    average = page.inner_text("#" + fid("pacing-planner", "average"))
    # The plan fills in as the days are typed (read-only fields): there is no button to press.
    page.wait_for_function(f"document.querySelector('#{fid('pacing-planner', 'baseline')}').value !== ''")
    base = int(page.input_value("#" + fid("pacing-planner", "baseline")))
    weeks = [int(page.input_value("#" + fid("pacing-planner", "weeks", i, "target"))) for i in range(1, WEEKS + 1)]
    return average, base, weeks


@pytest.mark.browser
def test_the_planner_does_the_sums_the_pacing_page_states(page, server_url):
    dev = pacing_example()
    open_planner(page, server_url)
    average, base, weeks = planner(page, dev["days"])
    check_plan(average, base, weeks, dev["average"], dev["baseline"], dev["weeks"], "pacing page, Dev")
    assert weeks == rule(dev["days"])[2]


@pytest.mark.browser
@pytest.mark.parametrize("days", DAY_SETS, ids=lambda d: "-".join(map(str, d)))
def test_the_planner_follows_the_rule_for_any_days(page, server_url, days):
    open_planner(page, server_url)
    average, base, weeks = planner(page, days)
    expected_average, expected_base, expected_weeks = rule(days)
    check_plan(average, base, weeks, expected_average, expected_base, expected_weeks, f"days {days}")


@pytest.mark.browser
@pytest.mark.parametrize("change", [("* 0.8)", "* 0.75)"), ("Math.round(base / 10)", "Math.round(base / 5)")],
                         ids=["baseline-75-percent", "step-20-percent"])
def test_a_changed_planner_rule_is_caught(page, server_url, change):
    """Serve the planner its sums with the rule changed: the check above must then fail."""
    old, new = change
    source = PACING_JS.read_text(encoding="utf-8")
    assert old in source, f"sums/pacing.js no longer contains {old!r}: update this test with the plan handler"

    def changed_script(route):
        route.fulfill(status=200, content_type="text/javascript", body=source.replace(old, new))
    page.route("**/assets/tools/sums/pacing.js*", changed_script)

    dev = pacing_example()
    open_planner(page, server_url)
    average, base, weeks = planner(page, dev["days"])
    with pytest.raises(AssertionError):
        check_plan(average, base, weeks, dev["average"], dev["baseline"], dev["weeks"], "pacing page, Dev")
