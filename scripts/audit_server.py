"""The static server of `make audit` (scripts/audit.py): the built site on 127.0.0.1 with the
headers a well-set-up static host (GitHub Pages, Netlify, nginx with gzip on) sends, so that
Lighthouse judges the site and not the server: gzip for text, a Content-Type with a charset,
a year's Cache-Control for assets and none for pages, the 404 page for a missing address.
"""

from __future__ import annotations

import gzip
import mimetypes
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

#: Types worth compressing; images other than SVG and the zip are compressed already.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml")
COMPRESSIBLE_EXACT = ("image/svg+xml", "application/geo+json", "application/manifest+json")
#: Theme assets carry a content hash in their name; vendored ones change only with a commit.
#: Lighthouse's "uses-long-cache-ttl" wants static resources cached, not the HTML.
ASSET_CACHE = "public, max-age=31536000"
PAGE_CACHE = "no-cache"

for _type, _extension in (
    ("application/javascript", ".js"),
    ("application/json", ".json"),
    ("application/geo+json", ".geojson"),
    ("text/calendar", ".ics"),
    ("image/svg+xml", ".svg"),
):
    mimetypes.add_type(_type, _extension)
#: Files whose type the name's extension does not say.
TYPES_BY_NAME = {"feed.xml": "application/atom+xml", "sitemap.xml": "application/xml"}


def content_type(name: str) -> str:
    """The Content-Type header for a file name, with a charset for text."""
    guessed, encoding = mimetypes.guess_type(name)
    if encoding == "gzip":  # sitemap.xml.gz is served as the gzip file it is
        return "application/gzip"
    kind = TYPES_BY_NAME.get(name) or guessed or "application/octet-stream"
    return f"{kind}; charset=utf-8" if compressible(kind) else kind


def compressible(kind: str) -> bool:
    bare = kind.split(";")[0]
    return bare.startswith(COMPRESSIBLE) or bare in COMPRESSIBLE_EXACT or bare.endswith("+xml")


def cache_control(name: str) -> str:
    return PAGE_CACHE if name.endswith(".html") else ASSET_CACHE


class StaticHandler(SimpleHTTPRequestHandler):
    """Serves the built site with the headers of a well-set-up static host."""

    _gzipped: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib's name)
        pass  # Lighthouse makes hundreds of requests; the table is what matters

    def do_HEAD(self) -> None:  # noqa: N802 (stdlib's name)
        self._respond(body=False)

    def do_GET(self) -> None:  # noqa: N802 (stdlib's name)
        self._respond(body=True)

    def _respond(self, body: bool) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        else:
            status = 200
        data = path.read_bytes()
        kind = content_type(path.name)
        gzipped = compressible(kind) and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            data = self._gzip(path, data)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", cache_control(path.name))
        self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _gzip(self, path: Path, data: bytes) -> bytes:
        key = (str(path), path.stat().st_mtime)
        with self._lock:
            if key not in self._gzipped:
                self._gzipped[key] = gzip.compress(data, compresslevel=6, mtime=0)
            return self._gzipped[key]


def serve(root: Path) -> ThreadingHTTPServer:
    """Start serving `root` on a free port of 127.0.0.1 in a daemon thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(StaticHandler, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
