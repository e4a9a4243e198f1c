"""Build hook: security headers, caching rules and robots.txt that fit the site just built.

After the last language is built this scans every page for Material's inline scripts, works out
their hashes for the Content-Security-Policy, and writes into the site folder:

- _headers: the headers for Netlify and Cloudflare Pages;
- _nginx/security-headers.conf: the same headers for nginx (deploy/nginx.conf includes it and
  never serves it);
- robots.txt, pointing at the sitemap under site_url.

The work is in scripts/painsite/security.py, which the tests use as well.
"""
from pathlib import Path

import _path  # noqa: F401
from mkdocs.plugins import event_priority

from painsite import command, languages, security


# After mkdocs-static-i18n (-100) and the other post-build hooks (-110) have written every page:
# the hashes must cover all of them.
@event_priority(-120)
def on_post_build(config):
    if not languages.site_complete(config):
        return  # one language of several; painsite.build or the last language's build does this
    if command.serving():
        return  # the preview server sends none of these headers
    security.write_deploy_files(Path(config.site_dir), config.site_url)
