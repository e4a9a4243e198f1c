"""Build hook: the installable, offline site (web app manifests and the service worker).

The work is in scripts/painsite/offline_app.py, which painsite.build's finishing step also calls
(`make build`). Here: after `mkdocs build`, once every language is written, the same files; under
`mkdocs serve`, pages register no service worker (extra.offline_app is false: it would keep
serving old pages while they are being edited), and sw.js is one that removes itself.
"""
from pathlib import Path

import _path  # noqa: F401
from mkdocs.plugins import event_priority

from painsite import command, languages, offline_app


def on_config(config):
    config.extra["offline_app"] = not command.serving()
    return config


# After the headers (-120), before the offline zips (-130), which then hold the same files.
@event_priority(-125)
def on_post_build(config):
    if command.serving():
        offline_app.write_preview(Path(config.site_dir))
        return
    if not languages.site_complete(config):
        return  # one language of several; painsite.build or the last language's build does this
    offline_app.write(Path(config.site_dir))
