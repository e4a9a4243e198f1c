"""Build hook: every page is checked, as it is written, for inline scripts that are not the theme's.

A page that carries one stops the build with its name, before it can reach the policy. Once the
last language is built, the finishing pass (scripts/hooks/finish.py, painsite.finish) scans every
page for Material's inline scripts, works out their hashes for the Content-Security-Policy, and
writes into the site folder:

- _headers: the headers for Netlify and Cloudflare Pages;
- _nginx/security-headers.conf: the same headers for nginx (deploy/nginx.conf includes it and
  never serves it);
- robots.txt, pointing at the sitemap under site_url.

Only the theme's own inline scripts get a hash (scripts/painsite/theme_scripts.py).

The work is in scripts/painsite/security.py, which the tests use as well.
"""

import _path  # noqa: F401
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from painsite import security


def _refuse_untrusted_scripts(output: str, where: str) -> None:
    untrusted = security.scan_html(output).untrusted
    if untrusted:
        raise PluginError(str(security.UntrustedScript([f"{where}: {text}" for text in untrusted])))


@event_priority(-120)  # the page as it will be written, after every other hook changed it
def on_post_page(output, page, config):
    _refuse_untrusted_scripts(output, page.file.src_uri)
    return output


def on_post_template(output_content, template_name, config):
    _refuse_untrusted_scripts(output_content, template_name)  # 404.html and other theme pages
    return output_content
