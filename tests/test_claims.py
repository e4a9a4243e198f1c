"""The claims record (docs/claims.yml): every phone number, text number, dose, percentage and
statistic on every built page, in every language, is in the record, and every phone or text number
can be tapped (a tel: or sms: link to the same number). What counts as a claim is decided in
scripts/painsite/claims.py; these tests also pin that down, so ordinary numbers stay out of it."""
from pathlib import Path

import markdown
import pytest

from painsite import claims
from painsite.pages import FRONT_MATTER

FIXTURES = Path(__file__).parent / "fixtures" / "bad"


def html_page(body: str) -> str:
    """A body of HTML inside the <article> a built page has."""
    return f'<html><body><article class="md-content__inner md-typeset">{body}</article></body></html>'


def found(body: str) -> list[tuple[str, str]]:
    node = claims.article(html_page(body))
    return [(c.kind, c.key) for c in claims.find(claims.text_of(node).value)]


# --- What counts as a claim ---------------------------------------------------------------------

@pytest.mark.parametrize("body,expected", [
    ("<p>Call 999 or 111.</p>", [("phone", "999"), ("phone", "111")]),
    ("<p>Samaritans: 116 123. Lifeline: 0808 808 8000. Breathing Space: 0800 83 85 87.</p>",
     [("phone", "116123"), ("phone", "08088088000"), ("phone", "0800838587")]),
    ("<p>Text SHOUT to 85258.</p>", [("text", "85258")]),
    ("<p>Take 1 or 2 tablets (500mg each), no more than 8 tablets in 24 hours.</p>",
     [("dose", "1-2 tablets"), ("dose", "500 mg"), ("dose", "8 tablets")]),
    ("<p>No more than 14 units a week; 1 unit; 400 micrograms; 0,5 mg.</p>",
     [("dose", "14 units"), ("dose", "1 unit"), ("dose", "400 micrograms"), ("dose", "0.5 mg")]),
    ("<p>37% at 20, 96 per cent at 80, 10–20% a week, about 1 in 10, 28 million people.</p>",
     [("percentage", "37%"), ("percentage", "96%"), ("percentage", "10-20%"),
      ("statistic", "1 in 10"), ("statistic", "28 million")]),
    # Polish and Urdu write the same claims in their own words and digits.
    ("<p>1 lub 2 tabletki, 80 proc. średniej, 1 na 10 osób.</p>",
     [("dose", "1-2 tablets"), ("percentage", "80%"), ("statistic", "1 in 10")]),
    ('<p>سماریٹنز کو <span dir="ltr">۱۱۶ ۱۲۳</span> پر فون کریں۔ ۸۰٪ اور 500 ملی گرام، 10 میں سے 1</p>',
     [("phone", "116123"), ("percentage", "80%"), ("dose", "500 mg"), ("statistic", "1 in 10")]),
    # Numbers in link text count too.
    ('<p>Call <a href="https://www.samaritans.org/">Samaritans on 116 123</a>.</p>', [("phone", "116123")]),
])
def test_claims_are_found_in_every_form(body, expected):
    assert found(body) == expected


@pytest.mark.parametrize("body", [
    '<h2 id="week-3">Week 3: 9 weeks, 27 sessions</h2>',
    "<p>On 1 March 2027, aged 45, for 20 minutes, 3 times a week, on page 12, since 2019.</p>",
    "<p>Rate your pain from 0 to 10. Walk for 16, 18, then 20 minutes. Wait 4 hours.</p>",
    "<p>Use NHS 111 online at 111.nhs.uk. NHS 111 کی ویب سائٹ</p>",
    "<p>1 in 2026; 10000 steps; 12043; version 2.0; 3-month follow-up; 12 months.</p>",
    '<footer class="page-info"><p>NHS (2024). When to call 999. doi:10.1186/s12891-022-05318-5</p></footer>',
])
def test_ordinary_numbers_are_not_claims(body):
    assert found(body) == []


def test_phone_and_text_numbers_must_be_tappable_links_to_the_same_number():
    body = ('<p><a href="tel:116123">116 123</a>, <a href="sms:85258?body=SHOUT">85258</a>, '
            '<a href="tel:+448088088000">0808 808 8000</a>.</p>'
            '<p>Call 999. <a href="tel:116124">116 123</a>. Text 85258.</p>')
    problems = claims.check_html(html_page(body), "/page/", record=claims.recorded())
    messages = [str(p) for p in problems]
    assert messages == [
        "/page/: phone '999' is not a tel: link. Fix: write it as [999](tel:999).",
        "/page/: phone '116 123' links to 'tel:116124', which is another number. "
        "Fix: write it as [116 123](tel:116123).",
        "/page/: text '85258' is not a sms: link. Fix: write it as [85258](sms:85258).",
    ]


def test_an_unrecorded_number_fails_and_names_the_page_and_the_number():
    """The fixture is a page an author might write: a dose, a percentage and a helpline number
    nobody has checked. Rendered as the build renders Markdown, each one is reported."""
    text = (FIXTURES / "unrecorded_number.md").read_text(encoding="utf-8")
    body = markdown.markdown(FRONT_MATTER.sub("", text), extensions=["attr_list", "md_in_html"])
    problems = claims.check_html(html_page(body), "/participants/new-page/")
    messages = [str(p) for p in problems]
    fix = ("Fix: check it against its source and add it to docs/claims.yml (value, what, source_url, "
           "source_title, checked), or take it out of the page.")
    assert messages == [
        f"/participants/new-page/: dose '750 mg' is not in docs/claims.yml. {fix}",
        f"/participants/new-page/: percentage '15%' is not in docs/claims.yml. {fix}",
        f"/participants/new-page/: phone '0300 123 4567' is not in docs/claims.yml. {fix}",
        "/participants/new-page/: phone '0300 123 4567' is not a tel: link. "
        "Fix: write it as [0300 123 4567](tel:03001234567).",
    ]


# --- The record itself --------------------------------------------------------------------------

def test_the_record_is_valid():
    entries, problems = claims.load_record()
    assert not problems, "\n".join(map(str, problems))
    assert len(entries) > 20


def test_a_malformed_record_names_the_line_and_the_fix():
    _, problems = claims.load_record(FIXTURES / "claims_malformed.yml")
    assert [str(p) for p in problems] == [
        "tests/fixtures/bad/claims_malformed.yml:4: error: Claim 1: 'value' is read as a number, not "
        "text. Fix: Put it in quotes: value: \"999\" (YAML reads digits as a number).",
        "tests/fixtures/bad/claims_malformed.yml:10: error: Claim 2 is missing 'source_url'. "
        "Fix: Give the https address of the page you checked it on.",
        "tests/fixtures/bad/claims_malformed.yml:15: error: Claim 3: 'half a tablet' does not read as a "
        "dose. Fix: Write it as the page does, for example \"0808 808 8000\", \"500 mg\", \"80%\", "
        "\"1 in 10\", \"£12 billion\"; or fix 'kind'.",
    ]


# --- The built site -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site_findings(built_site):
    return claims.check_site(built_site)


def test_the_record_is_not_published(built_site):
    assert not (built_site / "claims.yml").exists()


def test_every_claim_on_every_page_is_recorded(site_findings):
    missing = [str(f) for f in site_findings if f.problem == "unrecorded"]
    assert not missing, f"{len(missing)} number(s) not in docs/claims.yml:\n" + "\n".join(missing)


def test_every_phone_and_text_number_is_a_link(site_findings):
    unlinked = [str(f) for f in site_findings if f.problem != "unrecorded"]
    assert not unlinked, f"{len(unlinked)} number(s) that cannot be tapped:\n" + "\n".join(unlinked)
