"""Each vocabulary is defined once (generator/content/vocabulary.py): the model's types, the JSON
Schemas and docs/content-format.md must offer exactly its terms, in its order."""

from __future__ import annotations

import typing
from pathlib import Path

import markdown
import pytest

from generator.content import vocabulary
from generator.content.catalog import Catalog
from generator.content.files import content_files
from generator.content.model import (
    FOLDER_OF_WORD,
    FOLDERS,
    KINDS,
    RECORD_KINDS,
    Actor,
    CasualtyCounts,
    Event,
    EventActor,
    EventPlace,
    Location,
    Relation,
    Source,
)
from generator.exports.schema import DOCS_FILE, docs_text, schemas, vocabulary_lists

#: (model, field) -> the vocabulary its values come from.
FIELDS = [
    (Event, "type", vocabulary.EVENT_TYPES),
    (EventActor, "role", vocabulary.ROLES),
    (Actor, "kind", vocabulary.ACTOR_KINDS),
    (Location, "kind", vocabulary.LOCATION_KINDS),
    (EventPlace, "precision", vocabulary.PLACE_PRECISIONS),
    (Relation, "relation", vocabulary.RELATIONS),
]


@pytest.mark.parametrize(("model", "field", "terms"), FIELDS)
def test_the_model_accepts_exactly_the_vocabulary(model, field, terms) -> None:
    assert typing.get_args(model.model_fields[field].annotation) == tuple(terms)


def test_casualty_counts_have_one_field_per_group_in_order() -> None:
    assert tuple(CasualtyCounts.model_fields) == tuple(vocabulary.CASUALTY_GROUPS)
    assert CasualtyCounts.__name__ == "CasualtyCounts"
    assert CasualtyCounts.__module__ == "generator.content.model"


def test_every_term_has_a_label_and_notes_are_for_terms_that_exist() -> None:
    for terms in (
        vocabulary.EVENT_TYPES,
        vocabulary.ROLES,
        vocabulary.ACTOR_KINDS,
        vocabulary.LOCATION_KINDS,
        vocabulary.PLACE_PRECISIONS,
        vocabulary.CASUALTY_GROUPS,
    ):
        assert all(isinstance(label, str) and label for label in terms.values())
    assert all(forward and backward for forward, backward in vocabulary.RELATIONS.values())
    assert set(vocabulary.EVENT_TYPE_NOTES) <= set(vocabulary.EVENT_TYPES)
    assert set(vocabulary.ROLE_NOTES) <= set(vocabulary.ROLES)
    assert list(vocabulary.CASUALTY_GROUP_WORDS) == list(vocabulary.CASUALTY_GROUPS)
    assert all(one and many for one, many in vocabulary.CASUALTY_GROUP_WORDS.values())


def _enum(schema: dict, *path: str) -> list[str]:
    """The enum of the property at ``path`` (definition name, then property names)."""
    definition, *properties = path
    node = schema["$defs"][definition] if definition else schema
    for name in properties:
        node = node["properties"][name]
    return node["enum"]


def test_the_schemas_offer_exactly_the_vocabulary() -> None:
    documents = schemas()
    event, actor, location = documents["event"], documents["actor"], documents["location"]
    assert _enum(event, "", "type") == list(vocabulary.EVENT_TYPES)
    assert _enum(event, "EventActor", "role") == list(vocabulary.ROLES)
    assert _enum(event, "EventPlace", "precision") == list(vocabulary.PLACE_PRECISIONS)
    assert _enum(event, "Relation", "relation") == list(vocabulary.RELATIONS)
    assert list(event["$defs"]["CasualtyCounts"]["properties"]) == list(vocabulary.CASUALTY_GROUPS)
    assert _enum(actor, "", "kind") == list(vocabulary.ACTOR_KINDS)
    assert _enum(location, "", "kind") == list(vocabulary.LOCATION_KINDS)


def test_the_docs_lists_are_up_to_date() -> None:
    text = DOCS_FILE.read_bytes().decode("utf-8")
    assert docs_text(text) == text, "docs/content-format.md is out of date: run make schemas"


def test_the_docs_lists_name_every_term_with_its_note() -> None:
    lists = vocabulary_lists()
    assert lists["event-types"] == (
        "Event types: `rocket-attack`, `drone-attack`, `airstrike`, `ied-attack`, `explosion` "
        "(cause\ndisputed), `interception`, `thwarted-attack`, `arrest-raid`, `protest`, "
        "`political`,\n`diplomatic`, `military-posture`, `statement`."
    )
    assert lists["relations"] == (
        "Relations: `responds-to`, `follows`, `part-of`, `context`, `contradicts`.\n\n"
        "Relations are written once, on either event; the other event's page shows the inverse\n"
        '("Answered by", "Followed by", "Includes", "Background to", "Contradicted by").'
    )
    for name, terms in [
        ("roles", vocabulary.ROLES),
        ("place-precisions", vocabulary.PLACE_PRECISIONS),
        ("casualty-groups", vocabulary.CASUALTY_GROUPS),
        ("actor-kinds", vocabulary.ACTOR_KINDS),
        ("location-kinds", vocabulary.LOCATION_KINDS),
    ]:
        flat = " ".join(lists[name].split())
        assert [term for term in terms if f"`{term}`" in flat] == list(terms), name
    assert "`suspected` (blamed or suspected; name the accusers in `by`)" in " ".join(
        lists["roles"].split()
    )


def test_a_changed_vocabulary_rewrites_only_its_list() -> None:
    text = DOCS_FILE.read_bytes().decode("utf-8")
    stale = text.replace("`military-posture`, `statement`.", "`statement`.", 1)
    assert stale != text
    assert docs_text(stale) == text


def test_a_docs_file_without_a_list_is_refused() -> None:
    text = DOCS_FILE.read_bytes().decode("utf-8")
    start = text.index("[//]: # (vocabulary roles:")
    end = text.index("[//]: # (end of vocabulary roles)") + len("[//]: # (end of vocabulary roles)")
    with pytest.raises(ValueError) as failure:
        docs_text(text[:start] + text[end:])
    assert str(failure.value) == (
        "content-format.md must hold each generated list once; it holds ['event-types', "
        "'place-precisions', 'casualty-groups', 'relations', 'actor-kinds', 'location-kinds'], "
        "the vocabulary has ['event-types', 'roles', 'place-precisions', 'casualty-groups', "
        "'relations', 'actor-kinds', 'location-kinds']"
    )


def test_the_list_markers_render_as_nothing() -> None:
    html = markdown.markdown(DOCS_FILE.read_text(encoding="utf-8"), extensions=["tables"])
    assert "[//]" not in html
    assert "make schemas" not in html
    assert "end of vocabulary" not in html
    assert "<p>Place precisions: <code>exact</code>, <code>near</code>" in html


def test_one_table_of_record_kinds() -> None:
    assert [(k.folder, k.word, k.model) for k in RECORD_KINDS] == [
        ("events", "event", Event),
        ("actors", "actor", Actor),
        ("locations", "location", Location),
        ("sources", "source", Source),
    ]
    assert KINDS == {"events": Event, "actors": Actor, "locations": Location, "sources": Source}
    assert FOLDERS == {Event: "events", Actor: "actors", Location: "locations", Source: "sources"}
    assert FOLDER_OF_WORD == {
        "event": "events",
        "actor": "actors",
        "location": "locations",
        "source": "sources",
    }
    catalog = Catalog(root=Path("."))
    for kind in RECORD_KINDS:
        assert catalog.table(kind.folder) is getattr(catalog, kind.folder)
    with pytest.raises(KeyError):
        catalog.table("root")


def test_a_misplaced_file_is_told_the_folders_of_the_record_kinds(tmp_path: Path) -> None:
    (tmp_path / "content" / "people").mkdir(parents=True)
    (tmp_path / "content" / "people" / "x.yaml").write_text("id: x\n")
    files, problems = content_files(tmp_path)
    assert files == []
    assert [str(p) for p in problems] == [
        "content/people/x.yaml: is not in one of the content folders (content/events/, "
        "content/actors/, content/locations/, content/sources/)"
    ]
