"""Actor and place pages as a reader asks them: an actor's page counts and lists the events of
its member organisations (Actor.parent, transitively) apart from its own, and actor and place
pages open the explorer pre-filtered; the home page and the chronology link it too.

Checked on the tiny project (tests/conftest.py) with a chain of members added here (Kataib
Hezbollah > 45th Brigade > Company A, and a person, Abu Test), and on the real content.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import REPO, make_project, write

from generator.build.site_build import build_site
from generator.content.catalog import Catalog, load_catalog
from generator.content.vocabulary import ROLES
from generator.site import render
from generator.site.page_values import ROLE_QUESTIONS
from generator.site.render import Renderer

CAMP = "2020-08-02-explosion-at-embassy-compound"
COMPANY = "2020-08-09-company-fires-rockets-at-airport"
CLAIMED = "2020-08-16-kataib-hezbollah-claims-green-zone-rockets"
STATEMENT = "2020-08-23-spokesman-statement"
EVIL_NAME = '<script>alert("member")</script> | x'
EVIL_PLACE = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) | # h"

#: One sentence of a seed of their own per event, so the events are valid and distinct.
QUOTES = {
    CAMP: "An explosion hit the embassy compound on Sunday.",
    COMPANY: "A company of the brigade fired rockets at the airport.",
    CLAIMED: "Kataib Hezbollah claimed the rockets on the Green Zone.",
    STATEMENT: "A spokesman for the group spoke on Sunday.",
}
SEED = " ".join(QUOTES.values())


def _event(event_id: str, day: str, title: str, kind: str, place: str | None, actors: str) -> str:
    where = f"locations:\n  - place: {place}\n" if place else ""
    return (
        f"id: {event_id}\ndate: {day}\ntitle: {title}\ntype: {kind}\nsummary: {title}.\n"
        f"{where}actors:\n{actors}"
        f"sources:\n  - source: members-source\n    quote: {QUOTES[event_id]}\n"
    )


MEMBERS = {
    "seeds/members.txt": SEED,
    "content/sources/members-source.yaml": (
        "id: members-source\noutlet: AFP\ndate: 2020-09-01\ntitle: Members\n"
        "url: https://example.com/afp/members\nseed: members.txt\n"
    ),
    "content/actors/kh-45th-brigade.yaml": (
        "id: kh-45th-brigade\nname: 45th Brigade\nkind: military-unit\nparent: kataib-hezbollah\n"
    ),
    "content/actors/kh-company.yaml": (
        "id: kh-company\nname: Company A\nkind: military-unit\nparent: kh-45th-brigade\n"
    ),
    "content/actors/kh-spokesman.yaml": (
        "id: kh-spokesman\nname: Abu Test\nkind: person\nparent: kataib-hezbollah\n"
    ),
    "content/actors/kh-evil-unit.yaml": (
        f"id: kh-evil-unit\nname: '{EVIL_NAME}'\nkind: military-unit\nparent: kataib-hezbollah\n"
    ),
    "content/locations/evil-region.yaml": f"id: evil-region\nname: '{EVIL_PLACE}'\nkind: region\n",
    "content/locations/evil-town.yaml": (
        "id: evil-town\nname: Town\nkind: city\nparent: evil-region\n"
    ),
    "content/locations/embassy-compound.yaml": (
        "id: embassy-compound\nname: Embassy compound\nkind: compound\nparent: green-zone\n"
    ),
    f"content/events/{CAMP}.yaml": _event(
        CAMP,
        "2020-08-02",
        "Explosion at the embassy compound",
        "explosion",
        "embassy-compound",
        "  - actor: kh-45th-brigade\n    role: target\n",
    ),
    f"content/events/{COMPANY}.yaml": _event(
        COMPANY,
        "2020-08-09",
        "Company fires rockets at the airport",
        "rocket-attack",
        "baghdad-airport",
        "  - actor: kh-company\n    role: perpetrator\n",
    ),
    f"content/events/{CLAIMED}.yaml": _event(
        CLAIMED,
        "2020-08-16",
        "Kataib Hezbollah claims rockets on the Green Zone",
        "rocket-attack",
        "green-zone",
        "  - actor: kataib-hezbollah\n    role: claimed\n"
        "  - actor: kh-45th-brigade\n    role: perpetrator\n",
    ),
    f"content/events/{STATEMENT}.yaml": _event(
        STATEMENT,
        "2020-08-23",
        "A spokesman speaks",
        "statement",
        None,
        "  - actor: kh-spokesman\n    role: statement\n"
        "  - actor: kh-evil-unit\n    role: participant\n",
    ),
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    root = make_project(tmp_path_factory.mktemp("members") / "project", site=False)
    for relative, text in MEMBERS.items():
        write(root, relative, text)
    return Renderer(load_catalog(root)).pages()


@pytest.fixture(scope="module")
def real_catalog() -> Catalog:
    return load_catalog(REPO)


@pytest.fixture(scope="module")
def real_pages(real_catalog) -> dict[str, str]:
    return Renderer(real_catalog).pages()


def row(page: str, event_id: str) -> str:
    """The timeline row of an event on an actor's page (Markdown)."""
    (found,) = [line for line in page.splitlines() if f"events/{event_id}.md)" in line]
    return found


def summary_row(page: str, label: str) -> str | None:
    found = [line for line in page.splitlines() if line.startswith(f"| **{label}** |")]
    return found[0] if found else None


def explorer_links(page: str) -> list[tuple[str, str]]:
    """(text, href) of each link to the explorer on a page, as HTML has them."""
    html = markdown.markdown(page.split("\n---\n", 1)[-1], extensions=["tables"])
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(), a["href"]) for a in soup.find_all("a") if "explore/" in a["href"]]


# --- members' events on the parent's page -------------------------------------------------------


def test_a_members_event_is_listed_through_it(pages):
    kh = pages["actors/kataib-hezbollah.md"]
    assert row(kh, CAMP).endswith(" | target, through its [45th Brigade](kh-45th-brigade.md) |")


def test_a_member_of_a_member_is_named_itself(pages):
    kh = pages["actors/kataib-hezbollah.md"]
    assert row(kh, COMPANY).endswith(" | carried it out, through its [Company A](kh-company.md) |")
    brigade = pages["actors/kh-45th-brigade.md"]
    assert row(brigade, COMPANY).endswith(
        " | carried it out, through its [Company A](kh-company.md) |"
    )


def test_an_event_of_the_actor_and_its_member_is_listed_once_with_both_roles(pages):
    kh = pages["actors/kataib-hezbollah.md"]
    assert row(kh, CLAIMED).endswith(
        " | claimed responsibility; carried it out, through its"
        " [45th Brigade](kh-45th-brigade.md) |"
    )


def test_a_person_member_is_named_without_its(pages):
    kh = pages["actors/kataib-hezbollah.md"]
    assert row(kh, STATEMENT).endswith("; made a statement, through [Abu Test](kh-spokesman.md) |")


def test_a_members_name_is_escaped(pages):
    html = markdown.markdown(pages["actors/kataib-hezbollah.md"], extensions=["tables"])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    (cell,) = [td for td in soup.find_all("td") if "took part, through its" in td.get_text()]
    assert (
        cell.get_text() == f"took part, through its {EVIL_NAME}; made a statement, through Abu Test"
    )
    assert [a["href"] for a in cell.find_all("a")] == ["kh-evil-unit.md", "kh-spokesman.md"]


def test_the_counts_say_direct_and_through_members(pages):
    kh = pages["actors/kataib-hezbollah.md"]
    assert summary_row(kh, "Events") == (
        "| **Events** | 5 (2 directly, 3 through members)"
        " · first 10 July 2020, last 23 August 2020 |"
    )
    assert summary_row(kh, "By role") == (
        "| **By role** | claimed responsibility: 1 · suspected or blamed: 1 |"
    )
    assert summary_row(kh, "Through members") == (
        "| **Through members** |"
        " carried it out: 2 · target: 1 · took part: 1 · made a statement: 1 |"
    )
    assert '\ndescription: "Kataib Hezbollah (armed group, 5 events, 3 through members): ' in kh


def test_an_actor_without_members_has_no_members_text(pages):
    company = pages["actors/kh-company.md"]
    assert summary_row(company, "Events") == (
        "| **Events** | 1 · first 9 August 2020, last 9 August 2020 |"
    )
    assert summary_row(company, "Through members") is None
    assert "through" not in company.split("## Timeline")[1]
    assert "member" not in company.replace("kh-company", "")


def test_by_month_and_company_count_its_own_events(pages):
    kh = pages["actors/kataib-hezbollah.md"]
    by_month = kh.split("## By month")[1].split("## Timeline")[0]
    assert "Its own events, each month linked to the chronology filtered on it" in by_month
    # Its own: July (the rocket it is blamed for) and August (the one it claimed).
    assert "[2020](../chronology/2020.md) | 2 |" in by_month
    together = kh.split("## Often appears with")[1]
    assert "45th Brigade" in together  # in the event it claimed
    assert "Company A" not in together  # only in a member's event


def test_paging_keeps_members_events_and_counts(tmp_path_factory, monkeypatch):
    root = make_project(tmp_path_factory.mktemp("paged") / "project", site=False)
    for relative, text in MEMBERS.items():
        write(root, relative, text)
    monkeypatch.setattr(render, "RECORD_PAGE_SIZE", 2)
    paged = Renderer(load_catalog(root)).pages()
    first = paged["actors/kataib-hezbollah.md"]
    assert "Events 1–2 of 5 · page 1 of 3:" in first
    assert summary_row(first, "Events").startswith(
        "| **Events** | 5 (2 directly, 3 through members)"
    )
    third = paged["actors/kataib-hezbollah/page-3.md"]
    assert "Events 5–5 of 5 · page 3 of 3:" in third
    assert row(third, STATEMENT)
    second = paged["actors/kataib-hezbollah/page-2.md"]
    assert [e for e in (CAMP, COMPANY, CLAIMED) if f"events/{e}.md)" in second] == [
        COMPANY,
        CLAIMED,
    ]


# --- links to the explorer ---------------------------------------------------------------------


def test_every_role_has_a_question():
    assert sorted(r for roles, _ in ROLE_QUESTIONS for r in roles) == sorted(ROLES)


def test_an_actor_with_members_links_the_explorer_with_them(pages):
    base = "../explore/index.md?actor=kataib-hezbollah"
    assert explorer_links(pages["actors/kataib-hezbollah.md"]) == [
        ("Every event it or a member carried out", f"{base}&role=perpetrator&members=1"),
        (
            "Every event it or a member claimed or was suspected of or blamed for",
            f"{base}&role=claimed,suspected&members=1",
        ),
        ("Every event that targeted it or a member", f"{base}&role=target&members=1"),
        ("Every event it or a member took part in", f"{base}&role=participant&members=1"),
        ("Every event it or a member made a statement about", f"{base}&role=statement&members=1"),
        ("Every event it or a member appears in", f"{base}&members=1"),
    ]
    kh = pages["actors/kataib-hezbollah.md"]
    assert "&amp;role=perpetrator&amp;members=1) (2)\n" in kh
    assert "&amp;role=claimed,suspected&amp;members=1) (2)\n" in kh
    assert "?actor=kataib-hezbollah&amp;members=1) (5)\n" in kh
    # Near the counts: right after the summary table, before the description.
    assert kh.index("| **Through members** |") < kh.index("**In the explorer**")
    assert kh.index("**In the explorer**") < kh.index("\nAn armed group blamed")


def test_an_actor_without_members_links_the_explorer_without_them(pages):
    assert explorer_links(pages["actors/iraqi-intelligence.md"]) == [
        (
            "Every event it attributed to others",
            "../explore/index.md?actor=iraqi-intelligence&role=attributed-by",
        ),
        ("Every event it appears in", "../explore/index.md?actor=iraqi-intelligence"),
    ]


def test_a_place_with_places_within_says_its_list_is_its_own_and_links_them_all(pages):
    zone = pages["locations/green-zone.md"]
    assert "\n## Events at Green Zone itself (3)\n" in zone
    assert "Only the events at Green Zone itself: the places within it list their own." in zone
    assert explorer_links(zone) == [
        (
            "Every event at Green Zone or places within it",
            "../explore/index.md?place=green-zone&within=1",
        )
    ]
    assert "&amp;within=1) (4) is in the explorer." in zone  # 3 here, 1 at the compound
    assert (
        '\ndescription: "Green Zone: District in Baghdad; 4 events in the chronology at it or'
        ' places within it, 3 at the place itself. The fortified government district."\n' in zone
    )
    # Transitively: Baghdad has none itself, 6 within (the statement has no place).
    baghdad = pages["locations/baghdad.md"]
    assert "\n## Events at Baghdad itself (0)\n" in baghdad
    assert "?place=baghdad&amp;within=1) (6) is in the explorer." in baghdad


def test_a_places_name_is_escaped_in_its_heading_and_link(pages):
    body = pages["locations/evil-region.md"].split("\n---\n", 1)[1]  # MkDocs reads the rest
    html = markdown.markdown(body, extensions=["tables"])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None
    assert [h.get_text() for h in soup.find_all("h2")][0] == f"Events at {EVIL_PLACE} itself (0)"
    assert explorer_links(pages["locations/evil-region.md"]) == [
        (
            f"Every event at {EVIL_PLACE} or places within it",
            "../explore/index.md?place=evil-region&within=1",
        )
    ]
    assert all(not a["href"].startswith("javascript") for a in soup.find_all("a"))


def test_a_place_without_places_within_links_its_own_events(pages):
    airport = pages["locations/baghdad-airport.md"]
    assert "\n## Events here (2)\n" in airport
    assert (
        '\ndescription: "Baghdad International Airport: Airport in Baghdad; 2 events in the'
        ' chronology."\n' in airport
    )
    assert "itself" not in airport
    assert explorer_links(airport) == [
        (
            "Every event at Baghdad International Airport",
            "../explore/index.md?place=baghdad-airport",
        )
    ]


def test_home_and_chronology_link_the_explorer(pages):
    text = "Explore: filter every event by actor, role, place, type, date and casualties"
    assert explorer_links(pages["index.md"]) == [(text, "explore/index.md")]
    assert explorer_links(pages["chronology/index.md"]) == [(text, "../explore/index.md")]


# --- the real content ---------------------------------------------------------------------------


def test_kataib_hezbollah_lists_the_saqr_camp_explosion_through_its_45th_brigade(real_pages):
    kh = real_pages["actors/kataib-hezbollah.md"]
    assert row(kh, "2020-07-saqr-camp-explosion").endswith(
        " | target, through its [45th Brigade \\(Kataib Hezbollah\\)]"
        "(kataib-hezbollah-45th-brigade.md) |"
    )


def test_kataib_hezbollahs_counts_are_the_datas(real_catalog, real_pages):
    own = {a.event.id for a in real_catalog.appearances["kataib-hezbollah"]}
    brigade = {a.event.id for a in real_catalog.appearances["kataib-hezbollah-45th-brigade"]}
    assert "2020-07-saqr-camp-explosion" in brigade - own
    kh = real_pages["actors/kataib-hezbollah.md"]
    total, through = len(own | brigade), len(brigade - own)
    assert summary_row(kh, "Events").startswith(
        f"| **Events** | {total} ({len(own)} directly, {through} through members) · first "
    )
    assert summary_row(kh, "Through members") == f"| **Through members** | target: {through} |"


def test_kataib_hezbollah_links_claimed_or_blamed_with_its_members(real_pages):
    links = dict(explorer_links(real_pages["actors/kataib-hezbollah.md"]))
    assert links["Every event it or a member claimed or was suspected of or blamed for"] == (
        "../explore/index.md?actor=kataib-hezbollah&role=claimed,suspected&members=1"
    )
    assert links["Every event it or a member appears in"] == (
        "../explore/index.md?actor=kataib-hezbollah&members=1"
    )


def test_a_row_of_its_own_still_says_by_whom(real_pages):
    kh = real_pages["actors/kataib-hezbollah.md"]
    event = "2021-04-drone-attacks-on-facilities-used-by-us-forces"
    assert row(kh, event).endswith(
        " | suspected or blamed (by [United States](united-states.md)) |"
    )


# --- as built: MkDocs keeps the query on the explorer's address, in both URL styles --------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    root = make_project(tmp_path_factory.mktemp("built") / "project")
    for relative, text in MEMBERS.items():
        write(root, relative, text)
    return {
        "hosted": build_site(root / "mkdocs.yml", root / "site"),
        "offline": build_site(root / "mkdocs.yml", root / "offline", offline=True),
    }


def built_explorer_links(path: Path) -> list[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article is not None
    return [a["href"] for a in article.find_all("a", href=True) if "explore" in a["href"]]


@pytest.mark.parametrize(
    "kind, page, first",
    [
        ("hosted", "actors/kataib-hezbollah/index.html", "../../explore/?actor=kataib-hezbollah"),
        ("offline", "actors/kataib-hezbollah.html", "../explore/index.html?actor=kataib-hezbollah"),
        ("hosted", "locations/green-zone/index.html", "../../explore/?place=green-zone"),
        ("offline", "locations/green-zone.html", "../explore/index.html?place=green-zone"),
        ("hosted", "index.html", "explore/"),
        ("offline", "index.html", "explore/index.html"),
    ],
)
def test_built_pages_link_the_explorer_with_the_query(built, kind, page, first):
    links = built_explorer_links(built[kind] / page)
    if page.startswith("actors/"):
        assert links[0] == first + "&role=perpetrator&members=1"
        assert links[-1] == first + "&members=1"
    elif page.startswith("locations/"):
        assert links == [first + "&within=1"]
    else:
        assert links == [first]
