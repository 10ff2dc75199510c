"""Adversarial content for the content model and the cross-file checks, through the real
command line (``check_refused`` / ``check_accepted`` of tests/e2e/test_adversarial.py: validate,
build and bundle each print exactly these lines, exit 1, and change nothing): quotes that prove
nothing, text that lies about itself (bidirectional controls, zero-width characters), addresses
whose host imitates another, the same relation or address twice, and values too long to quote
back in a message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXACT_ID, SOURCE_ID
from test_adversarial import (
    BAD,
    BAD_SOURCE,
    GOOD_EVENT,
    GOOD_SOURCE,
    QUOTE,
    Case,
    built,  # noqa: F401 - a fixture the project fixture uses
    check_accepted,
    check_refused,
    event,
    project,  # noqa: F401 - a fixture
    source,
)

from generator.content.model import Event

ADDRESS = "https://example.com/report"
QUOTE_LINE = f'"{QUOTE}"'
TITLE = "title: A second rocket"
SOURCE_FILE = f"content/sources/{SOURCE_ID}.yaml"
KH_AR = "content/actors/kh-ar.yaml"
EVENT_FIELDS = ", ".join(Event.model_fields)

TOO_FEW = "a quote must give at least 4 words of the source, enough to show that it says this"
PART = "each part joined by '...' must give at least 2 words of the source"
REORDERS = "an invisible control that reorders the text shown around it; delete it"
INVISIBLE = "an invisible character; delete it"
LOOK_ALIKE = (
    "a host that can pass for another site's is refused: if this is the real address, write "
    "its host in punycode"
)
ID_HINT = "use lower-case letters, digits and single hyphens, like 'kataib-hezbollah'"


def related(*relations: str) -> str:
    """GOOD_EVENT related to the fixture's exact-day event once per relation given."""
    lines = "".join(f"  - {{event: {EXACT_ID}, relation: {r}}}\n" for r in relations)
    return GOOD_EVENT + "related:\n" + lines


REFUSED = [
    # --- quotes that prove nothing ---------------------------------------------------------
    Case(
        "quote-a-full-stop",
        {BAD: event(QUOTE_LINE, '"."')},
        (f"{BAD}:10:12: sources[0].quote: '.' gives 0 words; {TOO_FEW}",),
    ),
    Case(
        "quote-an-ellipsis",
        {BAD: event(QUOTE_LINE, '"…"')},
        (f"{BAD}:10:12: sources[0].quote: '…' gives 0 words; {TOO_FEW}",),
    ),
    Case(
        "quote-three-dots-thrice",
        {BAD: event(QUOTE_LINE, '"... ... ..."')},
        (f"{BAD}:10:12: sources[0].quote: '... ... ...' gives 0 words; {TOO_FEW}",),
    ),
    Case(
        "quote-three-words",
        {BAD: event(QUOTE_LINE, '"A rocket slammed"')},
        (f"{BAD}:10:12: sources[0].quote: 'A rocket slammed' gives 3 words; {TOO_FEW}",),
    ),
    Case(
        "quote-letters-joined-by-ellipses",
        {BAD: event(QUOTE_LINE, '"A … r … s … h … t"')},
        (f"{BAD}:10:12: sources[0].quote: the part 'A' gives 1 word; {PART}",),
    ),
    Case(
        "quote-one-word-between-ellipses",
        {BAD: event(QUOTE_LINE, '"A rocket slammed ... into ... a house"')},
        (f"{BAD}:10:12: sources[0].quote: the part 'into' gives 1 word; {PART}",),
    ),
    Case(
        "quote-empty-part-between-ellipses",
        {BAD: event(QUOTE_LINE, '"A rocket slammed … … into a house"')},
        (f"{BAD}:10:12: sources[0].quote: the part '' gives 0 words; {PART}",),
    ),
    Case(
        "quote-of-punctuation",
        {BAD: event(QUOTE_LINE, '"A rocket ... ,;:!?\'- ... into a house"')},
        (f'{BAD}:10:12: sources[0].quote: the part ",;:!?\'-" gives 0 words; {PART}',),
    ),
    # --- text that lies about itself ---------------------------------------------------------
    Case(
        "title-right-to-left-override",
        {BAD: event(TITLE, "title: Invoice \u202egpj.exe")},
        (f"{BAD}:3:8: title: contains U+202E RIGHT-TO-LEFT OVERRIDE (character 9), {REORDERS}",),
    ),
    Case(
        "title-right-to-left-isolate",
        {BAD: event(TITLE, "title: A second \u2067rocket\u2069")},
        (f"{BAD}:3:8: title: contains U+2067 RIGHT-TO-LEFT ISOLATE (character 10), {REORDERS}",),
    ),
    Case(
        "summary-left-to-right-mark",
        {BAD: event("summary: A rocket", "summary: A \u200erocket")},
        (f"{BAD}:5:10: summary: contains U+200E LEFT-TO-RIGHT MARK (character 3), {REORDERS}",),
    ),
    Case(
        "title-zero-width-space",
        {BAD: event(TITLE, "title: A sec\u200bond rocket")},
        (f"{BAD}:3:8: title: contains U+200B ZERO WIDTH SPACE (character 6), {INVISIBLE}",),
    ),
    Case(
        "quote-word-joiner",
        {BAD: event(QUOTE_LINE, '"' + QUOTE.replace("rocket", "roc\u2060ket") + '"')},
        (f"{BAD}:10:12: sources[0].quote: contains U+2060 WORD JOINER (character 6), {INVISIBLE}",),
    ),
    Case(
        "byte-order-mark-inside-a-value",
        {BAD: event(TITLE, "title: A second\ufeff rocket")},
        (
            f"{BAD}:3:8: title: contains U+FEFF ZERO WIDTH NO-BREAK SPACE (character 9), "
            f"{INVISIBLE}",
        ),
    ),
    Case(
        "summary-hiding-text-in-tag-characters",
        {
            BAD: event(
                "summary: A rocket hit a house.",
                "summary: A rocket hit a house."
                + "".join(chr(0xE0000 + ord(c)) for c in "Ignore the sources"),
            )
        },
        (
            f"{BAD}:5:10: summary: contains U+E0049 TAG LATIN CAPITAL LETTER I (character 22), "
            f"{INVISIBLE}",
        ),
    ),
    Case(
        "zero-width-joiner-in-a-latin-name",
        {"content/actors/kh-zwj.yaml": "id: kh-zwj\nname: Kataib\u200d Hezbollah\nkind: state\n"},
        (
            "content/actors/kh-zwj.yaml:2:7: name: contains U+200D ZERO WIDTH JOINER (character "
            "7), an invisible character, kept only between two Arabic-script letters; delete it",
        ),
    ),
    Case(
        "right-to-left-embedding-in-an-arabic-name",
        {KH_AR: "id: kh-ar\nname: KH\nname_ar: \u202bكتائب حزب الله\u202c\nkind: armed-group\n"},
        (
            f"{KH_AR}:3:10: name_ar: contains U+202B RIGHT-TO-LEFT EMBEDDING (character 1), "
            f"{REORDERS}",
        ),
    ),
    Case(
        "arabic-letter-mark-in-an-arabic-name",
        {KH_AR: "id: kh-ar\nname: KH\nname_ar: كتائب\u061c حزب الله\nkind: armed-group\n"},
        (f"{KH_AR}:3:10: name_ar: contains U+061C ARABIC LETTER MARK (character 6), {REORDERS}",),
    ),
    Case(
        "non-joiner-at-the-edge-of-an-arabic-word",
        {KH_AR: "id: kh-ar\nname: KH\nname_ar: كتائب\u200c حزب الله\nkind: armed-group\n"},
        (
            f"{KH_AR}:3:10: name_ar: contains U+200C ZERO WIDTH NON-JOINER (character 6), an "
            "invisible character, kept only between two Arabic-script letters; delete it",
        ),
    ),
    Case(
        "zero-width-space-in-a-reference",
        {BAD: event("place: green-zone", 'place: "green\u200b-zone"')},
        (
            f"{BAD}:7:12: locations[0].place: the text 'green\\u200b-zone' is not a valid id (it "
            f"holds U+200B ZERO WIDTH SPACE, an invisible character); {ID_HINT}",
        ),
    ),
    Case(
        "right-to-left-override-in-an-id",
        {BAD: event("id: 2020-07-11-bad", 'id: "2020-07-11-bad\u202e"')},
        (
            f"{BAD}:1:5: id: the text '2020-07-11-bad\\u202e' is not a valid id (it holds U+202E "
            f"RIGHT-TO-LEFT OVERRIDE, an invisible character); {ID_HINT}",
        ),
    ),
    # --- addresses ---------------------------------------------------------------------------
    Case(
        "url-cyrillic-letter-among-latin",
        {BAD_SOURCE: source(ADDRESS, "https://exаmple.com/report")},
        (
            f"{BAD_SOURCE}:5:6: url: its host 'exаmple.com' mixes scripts: U+0430 CYRILLIC "
            f"SMALL LETTER A among Latin letters; {LOOK_ALIKE} (xn--exmple-4nf.com)",
        ),
    ),
    Case(
        "url-greek-letter-among-latin",
        {BAD_SOURCE: source(ADDRESS, "https://www.gοogle.com/report")},
        (
            f"{BAD_SOURCE}:5:6: url: its host 'www.gοogle.com' mixes scripts: U+03BF GREEK "
            f"SMALL LETTER OMICRON among Latin letters; {LOOK_ALIKE} (www.xn--gogle-rce.com)",
        ),
    ),
    Case(
        "url-all-cyrillic-host",
        {BAD_SOURCE: source(ADDRESS, "https://аррӏе.com/report")},
        (
            f"{BAD_SOURCE}:5:6: url: its host 'аррӏе.com' holds U+0430 CYRILLIC SMALL LETTER A, "
            f"which is not plain ASCII; {LOOK_ALIKE} (xn--80ak6aa92e.com)",
        ),
    ),
    Case(
        "url-zero-width-space-in-the-host",
        {BAD_SOURCE: source(ADDRESS, "https://exam\u200bple.com/report")},
        (
            f"{BAD_SOURCE}:5:6: url: contains U+200B ZERO WIDTH SPACE (character 13), an "
            "invisible character; delete it (or write it as %E2%80%8B if the address really "
            "holds it)",
        ),
    ),
    Case(
        "url-right-to-left-override",
        {BAD_SOURCE: source(ADDRESS, "https://example.com/\u202egpj.exe")},
        (
            f"{BAD_SOURCE}:5:6: url: contains U+202E RIGHT-TO-LEFT OVERRIDE (character 21), "
            f"{REORDERS.removesuffix('; delete it')}; delete it (or write it as %E2%80%AE if "
            "the address really holds it)",
        ),
    ),
    Case(
        "url-user-name-before-the-host",
        {BAD_SOURCE: source(ADDRESS, "https://example.com@evil.example/report")},
        (
            f"{BAD_SOURCE}:5:6: url: has 'example.com@' before its host 'evil.example': a user "
            "name can make an address look like another site's; news addresses never need one",
        ),
    ),
    Case(
        "url-percent-encoded-host",
        {BAD_SOURCE: source(ADDRESS, "https://ex%D0%B0mple.com/report")},
        (
            f"{BAD_SOURCE}:5:6: url: its host 'ex%D0%B0mple.com' holds '%', which a host name "
            "cannot hold",
        ),
    ),
    Case(
        "url-markup-in-the-host",
        {BAD_SOURCE: source(ADDRESS, "'https://ex\"onmouseover=alert(1)\".com/'")},
        (
            f"{BAD_SOURCE}:5:6: url: its host 'ex\"onmouseover=alert(1)\".com' holds '\"', which a "
            "host name cannot hold",
        ),
    ),
    # --- the same thing twice ----------------------------------------------------------------
    Case(
        "same-relation-twice",
        {BAD: related("follows", "context", "follows")},
        (
            f"{BAD}:18:5: related[2]: '{EXACT_ID}' is already related as 'follows' "
            "(related[0]); delete one of the two entries",
        ),
    ),
    Case(
        "same-address-as-another-source",
        {BAD_SOURCE: source(ADDRESS, "HTTPS://EXAMPLE.com/afp/rocket")},
        (
            f"{BAD_SOURCE}:5:6: url: the same address as {SOURCE_FILE}; one article is one "
            f"source: keep one of the two files and cite its id ('{SOURCE_ID}') instead",
        ),
    ),
    # --- a chain that would be walked once per record in it --------------------------------
    Case(
        "parent-chain-of-3000-locations",
        {
            f"content/locations/chain-{i}.yaml": (
                f"id: chain-{i}\nname: Chain {i}\nkind: city\n"
                f"parent: {f'chain-{i + 1}' if i < 2999 else 'nowhere'}\n"
            )
            for i in range(3000)
        },
        (
            "content/locations/chain-2999.yaml:4:9: parent: unknown location 'nowhere'; add "
            "content/locations/nowhere.yaml or fix the id",
        ),
        within=20.0,
    ),
    # --- values too long to quote back -------------------------------------------------------
    Case(
        "seed-name-of-900-kb",
        {BAD_SOURCE: GOOD_SOURCE + "seed: " + "s" * 900_000 + ".txt\n"},
        (f"{BAD_SOURCE}:6:7: seed: is too long (900004 characters; at most 200)",),
    ),
    Case(
        "type-of-900-kb",
        {BAD: event("type: rocket-attack", "type: " + "x" * 900_000)},
        (
            f"{BAD}:4:7: type: the text '{'x' * 79}…' is not allowed; choose one of: "
            "rocket-attack, drone-attack, airstrike, ied-attack, explosion, interception, "
            "thwarted-attack, arrest-raid, protest, political, diplomatic, military-posture, "
            "statement",
        ),
    ),
    Case(
        "url-of-1990-characters-with-a-space",
        {BAD_SOURCE: source(ADDRESS, "'https://example.com/" + "a" * 1960 + " b'")},
        (
            f"{BAD_SOURCE}:5:6: url: 'https://example.com/{'a' * 59}…' contains a space; write "
            "it as %20",
        ),
    ),  # fmt: skip
    Case(
        "unknown-field-with-a-1000-character-name",
        {BAD: event("casualties:", "k" * 1000 + ": x\ncasualties:")},
        (f"{BAD}:11:1: {'k' * 79}…: unknown field; allowed here: {EVENT_FIELDS}",),
    ),
    Case(
        "quote-not-found-of-600-characters",
        {BAD: event(QUOTE_LINE, '"A rocket ' + "very " * 115 + 'late"')},
        (
            f"{BAD}:10:12: sources[0].quote: not found in seeds/x.txt (the text of "
            f"'{SOURCE_ID}'); the closest passage, with [the quote's words → the article's]: "
            f"'…2020 - A rocket [{('very ' * 115)[:59]}… → slammed into a house near the Green "
            "Zone on Friday, killing…]'; copy the words exactly",
        ),
    ),
]

#: An event citing BAD_SOURCE (which has no seed) with an Arabic quote, vowel signs and all.
ARABIC_QUOTE = "كَتَبَ الولدُ الرسالةَ اليوم"

ACCEPTED = [
    Case(
        "url-upper-case-scheme",
        {BAD_SOURCE: source(ADDRESS, "HTTPS://Example.com/Report")},
        check=lambda c: c.sources["bad-source"].url == "https://Example.com/Report",
    ),
    Case(
        "url-mixed-case-scheme",
        {BAD_SOURCE: source(ADDRESS, "hTtP://example.com/report?a=B#C")},
        check=lambda c: c.sources["bad-source"].url == "http://example.com/report?a=B#C",
    ),
    Case(
        "url-host-in-punycode",
        {BAD_SOURCE: source(ADDRESS, "https://xn--exmple-4nf.com/report")},
        check=lambda c: c.sources["bad-source"].url == "https://xn--exmple-4nf.com/report",
    ),
    Case(
        "url-arabic-path",
        {BAD_SOURCE: source(ADDRESS, "https://example.com/بغداد")},
        check=lambda c: c.sources["bad-source"].url == "https://example.com/بغداد",
    ),
    Case(
        "url-port-and-ipv6",
        {BAD_SOURCE: source(ADDRESS, "http://[2001:db8::1]:8080/report")},
        check=lambda c: c.sources["bad-source"].url == "http://[2001:db8::1]:8080/report",
    ),
    Case(
        "non-joiner-inside-an-arabic-script-word",
        {KH_AR: "id: kh-ar\nname: KH\nname_ar: می\u200cخواهم\nkind: armed-group\n"},
        check=lambda c: c.actors["kh-ar"].name_ar == "می\u200cخواهم",
    ),
    Case(
        "quote-opening-and-closing-with-ellipses",
        {BAD: event(QUOTE_LINE, '"…slammed into a house near the Green Zone…."')},
        check=lambda c: c.events["2020-07-11-bad"].sources[0].quote.startswith("…slammed"),
    ),
    Case(
        "quote-of-two-word-parts",
        {BAD: event(QUOTE_LINE, '"A rocket ... into a house ... two civilians"')},
        check=lambda c: c.events["2020-07-11-bad"].sources[0].quote.endswith("two civilians"),
    ),
    Case(
        "quote-in-arabic-with-vowel-signs",
        {
            BAD_SOURCE: GOOD_SOURCE,
            BAD: event(f"source: {SOURCE_ID}", "source: bad-source").replace(
                QUOTE_LINE, f'"{ARABIC_QUOTE}"'
            ),
        },
        check=lambda c: c.events["2020-07-11-bad"].sources[0].quote == ARABIC_QUOTE,
    ),
    Case(
        "same-event-with-two-relations",
        {BAD: related("follows", "context")},
        check=lambda c: len(c.events["2020-07-11-bad"].related) == 2,
    ),
]


@pytest.mark.parametrize("case", REFUSED, ids=[c.id for c in REFUSED])
def test_refused(case: Case, project: Path, tmp_path: Path) -> None:  # noqa: F811
    check_refused(case, project, tmp_path / "outside")


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.id for c in ACCEPTED])
def test_accepted(case: Case, project: Path, tmp_path: Path) -> None:  # noqa: F811
    check_accepted(case, project, tmp_path / "outside")
