"""The off-site resources check: everything in a built site that a browser would load from
another host (fonts, CDN scripts, analytics), found in the HTML, CSS, SVG and scripts on disk.
Plain file reading and parsing, no MkDocs: ``chronology build`` runs it on every site it makes
and fails the build on any finding.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

#: <link rel=…> values whose href the browser fetches (or connects to) by itself.
_FETCHED_LINK_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "apple-touch-icon-precomposed",
    "manifest",
    "mask-icon",
    "prerender",  # Chromium fetches the page ahead
    "next",  # Firefox prefetches the next page
    "search",  # Chromium fetches an OpenSearch description it finds
}
#: Attributes whose URL the browser loads without a click, on any element.
_FETCHED_ATTRS = {"src", "srcset", "poster", "data", "background", "imagesrcset"}
#: Elements whose href/xlink:href is loaded, not followed (SVG images, uses, scripts), and
#: <base>, whose href every relative address of the page is resolved against.
_FETCHED_HREF_TAGS = {"image", "use", "script", "feimage", "base"}

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
#: image-set() takes plain strings as addresses too: image-set("a.png" 1x, "b.png" 2x).
_CSS_IMAGE_SET = re.compile(r"""image-set\(([^)]*)\)""", re.I)
_CSS_STRING = re.compile(r"""(['"])([^'"]*)\1""")
#: A CSS escape: a backslash and up to six hex digits (and one white space), or any character.
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.S)
#: Hosts a script should never pull code, fonts or styles from. Material's theme script
#: itself names two unpkg.com addresses it loads only in narrow cases, allowed below. The
#: pattern starts at the '//' (a literal the search skips to quickly); _SCHEME_BEFORE finds
#: an "https:" or "http:" in front of it.
_CDN_HOSTS = re.compile(
    r"""//(fonts\.googleapis\.com|fonts\.gstatic\.com|unpkg\.com|"""
    r"""cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|ajax\.googleapis\.com|code\.jquery\.com|"""
    r"""[a-z0-9.-]*google-analytics\.com|[a-z0-9.-]*googletagmanager\.com|"""
    r"""plausible\.io|static\.cloudflareinsights\.com)[^\s'"`)]*""",
    re.I,
)
_SCHEME_BEFORE = re.compile(r"https?:$", re.I)
#: Loaded by Material's bundle.*.js only by browsers without ResizeObserver (none current)
#: and only on pages with a Mermaid diagram (this site has none; tests/e2e/test_browser.py checks).
_MATERIAL_CONDITIONAL = {
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
}


#: What a browser's URL parser drops around an address (C0 controls and spaces), with the
#: white space str.strip() drops, which the parser's attribute reading also skips.
_AROUND_URL = "".join(map(chr, range(0x21)))
#: What a browser's URL parser drops anywhere in an address: "/\t/evil" is "//evil".
_INSIDE_URL = {ord("\t"): None, ord("\n"): None, ord("\r"): None}


def _offsite(url: str) -> bool:
    """Whether a browser resolving ``url`` against a page of this site leaves the site."""
    trimmed = None
    while trimmed != url:
        trimmed, url = url, url.strip().strip(_AROUND_URL)
    url = url.translate(_INSIDE_URL)
    # Browsers read backslashes as slashes in URLs: "\\evil.example" and "/\\evil.example" are
    # network-path references like "//evil.example".
    if url.replace("\\", "/").startswith("//"):
        return True
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return scheme is not None and scheme.group(1).lower() not in {
        "data",
        "blob",
        "about",
        "javascript",
    }


def _css_unescape(text: str) -> str:
    def character(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return match.group(2)
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _CSS_ESCAPE.sub(character, text)


def _css_urls(text: str) -> list[str]:
    """The addresses CSS loads: url(), @import and image-set() strings, read both as written
    and with CSS escapes decoded (u\\72l(\\2f\\2f x) is url(//x))."""
    urls = []
    for css in dict.fromkeys((text, _css_unescape(text) if "\\" in text else text)):
        urls += [m.group(2) or m.group(4) for m in _CSS_URL.finditer(css)]
        for images in _CSS_IMAGE_SET.finditer(css):
            urls += [m.group(2) for m in _CSS_STRING.finditer(images.group(1))]
    return list(dict.fromkeys(urls))


class _ResourceParser(HTMLParser):
    """Collects every URL in an HTML page that the browser loads without a click."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Every value of an attribute given twice: a browser reads the first, and which one
        # that is does not matter to a check that errs on the side of reporting.
        values: dict[str, list[str]] = {}
        for name, value in attrs:
            values.setdefault(name.lower(), []).append(value or "")

        def every(name: str) -> list[str]:
            return values.get(name, [])

        for name, given in values.items():
            if name in _FETCHED_ATTRS and name.endswith("srcset"):
                for value in given:
                    self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name in _FETCHED_ATTRS:
                self.urls += given
        rels = {rel for value in every("rel") for rel in value.lower().split()}
        if tag == "link" and rels & _FETCHED_LINK_RELS:
            self.urls += every("href")
        if tag in _FETCHED_HREF_TAGS:
            self.urls += every("href") + every("xlink:href")
        if tag == "meta" and any(v.strip().lower() == "refresh" for v in every("http-equiv")):
            for content in every("content"):
                target = re.search(r"url\s*=\s*['\"]?([^'\"\s]+)", content, re.I)
                self.urls += [target.group(1)] if target else []
        for style in every("style"):
            self.urls += _css_urls(style)
        for document in every("srcdoc"):  # <iframe srcdoc="…">: a page of its own
            inner = _ResourceParser()
            inner.feed(document)
            inner.close()
            self.urls += inner.urls
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += _css_urls(data)


#: An attribute value that may start, once the parser has decoded character references and
#: a browser has dropped what it ignores, with a scheme or '//': the only way an attribute can
#: point at another host. Before the value, anything the parser or a browser skips: ASCII
#: white space and controls, and bytes of non-ASCII characters (some are white space to the
#: parser). Then '/' or '\' followed by another (tabs and newlines between count for
#: nothing), by a character reference ('/&#47;x'), or a scheme ('x:', 'h&#116;tp:', 'h\ttp:').
#: Matched on lowered text, at every '=' of a page (hence possessive quantifiers: no
#: backtracking). The lookbehinds pass over, inside the regular expression, the commonest
#: such values under names that never load anything: the xmlns declarations of inline SVG
#: icons (xmlns=, xmlns:xlink=) and labels (aria-label="Map: at …").
_ABSOLUTE_VALUE = re.compile(
    rb"""=(?=[\x00-\x20\x80-\xff]*+["']?+[\x00-\x20\x80-\xff]*+"""
    rb"""(?:[/\\][\t\n\r]*+[/\\&]|&|[a-z][a-z0-9+.\t\n\r-]*+[:&]))"""
    rb"""(?<!xmlns=)(?<!xlink=)(?<!label=)"""
)
#: The name of the attribute before its '=' (the parser allows white space between).
_NAME_BEFORE = re.compile(rb"""([a-z:_-]+)\s*$""")
#: How far before the '=' the name is looked for; a longer name or gap counts as loading.
_NAME_WINDOW = 40
#: Attribute names a browser may load a URL from (any *src, *srcset or *href included, so
#: the list errs on the side of parsing).
_LOADING_NAME = re.compile(
    rb"(?:[a-z:_-]*(?:src|srcset|srcdoc|href)|poster|data|background|action|style)$"
)
#: Elements whose href is followed by a click, never fetched.
_TAG_BEFORE = re.compile(rb"<(?:a|area)\s")
#: A <link> element as the theme's templates write it, up to its href: its rel value.
_LINK_REL_BEFORE = re.compile(rb'<link rel="([a-z ]+)" href')
#: Lists of addresses (srcset), pages in an attribute (srcdoc): addresses after other text.
_SRC_LIST = re.compile(rb"src(?:set|doc)")


def _may_fetch_offsite(text: str | bytes) -> bool:
    """A cheap over-approximation of "_ResourceParser finds an offsite URL here", so that the
    slow parse runs only on the few pages that need it (most absolute attribute values are
    xmlns declarations of inline SVG icons, or labels)."""
    # Bytes: lowering ASCII and matching need no decoding.
    # The parser lowers names with str.lower(), which makes ASCII letters only of the Kelvin
    # sign ('k', in none of the words below) besides A-Z.
    lowered = (text.encode("utf-8") if isinstance(text, str) else text).lower()
    # CSS, which the parser reads from <style> elements and style attributes however spaced
    # (style = "…"), is a "style" that does not begin "stylesheet": every page names its
    # stylesheets (<link rel="stylesheet">), few have any other.
    at = lowered.find(b"style")
    while at >= 0:
        if not lowered.startswith(b"stylesheet", at):
            return True
        at = lowered.find(b"style", at + 5)
    # Addresses after other text: srcset and srcdoc, meta refresh (content="0;url=…").
    if _SRC_LIST.search(lowered) or b"http-equiv" in lowered:
        return True
    for match in _ABSOLUTE_VALUE.finditer(lowered):
        window = max(0, match.start() - _NAME_WINDOW)
        name = _NAME_BEFORE.search(lowered, window, match.start())
        if name is None or (name.start() == window and window > 0):
            return True  # no name, or only the end of one
        attribute = name.group(1)
        if not _LOADING_NAME.match(attribute):
            continue
        tag = lowered.rfind(b"<", 0, match.start())
        if attribute == b"href" and _TAG_BEFORE.match(lowered, tag):
            continue  # a link the reader follows (sources stay links), not a fetch
        link = _LINK_REL_BEFORE.fullmatch(lowered, tag, match.start())
        if (
            link
            and not set(link.group(1).decode().split()) & _FETCHED_LINK_RELS
            and b"rel" not in lowered[match.start() : lowered.find(b">", match.start())]
        ):
            continue  # e.g. every page's <link rel="canonical">: named, never fetched
        return True
    return False


def site_files(site: Path) -> list[str]:
    """Every file in ``site`` as a path relative to it ('assets/x.css'), in the order of
    sorted Paths, as ``Path.rglob`` finds them (symbolic links to files included, links to
    folders not followed); os.scandir, as rglob is three times slower on a large site."""
    found: list[str] = []
    folders = [""]
    root = os.path.join(site, "")
    while folders:
        folder = folders.pop()
        with os.scandir(root + folder) as entries:
            for entry in entries:
                if entry.is_dir() and not entry.is_symlink():
                    folders.append(folder + entry.name + "/")
                elif entry.is_file():
                    found.append(folder + entry.name)
    found.sort(key=lambda relative: relative.split("/"))
    return found


def offsite_resources(site: Path, files: list[str] | None = None) -> list[str]:
    """Everything in a built site that a browser would fetch from another host, as
    ``path: url`` lines: ``src``/``srcset`` and fetched ``<link>`` hrefs in HTML, ``url()`` and
    ``@import`` in CSS (files, ``<style>`` and ``style=``), CDN and analytics addresses in
    scripts. Links a reader follows (``<a href>``) are fine: sources stay links. In
    ``files`` only (paths from the site root), when given."""
    found: list[str] = []
    root = os.path.join(site, "")
    for relative in site_files(site) if files is None else files:
        suffix = os.path.splitext(relative)[1].lower()
        # The search index is page text wrapped in a script; words in it load nothing.
        if suffix not in {".html", ".htm", ".css", ".js", ".svg"} or relative.startswith("search/"):
            continue
        with open(root + relative, "rb") as file:
            data = file.read()
        if suffix in {".html", ".htm", ".svg"}:
            urls = []
            if _may_fetch_offsite(data):  # most pages cannot: skip the slow parse
                parser = _ResourceParser()
                parser.feed(data.decode("utf-8", errors="replace"))
                parser.close()
                urls = parser.urls
        elif suffix == ".css":
            urls = _css_urls(data.decode("utf-8", errors="replace"))
        else:
            urls = _cdn_urls(data.decode("utf-8", errors="replace"))
            folder, _, name = relative.rpartition("/")
            if folder.rpartition("/")[2] == "javascripts" and name.startswith("bundle."):
                urls = [u for u in urls if u not in _MATERIAL_CONDITIONAL]
        found += [f"{relative}: {url}" for url in dict.fromkeys(urls) if _offsite(url)]
    return found


def _cdn_urls(text: str) -> list[str]:
    """The CDN and analytics addresses in a script, with their scheme when they have one."""
    urls = []
    for match in _CDN_HOSTS.finditer(text):
        scheme = _SCHEME_BEFORE.search(text, max(0, match.start() - 6), match.start())
        urls.append(text[scheme.start() if scheme else match.start() : match.end()])
    return urls
