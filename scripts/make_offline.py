#!/usr/bin/env python3
"""The offline edition of each language: dist/living-with-pain-offline-<language>.zip, unpacked in dist/offline/.

    python scripts/make_offline.py                 # from site/ (`make offline` builds it first)
    python scripts/make_offline.py --site DIR --out DIR

Each zip holds one language's pages and the shared assets, and opens from the file system with
no network: unzip it and open living-with-pain-<language>/index.html. The same zips are in every
built site under downloads/ (the About page links to them); this writes them from the given site
again, and unpacks each into dist/offline/<language>/ to try straight away. See
scripts/painsite/offline.py for what is changed in the copies and why.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from pathlib import Path

from painsite import languages, offline
from painsite.paths import ROOT, SITE


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the zips go (default: dist/)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} has no built site: run `make build` first.", file=sys.stderr)
        return 1
    zips = offline.write_zips(args.site, args.out, languages.site_url())
    unpacked = args.out / "offline"
    shutil.rmtree(unpacked, ignore_errors=True)
    for code, path in zips.items():
        with zipfile.ZipFile(path) as archive:
            archive.extractall(unpacked / code)
        start = unpacked / code / offline.folder_name(code) / "index.html"
        print(f"{path}: {path.stat().st_size / 1024:.0f} KB; open {start}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
