#!/usr/bin/env python3
"""Translation status: which pages are missing or older than their English page.

    python scripts/translations.py hash docs/en/participants/pacing.md   # value for l10n.source_hash
    python scripts/translations.py status [pl ur ...]                   # make l10n-status

Staleness is decided from l10n.source_hash, a hash of the English file, so it works without git
history (a shallow clone or a tarball).
"""
import sys
from pathlib import Path

from painsite import languages, pages
from painsite.paths import DOCS


def status(codes: list[str]) -> int:
    """For each language: translated, reviewed, stale and missing pages, and how they were made.
    Pages meant to stay in English (healthcare-worker units and the GP page, which name the
    translated pages a patient might want instead: for_patients) are counted apart."""
    default = languages.default_language().code
    sources = sorted((DOCS / default).rglob("*.md"))
    for code in codes:
        rows = {"translated": [], "reviewed": [], "stale": [], "missing": [], "English only": []}
        methods: dict[str, int] = {}
        for source in sources:
            rel = source.relative_to(DOCS / default).as_posix()
            target = DOCS / code / rel
            if not target.exists():
                english_only = bool(pages.read(source).meta.get("for_patients"))
                rows["English only" if english_only else "missing"].append(rel)
                continue
            l10n = pages.read(target).meta.get("l10n") or {}
            rows["translated"].append(rel)
            methods[l10n.get("method", "?")] = methods.get(l10n.get("method", "?"), 0) + 1
            if l10n.get("status") == "reviewed":
                rows["reviewed"].append(rel)
            if l10n.get("source_hash") != pages.source_hash(source):
                rows["stale"].append(f"{rel} (English now {pages.source_hash(source)}, "
                                     f"translated from {l10n.get('source_hash')})")
        made = ", ".join(f"{n} {m}" for m, n in sorted(methods.items()))
        print(f"[{code}] {len(rows['translated'])} translated ({made or 'none'}), "
              f"{len(rows['reviewed'])} reviewed by a named person, {len(rows['stale'])} stale, "
              f"{len(rows['missing'])} missing, {len(rows['English only'])} English only by design")
        for kind in ("stale", "missing"):
            for item in rows[kind]:
                print(f"  {kind}: {item}")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "hash":
        for name in argv[1:]:
            print(pages.source_hash(Path(name)))
        return 0
    if argv and argv[0] == "status":
        others = [c for c in languages.codes() if c != languages.default_language().code]
        return status(argv[1:] or others)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
