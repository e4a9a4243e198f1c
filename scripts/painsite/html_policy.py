"""What HTML a page may carry: an allow-list of tags and attributes, checked with an HTML parser.

Clinicians, translators and other services write and translate pages, so page content is
untrusted input. Raw HTML in Markdown is limited to what the site needs today: `<span dir="ltr">`
and the like, `<abbr>`, `<details>` and tables. No page writes form markup: a worksheet's form is
made from its definition (scripts/painsite/worksheets.py), and is allowed only in the HTML made
from a page that declares a worksheet. Everything else is refused with the line and a fix: scripts, styles,
frames and objects, event handler attributes (on...), javascript: and data: URLs, images from
another origin, style attributes.

The same rules are applied twice (scripts/painsite/content_checks.py):

- to the Markdown source, which gives exact line numbers (code blocks and code spans are
  blanked first: there `<script>` is text that Markdown escapes);
- to the HTML that Markdown makes of the page, which also catches what raw HTML is not needed
  for: `[link](javascript:...)`, `![image](https://elsewhere/...)`, `{ onclick=... }` attribute
  lists. That output may contain the elements Markdown itself writes (p, a, img, lists, code ...).

Python's html.parser reads the markup, never a regular expression. Where it and a browser could
disagree, the rule is the stricter one: an HTML comment may not contain < or >, because a browser
ends `<!-->` at once while the parser reads on to the next `-->`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE

# Elements raw HTML may use anywhere, with the attributes each may carry besides GLOBAL_ATTRIBUTES.
TAGS: dict[str, frozenset[str]] = {name: frozenset(attrs) for name, attrs in {
    "span": (), "div": (), "abbr": ("title",), "details": ("open",), "summary": (), "br": (),
    "table": (), "caption": (), "thead": (), "tbody": (), "tfoot": (), "tr": (),
    "th": ("scope", "colspan", "rowspan", "headers"), "td": ("colspan", "rowspan", "headers"),
}.items()}

# The worksheet markup, allowed only in the HTML made from a page that declares a worksheet
# (front matter 'worksheet:'), where scripts/painsite/worksheets.py writes it from the tool's
# definition; its behaviour comes from docs/assets/tools/ and never from the page.
# The "Record this for CPD" form at the end of each professionals' unit is no exception to this:
# it is not page content but theme code (overrides/partials/cpd-record.html), one reviewed
# template for every unit, so a professionals' page still may not carry form markup.
WORKSHEET_TAGS: dict[str, frozenset[str]] = {name: frozenset(attrs) for name, attrs in {
    "form": ("autocomplete",), "fieldset": (), "legend": (), "label": ("for",),
    "input": ("type", "inputmode", "name", "value", "min", "max", "step", "placeholder",
              "autocomplete", "required", "size", "maxlength", "checked", "disabled", "readonly"),
    "select": ("name", "required", "multiple"), "option": ("value", "selected", "disabled"),
    "textarea": ("rows", "cols", "name", "placeholder", "maxlength", "required"),
    "output": ("for", "name"), "button": ("type",),
}.items()}

# What Markdown and its extensions write (links, images, lists, code, task lists ...): allowed
# in the HTML made from a page, not needed in raw HTML.
MARKDOWN_TAGS: dict[str, frozenset[str]] = {name: frozenset(attrs) for name, attrs in {
    "p": (), "h1": (), "h2": (), "h3": (), "h4": (), "h5": (), "h6": (), "hr": (),
    "a": ("href", "title", "hreflang"), "img": ("src", "alt", "title", "width", "height", "loading"),
    "ul": (), "ol": ("start", "type"), "li": ("value",), "dl": (), "dt": (), "dd": (),
    "strong": (), "em": (), "b": (), "i": (), "code": (), "pre": (), "kbd": (), "blockquote": (),
    "sup": (), "sub": (), "mark": (), "del": (), "ins": (), "small": (), "time": ("datetime",),
    # pymdownx.tasklist: <label class="task-list-control"><input type="checkbox" disabled>
    "label": (), "input": ("type", "disabled", "checked"),
}.items()}

GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title", "role", "hidden",
                               "markdown"})  # markdown: md_in_html's switch, never output
# The data-* attributes the worksheet script reads (docs/assets/tools/tools.js). A new one is
# added here, so that a page cannot steer the script in ways nobody reviewed.
DATA_ATTRIBUTES = frozenset({"data-key", "data-check", "data-calc", "data-tool", "data-slot",
                             "data-rows", "data-summary", "data-show", "data-max", "data-message",
                             "data-too-big"})
# Markdown writes style="text-align: ..." for an aligned table column; no other style is needed.
ALIGN_STYLES = frozenset({"text-align: left;", "text-align: right;", "text-align: center;"})

# Attributes that hold a URL. Links may go anywhere over https (or mail, phone); what the page
# loads itself (src ...) must come from the site, so a page cannot track its readers.
LINK_ATTRIBUTES = frozenset({"href", "cite", "action", "formaction", "ping", "xlink:href"})
LOAD_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc",
                             "longdesc", "manifest", "icon", "codebase", "archive", "usemap"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})  # sms: text SHOUT to 85258

FORBIDDEN = {
    "script": "Pages may not run code. A worksheet gets its behaviour from docs/assets/tools/; "
              "anything else is a change to the site's code, not to a page.",
    "style": "Styles belong in docs/assets/site.css, not in a page.",
    "iframe": "Pages may not embed other pages. Link to it instead: [what it is](https://...).",
    "frame": "Pages may not embed other pages. Link to it instead.",
    "object": "Pages may not embed objects or plugins. Link to the file instead.",
    "embed": "Pages may not embed objects or plugins. Link to the file instead.",
    "link": "Stylesheets and other resources come from the theme, not from a page.",
    "meta": "Page settings go in the front matter, not in the page text.",
    "base": "A page may not change where its links point.",
}

# Elements Markdown writes itself: raw HTML for them is refused, with the Markdown to use.
MARKDOWN_INSTEAD = {
    "a": "Write the link in Markdown: [what it is](page.md) or [what it is](https://...).",
    "img": "Write the image in Markdown: ![what it shows](file.png), with the file in docs/.",
}

# The theme's own elements have ids starting with "__" (__config holds its settings, read by
# id): a page element with such an id would be found first and could steer the theme's script.
THEME_ID_PREFIX = "__"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20]")


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, in the text checked
    found: str  # what was found: <script>, onclick="..." on <div>
    fix: str
    near: tuple[str, ...] = ()  # text to look for in the source, for the line of HTML Markdown made


def _scheme(url: str) -> str | None:
    """The scheme of url as a browser reads it: browsers drop tabs, newlines and leading
    spaces or control characters, so 'java\\tscript:' is javascript:."""
    match = _SCHEME.match(_CONTROL.sub("", url))
    return match.group(1).lower() if match else None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Checker(HTMLParser):
    def __init__(self, worksheet: bool, markdown_output: bool):
        super().__init__(convert_charrefs=True)
        self.tags = dict(TAGS)
        if markdown_output:
            for name, attrs in MARKDOWN_TAGS.items():
                self.tags[name] = self.tags.get(name, frozenset()) | attrs
        if worksheet:
            for name, attrs in WORKSHEET_TAGS.items():
                self.tags[name] = self.tags.get(name, frozenset()) | attrs
        self.worksheet = worksheet
        self.markdown_output = markdown_output
        self.findings: list[Finding] = []
        self.ids: list[tuple[int, str]] = []  # (line, id) of every id="..."

    def _add(self, found: str, fix: str, *near: str) -> None:
        self.findings.append(Finding(self.getpos()[0], found, fix, tuple(n for n in near if n)))

    def handle_starttag(self, tag, attrs):
        self.ids += [(self.getpos()[0], value) for name, value in attrs if name == "id" and value]
        if tag in FORBIDDEN:
            self._add(f"<{tag}>", FORBIDDEN[tag], f"<{tag}")
        elif tag in self.tags:
            for name, value in attrs:
                problem = self._attribute(tag, name, value or "")
                if problem:
                    value = (value or "").strip()
                    # In the source, a long value is easier to find than the attribute's name.
                    self._add(f'{name}="{_short(value)}" on <{tag}>', problem,
                              value[:40] if len(value) >= 6 else "", name)
        elif tag in WORKSHEET_TAGS:
            self._add(f"<{tag}>", "Pages do not write form markup. A worksheet's form is made from "
                                  "its definition: place its parts with '<!-- worksheet: NAME -->' "
                                  "lines (docs/includes/worksheets/README.md), or link to the worksheet.",
                      f"<{tag}")
        elif tag in MARKDOWN_INSTEAD:
            self._add(f"<{tag}>", MARKDOWN_INSTEAD[tag], f"<{tag}")
        else:
            self._add(f"<{tag}>", "This element is not on the list of HTML a page may use "
                                  "(scripts/painsite/html_policy.py). Write it in Markdown, or ask "
                                  "for it to be added to the list if the site needs it.", f"<{tag}")

    handle_startendtag = handle_starttag

    def _attribute(self, tag: str, name: str, value: str) -> str | None:
        """What is wrong with one attribute (the fix to show), or None."""
        if name.startswith("on"):
            return ("Event handler attributes run code: remove it. A worksheet's behaviour comes "
                    "from docs/assets/tools/.")
        if name == "id" and value.strip().startswith(THEME_ID_PREFIX):
            return "Choose another id: ids starting with __ belong to the theme."
        if name == "style":
            if self.markdown_output and tag in ("th", "td") and value.strip() in ALIGN_STYLES:
                return None
            return ("Remove the style: styles belong in docs/assets/site.css; give the element a "
                    "class there if it needs one.")
        scheme = _scheme(value) if name in LINK_ATTRIBUTES | LOAD_ATTRIBUTES else None
        if scheme in ("javascript", "vbscript", "data"):
            return (f"{scheme}: addresses can run code or hide content: link to a page or an https "
                    "address instead.")
        if not (name in GLOBAL_ATTRIBUTES or name in self.tags[tag] or name.startswith("aria-")
                or name in DATA_ATTRIBUTES):
            return (f"The attribute '{name}' is not allowed on <{tag}> "
                    "(scripts/painsite/html_policy.py). Remove it.")
        # Browsers read a backslash as '/' in web addresses: /\\host is another origin, like //host.
        other_origin = scheme or _CONTROL.sub("", value).replace("\\", "/").startswith("//")
        if name in LOAD_ATTRIBUTES and other_origin:
            return ("Images and other files a page shows must come from this site: a file from "
                    "another site tells that site who reads the page. Put the file in docs/ and "
                    "link to it by its path.")
        if name in LINK_ATTRIBUTES and scheme is not None and scheme not in LINK_SCHEMES:
            return "Links may use https:, mailto:, tel: or sms:, or point at a page of the site."
        return None

    def handle_endtag(self, tag):
        if tag in FORBIDDEN or tag not in self.tags:
            return  # reported at its start tag (a stray end tag on its own changes nothing)

    def handle_comment(self, data):
        if "<" in data or ">" in data or data.startswith("-"):
            self._add(f"<!--{_short(data)}-->", "Keep < and > out of HTML comments: browsers and "
                                                "checkers disagree on where such a comment ends.")

    def handle_decl(self, decl):
        self._add(f"<!{_short(decl)}>", "Remove it: a page is not a whole HTML document.")

    def unknown_decl(self, data):
        self._add(f"<![{_short(data)}]>", "Remove it: CDATA sections are not HTML.")

    def handle_pi(self, data):
        self._add(f"<?{_short(data)}>", "Remove it: processing instructions are not HTML.")


def check_html(html: str, worksheet: bool = False, markdown_output: bool = False,
               ids: list[tuple[int, str]] | None = None) -> list[Finding]:
    """Findings in html. worksheet: the page is a worksheet (form markup allowed).
    markdown_output: html is what Markdown made, so the elements Markdown writes are allowed.
    ids, if given, collects (line, value) of each id attribute."""
    checker = _Checker(worksheet, markdown_output)
    checker.feed(html)
    checker.close()
    if ids is not None:
        ids.extend(checker.ids)
    return checker.findings


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_AUTOLINKS = re.compile(f"{AUTOLINK_RE}|{AUTOMAIL_RE}")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def markdown_without_code(text: str) -> str:
    """text with fenced code blocks, code spans and autolinks (<https://...>, <name@host>) blanked
    out, line for line: in those, Markdown escapes < and >, so they are text, not HTML."""
    lines, fence = [], None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines.append("")
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            lines.append("")
        else:
            lines.append(line)
    # Code spans do not cross a blank line (the end of a paragraph).
    paragraphs = re.split(r"(\n[ \t]*\n)", "\n".join(lines))
    text = "".join(_CODE_SPAN.sub(_blank, part) for part in paragraphs)
    return _AUTOLINKS.sub(_blank, text)


def check_markdown(text: str, worksheet: bool = False,
                   ids: list[tuple[int, str]] | None = None) -> list[Finding]:
    """Findings in the raw HTML of Markdown text, with the line of each (1 = the text's first)."""
    return check_html(markdown_without_code(text), worksheet=worksheet, ids=ids)


class _Markup(HTMLParser):
    found: str | None = None

    def _seen(self, text: str) -> None:
        self.found = self.found or text

    def handle_starttag(self, tag, attrs):
        self._seen(f"<{tag}>")

    def handle_endtag(self, tag):
        self._seen(f"</{tag}>")

    def handle_comment(self, data):
        self._seen("<!--")

    def handle_decl(self, decl):
        self._seen(f"<!{decl}>")

    def handle_pi(self, data):
        self._seen(f"<?{data}>")

    def unknown_decl(self, data):
        self._seen(f"<![{data}]>")


def markup_in_text(value: str) -> str | None:
    """The first piece of HTML markup in value, for front matter, which is plain text, or None."""
    parser = _Markup(convert_charrefs=True)
    parser.feed(value)
    parser.close()
    return parser.found
