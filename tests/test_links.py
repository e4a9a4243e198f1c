"""Every href and src in the built site resolves to a file and, where given, an anchor."""
from painsite import linkcheck


def test_internal_links_and_anchors_resolve(built_site):
    broken, _ = linkcheck.check(built_site)
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(str(b) for b in broken[:60])


def test_external_links_are_https_and_listed(built_site):
    _, external = linkcheck.check(built_site)
    assert external, "expected the sources lists to link to guidance on other sites"
    assert all(url.startswith("https://") for url in external)


def test_link_checker_catches_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here"><a href="../b/#nowhere">x</a><a href="#here">y</a></p>')
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<h2 id="somewhere">b</h2><img src="missing.png" alt="m">'
                                               '<a href="http://insecure.example">i</a>')
    broken, _ = linkcheck.check(tmp_path)
    reasons = "\n".join(str(b) for b in broken)
    assert "no element with id 'nowhere'" in reasons
    assert "no file at /b/missing.png" in reasons
    assert "must use https" in reasons
    assert len(broken) == 3
