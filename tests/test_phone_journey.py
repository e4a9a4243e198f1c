"""Issue 16, the phone journey, in Chromium at 360 x 800 (measures in scripts/phone_journey.py).

Asserted here: text sizes in boxes, tables and tooltips; previous and next within
the reader's section; the phone menu; Tab stops; "back to top" over fields. The script also prints
the home page's week links, where the programme's week links and the planner's first field sit,
and the service worker; the glossary marks are asserted in test_glossary.py.
"""
import pytest

import phone_journey as journey


from painsite import languages

# English and Urdu (right to left, in Nastaliq: the layout most likely to move); the script
# prints Polish too.
CHECKED = [languages.by_code("en"), languages.by_code("ur")]


@pytest.fixture(scope="module", params=CHECKED, ids=lambda l: l.code)
def measures(request, browser, built_site, server_url):
    return journey.browser_measures(browser, server_url + request.param.prefix)


def test_home_links_to_every_week_and_the_tools(measures):
    assert not measures["home_missing_weeks"] and measures["home_links_to_tools"]


def test_the_weeks_and_the_planners_first_field_are_near_the_top(measures):
    assert measures["programme_first_week_link_y"] < 1600
    assert measures["planner_first_field_y"] < 1200


def test_box_table_and_tooltip_text_is_at_least_body_size(measures):
    assert measures["smallest_box_or_table_text_px"] >= max(16, measures["body_text_px"]), measures["smallest_text_is"]
    assert measures["tooltip_px"] is not None and measures["tooltip_px"] >= 16


def test_previous_and_next_stay_in_the_section(built_site):
    crossing = journey.footer_links_leaving_section(built_site)
    assert not crossing, "\n".join(crossing[:20])
    gp = (built_site / "gps" / "index.html").read_text(encoding="utf-8")
    assert "md-footer__link--prev" not in gp


def test_phone_menu_opens_at_the_top_level(measures):
    assert measures["menu"]["top_level_on_screen"]


def test_no_tab_stop_is_hidden_or_off_screen(measures):
    assert not measures["bad_tab_stops"]


def test_back_to_top_never_covers_a_field(measures):
    assert measures["back_to_top_over_field"] == 0


def test_table_of_contents_toggle_has_a_name(built_site):
    for lang in ("", "pl/", "ur/"):
        html = (built_site / lang / "glossary" / "index.html").read_text(encoding="utf-8")
        assert 'id="__toc" aria-label="' in html or 'for="__toc"' in html, f"{lang}glossary"
