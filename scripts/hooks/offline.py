"""Build hook: the offline edition, a zip per language in site/downloads/, made at the end of the build.

The About page links to these files, so they exist in every build: during the build they are
empty placeholders (which lets MkDocs check the links), and once every language is written
scripts/painsite/offline.py makes the real zips from the finished site in a few seconds.
`mkdocs serve` leaves the placeholders, to keep live reload fast. `make offline` copies the zips to
dist/ and unpacks them into dist/offline/.
"""
import logging
from pathlib import Path

import _path  # noqa: F401
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from painsite import command, languages, offline

log = logging.getLogger("mkdocs.hooks.offline")


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config):
    for code in languages.codes():
        src = f"{offline.DOWNLOADS}/{offline.zip_name(code)}"
        if files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=b""))
    return files


@event_priority(-130)  # after every language is built, the search index split (-110) and the headers (-120)
def on_post_build(config):
    if not languages.site_complete(config):
        return  # one language of several; painsite.build or the last language's build does this
    if command.serving():
        log.info("Offline zips are not made while serving: the download links give empty files.")
        return
    site = Path(config.site_dir)
    offline.write_zips(site, site / offline.DOWNLOADS, config.site_url)
