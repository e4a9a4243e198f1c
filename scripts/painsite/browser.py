"""Launching Debian's Chromium through Playwright (never a downloaded browser)."""
import contextlib

CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: without the background-networking ones Chromium keeps trying to
# reach Google's services, and every attempt is refused.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-features=Translate,OptimizationHints,MediaRouter"]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@contextlib.contextmanager
def chromium(browser=None):
    """The browser to use: the one passed in (the tests share one), or Chromium started here and
    closed afterwards (the command-line measures)."""
    if browser is not None:
        yield browser
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        own = launch(playwright)
        try:
            yield own
        finally:
            own.close()
