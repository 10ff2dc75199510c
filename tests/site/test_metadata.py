"""Page metadata from records (generator/site/metadata.py, generator/build/page_meta.py):
descriptions cut at a word and safe in front matter and attributes, schema.org dates never
more precise than the EDTF date, the JSON-LD of a known event and actor, JSON-LD that hostile
text cannot end, and the scripts a page with a map loads."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import EXACT_ID, HOSTILE, make_project, write

from generator.build.page_meta import DATA_DOWNLOADS, PageMetadata
from generator.content import edtf
from generator.content.catalog import Catalog, load_catalog
from generator.exports.files import data_files
from generator.site.maps import small_map_html
from generator.site.metadata import (
    DESCRIPTION_LENGTH,
    Describer,
    LinkedData,
    front_matter_value,
    schema_date,
    script_text,
    trim,
)

SITE = "https://example.org/c/"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog(make_project(tmp_path_factory.mktemp("meta") / "p", site=False))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    root = make_project(tmp_path_factory.mktemp("hostile") / "p", site=False)
    for relative, text in HOSTILE.items():
        write(root, relative, text)
    return load_catalog(root)


# --- descriptions ----------------------------------------------------------------------------


def test_a_long_text_is_cut_at_a_word_with_an_ellipsis() -> None:
    text = "word " * 40 + "end"
    cut = trim(text)
    assert len(cut) <= DESCRIPTION_LENGTH
    assert cut == ("word " * 31).strip() + "…"
    assert trim("Short and\n\n  sweet.") == "Short and sweet."
    # No dangling punctuation before the ellipsis.
    assert trim("aaaa, " * 40) == ("aaaa, " * 26).rstrip(", ") + "…"


@pytest.mark.parametrize(
    "text, shown",
    [
        ('He said "go" <b>now</b>', "He said “go” ‹b›now‹/b›"),
        ('an odd " quote', "an odd ” quote"),
        ("line\u2028separator\u0085next", "line separator next"),
    ],
)
def test_a_description_is_one_line_that_cannot_leave_an_attribute(text, shown) -> None:
    value = front_matter_value(text)
    assert yaml.safe_load(f"description: {value}") == {"description": shown}


def test_descriptions_of_records(catalog: Catalog) -> None:
    describe = Describer(catalog)
    assert yaml.safe_load(describe.event(catalog.events[EXACT_ID])) == (
        "A rocket hit a house near the Green Zone in Baghdad, killing two civilians. Officials "
        "gave different numbers of wounded."
    )
    assert yaml.safe_load(describe.actor(catalog.actors["iraqi-intelligence"])) == (
        "Iraqi intelligence: government body in the chronology, 1 event."
    )
    assert yaml.safe_load(describe.place(catalog.locations["green-zone"])) == (
        "Green Zone: District in Baghdad; 2 events in the chronology. The fortified government "
        "district."
    )


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2020-07-10", "2020-07-10"),
        ("2020-07", "2020-07"),
        ("2020", "2020"),
        ("2020-07-10~", None),
        ("2020-07?", None),
        ("2020-07-1X", None),
        ("2020-21", None),
        ("2020-07/2020-08", None),
        ("2020-07/..", None),
    ],
)
def test_a_schema_org_date_is_never_more_precise_than_the_edtf_date(text, iso) -> None:
    assert schema_date(edtf.parse(text)) == iso


# --- JSON-LD -----------------------------------------------------------------------------------


def test_the_json_ld_of_an_event(catalog: Catalog) -> None:
    page = f"{SITE}events/{EXACT_ID}/"
    data = LinkedData(catalog, "Chronology", SITE).event(catalog.events[EXACT_ID])
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Rocket hits a house near the Green Zone, killing two civilians",
        "description": "Rocket attack. A rocket hit a house near the Green Zone in Baghdad, "
        "killing two civilians. Officials gave different numbers of wounded.",
        "startDate": "2020-07-10",
        "endDate": "2020-07-10",
        "location": [
            {
                "@type": "AdministrativeArea",
                "name": "Green Zone",
                "url": f"{SITE}locations/green-zone/",
                "containedInPlace": {
                    "@type": "City",
                    "name": "Baghdad",
                    "url": f"{SITE}locations/baghdad/",
                    "geo": {"@type": "GeoCoordinates", "latitude": 33.3152, "longitude": 44.3661},
                },
                "description": "near Green Zone",
            }
        ],
        # Suspected by Iraqi intelligence, a target: what it is about, no organizer.
        "about": [
            {
                "@type": "Organization",
                "name": "Kataib Hezbollah",
                "url": f"{SITE}actors/kataib-hezbollah/",
            },
            {
                "@type": "GovernmentOrganization",
                "name": "US embassy in Baghdad",
                "url": f"{SITE}actors/us-embassy-baghdad/",
            },
        ],
        "subjectOf": [
            {
                "@type": "NewsArticle",
                "headline": "Rocket kills two near Green Zone",
                "publisher": {"@type": "Organization", "name": "AFP"},
                "datePublished": "2020-09-01",
                "author": {"@type": "Person", "name": "Jane Doe"},
                "url": "https://example.com/afp/rocket",
            }
        ],
        "isAccessibleForFree": True,
        "mainEntityOfPage": {
            "@type": "WebPage",
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "@id": page,
            "url": page,
            "isPartOf": {"@type": "WebSite", "name": "Chronology", "url": SITE},
        },
        "url": page,
    }


def test_an_approximate_event_gives_the_bounds_of_its_date(catalog: Catalog) -> None:
    linked = LinkedData(catalog, "Chronology", None)
    about = next(e for e in catalog.events.values() if e.date == "2020-07~")
    data = linked.event(about)
    assert (data["startDate"], data["endDate"]) == ("2020-07-01", "2020-07-31")
    # Without a site address, no address at all.
    assert "url" not in data and "url" not in data["location"][0]
    assert "@id" not in data["mainEntityOfPage"]


def test_the_json_ld_of_an_actor(catalog: Catalog) -> None:
    data = LinkedData(catalog, "Chronology", SITE).actor(catalog.actors["kataib-hezbollah"])
    assert {k: v for k, v in data.items() if k != "mainEntityOfPage"} == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Kataib Hezbollah",
        "url": f"{SITE}actors/kataib-hezbollah/",
        "alternateName": ["Kataeb Hezbollah", "كتائب حزب الله"],
        "description": "An armed group blamed for rocket attacks.",
    }


def test_hostile_text_cannot_end_the_json_ld(hostile: Catalog) -> None:
    meta = PageMetadata(hostile, "</script><script>alert(1)</script>", SITE)
    texts = [meta.json_ld(uri) for uri in meta.records] + [meta.json_ld("data.md")]
    assert len(texts) > 10
    for text in texts:
        assert not set("<>&") & set(text)
        json.loads(text)  # still JSON
    event = json.loads(meta.json_ld("events/2020-08-01-evil-event.md"))
    assert event["name"] == hostile.events["2020-08-01-evil-event"].title


def test_script_text_escapes_what_could_end_a_script() -> None:
    text = script_text({"a": "</script><!-- & -->"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e"}'
    assert json.loads(text) == {"a": "</script><!-- & -->"}


def test_the_dataset_names_every_data_file(catalog: Catalog) -> None:
    exported = {path for path in data_files(catalog) if not path.startswith("data/schema/")}
    assert set(DATA_DOWNLOADS) == exported
    data = json.loads(PageMetadata(catalog, "Chronology", SITE).json_ld("data.md"))
    assert data["temporalCoverage"] == "2020-07-01/2020-08-31"
    assert [d["contentUrl"] for d in data["distribution"]] == [SITE + p for p in DATA_DOWNLOADS]
    assert "spatialCoverage" not in data  # no country among the places


def test_permalinks_are_directory_addresses(catalog: Catalog) -> None:
    meta = PageMetadata(catalog, "Chronology", "https://example.org/c")
    assert meta.permalink("index.md") == SITE
    assert meta.permalink("data.md") == SITE + "data/"
    assert meta.permalink(f"events/{EXACT_ID}.md") == f"{SITE}events/{EXACT_ID}/"
    assert PageMetadata(catalog, "Chronology", None).permalink("index.md") is None
    assert meta.json_ld("statistics.md") is None
    assert meta.is_record("actors/kataib-hezbollah.md")
    assert not meta.is_record("actors/index.md")


# --- what a page loads -------------------------------------------------------------------------


def test_a_page_loads_the_map_exactly_when_it_shows_one(catalog: Catalog) -> None:
    describe = Describer(catalog)
    records = [*catalog.events.values(), *catalog.locations.values()]
    shown = {r.id: bool(small_map_html(catalog, r)) for r in records}
    assert {r.id: describe.has_map(r) for r in records} == shown
    assert set(shown.values()) == {True, False}


def test_assets_are_front_matter_lists(catalog: Catalog) -> None:
    text = Describer(catalog).assets(("a.js", "b.js"), ("c.css",))
    assert yaml.safe_load(text) == {"scripts": ["a.js", "b.js"], "styles": ["c.css"]}
