"""The active-content check: no page of a built site runs code that the templates, the theme
or the vendored assets did not put there. Pages are parsed as a browser parses them
(html5lib, the HTML standard's algorithm: entities decoded, attribute names lowered, SVG
included); no MkDocs. ``chronology build`` runs it on every site it makes, hosted and
offline, and fails the build on any finding. It runs before the off-site check, so that
a style or script from content that loads from another host is blamed on content, not on
a missing vendored asset.

What counts as the theme's: every ``<script>`` and ``<style>`` of the site's own 404 page
(a page with no content on it), inline ones by their text with the page's base address set
aside, and those it loads from other hosts (mkdocs.yml asked for them: the off-site check
reports them as such); scripts loaded from a ``.js`` file of the site itself (vendored
assets, the map data); the page's schema.org data, a ``<script type="application/ld+json">``
with that one attribute and JSON for its text, which no browser runs; and the one ``style``
attribute Python-Markdown's tables write (``text-align``). Anything else is reported:
``on*`` event-handler attributes, ``style`` attributes, ``<script>`` and ``<style>``
elements, and ``javascript:``, ``data:`` and ``vbscript:`` addresses.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import html5lib

from ..errors import ChronologyError
from .offsite import site_files

#: Attributes a browser follows, loads, submits to or animates into an address.
URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "action", "formaction", "data", "poster", "background", "cite",
        "codebase", "longdesc", "ping", "srcset", "imagesrcset", "manifest", "icon", "lowsrc",
        "dynsrc", "archive", "profile", "usemap", "from", "to", "values", "by",
    }
)  # fmt: skip
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
#: The style attributes Python-Markdown's tables extension writes for aligned columns.
TABLE_STYLES = frozenset(f"text-align: {side};" for side in ("left", "right", "center"))
#: What a browser's URL parser drops around an address, and inside it (tab, newlines).
_AROUND_URL = "".join(map(chr, range(0x21)))
_INSIDE_URL = {ord("\t"): None, ord("\n"): None, ord("\r"): None}
#: The page every build has that shows no content: its scripts and styles are the theme's.
THEME_PAGE = "404.html"
#: The opening tag of a page's JSON-LD (overrides/main.html), exactly as written.
JSON_LD_TAG = b'<script type="application/ld+json">'


class ActiveContentFound(ChronologyError):
    """A page of the built site holds active content that came from no template."""


@dataclass(frozen=True)
class Finding:
    page: str  #: the page, relative to the site ('sources/x/index.html')
    what: str  #: the element or attribute ("<a onmouseover=…>", "<script> 'alert(1)'")


@dataclass(frozen=True)
class _Theme:
    """The theme's scripts and styles, as the 404 page has them: with the absolute base
    address ``base`` ('/', or the path of site_url: '/chronology/')."""

    inline: frozenset[tuple[str, str]]  #: (tag, text) of inline <script> and <style> elements
    raw: tuple[bytes, ...]  #: each <script …>…</script> of the page, as written
    #: the addresses of its scripts that name another host: what mkdocs.yml asks for, which
    #: the off-site check then reports as such
    absolute: frozenset[str]
    base: str = "/"

    def snippets(self, base: str) -> tuple[bytes, ...]:
        """The raw elements as a page whose base address is ``base`` has them, lowered."""
        return tuple(_rebase(s.decode(), self.base, base).encode().lower() for s in self.raw)


def _base_of(relative: str, theme: _Theme) -> str:
    """The relative address of the site root from a page ('..' for 'a/index.html')."""
    if relative == THEME_PAGE:
        return theme.base
    depth = relative.count("/")
    return "/".join([".."] * depth) if depth else "."


def _rebase(text: str, base: str, to: str) -> str:
    """``text`` with the base address ``base`` as a page whose base is ``to`` has it, in the
    three places Material writes it: its scope, its configuration and addresses of assets."""
    prefix = "" if base == "." else base.rstrip("/") + "/"
    target = "" if to == "." else to.rstrip("/") + "/"
    return (
        text.replace(f'new URL("{base}",location)', f'new URL("{to}",location)')
        .replace(f'"base": "{base}"', f'"base": "{to}"')
        .replace(f'"{prefix}assets/', f'"{target}assets/')
    )


def _read_theme(site: Path) -> _Theme:
    page = site / THEME_PAGE
    if not page.is_file():
        return _Theme(frozenset(), (), frozenset())
    data = page.read_bytes()
    elements = [e for e in _parse(data).iter() if _local(e.tag) in {"script", "style"}]
    inline = {(_local(e.tag), e.text or "") for e in elements if "src" not in e.attrib}
    absolute = {e.attrib["src"] for e in elements if "//" in e.attrib.get("src", "")}
    lowered, raw, at = data.lower(), [], 0
    while (at := lowered.find(b"<script", at)) >= 0:
        end = lowered.find(b"</script>", at)
        if end < 0:
            break
        raw.append(data[at : end + len(b"</script>")])
        at = end
    base = next((_config_base(e.text) for e in elements if e.attrib.get("id") == "__config"), "/")
    return _Theme(frozenset(inline), tuple(dict.fromkeys(raw)), frozenset(absolute), base)


def _config_base(text: str | None) -> str:
    """The base address in Material's configuration script, as the 404 page has it."""
    try:
        base = json.loads(text or "")["base"]
    except (ValueError, KeyError, TypeError):
        return "/"
    return base if isinstance(base, str) else "/"


def _parse(data: bytes) -> Any:
    """The page's element tree, as a browser builds it (html5lib's ElementTree)."""
    return html5lib.parse(data, treebuilder="etree", namespaceHTMLElements=False)


def _local(name: object) -> str:
    """'href' of '{http://www.w3.org/1999/xlink}href'; tags and attributes alike."""
    return str(name).rpartition("}")[2].lower()


#: A cheap over-approximation of "the parse finds something", searched in lowered bytes
#: outside the theme's own script elements, each pattern by a literal it starts with (the
#: regular expression engine skips to it quickly): an attribute named on… or style… (after
#: white space, '/' or a quote), a character reference other than the few Markdown and the
#: theme write, an attribute value that starts with a scheme other than http(s) (tabs and
#: newlines inside count for nothing, as in a browser) unless it is a label ("Map: Baghdad"), a
#: name, a property ("og:title") or a meta element's content ("Chronology: July 2020"): no
#: browser follows those (a refresh's target follows 'url=', which the pattern still sees).
_HANDLER = re.compile(rb"""on(?<=[\s/"']on)[^\s/>=]*+\s*+=""")
_STYLE = re.compile(rb"""style(?<=[\s/"']style)[^\s/>=]*+\s*+=""")
_ENTITY = re.compile(rb"&(?!amp;|lt;|gt;|quot;|#34;|para;|nbsp;|copy;|#x27;|#39;)")
_SCHEME = re.compile(
    rb"""=(?<!label=)(?<!name=)(?<!property=)(?<!content=)[\x00-\x20]*+["']?+[\x00-\x20]*+(?!https?://)[a-z][a-z0-9+.\t\n\r-]*+:"""
)
#: A script element that loads a file, as overrides/main.html writes one (no '&': the
#: address is the attribute's value as written).
_LOCAL_SCRIPT = re.compile(rb'<script src="([^"&<>\s]+)"(?: defer)?></script>')
#: The style attributes Python-Markdown's tables write, from the '<' of their cell.
_TABLE_CELLS = tuple(
    f'<{cell} style="{style}"'.encode() for cell in ("td", "th") for style in sorted(TABLE_STYLES)
)


def _json_ld_end(data: bytes, lowered: bytes, at: int) -> int | None:
    """Where the JSON-LD element at ``at`` ends, if one is there and its text is JSON."""
    if not lowered.startswith(JSON_LD_TAG, at):
        return None
    end = lowered.find(b"</script>", at)
    if end < 0 or not _is_json(data[at + len(JSON_LD_TAG) : end]):
        return None
    return end + len(b"</script>")


def _is_json(text: bytes | str) -> bool:
    try:
        json.loads(text)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return False
    return True


def _local_script_end(
    data: bytes, lowered: bytes, at: int, local_script: Callable[[str], bool] | None
) -> int | None:
    """Where the script element at ``at`` ends, if it only loads a .js file of the site (as
    ``_findings`` judges it: ``local_script`` is ``_script_file_ok`` for this page)."""
    match = _LOCAL_SCRIPT.match(lowered, at)
    if match is None or local_script is None:
        return None
    return match.end() if local_script(data[match.start(1) : match.end(1)].decode()) else None


def _may_hold_active_content(
    lowered: bytes,
    snippets: tuple[bytes, ...],
    data: bytes | None = None,
    local_script: Callable[[str], bool] | None = None,
) -> bool:
    """Whether a page (``lowered`` bytes; ``data`` as written, when at hand) may hold a
    finding: anything suspicious outside the theme's script elements ``snippets``, the
    page's JSON-LD and the scripts it loads from the site's own .js files. Pages without
    cannot; most pages are such."""
    data = lowered if data is None else data
    if b"<style" in lowered or b"srcdoc" in lowered:
        return True
    gaps, start = [], 0
    while (at := lowered.find(b"<script", start)) >= 0:
        snippet = next((s for s in snippets if lowered.startswith(s, at)), None)
        end = (
            at + len(snippet)
            if snippet is not None
            else _json_ld_end(data, lowered, at)
            or _local_script_end(data, lowered, at, local_script)
        )
        if end is None:
            return True  # a script the theme's 404 page does not have
        gaps.append((start, at))
        start = end
    gaps.append((start, len(lowered)))
    for begin, end in gaps:
        if _ENTITY.search(lowered, begin, end) or _HANDLER.search(lowered, begin, end):
            return True
        # A table cell's alignment is the one style (and the one 'text-align:') allowed.
        for match in _STYLE.finditer(lowered, begin, end):
            if not lowered.startswith(_TABLE_CELLS, match.start() - 4):
                return True
        for match in _SCHEME.finditer(lowered, begin, end):
            if not lowered.startswith(_TABLE_CELLS, match.start() - 9):
                return True
    return False


def _dangerous_url(value: str) -> bool:
    trimmed = None
    while trimmed != value:
        trimmed, value = value, value.strip(_AROUND_URL)
    return value.translate(_INSIDE_URL).lower().startswith(DANGEROUS_SCHEMES)


def _script_file_ok(site: Path, relative: str, src: str) -> bool:
    """A script loaded from a .js file of the site itself, by a relative address."""
    if src != src.strip(_AROUND_URL) or "\\" in src or "//" in src or ":" in src.split("/")[0]:
        return False
    path = src.split("?")[0].split("#")[0]
    joined = (
        path.lstrip("/")
        if path.startswith("/")
        else posixpath.join(posixpath.dirname(relative), path)
    )
    target = posixpath.normpath(joined)
    return target.endswith(".js") and not target.startswith("..") and (site / target).is_file()


def _is_json_ld(attributes: dict[str, str], text: str) -> bool:
    """A script element that is JSON-LD: its one attribute says so and its text is JSON."""
    return attributes == {"type": "application/ld+json"} and _is_json(text)


def _findings(site: Path, relative: str, data: bytes, theme: _Theme) -> list[str]:
    """What on one page is active content the theme did not put there."""
    found: list[str] = []
    base = _base_of(relative, theme)
    for element in _parse(data).iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = _local(element.tag)
        attributes = {_local(name): value for name, value in element.attrib.items()}
        if tag in {"script", "style"}:
            src = attributes.get("src")
            if tag == "script" and src is not None:
                if src not in theme.absolute and not _script_file_ok(site, relative, src):
                    found.append(f"<script src={src!r}>")
            elif tag == "script" and _is_json_ld(attributes, element.text or ""):
                pass  # schema.org data: no browser runs it
            elif (tag, _rebase(element.text or "", base, theme.base)) not in theme.inline:
                found.append(f"<{tag}> {(element.text or '').strip()[:60]!r}")
        for name, value in attributes.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=…>")
            elif name == "style" and not (tag in {"td", "th"} and value in TABLE_STYLES):
                found.append(f"<{tag} style={value[:60]!r}>")
            elif name in URL_ATTRIBUTES and _dangerous_url(value):
                found.append(f"<{tag} {name}={value[:60]!r}>")
            elif name == "srcdoc":
                found.append(f"<{tag} srcdoc=…>")
        if tag == "meta" and attributes.get("http-equiv", "").strip().lower() == "refresh":
            target = attributes.get("content", "").partition("=")[2].strip("'\" ")
            if _dangerous_url(target):
                found.append(f"<meta http-equiv=refresh content={attributes['content'][:60]!r}>")
    return found


def active_content(site: Path, files: list[str] | None = None) -> list[Finding]:
    """Every piece of active content in the pages (and SVG files) of a built site that the
    theme's 404 page, the site's own script files and Markdown's tables do not account for;
    in ``files`` only (paths from the site root), when given."""
    theme = _read_theme(site)
    snippets: dict[str, tuple[bytes, ...]] = {}
    found: list[Finding] = []
    root = os.path.join(site, "")
    for relative in site_files(site) if files is None else files:
        suffix = os.path.splitext(relative)[1].lower()
        if suffix not in {".html", ".htm", ".svg"}:
            continue
        with open(root + relative, "rb") as file:
            data = file.read()
        base = _base_of(relative, theme)
        if base not in snippets:
            snippets[base] = theme.snippets(base)

        def local_script(src: str, relative: str = relative) -> bool:
            return _script_file_ok(site, relative, src)

        if _may_hold_active_content(data.lower(), snippets[base], data, local_script):
            found += [Finding(relative, what) for what in _findings(site, relative, data, theme)]
    return found


def check_active_content(site: Path, found: list[Finding] | None = None) -> None:
    """Raise ActiveContentFound, naming every page and what is on it, if the check finds
    anything (or ``found`` holds anything: what :func:`active_content` found)."""
    found = active_content(site) if found is None else found
    if not found:
        return
    lines = [f"  {f.page}: {f.what}" for f in found[:20]]
    if len(found) > 20:
        lines.append(f"  … and {len(found) - 20} more")
    raise ActiveContentFound(
        "the site would run code that no template, theme or vendored asset put there "
        "(event handlers, style, scripts or javascript:/data:/vbscript: addresses). It came "
        "from the text of content/ (or a hand-written page in docs/) shown on these pages: "
        "look in the records those pages show, and in any hand-written HTML:\n" + "\n".join(lines)
    )
