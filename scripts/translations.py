#!/usr/bin/env python3
"""Translation status: which pages are missing or older than their English page.

    python scripts/translations.py hash docs/en/participants/pacing.md   # value for l10n.source_hash
    python scripts/translations.py status [pl ur ...]                   # missing and outdated pages

Staleness is decided from l10n.source_hash, a hash of the English file, so it works without git
history (a shallow clone or a tarball).
"""
import sys
from pathlib import Path

from painsite import languages, pages
from painsite.paths import DOCS


def status(codes: list[str]) -> int:
    default = languages.default_language().code
    sources = sorted((DOCS / default).rglob("*.md"))
    for code in codes:
        missing, stale, current = [], [], 0
        for source in sources:
            rel = source.relative_to(DOCS / default)
            target = DOCS / code / rel
            if not target.exists():
                missing.append(rel.as_posix())
                continue
            recorded = (pages.read(target).meta.get("l10n") or {}).get("source_hash")
            if recorded != pages.source_hash(source):
                stale.append(f"{rel.as_posix()} (now {pages.source_hash(source)}, translated from {recorded})")
            else:
                current += 1
        print(f"[{code}] {current} up to date, {len(stale)} outdated, {len(missing)} missing of {len(sources)}")
        for item in stale:
            print(f"  outdated: {item}")
        for item in missing:
            print(f"  missing:  {item}")
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
