"""mkdocs.yml, read in one place for the scripts and tests that need its values outside MkDocs.

The !ENV and !relative tags are not evaluated: the values read here (languages, site_url,
extra) do not use them.
"""
from __future__ import annotations

import functools

import yaml

from .paths import MKDOCS_YML


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, which uses !ENV and !relative tags, without evaluating them."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@functools.lru_cache(maxsize=None)
def mkdocs_config() -> dict:
    return yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=_Loader)
