"""A synthetic chronology for benchmarks: ``chronology synth --events N --out DIR``.

The corpus has the shapes and variety of the real content (every EDTF form, event type and
role, casualty ranges with per-source figures, related events, Arabic names, aliases, parent
chains, coordinates around Iraq and Syria) at any size: actors ~ N/20, places ~ N/5 and
sources ~ N/10. Every quote is written into the source's article text in ``seeds/``, so the
quote checks run as they do on the real project. The same (N, seed) writes byte-identical
files: one ``random.Random(seed)``, no sets iterated, no clock.

The folder is a complete project (``mkdocs.yml``, ``docs/``, ``site_templates/`` and
``overrides/`` are copied from this repository): ``chronology validate`` and
``chronology build`` run inside it as in the real one.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from ..content import edtf
from ..content.model import RELATIONS
from ..errors import ChronologyError

REPO = Path(__file__).resolve().parents[2]
#: What mkdocs.yml refers to besides content/ and seeds/.
SITE_FOLDERS = ("docs", "site_templates", "overrides")
FIRST_YEAR = 2019
#: A busy year of a whole conflict; larger corpora run over more years, not denser ones.
EVENTS_PER_YEAR = 2500

# --- YAML in the house style: block mappings, flow for small records, folded long text -------


class _Flow(dict):
    """Written in flow style, as content files write casualties and coordinates."""


class _FlowList(list):
    """Written in flow style, as content files write aliases and tags."""


class _Folded(str):
    """Long text, written as a folded block (``>-``)."""


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key, and writes dates plain (``date: 2020-09-28``), as
    contributors do: the loader reads every such value as text."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
)
_Dumper.add_representer(
    _FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
_Dumper.add_representer(
    _Folded, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style=">")
)


def _yaml(record: dict[str, Any]) -> str:
    return yaml.dump(
        record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )


def _text(value: str) -> str:
    return _Folded(value) if len(value) > 70 else value


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- vocabulary ---------------------------------------------------------------------------

#: Name parts with their Arabic spelling, for places, groups and people.
ROOTS = [
    ("Rashid", "رشيد"), ("Karama", "كرامة"), ("Salam", "سلام"), ("Nasr", "نصر"),
    ("Furat", "فرات"), ("Jadida", "جديدة"), ("Hurriya", "حرية"), ("Amin", "أمين"),
    ("Zahra", "زهراء"), ("Qasim", "قاسم"), ("Hadi", "هادي"), ("Nahrain", "نهرين"),
    ("Mansour", "منصور"), ("Adhamiya", "أعظمية"), ("Karrada", "كرادة"), ("Jihad", "جهاد"),
    ("Bayaa", "بياع"), ("Dora", "دورة"), ("Shuala", "شعلة"), ("Husseiniya", "حسينية"),
    ("Taji", "تاجي"), ("Balad", "بلد"), ("Hit", "هيت"), ("Rutba", "رطبة"), ("Qaim", "قائم"),
    ("Tarmiya", "طارمية"), ("Yusufiya", "يوسفية"), ("Mahmudiya", "محمودية"),
    ("Latifiya", "لطيفية"), ("Iskandariya", "اسكندرية"), ("Suwaira", "صويرة"),
    ("Kut", "كوت"), ("Amara", "عمارة"), ("Nasiriya", "ناصرية"), ("Samawa", "سماوة"),
    ("Diwaniya", "ديوانية"), ("Hilla", "حلة"), ("Baquba", "بعقوبة"), ("Samarra", "سامراء"),
    ("Tikrit", "تكريت"), ("Baiji", "بيجي"), ("Sinjar", "سنجار"), ("Zubair", "زبير"),
    ("Qurna", "قرنة"), ("Fao", "فاو"), ("Khalis", "خالص"), ("Muqdadiya", "مقدادية"),
    ("Jalawla", "جلولاء"), ("Hawija", "حويجة"), ("Haditha", "حديثة"), ("Ana", "عانة"),
    ("Rawa", "راوة"), ("Habbaniya", "حبانية"), ("Mayadin", "ميادين"), ("Hajin", "هجين"),
    ("Shaddadi", "شدادي"), ("Jurf", "جرف"), ("Nukhaib", "نخيب"), ("Shaykh", "شيخ"),
    ("Zafaraniya", "زعفرانية"), ("Ghazaliya", "غزالية"), ("Shula", "شولة"), ("Kadhimiya", "كاظمية"),
    ("Mishkhab", "مشخاب"), ("Kufa", "كوفة"), ("Rumaitha", "رميثة"), ("Shatra", "شطرة"),
    ("Dujail", "دجيل"), ("Ishaqi", "اسحاقي"), ("Awja", "عوجة"), ("Hamdaniya", "حمدانية"),
]  # fmt: skip
GIVEN = [
    ("Ali", "علي"), ("Hussein", "حسين"), ("Qais", "قيس"), ("Hadi", "هادي"), ("Faleh", "فالح"),
    ("Ahmed", "أحمد"), ("Abbas", "عباس"), ("Haidar", "حيدر"), ("Mohammed", "محمد"),
    ("Akram", "أكرم"), ("Jaafar", "جعفر"), ("Karim", "كريم"), ("Hamid", "حميد"), ("Laith", "ليث"),
    ("Mustafa", "مصطفى"), ("Saad", "سعد"), ("Abu Fadak", "أبو فدك"), ("Abu Ali", "أبو علي"),
]  # fmt: skip
FAMILY = [
    ("al-Amiri", "العامري"), ("al-Khazali", "الخزعلي"), ("al-Kaabi", "الكعبي"),
    ("al-Maliki", "المالكي"), ("al-Fayyadh", "الفياض"), ("al-Zaidi", "الزيدي"),
    ("al-Asadi", "الأسدي"), ("al-Saadi", "الساعدي"), ("al-Hamdani", "الهمداني"),
    ("al-Mohammedawi", "المحمداوي"), ("al-Shammari", "الشمري"), ("al-Jubouri", "الجبوري"),
    ("al-Obeidi", "العبيدي"), ("al-Rubaie", "الربيعي"), ("al-Tamimi", "التميمي"),
]  # fmt: skip
COUNTRIES = [
    ("iraq", "Iraq", "العراق", 33.2, 43.7),
    ("syria", "Syria", "سوريا", 35.0, 38.5),
    ("jordan", "Jordan", "الأردن", 31.2, 36.5),
    ("kuwait", "Kuwait", "الكويت", 29.3, 47.5),
]
GOVERNORATES = [
    ("iraq", "Baghdad", "بغداد", 33.31, 44.36), ("iraq", "Basra", "البصرة", 30.51, 47.78),
    ("iraq", "Nineveh", "نينوى", 36.34, 43.13), ("iraq", "Anbar", "الأنبار", 33.42, 43.30),
    ("iraq", "Diyala", "ديالى", 33.75, 44.60), ("iraq", "Salahuddin", "صلاح الدين", 34.60, 43.68),
    ("iraq", "Kirkuk", "كركوك", 35.47, 44.39), ("iraq", "Babil", "بابل", 32.47, 44.42),
    ("iraq", "Karbala", "كربلاء", 32.60, 44.02), ("iraq", "Najaf", "النجف", 31.99, 44.33),
    ("iraq", "Wasit", "واسط", 32.50, 45.82), ("iraq", "Maysan", "ميسان", 31.84, 47.14),
    ("iraq", "Dhi Qar", "ذي قار", 31.04, 46.26), ("iraq", "Muthanna", "المثنى", 31.30, 45.30),
    ("iraq", "Qadisiyah", "القادسية", 31.98, 44.92), ("iraq", "Erbil", "أربيل", 36.19, 44.01),
    ("iraq", "Duhok", "دهوك", 36.87, 42.99), ("iraq", "Sulaymaniyah", "السليمانية", 35.56, 45.43),
    ("syria", "Deir ez-Zor", "دير الزور", 35.33, 40.14),
    ("syria", "Hasakah", "الحسكة", 36.50, 40.75), ("syria", "Raqqa", "الرقة", 35.95, 39.00),
    ("syria", "Homs", "حمص", 34.70, 36.70),
]  # fmt: skip
#: Kinds of place below a city: (kind, English pattern, Arabic pattern, share).
SUB_PLACES = [
    ("district", "Hay al-{}", "حي {}", 0.35),
    ("military-base", "Camp {}", "معسكر {}", 0.17),
    ("military-base", "{} Air Base", "قاعدة {} الجوية", 0.05),
    ("compound", "{} compound", "مجمع {}", 0.23),
    ("border-area", "{} border crossing", "منفذ {} الحدودي", 0.12),
    ("airport", "{} Airport", "مطار {}", 0.08),
]
#: (id, name, Arabic name, kind, parent), parents first.
CORE_ACTORS = [
    ("united-states", "United States", "الولايات المتحدة", "state", None),
    ("iran", "Iran", "إيران", "state", None),
    ("iraqi-government", "Iraqi government", "الحكومة العراقية", "government-body", None),
    ("us-forces-iraq", "US forces in Iraq", None, "military-unit", "united-states"),
    ("pentagon", "Pentagon", "البنتاغون", "government-body", "united-states"),
    ("us-state-department", "US State Department", None, "government-body", "united-states"),
    ("us-embassy-baghdad", "US embassy in Baghdad", None, "government-body", "us-state-department"),
    ("us-led-coalition", "US-led coalition", "التحالف الدولي", "international-organisation", None),
    ("irgc", "Islamic Revolutionary Guard Corps", "الحرس الثوري", "military-unit", "iran"),
    ("quds-force", "Quds Force", "فيلق القدس", "military-unit", "irgc"),
    ("popular-mobilisation-forces", "Popular Mobilisation Forces", "الحشد الشعبي", "armed-group",
     "iraqi-government"),
    ("kataib-hezbollah", "Kataib Hezbollah", "كتائب حزب الله", "armed-group",
     "popular-mobilisation-forces"),
    ("kataib-sayyid-al-shuhada", "Kataib Sayyid al-Shuhada", "كتائب سيد الشهداء", "armed-group",
     "popular-mobilisation-forces"),
    ("asaib-ahl-al-haq", "Asaib Ahl al-Haq", "عصائب أهل الحق", "armed-group",
     "popular-mobilisation-forces"),
    ("harakat-al-nujaba", "Harakat al-Nujaba", "حركة النجباء", "armed-group",
     "popular-mobilisation-forces"),
    ("iraqi-security-forces", "Iraqi security forces", "القوات الأمنية العراقية",
     "government-body", "iraqi-government"),
    ("iraqi-army", "Iraqi army", "الجيش العراقي", "military-unit", "iraqi-security-forces"),
    ("counter-terrorism-service", "Counter-Terrorism Service", "جهاز مكافحة الإرهاب",
     "military-unit", "iraqi-security-forces"),
    ("iraqi-intelligence", "Iraqi intelligence", "المخابرات العراقية", "government-body",
     "iraqi-government"),
    ("security-media-cell", "Security Media Cell", "خلية الإعلام الأمني", "government-body",
     "iraqi-security-forces"),
    ("iraqi-parliament", "Iraqi parliament", "مجلس النواب العراقي", "government-body", None),
    ("sadrist-movement", "Sadrist movement", "التيار الصدري", "political-movement", None),
    ("sabereen-news", "Sabereen News", "صابرين نيوز", "media", None),
]  # fmt: skip
US_SIDE = ["us-forces-iraq", "us-embassy-baghdad", "us-led-coalition", "united-states"]
IRAQI_SIDE = ["security-media-cell", "iraqi-security-forces", "iraqi-army", "iraqi-intelligence",
              "counter-terrorism-service", "iraqi-government"]  # fmt: skip
GROUP_PREFIXES = [
    ("Saraya", "سرايا"), ("Kataib", "كتائب"), ("Liwa", "لواء"), ("Usbat", "عصبة"),
    ("Harakat", "حركة"), ("Qabdat", "قبضة"), ("Ashab", "أصحاب"), ("Ahl", "أهل"),
]  # fmt: skip
OUTLETS = [
    ("AFP", "afp"), ("Reuters", "reuters"), ("AP", "ap"), ("Rudaw", "rudaw"),
    ("Shafaq News", "shafaq"), ("Kurdistan24", "kurdistan24"), ("Al-Monitor", "al-monitor"),
    ("The National", "the-national"), ("Al Jazeera", "al-jazeera"), ("Middle East Eye", "mee"),
    ("The Arab Weekly", "arab-weekly"), ("The Jerusalem Post", "jpost"), ("Xinhua", "xinhua"),
    ("Anadolu Agency", "anadolu"), ("Asharq Al-Awsat", "asharq-al-awsat"),
]  # fmt: skip
PUBLISHERS = ["Space Media Network", "Yahoo News", "France 24", "Arab News", "MSN"]
REPORTERS = ["Ammar Karim", "Jane Arraf", "Samya Kullab", "Ahmed Rasheed", "John Davison",
             "Lara Jakes", "Qassim Abdul-Zahra", "Maya Gebeily", "Sinan Mahmoud"]  # fmt: skip
TAGS = [
    "baghdad-airport", "green-zone", "civilian-casualties", "logistics-convoy", "us-embassy",
    "katyusha", "drones", "iraq-syria-border", "pmf", "strategic-dialogue", "troop-withdrawal",
    "elections", "contractors", "us-retaliation", "c-ram", "ain-al-asad", "balad-air-base",
    "erbil-airport", "front-groups", "truce", "sanctions", "kurdistan-region", "protests",
]  # fmt: skip
#: Event types with weights: attacks dominate a conflict chronology.
TYPES = [
    ("rocket-attack", 30), ("ied-attack", 15), ("drone-attack", 10), ("airstrike", 6),
    ("explosion", 4), ("interception", 5), ("thwarted-attack", 5), ("arrest-raid", 6),
    ("protest", 5), ("political", 5), ("diplomatic", 4), ("military-posture", 3),
    ("statement", 2),
]  # fmt: skip
ATTACKS = {"rocket-attack", "ied-attack", "drone-attack", "explosion", "interception",
           "thwarted-attack"}  # fmt: skip
GROUPS = ["civilians", "iraqi_forces", "us_coalition", "contractors", "militia", "unspecified"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SAYERS = ["police said", "a security source said", "the army said", "officials told reporters",
          "the Security Media Cell said"]  # fmt: skip
GROUP_WORDS = {"civilians": "civilians", "iraqi_forces": "members of the Iraqi forces",
               "us_coalition": "coalition personnel", "contractors": "contractors",
               "militia": "militia members", "unspecified": "people"}  # fmt: skip
SPELLINGS = [("Kataib", "Kataeb"), ("Hay al-", "al-"), ("qa", "ka"), ("iya", "iyah"),
             ("Saraya", "Sarayat"), ("ou", "u"), ("Camp ", "Base "), ("ee", "i")]  # fmt: skip
MONTHS = ["", "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct",
          "Nov", "Dec"]  # fmt: skip


# --- records being built ------------------------------------------------------------------


@dataclass
class _Place:
    id: str
    name: str
    name_ar: str
    kind: str
    parent: str | None
    lat: float | None
    lon: float | None
    aliases: list[str] = field(default_factory=list)
    #: An undisclosed site: no coordinates are published (children still use lat/lon).
    hidden: bool = False


@dataclass
class _Source:
    id: str
    day: date
    date: str
    outlet: str
    title: str
    seed: str | None
    dateline: str | None
    paragraphs: list[str] = field(default_factory=list)


class _Names:
    """Unique ids (and names) within one kind of record."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        candidate, n = wanted[:100].strip("-"), 2
        while candidate in self.used:
            candidate, n = f"{wanted[:96].strip('-')}-{n}", n + 1
        self.used.add(candidate)
        return candidate


def _variant(name: str) -> str | None:
    """Another spelling sources use: Kataib/Kataeb, q/k, -iya/-iyah, with or without al-."""
    for old, new in SPELLINGS:
        if old in name:
            return name.replace(old, new, 1)
    return None


class _Corpus:
    def __init__(self, events: int, seed: int):
        self.rng = random.Random(seed)
        self.n = events
        self.years = max(3, -(-events // EVENTS_PER_YEAR))
        self.start = date(FIRST_YEAR, 1, 1)
        self.end = date(FIRST_YEAR + self.years - 1, 12, 31)
        # Busy and quiet months, the same for events and reports.
        self.month_weights = [
            self.rng.uniform(0.2, 2.0) for _ in range(12 * self.years)
        ]  # indexes months from January of the first year
        self.places: list[_Place] = []
        self.actors: list[dict[str, Any]] = []
        self.sources: list[_Source] = []
        self.events: list[dict[str, Any]] = []

    # --- helpers ---

    def day(self) -> date:
        rng = self.rng
        month = rng.choices(range(len(self.month_weights)), self.month_weights)[0]
        year, month = FIRST_YEAR + month // 12, month % 12 + 1
        first = date(year, month, 1)
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return first + timedelta(days=rng.randrange((last - first).days + 1))

    def zipf(self, items: list[Any], exponent: float = 0.9) -> list[float]:
        return list(itertools.accumulate(1 / (i + 1) ** exponent for i in range(len(items))))

    # --- places ---

    def make_places(self, count: int) -> None:
        rng, ids = self.rng, _Names()
        names = _Names()

        def add(name: str, name_ar: str, kind: str, parent: _Place | None, lat, lon) -> _Place:
            place = _Place(
                ids.take(slug(name)), name, name_ar, kind, parent and parent.id, lat, lon
            )
            if rng.random() < 0.3 and (alias := _variant(name)):
                place.aliases.append(alias)
            self.places.append(place)
            return place

        countries = {c[0]: add(c[1], c[2], "country", None, c[3], c[4]) for c in COUNTRIES}
        regions = [
            add(f"{g[1]} Governorate", f"محافظة {g[2]}", "region", countries[g[0]], g[3], g[4])
            for g in GOVERNORATES
        ]
        # Capital cities share the governorate's name.
        cities = [add(r.name.removesuffix(" Governorate"), r.name_ar.removeprefix("محافظة "),
                      "city", r, r.lat, r.lon) for r in regions]  # fmt: skip
        for name in (r.name for r in cities):
            names.take(name)
        remaining = max(0, count - len(self.places))
        roots = [(a, b) for a in ROOTS for b in [None, *ROOTS] if a != b]

        def fresh_name(pattern: str, pattern_ar: str) -> tuple[str, str]:
            while True:
                (root, root_ar), second = rng.choice(roots)
                if second:
                    root, root_ar = f"{root} {second[0]}", f"{root_ar} {second[1]}"
                name = pattern.format(root)
                if name not in names.used:
                    names.take(name)
                    return name, pattern_ar.format(root_ar)
                if len(names.used) > len(roots) * 4:  # nearly exhausted: number them
                    number = len(names.used)
                    names.take(f"{name} {number}")
                    return f"{name} {number}", pattern_ar.format(f"{root_ar} {number}")

        region_weights = self.zipf(regions, 1.0)
        for _ in range(remaining // 4):
            region = rng.choices(regions, cum_weights=region_weights)[0]
            name, name_ar = fresh_name("{}", "{}")
            lat, lon = region.lat + rng.uniform(-0.9, 0.9), region.lon + rng.uniform(-0.9, 0.9)
            cities.append(add(name, name_ar, "city", region, round(lat, 4), round(lon, 4)))
        city_weights = self.zipf(cities, 0.8)
        shares = list(itertools.accumulate(s[3] for s in SUB_PLACES))
        subs: list[_Place] = []
        while len(self.places) < count:
            kind, pattern, pattern_ar, _ = rng.choices(SUB_PLACES, cum_weights=shares)[0]
            parent = rng.choices(cities, cum_weights=city_weights)[0]
            if kind == "compound" and subs and rng.random() < 0.4:
                parent = rng.choice(subs[-50:])  # a compound inside a district or base
            if kind == "border-area":
                parent = (
                    next(p for p in regions if p.id == parent.parent) if parent.parent else parent
                )
            name, name_ar = fresh_name(pattern, pattern_ar)
            spread = 0.3 if kind == "border-area" else 0.08
            lat: float | None = round(parent.lat + rng.uniform(-spread, spread), 4)  # type: ignore[operator]
            lon: float | None = round(parent.lon + rng.uniform(-spread, spread), 4)  # type: ignore[operator]
            if kind == "compound" and rng.random() < 0.15:
                lat = lon = None  # undisclosed: no coordinates
            place = add(name, name_ar, kind, parent, lat, lon)
            if lat is None:
                place.lat, place.lon, place.hidden = parent.lat, parent.lon, True
            if kind in ("district", "military-base"):
                subs.append(place)

    # --- actors ---

    def make_actors(self, count: int) -> None:
        rng, ids = self.rng, _Names()
        for actor_id, name, name_ar, kind, parent in CORE_ACTORS:
            self.actors.append({"id": ids.take(actor_id), "name": name, "aliases": [],
                                "name_ar": name_ar, "kind": kind, "parent": parent})  # fmt: skip
        groups = [a["id"] for a in self.actors if a["kind"] == "armed-group"]
        bodies = [a["id"] for a in self.actors if a["kind"] == "government-body"]
        while len(self.actors) < count:
            roll = rng.random()
            parent: str | None
            if roll < 0.4:
                (prefix, prefix_ar), (root, root_ar) = rng.choice(GROUP_PREFIXES), rng.choice(ROOTS)
                name, name_ar, kind = (
                    f"{prefix} al-{root}",
                    f"{prefix_ar} ال{root_ar}",
                    "armed-group",
                )
                parent = rng.choice(["popular-mobilisation-forces", None, rng.choice(groups)])
            elif roll < 0.55:
                group = rng.choice(groups)
                number = rng.randrange(1, 60)
                base = next(a for a in self.actors if a["id"] == group)
                name = f"{base['name']} Brigade {number}"
                name_ar, kind, parent = f"اللواء {number}", "military-unit", group
            elif roll < 0.85:
                (given, given_ar), (family, family_ar) = rng.choice(GIVEN), rng.choice(FAMILY)
                name, name_ar, kind = f"{given} {family}", f"{given_ar} {family_ar}", "person"
                parent = rng.choice([rng.choice(groups), rng.choice(bodies), None])
            elif roll < 0.95:
                region = rng.choice(GOVERNORATES)
                what, what_ar = rng.choice([("Police Command", "قيادة شرطة"),
                                            ("Operations Command", "قيادة عمليات"),
                                            ("Provincial Council", "مجلس محافظة")])  # fmt: skip
                name, name_ar, kind = (
                    f"{region[1]} {what}",
                    f"{what_ar} {region[2]}",
                    "government-body",
                )
                parent = "iraqi-security-forces" if "Command" in what else "iraqi-government"
            elif roll < 0.98:
                root, root_ar = rng.choice(ROOTS)
                name, name_ar, kind, parent = (
                    f"{root} Movement",
                    f"تيار {root_ar}",
                    "political-movement",
                    None,
                )
            else:
                root, root_ar = rng.choice(ROOTS)
                name, name_ar, kind, parent = f"{root} TV", f"قناة {root_ar}", "media", None
            actor_id = ids.take(slug(name))
            aliases = [a] if rng.random() < 0.35 and (a := _variant(name)) else []
            self.actors.append({"id": actor_id, "name": name if actor_id == slug(name) else
                                f"{name} ({actor_id.rsplit('-', 1)[-1]})", "aliases": aliases,
                                "name_ar": name_ar if rng.random() < 0.85 else None,
                                "kind": kind, "parent": parent})  # fmt: skip
            if kind == "armed-group":
                groups.append(actor_id)
            elif kind == "government-body":
                bodies.append(actor_id)

    # --- sources ---

    def make_sources(self, count: int) -> None:
        rng, ids = self.rng, _Names()
        days = sorted(self.day() for _ in range(count - 1)) + [self.end]
        places = [p for p in self.places if p.kind == "city"]
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
            text = (
                day.isoformat() if roll < 0.93 else f"{day:%Y-%m}" if roll < 0.98 else str(day.year)
            )
            source_id = ids.take(f"{outlet_slug}-{day.isoformat()}-{slug(title)[:60]}")
            seed = f"{i:05d}_{rng.getrandbits(64):016x}.txt" if rng.random() < 0.95 else None
            dateline = rng.choice([place.name, "Baghdad", "Washington", "Erbil", None])
            self.sources.append(_Source(source_id, day, text, outlet, title, seed, dateline))

    # --- events ---

    def pick(self, ids: list[str], weights: list[float]) -> str:
        return self.rng.choices(ids, cum_weights=weights)[0]

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

    def sentence(self, source: _Source, text: str) -> str:
        """Put ``text`` in the source's article and return the words an event quotes."""
        rng = self.rng
        filler = rng.choice([
            "The statement gave no further details.",
            "Officials did not respond to requests for comment.",
            "Such attacks have become frequent in recent months.",
            "No group immediately claimed responsibility.",
        ])  # fmt: skip
        # Reports use curly quotes; contributors type straight ones (the check allows both).
        curly = text.replace("'", "’").replace(' "', " “").replace('" ', "” ")
        if rng.random() < 0.12 and ", " in text:
            head, tail = text.split(", ", 1)
            curly_head, curly_tail = curly.split(", ", 1)
            aside = rng.choice(["according to two officials", "witnesses said"])
            source.paragraphs.append(f"{curly_head}, {aside}, {curly_tail}")
            return f"{head} ... {tail}"
        source.paragraphs.append(f"{curly} {filler}" if rng.random() < 0.5 else curly)
        return text

    def make_events(self, count: int) -> None:
        rng, ids = self.rng, _Names()
        by_kind: dict[str, list[str]] = {}
        for actor in self.actors:
            by_kind.setdefault(actor["kind"], []).append(actor["id"])
        # A few groups and officials appear in most events, most in a handful (Zipf).
        self.armed = by_kind["armed-group"] + by_kind["military-unit"][3:]
        self.armed_w = self.zipf(self.armed, 1.1)
        self.people = by_kind.get("person", []) + by_kind["government-body"]
        self.people_w = self.zipf(self.people, 0.8)
        self.movements = ["sadrist-movement", *by_kind.get("political-movement", [])]
        self.names = {a["id"]: a["name"] for a in self.actors}
        located = [p for p in self.places if p.kind not in ("country", "region")]
        located_w = self.zipf(located, 0.7)
        place_by_id = {p.id: p for p in self.places}
        source_days = [s.day for s in self.sources]
        type_names = [t for t, _ in TYPES]
        type_w = list(itertools.accumulate(w for _, w in TYPES))
        taken: set[tuple[date, str, str]] = set()
        for day in sorted(self.day() for _ in range(count)):
            kind = rng.choices(type_names, cum_weights=type_w)[0]
            when = self.date_text(day)
            single_day = edtf.parse(when).earliest == edtf.parse(when).latest
            for _ in range(6):
                places = [rng.choices(located, cum_weights=located_w)[0]]
                if rng.random() < 0.2:
                    places.append(place_by_id[places[0].parent or "iraq"])
                if rng.random() < 0.05:
                    places.insert(0, rng.choice(self.places))
                places = list({p.id: p for p in places}.values())
                # Two events of one type at one place on one day read as a duplicate (a
                # warning): contributors merge those, so the corpus has none.
                keys = [(day, p.id, kind) for p in places] if single_day else []
                if not any(key in taken for key in keys):
                    break
            else:
                when, keys = f"{day:%Y-%m}", []
            taken.update(keys)
            group = self.pick(self.armed, self.armed_w)
            person = self.pick(self.people, self.people_w)
            parts = self.parts(kind, group, person)
            casualties, outcome = self.casualties(kind)
            title = self.title(kind, places[0], parts, group, person, outcome)
            facts = self.facts(title, day, places[0])
            # Reports come out on the day or within days: one of the next few sources.
            first = bisect.bisect_left(source_days, day)
            cited = [
                rng.choice(self.sources[first : first + 3])
                for _ in range(rng.choice([1, 1, 2, 2, 3]))
            ]
            citations: list[dict[str, Any]] = []
            for i, source in enumerate(cited):
                quote = facts[i % len(facts)]
                if source.seed:
                    quote = self.sentence(source, quote)
                citations.append({"source": source.id, "quote": _text(quote)})
            # Sources that disagree: each gives one end of the event's range.
            for what, counts in (casualties or {}).items():
                for group_name, figure in counts.items():
                    if isinstance(figure, dict) and len(citations) >= 2:
                        for citation, end in ((citations[0], "low"), (citations[1], "high")):
                            given = citation.setdefault("casualties", {})
                            given.setdefault(what, _Flow())[group_name] = figure[end]
            if rng.random() < 0.05:
                citations[-1]["note"] = "Gives a different time of day."
            related = []
            if self.events and rng.random() < 0.15:
                other = rng.choice(self.events[-200:])
                relation = "responds-to" if kind == "airstrike" else rng.choice(list(RELATIONS))
                related.append({"event": other["id"], "relation": relation})
                if rng.random() < 0.3:
                    related[0]["note"] = "The sources link the two."
            prefix = next(p for p in when.split("/") if p != "..").rstrip("~?%").lower()
            summary = " ".join(facts[: rng.randint(1, 3)])
            if rng.random() < 0.2:
                summary += f"\n\nThe {places[0].kind.replace('-', ' ')} has been hit before."
            notes = None
            if rng.random() < 0.2:
                notes = _Folded(
                    f'The reports date it relative to the dateline ("{WEEKDAYS[day.weekday()]}"); '
                    "the day is inferred."
                )
            precisions = ["near", "area", "approximate"]
            record: dict[str, Any] = {
                "id": ids.take(f"{prefix}-{slug(title)[:80]}"),
                "date": when,
                "title": title,
                "type": kind,
                "summary": _Folded(summary),
                "locations": [
                    {"place": p.id, "precision": rng.choice(precisions)}
                    if rng.random() < 0.35
                    else {"place": p.id}
                    for p in places
                ],
                "actors": parts,
                "casualties": casualties,
                "sources": citations,
                "related": related,
                "tags": _FlowList(rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2, 3]))),
                "notes": notes,
            }
            self.events.append({k: v for k, v in record.items() if v not in (None, [], {})})

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
                    **({"by": _FlowList(dict.fromkeys(accusers))} if accusers else {}),
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
                counts: dict[str, Any] = _Flow()
                for group in rng.sample(GROUPS, rng.choice([1, 1, 1, 2])):
                    low = min(int(rng.paretovariate(1.3)) - 1, 60)  # mostly few, some many
                    if rng.random() < 0.2:
                        counts[group] = _Flow(low=low, high=low + rng.randint(1, 4))
                    else:
                        counts[group] = low
                casualties[what] = counts
        if not casualties:
            casualties["wounded"] = _Flow(unspecified=rng.randint(1, 5))
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
        where: _Place,
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

    def facts(self, title: str, day: date, where: _Place) -> list[str]:
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

    def actor_descriptions(self) -> None:
        """Some actors carry a description with quotes from the reports."""
        cited = [s for s in self.sources if s.seed]
        for actor in self.actors:
            if self.rng.random() < 0.3 and cited:
                source = self.rng.choice(cited)
                quote = self.sentence(
                    source, f"{actor['name']} has been active since 2019, officials said."
                )
                actor["description"] = _Folded(
                    f"{actor['name']} is named in reports of the confrontation from "
                    f"{source.day.year}.")  # fmt: skip
                actor["sources"] = [{"source": source.id, "quote": quote}]


# --- writing ------------------------------------------------------------------------------


def _place_record(place: _Place) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": place.id,
        "name": place.name,
        "aliases": _FlowList(place.aliases),
        "name_ar": place.name_ar,
        "kind": place.kind,
    }
    if not place.hidden:
        record["coordinates"] = _Flow(lat=place.lat, lon=place.lon)
    record["parent"] = place.parent
    return {k: v for k, v in record.items() if v not in (None, [])}


def _source_record(source: _Source, rng: random.Random) -> dict[str, Any]:
    record: dict[str, Any] = {"id": source.id, "outlet": source.outlet}
    if rng.random() < 0.2:
        record["publisher"] = rng.choice(PUBLISHERS)
    if rng.random() < 0.6:
        record["author"] = rng.choice(REPORTERS)
    record.update(date=source.date, dateline=source.dateline, title=source.title)
    if rng.random() < 0.7:
        record["url"] = (
            f"https://example.org/{slug(source.outlet)}/{source.day:%Y/%m/%d}/{source.id[-40:].strip('-')}"
        )
    record["seed"] = source.seed
    return {k: v for k, v in record.items() if v is not None}


def _wrap(paragraph: str) -> str:
    # Never at a hyphen: the quote check reads a line break as a space.
    return textwrap.fill(paragraph, 80, break_on_hyphens=False, break_long_words=False)


def _seed_text(source: _Source) -> str:
    when = f"{MONTHS[source.day.month]} {source.day.day}, {source.day.year}"
    head = f"{source.dateline or 'Baghdad'} ({source.outlet}) {when} - "
    body = [head + (source.paragraphs[0] if source.paragraphs else source.title + ".")]
    body += source.paragraphs[1:]
    return "\n\n".join(_wrap(p) for p in body) + "\n"


@dataclass(frozen=True)
class Counts:
    events: int
    actors: int
    locations: int
    sources: int


def synthesize(out: Path, events: int, seed: int = 0) -> Counts:
    """Write a complete synthetic project with ``events`` events into ``out``."""
    if events < 1:
        raise ChronologyError("--events must be at least 1")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ChronologyError(f"{out}: exists and is not empty; choose a new folder")
    corpus = _Corpus(events, seed)
    corpus.make_places(max(30, events // 5))
    corpus.make_actors(max(len(CORE_ACTORS) + 2, events // 20))
    corpus.make_sources(max(5, events // 10))
    corpus.make_events(events)
    corpus.actor_descriptions()

    content = out / "content"
    for folder in ("events", "actors", "locations", "sources"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    (out / "seeds").mkdir(exist_ok=True)

    def write(path: Path, text: str) -> None:
        path.write_bytes(text.encode("utf-8"))

    for event in corpus.events:
        write(content / "events" / f"{event['id']}.yaml", _yaml(event))
    for actor in corpus.actors:
        record = {k: v for k, v in actor.items() if v not in (None, [])}
        if "aliases" in record:
            record["aliases"] = _FlowList(record["aliases"])
        write(content / "actors" / f"{actor['id']}.yaml", _yaml(record))
    for place in corpus.places:
        write(content / "locations" / f"{place.id}.yaml", _yaml(_place_record(place)))
    for source in corpus.sources:
        write(content / "sources" / f"{source.id}.yaml", _yaml(_source_record(source, corpus.rng)))
        if source.seed:
            write(out / "seeds" / source.seed, _seed_text(source))
    shutil.copy(REPO / "mkdocs.yml", out / "mkdocs.yml")
    for folder in SITE_FOLDERS:
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, out / folder)
    return Counts(len(corpus.events), len(corpus.actors), len(corpus.places), len(corpus.sources))
