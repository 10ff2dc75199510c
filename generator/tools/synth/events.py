"""The events of the corpus: every EDTF form, event type and role, casualty figures (ranges
where the sources disagree, one end each), related events, and quotes written into the cited
reports' articles."""

from __future__ import annotations

import bisect
import itertools
from datetime import date, timedelta
from typing import Any

from ...content import edtf
from ...content.dedupe import LONGEST, MAX_GAP, quote_key
from ...content.ids import slug
from ...content.vocabulary import CASUALTY_GROUPS, PLACE_PRECISIONS, RELATIONS
from .corpus import Corpus, Names, Place, zipf
from .house_yaml import Flow, FlowList, Folded, folded_if_long
from .names import (
    ATTACKS,
    GROUP_WORDS,
    IRAQI_SIDE,
    MONTHS,
    OUTLETS,
    SAYERS,
    TAGS,
    TYPES,
    US_SIDE,
    WEEKDAYS,
)

#: "exact" is the default, so the files leave it out and give the others.
_PRECISIONS = [precision for precision in PLACE_PRECISIONS if precision != "exact"]


def make_events(corpus: Corpus, count: int) -> None:
    """``count`` events on days drawn from the busy and quiet months, in date order."""
    events = _Events(corpus)
    for day in sorted(corpus.day() for _ in range(count)):
        corpus.events.append(events.event(day))


class _Events:
    """Makes events from the places, actors and sources already in the corpus."""

    def __init__(self, corpus: Corpus):
        self.corpus, self.rng, self.ids = corpus, corpus.rng, Names()
        by_kind: dict[str, list[str]] = {}
        for actor in corpus.actors:
            by_kind.setdefault(actor["kind"], []).append(actor["id"])
        # A few groups and officials appear in most events, most in a handful (Zipf).
        self.armed = by_kind["armed-group"] + by_kind["military-unit"][3:]
        self.armed_w = zipf(self.armed, 1.1)
        self.people = by_kind.get("person", []) + by_kind["government-body"]
        self.people_w = zipf(self.people, 0.8)
        self.movements = ["sadrist-movement", *by_kind.get("political-movement", [])]
        self.names = {a["id"]: a["name"] for a in corpus.actors}
        self.located = [p for p in corpus.places if p.kind not in ("country", "region")]
        self.located_w = zipf(self.located, 0.7)
        self.place_by_id = {p.id: p for p in corpus.places}
        self.source_days = [s.day for s in corpus.sources]
        self.type_names = [t for t, _ in TYPES]
        self.type_w = list(itertools.accumulate(w for _, w in TYPES))
        #: (day, place, type) of the events so far, at the place itself / somewhere within it.
        self.taken_at: set[tuple[date, str, str]] = set()
        self.taken_within: set[tuple[date, str, str]] = set()
        #: (source, quote's words) already cited: one quote is one event.
        self.quoted: set[tuple[str, str]] = set()

    def pick(self, ids: list[str], weights: list[float]) -> str:
        return self.rng.choices(ids, cum_weights=weights)[0]

    def event(self, day: date) -> dict[str, Any]:
        """The file of an event on ``day``: fields in the house order, empty ones left out."""
        rng = self.rng
        kind = rng.choices(self.type_names, cum_weights=self.type_w)[0]
        when, places = self.when_and_where(day, kind)
        group = self.pick(self.armed, self.armed_w)
        person = self.pick(self.people, self.people_w)
        parts = self.parts(kind, group, person)
        casualties, outcome = self.casualties(kind)
        title = self.title(kind, places[0], parts, group, person, outcome)
        facts = self.facts(title, day, places[0])
        citations = self.citations(day, facts, casualties)
        related = self.related(kind)
        prefix = next(p for p in when.split("/") if p != "..").rstrip("~?%").lower()
        summary = " ".join(facts[: rng.randint(1, 3)])
        if rng.random() < 0.2:
            summary += f"\n\nThe {places[0].kind.replace('-', ' ')} has been hit before."
        notes = None
        if rng.random() < 0.2:
            notes = Folded(
                f'The reports date it relative to the dateline ("{WEEKDAYS[day.weekday()]}"); '
                "the day is inferred."
            )
        record: dict[str, Any] = {
            "id": self.ids.take(f"{prefix}-{slug(title)[:80]}"),
            "date": when,
            "title": title,
            "type": kind,
            "summary": Folded(summary),
            "locations": [
                {"place": p.id, "precision": rng.choice(_PRECISIONS)}
                if rng.random() < 0.35
                else {"place": p.id}
                for p in places
            ],
            "actors": parts,
            "casualties": casualties,
            "sources": citations,
            "related": related,
            "tags": FlowList(rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2, 3]))),
            "notes": notes,
        }
        return {k: v for k, v in record.items() if v not in (None, [], {})}

    def when_and_where(self, day: date, kind: str) -> tuple[str, list[Place]]:
        """The date text and the places. Two events of one type at one place (or one within
        the other's) within two days are a duplicate (content/dedupe.py): contributors merge
        those, so the corpus has none."""
        rng, when = self.rng, self.date_text(day)
        parsed = edtf.parse(when)
        days = []
        if parsed.latest - parsed.earliest <= LONGEST:
            days = [
                parsed.earliest + timedelta(n)
                for n in range((parsed.latest - parsed.earliest).days + 1)
            ]
        for _ in range(6):
            places = [rng.choices(self.located, cum_weights=self.located_w)[0]]
            if rng.random() < 0.2:
                places.append(self.place_by_id[places[0].parent or "iraq"])
            if rng.random() < 0.05:
                places.insert(0, rng.choice(self.corpus.places))
            places = list({p.id: p for p in places}.values())
            if not days or not self._taken(days, places, kind):
                break
        else:
            when, days = f"{day:%Y-%m}/{day.replace(day=1) + timedelta(days=40):%Y-%m}", []
        for place in self._precise(places) if days else ():
            above = self._above(place)
            self.taken_at.update((d, place, kind) for d in days)
            self.taken_within.update((d, a, kind) for d in days for a in above)
        return when, places

    def _above(self, place: str) -> list[str]:
        found, parent = [], self.place_by_id[place].parent
        while parent:
            found.append(parent)
            parent = self.place_by_id[parent].parent
        return found

    def _precise(self, places: list[Place]) -> list[str]:
        """The places not listed as context of another (dedupe._where)."""
        wider = {a for p in places for a in self._above(p.id)}
        return [p.id for p in places if p.id not in wider]

    def _taken(self, days: list[date], places: list[Place], kind: str) -> bool:
        near = {days[0] + timedelta(n) for n in range(-MAX_GAP.days, len(days) + MAX_GAP.days)}
        for place in self._precise(places):
            for d in near:
                if (d, place, kind) in self.taken_at or (d, place, kind) in self.taken_within:
                    return True
                if any((d, a, kind) in self.taken_at for a in self._above(place)):
                    return True
        return False

    def date_text(self, day: date) -> str:
        """An EDTF date containing ``day``, whose earliest day is not after it."""
        rng, roll = self.rng, self.rng.random()
        ym = f"{day:%Y-%m}"
        if roll < 0.70:
            return day.isoformat()
        if roll < 0.78:
            return ym
        if roll < 0.83:
            return rng.choice([f"{day.isoformat()}~", f"{ym}~"])
        if roll < 0.87:
            return rng.choice([f"{day.isoformat()}?", f"{ym}?"])
        if roll < 0.88:
            return f"{ym}%"
        if roll < 0.92:
            tens = min(day.day // 10, 2)
            return f"{ym}-{tens}X"
        if roll < 0.96:
            start = day - timedelta(days=rng.randrange(1, 7))
            return f"{start.isoformat()}/{(day + timedelta(days=rng.randrange(0, 5))).isoformat()}"
        if roll < 0.985:
            return f"{ym}/{(day.replace(day=1) + timedelta(days=40)):%Y-%m}"
        if roll < 0.993:
            return f"{ym}/.."
        if roll < 0.997:
            return str(day.year)
        return f"{day.year}/{day.isoformat()}"

    def citations(
        self, day: date, facts: list[str], casualties: dict[str, Any] | None
    ) -> list[dict[str, Any]]:
        """One to three reports of the next few, each quoting a fact of the event."""
        rng, sources = self.rng, self.corpus.sources
        # Reports come out on the day or within days: one of the next few sources.
        first = bisect.bisect_left(self.source_days, day)
        cited = [rng.choice(sources[first : first + 3]) for _ in range(rng.choice([1, 1, 2, 2, 3]))]
        citations: list[dict[str, Any]] = []
        for i, source in enumerate(cited):
            free = [
                fact
                for fact in facts[i % len(facts) :] + facts[: i % len(facts)]
                if (source.id, quote_key(fact)) not in self.quoted
            ]
            if not free and citations:
                continue  # every fact is another event's quote of this report
            quote = free[0] if free else f"{facts[0][:-1]}, on {day:%d %B %Y}."
            self.quoted.add((source.id, quote_key(quote)))
            if source.seed:
                quote = self.corpus.sentence(source, quote)
            citations.append({"source": source.id, "quote": folded_if_long(quote)})
        # Sources that disagree: each gives one end of the event's range.
        for what, counts in (casualties or {}).items():
            for group_name, figure in counts.items():
                if isinstance(figure, dict) and len(citations) >= 2:
                    for citation, end in ((citations[0], "low"), (citations[1], "high")):
                        given = citation.setdefault("casualties", {})
                        given.setdefault(what, Flow())[group_name] = figure[end]
        if rng.random() < 0.05:
            citations[-1]["note"] = "Gives a different time of day."
        return citations

    def related(self, kind: str) -> list[dict[str, Any]]:
        """Now and then a link to one of the recent events."""
        rng, events = self.rng, self.corpus.events
        related = []
        if events and rng.random() < 0.15:
            other = rng.choice(events[-200:])
            relation = "responds-to" if kind == "airstrike" else rng.choice(list(RELATIONS))
            related.append({"event": other["id"], "relation": relation})
            if rng.random() < 0.3:
                related[0]["note"] = "The sources link the two."
        return related

    def parts(self, kind: str, group: str, person: str) -> list[dict[str, Any]]:
        """Who took part, and how: every role occurs, each (actor, role) once."""
        rng = self.rng
        parts: list[dict[str, Any]] = []

        def part(actor: str, role: str, **extra: Any) -> None:
            if all((p["actor"], p["role"]) != (actor, role) for p in parts):
                parts.append({"actor": actor, "role": role, **extra})

        if kind in ATTACKS:
            part(
                rng.choice(US_SIDE[:3]) if rng.random() < 0.7 else rng.choice(IRAQI_SIDE), "target"
            )
            if rng.random() < 0.5:
                accusers = [rng.choice(IRAQI_SIDE + US_SIDE) for _ in range(rng.randint(0, 2))]
                part(
                    group,
                    "suspected",
                    **({"by": FlowList(dict.fromkeys(accusers))} if accusers else {}),
                )
            if rng.random() < 0.15:
                part(self.pick(self.armed, self.armed_w), "claimed")
            if rng.random() < 0.1:
                part(rng.choice(IRAQI_SIDE), "attributed-by", note="Blamed outlaw groups.")
            if rng.random() < 0.2:
                part(rng.choice(IRAQI_SIDE), "responder")
            if rng.random() < 0.15:
                part("security-media-cell", "statement")
            if rng.random() < 0.05:
                part(person, "victim")
        elif kind == "airstrike":
            part(rng.choice(["united-states", "us-forces-iraq", "us-led-coalition"]), "perpetrator")
            part(group, "target")
            if rng.random() < 0.5:
                part("pentagon", "statement")
            if rng.random() < 0.3:
                part("iraqi-government", "statement", note="Called it a violation of sovereignty.")
        elif kind == "arrest-raid":
            part("counter-terrorism-service", "perpetrator")
            part(group if rng.random() < 0.6 else person, "target")
        elif kind == "protest":
            part(rng.choice([group, *self.movements]), "participant")
            part("us-embassy-baghdad", "target")
        else:
            part(person, "statement" if kind == "statement" else "participant")
            if rng.random() < 0.6:
                part(self.pick(self.people, self.people_w), "statement")
        return parts

    def casualties(self, kind: str) -> tuple[dict[str, Any] | None, str]:
        """Figures for some attacks (ranges where sources disagree), and title words."""
        rng = self.rng
        if kind not in ATTACKS | {"airstrike"} or rng.random() >= 0.45:
            return None, ""
        casualties: dict[str, Any] = {}
        for what, chance in (("killed", 0.6), ("wounded", 0.5)):
            if rng.random() < chance:
                counts: dict[str, Any] = Flow()
                for group in rng.sample(list(CASUALTY_GROUPS), rng.choice([1, 1, 1, 2])):
                    low = min(int(rng.paretovariate(1.3)) - 1, 60)  # mostly few, some many
                    if rng.random() < 0.2:
                        counts[group] = Flow(low=low, high=low + rng.randint(1, 4))
                    else:
                        counts[group] = low
                casualties[what] = counts
        if not casualties:
            casualties["wounded"] = Flow(unspecified=rng.randint(1, 5))
        if "killed" not in casualties:
            return casualties, ""
        group, figure = next(iter(casualties["killed"].items()))
        if figure == 0:
            return casualties, ""
        number = figure if isinstance(figure, int) else f"{figure['low']} to {figure['high']}"
        return casualties, f", killing {number} {GROUP_WORDS[group]}"

    def title(
        self,
        kind: str,
        where: Place,
        parts: list[dict[str, Any]],
        group: str,
        person: str,
        outcome: str,
    ) -> str:
        names, place = self.names, where.name
        subject = self.rng.choice(["two rockets", "a Katyusha rocket", "three rockets", "rockets"])
        first = names[parts[0]["actor"]]
        return {
            "rocket-attack": f"Rocket attack: {subject} hit near {place}{outcome}",
            "ied-attack": f"Roadside bomb hits a convoy near {place}{outcome}",
            "drone-attack": f"Explosive-laden drone targets {first} at {place}{outcome}",
            "airstrike": f"US airstrike hits {names[group]} positions near {place}{outcome}",
            "explosion": f"Explosion at a depot in {place}{outcome}",
            "interception": f"Air defences shoot down a drone approaching {place}",
            "thwarted-attack": f"Security forces find rocket launchers primed near {place}",
            "arrest-raid": f"Counter-terrorism raid in {place} detains suspects",
            "protest": f"Supporters of {first} rally in {place}",
            "political": f"{names[person]} calls for the exit of foreign forces",
            "diplomatic": f"{names[person]} meets US envoy over attacks near {place}",
            "military-posture": f"US-led coalition hands over {place} to Iraqi forces",
            "statement": f"{names[person]} condemns attacks on diplomatic missions",
        }[kind]

    def facts(self, title: str, day: date, where: Place) -> list[str]:
        """Sentences a report would print about the event; citations quote them."""
        rng = self.rng
        said = rng.choice(SAYERS)
        what = title.split(": ", 1)[-1]
        return [
            f"{what[0].upper()}{what[1:]} on {WEEKDAYS[day.weekday()]}, {said}.",
            f'An official called it "a cowardly act" that "targets Iraq\'s sovereignty", {said}.',
            f"The incident in {where.name} was the latest of {rng.randint(3, 40)} such "
            f"incidents since {MONTHS[rng.randint(1, 12)]}, according to {rng.choice(OUTLETS)[0]}.",
        ]
