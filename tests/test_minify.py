"""Our own scripts reach readers minified (scripts/painsite/minify.py); the sources keep their
comments. The browser tests run against the minified copies, so they prove those still work."""
from painsite import minify
from painsite.paths import DOCS


def test_every_script_of_ours_is_served_minified(built_site):
    copies = minify.built_copies(built_site)
    assert len(copies) >= 10 and any(c.name == "tools.js" for c in copies)
    for copy in copies:
        source = (DOCS / copy.relative_to(built_site)).read_text(encoding="utf-8")
        served = copy.read_text(encoding="utf-8")
        assert served == minify.minify(source), f"{copy.relative_to(built_site)} is not the minified source"
        assert len(served) < len(source) * 0.9, f"{copy.relative_to(built_site)}: minifying saved little"


def test_minifying_keeps_code_strings_and_licences():
    code = '/*! Licence: keep me */\n// a comment\nconst url = "https://x/y"; // why\nconst re = /\\/\\//g;\n'
    small = minify.minify(code)
    assert "/*! Licence: keep me */" in small and "a comment" not in small and "why" not in small
    assert '"https://x/y"' in small and "/\\/\\//g" in small
    assert minify.minify(small) == small  # a second finishing pass changes nothing
