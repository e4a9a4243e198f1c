"""The generator seam (scripts/painsite/generator.py) is the only code that touches the internals
of MkDocs and mkdocs-static-i18n, and what it relies on is still there. After an upgrade, a
failure here names the attribute or function that changed, instead of a puzzling build."""
import inspect
import re

import pytest

from painsite import generator
from painsite.paths import ROOT

# What only the seam may name: static-i18n's plugin state and file attributes, MkDocs' private
# page rendering.
INTERNALS = re.compile(r"current_language|\.building\b|build_languages|_populate_page|norm_src_uri|"
                       r"locale_alternate_of|\.localization\b|\.alternates\b|getattr\([^)]*\"locale\"|"
                       r"\.file\.locale\b|plugins\.get\(\"i18n\"\)")


def test_no_other_module_touches_the_generators_internals():
    found = []
    for path in sorted((ROOT / "scripts").rglob("*.py")):
        if path == ROOT / "scripts" / "painsite" / "generator.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if INTERNALS.search(code):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "Only scripts/painsite/generator.py may use these:\n" + "\n".join(found)


def test_the_pattern_finds_what_it_looks_for():
    assert INTERNALS.search('plugin.current_language = "pl"')
    assert INTERNALS.search('getattr(page.file, "locale", None)')
    assert not INTERNALS.search("languages.current(config)")


def test_static_i18n_still_has_the_language_loop_the_seam_uses():
    from mkdocs_static_i18n.plugin import I18n

    plugin = I18n()
    for name in ("current_language", "building"):
        assert hasattr(plugin, name), f"mkdocs-static-i18n's plugin has no '{name}' any more"
    source = inspect.getsource(I18n)
    assert "self.building = True" in source and "build_languages" in source, \
        "mkdocs-static-i18n no longer loops over languages with building/build_languages"


def test_static_i18n_still_marks_files_with_what_the_seam_reads():
    from mkdocs_static_i18n import folder

    source = inspect.getsource(folder)
    for name in ("file.locale", "file.locale_alternate_of", "file.localization", "file.norm_src_uri",
                 "file.alternates"):
        assert f"{name} =" in source, f"mkdocs-static-i18n no longer sets {name} on its files"


def test_mkdocs_still_renders_one_page_the_way_the_seam_calls_it():
    from mkdocs.commands import build

    assert hasattr(build, "_populate_page"), "MkDocs has no mkdocs.commands.build._populate_page"
    assert list(inspect.signature(build._populate_page).parameters)[:3] == ["page", "config", "files"]


@pytest.mark.parametrize("name", ["building_language", "start_with", "in_language_loop", "skip_other_languages",
                                  "languages_built", "text_language", "source_uri", "mark_generated", "render"])
def test_the_seam_offers_what_the_hooks_call(name):
    assert callable(getattr(generator, name))
