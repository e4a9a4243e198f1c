"""Lighthouse (mobile, simulated slow 4G on a mid-range phone) gives at least 95 in performance,
accessibility, best practices and SEO on Home, a module and a tool, served by nginx with the
project's configuration (gzip, caching), as in production.

Lighthouse's performance score reads CPU time from a real trace, so these run on their own before
the rest of the suite (`make test` runs `-m lighthouse` first), not beside busy test workers.
A page under 95 in a first run is judged on the median of five runs: Lighthouse's own guidance on
score variability (docs/variability.md) finds the median of 5 runs twice as stable as one run. `python scripts/lighthouse.py` prints single runs for every language.
"""
import pytest

from painsite import lighthouse, nginx

pytestmark = pytest.mark.lighthouse

TARGET = 95
# Every kind of page in English; Urdu's, which carry the Nastaliq font, are the heaviest.
PAGES = ["", "participants/pacing/", "tools/pacing-planner/", "ur/participants/pacing/", "ur/tools/pacing-planner/"]


@pytest.fixture(scope="module")
def served(built_site, tmp_path_factory):
    try:
        with nginx.serve(built_site, tmp_path_factory.mktemp("lighthouse-nginx")) as (url, _):
            yield url
    except nginx.NginxError as exc:
        pytest.fail(str(exc))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p or "home")
def test_lighthouse_mobile_scores(served, page):
    try:
        report = lighthouse.audit(served + page, page)
        if any(score < TARGET for score in report.scores.values()):
            # Scores vary from run to run, with the machine's speed above all: a page near the line
            # is judged on the median of five, which Lighthouse finds twice as stable as one run.
            report = lighthouse.median([report] + [lighthouse.audit(served + page, page) for _ in range(4)])
    except lighthouse.LighthouseError as exc:
        pytest.fail(str(exc))
    low = {name: score for name, score in report.scores.items() if score < TARGET}
    assert set(report.scores) == set(lighthouse.CATEGORIES)
    assert not low, f"{report.page}: {low}\n" + "\n".join(report.weak)
