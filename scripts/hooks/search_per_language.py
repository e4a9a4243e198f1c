"""Build hook: one search index per language.

mkdocs-static-i18n collects every language's entries into one site/search/search_index.json, and
Material does not filter it, so a Polish reader would get Urdu results. After the last language
is built this splits the index: site/search/ keeps the English pages, site/pl/search/ the Polish
ones (with English text only for pages that have no Polish translation), and so on.
i18n_pages.py points each language's pages at their own index.
"""
import json
from pathlib import Path

import _path  # noqa: F401
from mkdocs.plugins import event_priority

from painsite import languages


@event_priority(-110)  # after mkdocs-static-i18n (-100) has built every language and written the index
def on_post_build(config):
    if languages.more_languages_to_build(config):
        return  # a language build inside static-i18n's loop; the index is not complete yet
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    prefixes = [lang.prefix for lang in languages.languages() if lang.prefix]
    split: dict[str, list] = {prefix: [] for prefix in prefixes}
    split[""] = []
    for entry in index["docs"]:
        prefix = next((p for p in prefixes if entry["location"].startswith(p)), "")
        split[prefix].append({**entry, "location": entry["location"][len(prefix):]})
    for prefix, docs in split.items():
        target = Path(config.site_dir) / prefix / "search" / "search_index.json"
        if prefix and not (Path(config.site_dir) / prefix).is_dir():
            continue  # language not built this time (BUILD_xx=false)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**index, "docs": docs}, ensure_ascii=False,
                                     separators=(",", ":")), encoding="utf-8")
