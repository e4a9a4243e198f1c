"""The whole site builds in every language with no warning (MkDocs validation, as --strict)."""
from painsite import languages


def test_every_language_builds_without_warnings(site_build_result):
    # mkdocs --strict would stop at the first language with a warning; this lists all of them.
    assert site_build_result.returncode == 0, site_build_result.report()
    assert not site_build_result.problems, (
        f"{len(site_build_result.problems)} build warning(s), every language listed:\n{site_build_result.report()}")


def test_every_language_has_its_pages(built_site):
    english = {p.relative_to(built_site).as_posix() for p in built_site.glob("**/index.html")
               if not any(p.relative_to(built_site).as_posix().startswith(l.prefix) for l in languages.languages() if l.prefix)}
    assert len(english) > 10
    for lang in languages.languages():
        if lang.default:
            continue
        ours = {p.relative_to(built_site / lang.code).as_posix() for p in (built_site / lang.code).glob("**/index.html")}
        missing = sorted(english - ours)
        assert not missing, f"[{lang.code}] pages missing (no fallback built): {missing[:10]}"
