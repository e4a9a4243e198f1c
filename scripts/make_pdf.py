#!/usr/bin/env python3
"""Print each language's workbook to PDF with Chromium: dist/workbook-en.pdf, -pl.pdf, -ur.pdf.

    python scripts/make_pdf.py                     # from site/ (`make pdf` builds it first)
    python scripts/make_pdf.py --site DIR --out DIR --lang en

The built site is served on 127.0.0.1 (the pages load nothing from elsewhere), and Debian's
Chromium prints each workbook/ page on A4 with the site's print styles, page numbers in the
footer, and links to other pages of the site pointing at the website (site_url) rather than at
the local server. `playwright install` is never needed: the system Chromium is used.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from painsite import languages, workbook
from painsite.paths import ROOT, SITE
from painsite.serve import serve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-features=Translate,OptimizationHints,MediaRouter"]
# Links to other pages of the site go to the website; the print styles then show no URL after them.
SITE_LINKS = """(siteUrl) => {
  for (const a of document.querySelectorAll('article a[href]')) {
    const href = a.getAttribute('href');
    if (!href || href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
    const local = new URL(href, location.href);
    const sitePath = new URL(siteUrl).pathname;
    let path = local.pathname;
    if (path.startsWith(sitePath)) path = path.slice(sitePath.length); else path = path.slice(1);
    a.href = new URL(path + local.search + local.hash, siteUrl).href;
    a.dataset.siteLink = '';
  }
}"""
PRINT_STYLE = "a[data-site-link]::after { content: none !important; }"
FOOTER = ('<div dir="{dir}" style="width:100%;font-size:8pt;text-align:center;color:#444;'
          'font-family:sans-serif;">{title} · <span dir="ltr"><span class="pageNumber"></span> / '
          '<span class="totalPages"></span></span></div>')  # "2 / 57" in right-to-left pages too


def print_page(browser, url: str, target: Path, title: str, rtl: bool = False) -> Path:
    """One page of the site printed to an A4 PDF, with page numbers in the footer."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        page.evaluate(SITE_LINKS, languages.site_url())
        page.add_style_tag(content=PRINT_STYLE)
        page.evaluate("document.fonts.ready")
        target.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
                 header_template="<span></span>",
                 footer_template=FOOTER.format(dir="rtl" if rtl else "ltr", title=title),
                 margin={"top": "14mm", "bottom": "16mm", "left": "16mm", "right": "16mm"})
    finally:
        context.close()
    return target


def workbook_title(site: Path, lang) -> str:
    from bs4 import BeautifulSoup

    html = (site / lang.prefix / workbook.SLUG / "index.html").read_text(encoding="utf-8")
    heading = BeautifulSoup(html, "html.parser").select_one("h1")
    return heading.get_text(" ", strip=True) if heading else "Workbook"


def make_pdfs(site: Path, out: Path, codes: list[str] | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run `make test` once, or apt-get install chromium.")
    chosen = [lang for lang in languages.languages() if not codes or lang.code in codes]
    written = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for lang in chosen:
                if not (site / lang.prefix / workbook.SLUG / "index.html").is_file():
                    raise SystemExit(f"{site}: no {lang.prefix}{workbook.SLUG}/ page; build the site first.")
                target = out / f"workbook-{lang.code}.pdf"
                print_page(browser, f"{base}{lang.prefix}{workbook.SLUG}/", target,
                           workbook_title(site, lang), lang.rtl)
                written.append(target)
        finally:
            browser.close()
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the PDFs go (default: dist/)")
    parser.add_argument("--lang", action="append", choices=languages.codes(), help="only this language (repeatable)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} has no built site: run `make build` first.", file=sys.stderr)
        return 1
    from pypdf import PdfReader

    for path in make_pdfs(args.site, args.out, args.lang):
        pages = len(PdfReader(path).pages)
        print(f"{path}: {path.stat().st_size / 1024:.0f} KB, {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
