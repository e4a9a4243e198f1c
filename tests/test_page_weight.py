"""Page weight budgets for a slow phone (measured, gzip): first visit <= 120 KB (Urdu, with its
font, <= 200 KB), repeat <= 15 KB."""
from dataclasses import asdict

import pytest

from conftest import once_per_run
from page_weight import PAGES, REPEAT_BUDGET, first_budget
from painsite.page_weight import Weight, measure

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def weights(tmp_path_factory, built_site, browser):
    """Measured once per run, even when these tests land on different parallel workers."""
    pages = PAGES + ["pl/participants/understanding-pain/", "ur/participants/understanding-pain/",
                     "ur/", "ur/tools/pacing-planner/"]
    data = once_per_run(tmp_path_factory, "page-weight",
                        lambda: [asdict(w) for w in measure(built_site, pages, browser=browser)])
    return [Weight(**item) for item in data]


def test_first_and_repeat_visits_stay_within_budget(weights):
    over = [f"{w.page}: first {w.first_visit / 1024:.1f} KB, repeat {w.repeat_visit / 1024:.1f} KB"
            for w in weights if w.first_visit > first_budget(w.page) or w.repeat_visit > REPEAT_BUDGET]
    assert not over, "Over budget (run `python scripts/page_weight.py --files`):\n" + "\n".join(over)


def test_search_index_is_not_loaded_on_a_page_view(weights):
    for weight in weights:
        assert not any(path.endswith("search_index.json") for path in weight.files), weight.page


def test_no_request_leaves_the_site(weights):
    for weight in weights:
        assert not weight.other_origins, f"{weight.page} asked another origin for {weight.other_origins}"


def test_only_urdu_pages_load_a_web_font_and_it_is_the_cut_down_nastaliq(weights):
    for weight in weights:
        fonts = [path for path in weight.files if path.endswith((".woff", ".woff2", ".ttf", ".otf"))]
        if weight.page.startswith("ur/"):
            assert len(fonts) == 1 and "/assets/fonts/noto-nastaliq-urdu." in fonts[0], (weight.page, fonts)
            assert weight.files[fonts[0]] <= 120 * 1024, f"the Urdu font is {weight.files[fonts[0]]} bytes"
        else:
            assert not fonts, f"{weight.page} loads {fonts}"
