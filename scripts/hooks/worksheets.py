"""Build hook: a page's worksheet markers become its form, made from the tool's definition and
the page's labels (scripts/painsite/worksheets.py). Runs before the other page hooks, so they see
the form as if the page had it written out. The templates get each tool's own scripts
(config.extra.worksheet_sums) and the attributes of a number field (number_field)."""
from pathlib import Path

import _path  # noqa: F401
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from painsite import worksheets


def on_config(config):
    try:
        config.extra["worksheet_sums"] = worksheets.sums_by_tool()
    except worksheets.WorksheetError as exc:
        raise PluginError(f"A worksheet definition cannot be read:\n  {exc}") from None
    return config


def on_env(env, config, files):
    env.globals["number_field"] = worksheets.number_attributes
    return env


@event_priority(50)
def on_page_markdown(markdown, page, config, files):
    try:
        return worksheets.expand(markdown, page.meta, Path(page.file.abs_src_path or page.file.src_path))
    except worksheets.WorksheetError as exc:
        raise PluginError(f"A worksheet cannot be built:\n  {exc}") from None
