"""The places, actors and sources of the corpus: parent chains from countries down to
compounds, armed groups and officials with Arabic names and other spellings, and dated reports
from the outlets that cover the conflict."""

from __future__ import annotations

import itertools

from ...content.ids import slug
from .corpus import Corpus, Names, Place, Source, Spellings, variant, zipf
from .house_yaml import Folded
from .names import (
    CORE_ACTORS,
    COUNTRIES,
    FAMILY,
    GIVEN,
    GOVERNORATES,
    GROUP_PREFIXES,
    OUTLETS,
    ROOTS,
    SUB_PLACES,
)

# --- places -------------------------------------------------------------------------------


class _Places:
    """Adds places to the corpus, each with a unique id and a name not used before."""

    def __init__(self, corpus: Corpus):
        self.corpus, self.rng = corpus, corpus.rng
        self.ids, self.names, self.spellings = Names(), Names(), Spellings()
        self.roots = [(a, b) for a in ROOTS for b in [None, *ROOTS] if a != b]

    def add(
        self,
        name: str,
        name_ar: str,
        kind: str,
        parent: Place | None,
        lat: float | None,
        lon: float | None,
    ) -> Place:
        place = Place(
            self.ids.take(slug(name)), name, name_ar, kind, parent and parent.id, lat, lon
        )
        if self.rng.random() < 0.3 and (alias := variant(name)):
            place.aliases.append(alias)
        place.distinct_from = [
            {"location": other, "reason": NAMESAKE}
            for other in self.spellings.namesakes([name, name_ar], place.aliases, place.id)
        ]
        self.corpus.places.append(place)
        return place

    def fresh_name(self, pattern: str, pattern_ar: str) -> tuple[str, str]:
        names = self.names
        while True:
            (root, root_ar), second = self.rng.choice(self.roots)
            if second:
                root, root_ar = f"{root} {second[0]}", f"{root_ar} {second[1]}"
            name = pattern.format(root)
            if name not in names.used:
                names.take(name)
                return name, pattern_ar.format(root_ar)
            if len(names.used) > len(self.roots) * 4:  # nearly exhausted: number them
                number = len(names.used)
                names.take(f"{name} {number}")
                return f"{name} {number}", pattern_ar.format(f"{root_ar} {number}")


def make_places(corpus: Corpus, count: int) -> None:
    """Countries, their governorates and capitals, then ``count`` places in all: towns, and
    districts, bases, compounds, border crossings and airports below them."""
    rng, places = corpus.rng, _Places(corpus)
    countries = {c[0]: places.add(c[1], c[2], "country", None, c[3], c[4]) for c in COUNTRIES}
    regions = [
        places.add(f"{g[1]} Governorate", f"محافظة {g[2]}", "region", countries[g[0]], g[3], g[4])
        for g in GOVERNORATES
    ]
    # Capital cities share the governorate's name.
    cities = [places.add(r.name.removesuffix(" Governorate"), r.name_ar.removeprefix("محافظة "),
                         "city", r, r.lat, r.lon) for r in regions]  # fmt: skip
    for name in (r.name for r in cities):
        places.names.take(name)
    remaining = max(0, count - len(corpus.places))
    region_weights = zipf(regions, 1.0)
    for _ in range(remaining // 4):
        region = rng.choices(regions, cum_weights=region_weights)[0]
        name, name_ar = places.fresh_name("{}", "{}")
        lat, lon = region.lat + rng.uniform(-0.9, 0.9), region.lon + rng.uniform(-0.9, 0.9)
        cities.append(places.add(name, name_ar, "city", region, round(lat, 4), round(lon, 4)))
    _sub_places(places, count, regions, cities)


def _sub_places(places: _Places, count: int, regions: list[Place], cities: list[Place]) -> None:
    corpus, rng = places.corpus, places.rng
    city_weights = zipf(cities, 0.8)
    shares = list(itertools.accumulate(s[3] for s in SUB_PLACES))
    subs: list[Place] = []
    while len(corpus.places) < count:
        kind, pattern, pattern_ar, _ = rng.choices(SUB_PLACES, cum_weights=shares)[0]
        parent = rng.choices(cities, cum_weights=city_weights)[0]
        if kind == "compound" and subs and rng.random() < 0.4:
            parent = rng.choice(subs[-50:])  # a compound inside a district or base
        if kind == "border-area":
            parent = next(p for p in regions if p.id == parent.parent) if parent.parent else parent
        name, name_ar = places.fresh_name(pattern, pattern_ar)
        spread = 0.3 if kind == "border-area" else 0.08
        lat: float | None = round(parent.lat + rng.uniform(-spread, spread), 4)  # type: ignore[operator]
        lon: float | None = round(parent.lon + rng.uniform(-spread, spread), 4)  # type: ignore[operator]
        if kind == "compound" and rng.random() < 0.15:
            lat = lon = None  # undisclosed: no coordinates
        place = places.add(name, name_ar, kind, parent, lat, lon)
        if lat is None:
            place.lat, place.lon, place.hidden = parent.lat, parent.lon, True
        if kind in ("district", "military-base"):
            subs.append(place)


# --- actors -------------------------------------------------------------------------------


#: Why a record is not the one of the same name (``Spellings.namesakes``).
NAMESAKE = "Another of the same name."


def make_actors(corpus: Corpus, count: int) -> None:
    """The core actors of the confrontation, then invented ones up to ``count``."""
    rng, ids, spellings = corpus.rng, Names(), Spellings()
    actors = corpus.actors
    for actor_id, name, name_ar, kind, parent in CORE_ACTORS:
        actors.append({"id": ids.take(actor_id), "name": name, "aliases": [],
                       "name_ar": name_ar, "kind": kind, "parent": parent})  # fmt: skip
        spellings.namesakes([name, *([name_ar] if name_ar else [])], [], actor_id)
    groups = [a["id"] for a in actors if a["kind"] == "armed-group"]
    bodies = [a["id"] for a in actors if a["kind"] == "government-body"]
    while len(actors) < count:
        name, name_ar, kind, parent = _invented_actor(corpus, groups, bodies)
        actor_id = ids.take(slug(name))
        aliases = [a] if rng.random() < 0.35 and (a := variant(name)) else []
        actors.append({"id": actor_id, "name": name if actor_id == slug(name) else
                       f"{name} ({actor_id.rsplit('-', 1)[-1]})", "aliases": aliases,
                       "name_ar": name_ar if rng.random() < 0.85 else None,
                       "kind": kind, "parent": parent})  # fmt: skip
        actor = actors[-1]
        names = [actor["name"], *([actor["name_ar"]] if actor["name_ar"] else [])]
        namesakes = spellings.namesakes(names, actor["aliases"], actor_id)
        actor["distinct_from"] = [{"actor": other, "reason": NAMESAKE} for other in namesakes]
        if kind == "armed-group":
            groups.append(actor_id)
        elif kind == "government-body":
            bodies.append(actor_id)


def _invented_actor(
    corpus: Corpus, groups: list[str], bodies: list[str]
) -> tuple[str, str, str, str | None]:
    """(name, Arabic name, kind, parent) of a new actor: mostly armed groups, their brigades
    and people, some provincial bodies, movements and TV channels."""
    rng, roll = corpus.rng, corpus.rng.random()
    if roll < 0.4:
        (prefix, prefix_ar), (root, root_ar) = rng.choice(GROUP_PREFIXES), rng.choice(ROOTS)
        parent = rng.choice(["popular-mobilisation-forces", None, rng.choice(groups)])
        return f"{prefix} al-{root}", f"{prefix_ar} ال{root_ar}", "armed-group", parent
    if roll < 0.55:
        group = rng.choice(groups)
        number = rng.randrange(1, 60)
        base = next(a for a in corpus.actors if a["id"] == group)
        return f"{base['name']} Brigade {number}", f"اللواء {number}", "military-unit", group
    if roll < 0.85:
        (given, given_ar), (family, family_ar) = rng.choice(GIVEN), rng.choice(FAMILY)
        parent = rng.choice([rng.choice(groups), rng.choice(bodies), None])
        return f"{given} {family}", f"{given_ar} {family_ar}", "person", parent
    if roll < 0.95:
        region = rng.choice(GOVERNORATES)
        what, what_ar = rng.choice([("Police Command", "قيادة شرطة"),
                                    ("Operations Command", "قيادة عمليات"),
                                    ("Provincial Council", "مجلس محافظة")])  # fmt: skip
        parent = "iraqi-security-forces" if "Command" in what else "iraqi-government"
        return f"{region[1]} {what}", f"{what_ar} {region[2]}", "government-body", parent
    root, root_ar = rng.choice(ROOTS)
    if roll < 0.98:
        return f"{root} Movement", f"تيار {root_ar}", "political-movement", None
    return f"{root} TV", f"قناة {root_ar}", "media", None


def describe_actors(corpus: Corpus) -> None:
    """Some actors carry a description with quotes from the reports."""
    cited = [s for s in corpus.sources if s.seed]
    for actor in corpus.actors:
        if corpus.rng.random() < 0.3 and cited:
            source = corpus.rng.choice(cited)
            quote = corpus.sentence(
                source, f"{actor['name']} has been active since 2019, officials said."
            )
            actor["description"] = Folded(
                f"{actor['name']} is named in reports of the confrontation from "
                f"{source.day.year}.")  # fmt: skip
            actor["sources"] = [{"source": source.id, "quote": quote}]


# --- sources ------------------------------------------------------------------------------


def make_sources(corpus: Corpus, count: int) -> None:
    """Reports on busy and quiet days alike, most with an article text in ``seeds/``; the last
    on the corpus's last day, so that every event has reports on or after its day."""
    rng, ids = corpus.rng, Names()
    days = sorted(corpus.day() for _ in range(count - 1)) + [corpus.end]
    places = [p for p in corpus.places if p.kind == "city"]
    for i, day in enumerate(days):
        outlet, outlet_slug = rng.choice(OUTLETS)
        place = rng.choice(places)
        title = rng.choice([
            f"Rockets target US interests near {place.name}",
            f"Iraq: attacks on US-led coalition convoys rise around {place.name}",
            f"Security forces arrest suspects after attack in {place.name}",
            f"Iran-backed factions warn US over presence in {place.name}",
            f"Drone attack reported near {place.name}",
            f"Iraqi PM vows to rein in armed groups after {place.name} attack",
        ])  # fmt: skip
        roll = rng.random()
        text = day.isoformat() if roll < 0.93 else f"{day:%Y-%m}" if roll < 0.98 else str(day.year)
        source_id = ids.take(f"{outlet_slug}-{day.isoformat()}-{slug(title)[:60]}")
        seed = f"{i:05d}_{rng.getrandbits(64):016x}.txt" if rng.random() < 0.95 else None
        dateline = rng.choice([place.name, "Baghdad", "Washington", "Erbil", None])
        corpus.sources.append(Source(source_id, day, text, outlet, title, seed, dateline))
