"""A link checker that reads the built HTML (not the Markdown): every internal href and src
must name an existing file, and every #fragment an element id in the target page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        for key in ("href", "src"):
            if values.get(key) and not (tag == "link" and values.get("rel") == "canonical"):
                self.refs.append(values[key] or "")


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path, *, folders: bool = True) -> tuple[int, list[str], set[str]]:
    """(internal links checked, problems, external hosts linked to).

    With ``folders=False`` (the file:// bundle, where a link to a folder shows a file
    listing) a link must name a file: one that resolves to a folder is a problem."""
    pages = {path.resolve(): parse(path) for path in site.rglob("*.html")}
    problems: list[str] = []
    external: set[str] = set()
    checked = 0
    for path, page in pages.items():
        for ref in page.refs:
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https"):
                external.add(parts.netloc)
                continue
            if parts.scheme in ("mailto", "data"):
                continue
            shown = f"{path.relative_to(site.resolve())}: {ref}"
            if parts.scheme or parts.netloc:
                problems.append(f"{shown}: unexpected scheme or host")
                continue
            checked += 1
            if not parts.path:
                target = path
            elif parts.path.startswith("/"):  # 404.html links from the site root
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                if not folders:
                    problems.append(f"{shown}: a folder, not a page")
                    continue
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{shown}: no such file")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{shown}: no element with id {parts.fragment!r}")
    return checked, problems, external
