"""Build hook: the finishing pass (scripts/painsite/finish.py) after `mkdocs build` and `serve`.

Here MkDocs' events become calls: the offline zips get empty placeholders while pages are built
(the About page links to them, and MkDocs checks those links); once the languages of this
process are written, the finishing pass writes their search indexes and short-address pages and,
once the whole site is there, the manifests and service worker, the deploy headers and
robots.txt, and the zips. `make build` runs the site-wide part itself, after merging its
parallel builds.
"""
import logging
from pathlib import Path

import _path  # noqa: F401
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from painsite import command, finish, languages, offline, security

log = logging.getLogger("mkdocs.hooks.finish")


def on_config(config):
    # Pages register the service worker only in a real build: under `mkdocs serve` it would
    # keep serving old pages while they are being edited.
    config.extra["offline_app"] = not command.serving()
    return config


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config):
    for code in languages.codes():
        src = f"{offline.DOWNLOADS}/{offline.zip_name(code)}"
        if files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=b""))
    return files


# After mkdocs-static-i18n (-100) has built the last language of this process.
@event_priority(-110)
def on_post_build(config):
    if languages.more_languages_to_build(config):
        return  # inside static-i18n's loop: the joint search index is not complete yet
    finish.language_files(Path(config.site_dir), config.site_url)
    if command.serving():
        finish.preview_files(Path(config.site_dir))
        log.info("Offline zips are not made while serving: the download links give empty files.")
        return
    if not languages.site_complete(config):
        return  # one language of several: painsite.build finishes the merged site
    try:
        finish.site_files(Path(config.site_dir), config.site_url, parallel=False)
    except security.UntrustedScript as exc:
        raise PluginError(str(exc)) from None
