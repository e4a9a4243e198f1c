"""Build hook: security headers, caching rules and robots.txt that fit the site just built.

After the last language is built this scans every page for Material's inline scripts, works out
their hashes for the Content-Security-Policy, and writes into the site folder:

- _headers: the headers for Netlify and Cloudflare Pages;
- _nginx/security-headers.conf: the same headers for nginx (deploy/nginx.conf includes it and
  never serves it);
- robots.txt, pointing at the sitemap under site_url.

Only the theme's own inline scripts get a hash (scripts/painsite/theme_scripts.py). Each page is
checked as it is written, so a page that carries any other inline script stops the build with
its name, before it can reach the policy.

The work is in scripts/painsite/security.py, which the tests use as well.
"""
from pathlib import Path

import _path  # noqa: F401
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from painsite import command, languages, security


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


# After mkdocs-static-i18n (-100) and the other post-build hooks (-110) have written every page:
# the hashes must cover all of them.
@event_priority(-120)
def on_post_build(config):
    if not languages.site_complete(config):
        return  # one language of several; painsite.build or the last language's build does this
    if command.serving():
        return  # the preview server sends none of these headers
    try:
        security.write_deploy_files(Path(config.site_dir), config.site_url)
    except security.UntrustedScript as exc:
        raise PluginError(str(exc)) from None
