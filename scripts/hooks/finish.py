"""Build hook: the finishing pass (scripts/painsite/finish.py) after `mkdocs build` and `serve`.

Here MkDocs' events become calls: the offline zips get empty placeholders while pages are built
(the About page links to them, and MkDocs checks those links); once every language is written,
the finishing pass writes the manifests and service worker, the deploy headers and robots.txt,
and the zips. `make build` runs the same pass itself, after merging its parallel builds.
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


# After mkdocs-static-i18n (-100) and the hooks that finish one language (-110: its search index
# and short-address pages) have written every page.
@event_priority(-120)
def on_post_build(config):
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
