"""Readability gates, measured on each built page's main text."""
import pytest

from painsite import readability


@pytest.fixture(scope="module")
def scores(readability_scores):
    return readability_scores


def test_every_page_meets_its_readability_limits(scores):
    failing = [f"{s.page} [{s.lang}/{s.audience}]: {'; '.join(s.failures)}" for s in scores if not s.passed]
    assert not failing, "Pages too hard to read (see `make readability`):\n" + "\n".join(failing)


def test_every_language_and_audience_was_measured(scores):
    measured = {(s.lang, s.audience) for s in scores}
    for lang in ("en", "pl", "ur"):
        assert (lang, "participants") in measured, f"no {lang} participant page was scored"
    assert ("en", "professionals") in measured or ("en", "gps") in measured


def test_measures_main_text_only():
    html = """<html lang="en"><body><nav><p>Menu words that should not count at all here.</p></nav>
    <article class="md-content__inner"><h2>What is pacing?</h2><p>Pacing helps you. It is simple.</p>
    <pre><code>code is ignored entirely in every case</code></pre>
    <footer class="page-info"><p>Sources list is not counted either way.</p></footer></article></body></html>"""
    units = readability.units(html)
    assert units == ["What is pacing?", "Pacing helps you. It is simple."]


def test_hard_text_fails_and_plain_text_passes():
    hard = ["Notwithstanding considerable heterogeneity, multidisciplinary biopsychosocial rehabilitation "
            "demonstrates statistically significant improvements in health-related quality-of-life outcomes."]
    plain = ["Pain is your body's alarm.", "It can get too loud.", "You can learn to turn it down."]
    assert not readability.score_text(hard, "en", "participants").passed
    assert readability.score_text(plain, "en", "participants").passed


def test_sentences_split_after_quotes_and_urdu_full_stops():
    assert len(readability.sentences(['She asked, "What helps?" Then we talked.'])) == 2
    assert len(readability.sentences(["درد ایک الارم ہے۔ آپ اسے کم کر سکتے ہیں۔"])) == 2


def test_polish_and_urdu_use_language_fit_measures():
    polish = readability.score_text(["Ból to sygnał alarmowy.", "Możesz nauczyć się go ściszać."], "pl", "participants")
    urdu = readability.score_text(["درد ایک الارم ہے۔", "آپ اسے کم کر سکتے ہیں۔"], "ur", "participants")
    assert polish.fre is None and polish.lix is not None
    assert urdu.fre is None and urdu.lix is None and urdu.wps > 0


def test_textstat_does_not_download(monkeypatch):
    import nltk

    monkeypatch.setattr(nltk, "download", lambda *a, **k: pytest.fail("textstat tried to download cmudict"))
    score = readability.score_text(["Pacing helps you do more."], "en", "participants")
    assert score.fre is not None
