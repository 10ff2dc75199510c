"""The site's public address (MkDocs' ``site_url``), from which every permalink is made: the
citations, the CSL-JSON, the feed, the calendar, the data files, the canonical links and
sitemap.xml. No MkDocs here.

It is set once, in mkdocs.yml (``site_url: !ENV [CHRONOLOGY_SITE_URL, "…"]``); a fork
publishing elsewhere overrides it with the environment variable or with ``--site-url`` on
``chronology build`` and ``chronology bundle``: the option beats the variable, which beats
mkdocs.yml. An empty address is allowed and leaves everything relative (:data:`RELATIVE_NOTICE`
says what); anything else must be an http(s) address with a host.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

from ..errors import ChronologyError

#: The environment variable that overrides mkdocs.yml's site_url (mkdocs.yml reads it too).
SITE_URL_ENV = "CHRONOLOGY_SITE_URL"

#: What a build without an address leaves relative, printed once by the command.
RELATIVE_NOTICE = (
    "No site address (site_url) is set, so these stay relative to the site: the citations "
    "and CSL-JSON on event pages, the links in feed.xml, data/events.ics (no URL), "
    "events.json, events.csv and events.geojson; sitemap.xml lists no page and no page has "
    f"a canonical link. Set one with --site-url URL, {SITE_URL_ENV}=URL or site_url in "
    "mkdocs.yml."
)

_EXAMPLE = "e.g. https://example.org/chronology/"


class BadSiteUrl(ChronologyError):
    """The site's address is not an http(s) address with a host."""


def checked_site_url(value: str, origin: str) -> str:
    """``value`` as the site's address: '' for none (blank counts as none), else the address
    with a lower-case scheme and host and a path ending in '/'. ``origin`` names where the
    value came from in the error ('--site-url', 'CHRONOLOGY_SITE_URL', 'mkdocs.yml: site_url')."""
    text = value.strip()
    if not text:
        return ""
    problem = _problem(text)
    if problem:
        raise BadSiteUrl(f"{origin}: {text!r} is not a site address: {problem}; {_EXAMPLE}")
    parts = urlsplit(text)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


def _problem(text: str) -> str | None:
    """Why ``text`` cannot be the site's address, or None."""
    if any(character.isspace() or ord(character) < 32 for character in text):
        return "it holds a space or a control character"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        return f"it cannot be read as an address ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return "it must start with http:// or https://"
    if not parts.hostname:
        return "it has no host name"
    if parts.username is not None or parts.password is not None:
        return "it must not hold a user name or password"
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        return "it must not have a query (?…) or a fragment (#…)"
    return None


def site_url_override(option: str | None) -> str | None:
    """The address given on the command line (``option``), else in the environment variable,
    checked; None when neither is given, so that mkdocs.yml's site_url stands."""
    if option is not None:
        return checked_site_url(option, "--site-url")
    if SITE_URL_ENV in os.environ:
        return checked_site_url(os.environ[SITE_URL_ENV], SITE_URL_ENV)
    return None
