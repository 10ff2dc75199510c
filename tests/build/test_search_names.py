"""Actors' and places' names in the search index (build/search_names.py), read from the
index a real build writes; that they rank first is tests/e2e/test_search.py's job."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.build.search_names import FIELDS, add_record_names, name_fields, name_words
from generator.build.site_build import build_site
from generator.content.catalog import load_catalog
from generator.errors import ChronologyError

REPO = Path(__file__).resolve().parents[2]
SEPARATOR = re.compile(r'[\s\-\u2010-\u2015,;:()\[\]"/]+')


def test_words_are_split_lowercased_and_trimmed_as_the_search_does() -> None:
    assert name_words("45th Brigade (Kataib Hezbollah)", SEPARATOR) == [
        "45th",
        "brigade",
        "kataib",
        "hezbollah",
    ]
    assert name_words("Iraq's parliament", SEPARATOR) == ["iraq", "parliament"]
    # An abbreviation also as typed, with its full stop: the query "U.S." is "u.s.*".
    assert name_words("U.S.", SEPARATOR) == ["u.s", "u.s."]
    assert name_words("Kata'eb", SEPARATOR) == ["kata'eb"]


def test_the_fields_of_a_record() -> None:
    fields = name_fields(
        "Iran-aligned armed factions in Iraq",
        ["pro-Iranian militias", "Iran-backed groups", "Tehran"],
        SEPARATOR,
    )
    # iran begins iranian: only iranian is kept, so "Iran" matches this record once.
    assert fields["names"] == [
        "aligned_",
        "armed_",
        "backed_",
        "factions_",
        "groups_",
        "in_",
        "iranian_",
        "iraq_",
        "militias_",
        "pro_",
        "tehran_",
    ]
    assert fields["name"] == ["tehran_"]
    assert fields["phrase"] == ["iranalignedarmedfactionsiniraq_"]


def test_a_name_is_text_in_the_index_not_markup() -> None:
    fields = name_fields("a<b>c & d", [], SEPARATOR)
    assert fields["names"] == ["a&lt;b&gt;c_", "d_"]  # a lone & is no word
    assert fields["phrase"] == ["a&lt;b&gt;cd_"]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> dict:
    site = build_site(REPO / "mkdocs.yml", tmp_path_factory.mktemp("search") / "site")
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_the_built_index_has_every_records_names(index: dict) -> None:
    for name, spec in FIELDS.items():
        assert index["config"]["fields"][name] == spec
    entries = {entry["location"]: entry for entry in index["docs"]}
    catalog = load_catalog(REPO)
    for folder, records in (("actors", catalog.actors), ("locations", catalog.locations)):
        for record in records.values():
            entry = entries[f"{folder}/{record.id}/"]
            others = [*record.aliases, record.name_ar or ""]
            expected = name_fields(record.name, others, re.compile(index["config"]["separator"]))
            assert {key: entry[key] for key in FIELDS} == expected
    kh = entries["actors/kataib-hezbollah/"]
    assert "kh_" in kh["name"] and "كتائب_" in kh["names"]
    # Only the record's own page entry: not its sections, nor other pages.
    assert "names" not in entries["actors/kataib-hezbollah/#timeline"]
    assert not [entry for entry in index["docs"] if "names" in entry and "#" in entry["location"]]


def test_a_separator_python_cannot_read_is_a_clear_error(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text('{"config":{"separator":"[","fields":{}},"docs":[]}')
    with pytest.raises(ChronologyError, match=r"plugins\.search\.separator '\[' is not a regular"):
        add_record_names(tmp_path, load_catalog(REPO), directory_urls=True)


def test_without_a_search_index_nothing_is_written(tmp_path: Path) -> None:
    add_record_names(tmp_path, load_catalog(REPO), directory_urls=True)
    assert list(tmp_path.iterdir()) == []


def test_an_index_in_another_shape_is_a_clear_error(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text('{"config": {}, "docs": []}')  # not compact
    with pytest.raises(ChronologyError, match=r"search_index\.json is not a search index as"):
        add_record_names(tmp_path, load_catalog(REPO), directory_urls=True)


def test_adding_the_names_again_changes_nothing(tmp_path: Path, index: dict) -> None:
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    path.write_text(json.dumps(index, separators=(",", ":")))
    before = path.read_text()
    add_record_names(tmp_path, load_catalog(REPO), directory_urls=True)
    assert path.read_text() == before
