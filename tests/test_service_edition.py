"""The service edition: profiles are checked like pages, each edition carries its own service's
details and nothing of another's, and a clinical sign-off covers only the text that was read."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from painsite import build as site_build
from painsite import languages, service, signoff
from painsite.paths import DOCS

BAD = Path(__file__).parent / "fixtures" / "bad" / "services"
DEFAULT = service.load()  # the edition the real build makes (extra.service in mkdocs.yml)


# --- Profiles --------------------------------------------------------------------------------

@pytest.mark.parametrize("service_id", service.available())
def test_every_profile_passes_its_schema(service_id):
    assert service.problems(service.SERVICES / f"{service_id}.yml") == []


# (fixture, what the message must say, the line it must name)
CASES = [
    ("missing_phone.yml", "missing the field 'phone'", 1),
    ("bad_phone.yml", "'phone' is not valid", 9),
    ("bad_postcode.yml", "'address.postcode' is not valid", 13),
    ("unknown_key.yml", "Unknown field 'teem'", 26),
    ("alias_bomb.yml", "YAML anchor (&roles)", 26),
    ("html_in_text.yml", "'organisation' contains < or >", 7),
]


@pytest.mark.parametrize("fixture,message,line", CASES, ids=[c[0] for c in CASES])
def test_a_bad_profile_gets_one_clear_message(fixture, message, line):
    found = service.problems(BAD / fixture)
    matching = [p for p in found if message in str(p)]
    assert matching, f"expected '{message}', got {[str(p) for p in found]}"
    text = str(matching[0])
    assert text.startswith(f"tests/fixtures/bad/services/{fixture}:{line}: ")
    assert "Fix: " in text and len(text.split("Fix: ")[1]) > 15


def test_an_unknown_service_names_the_ones_there_are():
    with pytest.raises(service.ServiceError) as caught:
        service.load("no-such-service")
    assert "There is no service profile 'no-such-service'" in str(caught.value)
    assert "mersey-care" in str(caught.value) and "example" in str(caught.value)


def test_a_build_for_an_unknown_service_stops_with_that_message(tmp_path):
    result = site_build.build(tmp_path / "site", languages=["en"],
                              extra_env={service.SERVICE_ENV: "no-such-service"})
    assert result.returncode != 0
    assert "There is no service profile 'no-such-service'" in result.output
    assert "Traceback" not in result.output


# --- Sign-offs -------------------------------------------------------------------------------

@pytest.fixture
def signed_docs(tmp_path, monkeypatch):
    """A git repository holding one English page, with sign-offs kept beside it."""
    docs = tmp_path / "docs"
    (docs / "en" / "participants").mkdir(parents=True)
    page = docs / "en" / "participants" / "pacing.md"
    shutil.copy(DOCS / "en" / "participants" / "pacing.md", page)
    monkeypatch.setattr(signoff, "REVIEWS", tmp_path / "reviews")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "page"], check=True)
    return docs, page, git


def _status(docs, rel="participants/pacing.md"):
    return next(r for r in signoff.status("mersey-care", docs) if r.lang == "en" and r.page == rel)


def test_a_sign_off_covers_the_text_that_was_read(signed_docs):
    docs, page, git = signed_docs
    assert _status(docs).status == "never checked"
    record, where = signoff.add("mersey-care", page, "Test Reviewer", "Physiotherapist",
                                registration="HCPC PH000000", date="2026-11-30", docs=docs)
    assert where == signoff.REVIEWS / "mersey-care" / "en.yml"
    assert signoff.current("mersey-care", "en", "participants/pacing.md", docs) == record
    assert _status(docs).status == "signed off"
    assert _status(docs).reviewer == "Test Reviewer, Physiotherapist, 2026-11-30"

    # Bookkeeping in the front matter does not undo the sign-off...
    page.write_text(re.sub(r"^reviewed: .*$", "reviewed: 2026-11-29", page.read_text(), count=1, flags=re.M))
    assert signoff.current("mersey-care", "en", "participants/pacing.md", docs) == record

    # ...but any edit of the text does, and the page shows as changed since its sign-off.
    subprocess.run(git + ["commit", "-q", "-am", "dates"], check=True)
    page.write_text(page.read_text() + "\nOne more sentence, added after the sign-off.\n")
    assert signoff.current("mersey-care", "en", "participants/pacing.md", docs) is None
    assert _status(docs).status == "changed since sign-off"


def test_a_sign_off_of_a_page_that_does_not_exist_is_refused(signed_docs):
    docs, page, _ = signed_docs
    signoff.add("mersey-care", page, "Test Reviewer", "Physiotherapist", docs=docs)
    records = signoff.REVIEWS / "mersey-care" / "en.yml"
    records.write_text(records.read_text().replace("participants/pacing.md", "participants/nowhere.md"))
    with pytest.raises(signoff.SignOffError) as caught:
        signoff.load("mersey-care", "en", docs)
    assert "nowhere.md, which does not exist" in str(caught.value)
    assert str(caught.value).startswith(str(records)) or "reviews/mersey-care/en.yml" in str(caught.value)


def test_a_sign_off_whose_hash_matches_no_version_is_refused(signed_docs):
    docs, page, _ = signed_docs
    record, records = signoff.add("mersey-care", page, "Test Reviewer", "Physiotherapist", docs=docs)
    records.write_text(records.read_text().replace(record.text_hash, "0123456789abcdef"))
    with pytest.raises(signoff.SignOffError) as caught:
        signoff.load("mersey-care", "en", docs)
    assert "matches no version of that page" in str(caught.value)
    assert "make sign-off" in str(caught.value)


def test_no_page_is_signed_off_yet():
    """No real sign-off exists: every page of the real site says it is not yet checked."""
    for lang in languages.codes():
        assert signoff.load(DEFAULT.id, lang) == {}, f"reviews/{DEFAULT.id}/{lang}.yml"


def test_review_status_command_prints_every_language():
    out = subprocess.run(["python", "scripts/review.py", "status", "--today", "2026-11-30"],
                         cwd=DOCS.parent, capture_output=True, text=True, check=True).stdout
    for lang in languages.codes():
        assert re.search(rf"^\| {lang} \| \d+ \| 0 \| 0 \| \d+ \| 0 \|$", out, re.M), out
    assert "details last confirmed 2025-05-29" in out and "Needs confirming" in out


# --- Where the profile appears in the built site --------------------------------------------

def _html(site: Path, lang: str, path: str) -> str:
    prefix = languages.by_code(lang).prefix
    return (site / prefix / path / "index.html").read_text(encoding="utf-8")


def _article(html: str) -> str:
    return html[html.index("<article"): html.index("</article>")]


def _lang_of(site: Path, page: Path) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in languages.codes() else languages.default_language().code


def test_every_page_names_the_service_and_how_to_give_feedback(built_site):
    name = f"{DEFAULT.data['service_name']}, {DEFAULT.data['organisation']}"
    pages = [p for p in built_site.rglob("*.html") if "/go/" not in p.as_posix()]
    assert len(pages) > 60
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        footer = html[html.index('class="service-footer"'):]
        assert name in footer, page
        feedback = re.search(r'<a href="([^"]*)#feedback"', footer).group(1)
        if page.name == "404.html":  # served at any address, so its links start from the root
            assert feedback.endswith("about/"), page
            continue
        assert (page.parent / feedback / "index.html").resolve() == (
            built_site / languages.by_code(_lang_of(built_site, page)).prefix / "about" / "index.html").resolve(), page


@pytest.mark.parametrize("lang", languages.codes())
def test_the_gp_page_leads_with_who_to_refer_then_the_route_and_contact(built_site, lang):
    article = _article(_html(built_site, lang, "gps"))
    refer_if = article.index('class="service-box service-box--yes"')
    assert refer_if < article.index("<h2"), "the Refer if / Not yet if box comes first"
    for item in DEFAULT.data["referral"]["refer_if"] + DEFAULT.data["referral"]["not_yet_if"]:
        assert item in article
    route = article.index('id="how-to-refer"')
    assert route < article.index(DEFAULT.data["referral"]["how"][:40]) < article.index('href="tel:+441704387235"')
    for code in languages.codes():  # the leaflet in every language
        assert f'hreflang="{code}"' in article or (code == "en" and "leaflet/" in article)


@pytest.mark.parametrize("lang", languages.codes())
def test_the_leaflet_gives_the_service_contact_and_what_to_expect(built_site, lang):
    article = _article(_html(built_site, lang, "gps/leaflet"))
    assert DEFAULT.data["phone"] in article and 'href="tel:+441704387235"' in article
    assert _in(DEFAULT.data["programme"]["where_and_when"], lang) in article


def _in(value, lang):
    """A profile text as a page in that language shows it (translated texts are {"en": ..., "pl": ...})."""
    return value.get(lang, value["en"]) if isinstance(value, dict) else value


@pytest.mark.parametrize("profile", service.available())
@pytest.mark.parametrize("lang", [code for code in languages.codes() if code != "en"])
def test_every_patient_text_of_a_profile_is_translated(profile, lang):
    assert service.load(profile).untranslated(lang) == [], \
        f"services/{profile}.yml: add these under 'translations: {lang}:'"


def test_a_translation_of_the_wrong_shape_is_refused_with_the_line(tmp_path):
    text = (service.SERVICES / "example.yml").read_text(encoding="utf-8").replace(
        "    team:\n      - Psycholog kliniczny\n      - Fizjoterapeuta\n",
        "    team:\n      - Psycholog kliniczny\n    colour: niebieski\n", 1)
    (tmp_path / "example.yml").write_text(text, encoding="utf-8")
    found = [str(p) for p in service.problems(tmp_path / "example.yml")]
    assert any("'translations.pl.team' has 1 items; the profile has 2" in p for p in found), found
    assert any("'translations.pl.colour' translates a field the profile does not have" in p for p in found), found


@pytest.mark.parametrize("path,text", [
    ("programme", lambda d: d["programme"]["comfort"]),
    ("programme/week-1", lambda d: d["programme"]["where_and_when"]),
    ("programme/week-9", lambda d: d["programme"]["where_and_when"]),
    ("participants/life-after-the-programme", lambda d: d["programme"]["open_appointment"]),
    ("participants/life-after-the-programme", lambda d: d["local_services"][0]["name"]),
    ("get-help-now", lambda d: d["phone"]),
    ("about", lambda d: d["team"][0]),
    ("about", lambda d: d["feedback"]["name"]),
])
@pytest.mark.parametrize("lang", languages.codes())
def test_service_details_appear_where_readers_look_for_them(built_site, lang, path, text):
    assert _in(text(DEFAULT.data), lang) in _article(_html(built_site, lang, path))


@pytest.mark.parametrize("lang", [code for code in languages.codes() if code != "en"])
def test_panel_words_are_in_the_language_of_a_translated_page(built_site, lang):
    article = _article(_html(built_site, lang, "get-help-now"))
    assert languages.ui(lang)["svc_non_urgent_hint"] in article
    assert languages.ui("en")["svc_non_urgent_hint"] not in article


def test_the_non_urgent_number_stays_apart_from_urgent_help(built_site):
    article = _article(_html(built_site, "en", "get-help-now"))
    assert article.index('href="tel:999"') < article.index('href="tel:+441704387235"')
    assert article.index('id="questions-that-can-wait"') < article.index('href="tel:+441704387235"')


def test_index_pages_show_no_sources_or_review_status(built_site):
    html = _html(built_site, "en", "participants")
    assert 'class="page-info__review"' not in html and 'id="page-sources"' not in html
    assert 'class="page-info__review"' in _html(built_site, "en", "participants/pacing")


def test_every_page_says_not_yet_checked_while_no_one_has_signed_it(built_site):
    html = _html(built_site, "en", "participants/pacing")
    assert languages.ui("en")["review_not_yet"] in html
    assert languages.ui("en")["review_checked_by"] not in html


# --- A second edition -------------------------------------------------------------------------

FIRST_SERVICE = ["Mersey", "01704", "1704387235", "Ainsdale", "Sefton", "Life Rooms",
                 "Pain Clinic Plus", "Community Connectors", "0151 471 2377", "0800 328 2941",
                 "open appointment"]


def test_another_service_gets_its_own_edition_with_nothing_of_the_first(tmp_path):
    """CI builds the generic example edition as well (English and Urdu, in parallel)."""
    site = tmp_path / "site"
    result = site_build.build(site, languages=["en", "ur"], extra_env={service.SERVICE_ENV: "example"})
    assert result.ok, result.report()
    example = service.load("example").data
    leaks = []
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".js", ".json", ".xml", ".txt", ".svg"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            leaks += [f"{path.relative_to(site)}: {word}" for word in FIRST_SERVICE if word in text]
    assert not leaks, "\n".join(leaks[:20])
    gp = _article((site / "gps" / "index.html").read_text(encoding="utf-8"))
    assert example["referral"]["refer_if"][0] in gp and 'href="tel:+441632960123"' in gp
    home = (site / "ur" / "index.html").read_text(encoding="utf-8")
    assert languages.ui("ur")["svc_example"] in home and example["organisation"] in home


def test_no_page_shows_a_profile_value_as_raw_data(built_site):
    """A translated profile text is {"en": ..., "pl": ...} inside the build: a template that
    forgets to pick the page's language would print the whole mapping."""
    leaks = [str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
             if re.search(r"\{(?:'|&#39;|&#x27;)en(?:'|&#39;|&#x27;):", p.read_text(encoding="utf-8"))]
    assert not leaks, f"raw profile data on {leaks[:5]}"
