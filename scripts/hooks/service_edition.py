"""Build hook: the service edition.

- loads the chosen service profile (painsite.service) and gives it to the templates as
  config.extra.service;
- checks the service's clinical sign-offs (painsite.signoff), lists pages edited since their
  sign-off, and tells the page footer who checked the page, while the text still matches;
- replaces each `<!-- service: NAME -->` line in a page with that panel (painsite.service_panels).
"""
import logging
from pathlib import Path

import _path  # noqa: F401
from mkdocs.exceptions import PluginError

from painsite import languages, pages, service, service_panels, signoff

# A notice, not a warning: outside mkdocs' logger, so a strict build does not fail on it.
log = logging.getLogger("painsite.review")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("NOTE    -  %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def on_config(config):
    try:
        profile = service.load()
        codes = [languages.one_language()] if languages.one_language() else languages.codes()
        for code in codes:
            records = signoff.load(profile.id, code, Path(config.docs_dir))
            for record in records.values():
                if signoff.current(profile.id, code, record.page, Path(config.docs_dir)) is None:
                    log.info(f"docs/{code}/{record.page}: changed since {record.reviewer} signed it off "
                             f"on {record.date}; it shows as not yet checked until it is signed off again.")
            missing = profile.untranslated(code) if code != languages.default_language().code else []
            if missing:  # a translated page would show these in English
                raise service.ServiceError(
                    profile.path, None, f"These patient texts have no '{code}' translation: {', '.join(missing)}.",
                    f"Add them under 'translations: {code}:' in the same shape as the English fields.")
    except (service.ServiceError, signoff.SignOffError) as exc:
        raise PluginError(f"The service edition cannot be built:\n  {exc}") from None
    config.extra["service"] = profile.data
    return config


def on_page_markdown(markdown, page, config, files):
    if page.file.abs_src_path:  # not the workbook, which the build makes from other pages
        docs = Path(config.docs_dir)
        source = pages.read(Path(page.file.abs_src_path), docs)
        record = signoff.current(config.extra["service"]["id"], source.lang, source.rel_path, docs)
        page.meta["_signoff"] = record.__dict__ if record else None
        if record:
            page.meta["_signoff_date_text"] = languages.long_date(record.date, source.lang)
    if service_panels.MARKER.search(markdown) is None:
        return markdown
    # The page now shows the service's details: it lists where they come from with its sources.
    page.meta["_service_source"] = config.extra["service"].get("public_page")
    try:
        return service_panels.fill(markdown, page, config)
    except service_panels.PanelError as exc:
        raise PluginError(str(exc)) from None
