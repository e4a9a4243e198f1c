"""One search index per language, with participants' pages first (the finishing pass writes them).

mkdocs-static-i18n collects every language's entries into one site/search/search_index.json, and
Material does not filter it, so a Polish reader would get Urdu results. Once the languages are
built, split() divides the index: site/search/ keeps the English pages, site/pl/search/ the Polish
ones (with English text only for pages that have no Polish translation), and so on.
scripts/hooks/i18n_pages.py points each language's pages at their own index.

Search is mostly used by people living with pain, so the index also:
- ranks clinicians' pages (front matter `audience: professionals` or `gps`) below participants'
  pages: each of their entries gets a low lunr document `boost` (Material's worker passes an
  entry's `boost` to lunr, which multiplies every score of that document by it);
- labels them in the results: their titles start with "For healthcare workers:" or "For GPs:"
  in the reader's language (`search_label_professionals`, `search_label_gps` in extra.ui);
- gives worksheets (`page_type: tool`) a readable snippet: the text of a form's labels and table
  cells is left out of the index, only the page's paragraphs and lists are kept.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from . import languages

# Far below any participant page (boost 1): lunr multiplies a document's scores by its boost, and
# Material gives a title match 1,000 times the weight of a text match, so a clinician's page whose
# title matches must still score below a participant page that matches only in its text. A
# clinician's page still shows, after the participants' pages that match.
CLINICIAN_BOOST = 1e-6
LABELS = {"professionals": "search_label_professionals", "gps": "search_label_gps"}


_TOKEN = re.compile(r"(<[^>]*>)|([^<]+)")


def readable_text(html: str) -> str:
    """The index text of a worksheet section without its form: Material keeps paragraphs and
    lists as HTML, and reduces labels, inputs and table cells to bare text, which reads as a
    jumble of field names in a result. Bare text outside any element is left out."""
    depth, kept = 0, []
    for tag, text in _TOKEN.findall(html):
        if tag:
            if tag.startswith("</"):
                depth = max(0, depth - 1)
            elif not tag.endswith("/>"):
                depth += 1
            kept.append(tag)
        elif depth > 0 or not text.strip():
            kept.append(text)
    return re.sub(r"\s+", " ", "".join(kept)).strip()


def adjust_entry(entry: dict, audience: str, page_type: str, ui: dict) -> dict:
    entry = dict(entry)
    if audience in LABELS:
        entry["boost"] = CLINICIAN_BOOST
        label = ui.get(LABELS[audience])
        if label and not entry["title"].startswith(label.rstrip(":").strip()):  # "For GPs" page
            entry["title"] = f"{label} {entry['title']}"
    if page_type == "tool":
        entry["text"] = readable_text(entry["text"])
    return entry


def page_of(location: str) -> str:
    return location.split("#", 1)[0]


def split(site: Path, pages: dict[str, tuple[str, str]]) -> None:
    """Write each language's own index. pages: page URL (with its language prefix, as in the
    joint index) -> (audience, page_type), gathered while the pages were built."""
    index_file = site / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    langs = [lang for lang in languages.languages() if lang.prefix]
    prefixes = [lang.prefix for lang in langs]
    codes = {lang.prefix: lang.code for lang in langs}
    codes[""] = languages.default_language().code
    parts: dict[str, list] = {prefix: [] for prefix in prefixes}
    parts[""] = []
    for entry in index["docs"]:
        prefix = next((p for p in prefixes if entry["location"].startswith(p)), "")
        audience, page_type = pages.get(page_of(entry["location"]), ("", ""))
        entry = adjust_entry(entry, audience, page_type, languages.ui(codes[prefix]))
        parts[prefix].append({**entry, "location": entry["location"][len(prefix):]})
    for prefix, docs in parts.items():
        target = site / prefix / "search" / "search_index.json"
        if prefix and not (site / prefix).is_dir():
            continue  # language not built this time (BUILD_xx=false)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**index, "docs": docs}, ensure_ascii=False,
                                     separators=(",", ":")), encoding="utf-8")
