"""The licences, said once: the data and the site's own text are CC BY 4.0, the code MIT,
and the words quoted from news reports stay their publishers'. Every data file, the feed,
the calendar, the schemas and the footer say it in these words (the full texts are the
repository's LICENSE and LICENSE-DATA)."""

from __future__ import annotations

from typing import Any

#: SPDX identifier of the licence of the data and of the site's own text.
DATA_LICENCE_ID = "CC-BY-4.0"
DATA_LICENCE_NAME = "Creative Commons Attribution 4.0 International"
#: The licence deed; its legal code is ``DATA_LICENCE_URL + "legalcode"``.
DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

#: How the licence is written for people (Creative Commons' own short form).
DATA_LICENCE_SHORT = "CC BY 4.0"

#: SPDX identifier of the licence of the generator's code.
CODE_LICENCE_ID = "MIT"

#: What stays out of the licence, said next to it everywhere.
QUOTES_NOTICE = (
    "The words quoted from news reports remain their publishers' copyright and are not "
    "covered by this licence."
)


def attribution(site_name: str, site_url: str | None = None) -> str:
    """How to credit the chronology, e.g. in a paper or under a chart: its name, its address
    when known, and the licence."""
    where = f" ({site_url})" if site_url else ""
    return f"{site_name}{where}, {DATA_LICENCE_SHORT}"


def rights_text(site_name: str, site_url: str | None = None) -> str:
    """A plain paragraph for the feed's <rights> and the calendar's description: the
    licence, its address, how to credit, and the quoted words."""
    return (
        f"Data and text: {DATA_LICENCE_NAME} ({DATA_LICENCE_SHORT}, {DATA_LICENCE_URL}). "
        f"Credit: {attribution(site_name, site_url)}. {QUOTES_NOTICE}"
    )


def licence_reference() -> dict[str, str]:
    """The licence by SPDX id, name and address: the JSON Schemas' ``license`` member."""
    return {"id": DATA_LICENCE_ID, "name": DATA_LICENCE_NAME, "url": DATA_LICENCE_URL}


def licence_field(site_name: str, site_url: str | None = None) -> dict[str, Any]:
    """The ``license`` member of the JSON data files: SPDX id, name, address, the credit to
    give and what is not covered."""
    return {
        **licence_reference(),
        "attribution": attribution(site_name, site_url),
        "excludes": QUOTES_NOTICE,
    }
