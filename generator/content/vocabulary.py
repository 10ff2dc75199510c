"""Every controlled vocabulary of the content format, each defined once, with its labels.

The model's types (``model.py``), the JSON Schemas, the lists in docs/content-format.md,
``chronology new`` and the pages all read them from here, so they cannot disagree. The order
of each is the order they are offered and shown in. A new term needs a label here and, where
a reader of the docs needs more than the label, a note; then ``make schemas`` writes the
committed schemas and the docs' lists anew (tests/content/test_vocabulary.py fails until it
has).
"""

from __future__ import annotations

#: What happened (``type`` of an event). Keep the list short; tags carry finer distinctions.
EVENT_TYPES: dict[str, str] = {
    "rocket-attack": "Rocket attack",
    "drone-attack": "Drone attack",
    "airstrike": "Airstrike",
    "ied-attack": "IED attack",
    "explosion": "Explosion (cause disputed)",
    "interception": "Interception",
    "thwarted-attack": "Thwarted attack",
    "arrest-raid": "Arrest or raid",
    "protest": "Protest",
    "political": "Political",
    "diplomatic": "Diplomatic",
    "military-posture": "Military posture",
    "statement": "Statement",
}

#: How an actor took part in an event (``actors[].role``).
ROLES: dict[str, str] = {
    "perpetrator": "Carried it out",
    "claimed": "Claimed responsibility",
    "suspected": "Suspected or blamed",
    "attributed-by": "Attributed it to others",
    "target": "Target",
    "victim": "Victim",
    "responder": "Responded",
    "participant": "Took part",
    "statement": "Made a statement",
}

#: What an actor is (``kind`` of an actor).
ACTOR_KINDS: dict[str, str] = {
    "armed-group": "Armed group",
    "state": "State",
    "government-body": "Government body",
    "person": "Person",
    "military-unit": "Military unit",
    "political-movement": "Political movement",
    "international-organisation": "International organisation",
    "media": "Media outlet",
}

#: What a location is (``kind`` of a location).
LOCATION_KINDS: dict[str, str] = {
    "country": "Country",
    "region": "Region",
    "city": "City",
    "district": "District",
    "military-base": "Military base",
    "airport": "Airport",
    "compound": "Compound",
    "border-area": "Border area",
}

#: How exactly an event's place is known (``locations[].precision``); the label is the words
#: put before the place's name.
PLACE_PRECISIONS: dict[str, str] = {
    "exact": "at",
    "near": "near",
    "area": "in the area of",
    "approximate": "somewhere in",
}

#: Relations between events (``related[].relation``), written on one event; the other event
#: shows the inverse.
RELATIONS: dict[str, tuple[str, str]] = {
    # relation: (label on the event that declares it, label on the other event)
    "responds-to": ("Responds to", "Answered by"),
    "follows": ("Follows", "Followed by"),
    "part-of": ("Part of", "Includes"),
    "context": ("Background", "Background to"),
    "contradicts": ("Contradicts", "Contradicted by"),
}

#: Groups of people a casualty figure is given for: the fields of ``casualties.killed`` and
#: ``casualties.wounded``.
CASUALTY_GROUPS: dict[str, str] = {
    "civilians": "Civilians",
    "iraqi_forces": "Iraqi forces",
    "us_coalition": "US / coalition personnel",
    "contractors": "Contractors",
    "militia": "Militia members",
    "unspecified": "People (group not given)",
}

#: How a figure reads in a sentence for each casualty group: (one person, several people).
CASUALTY_GROUP_WORDS: dict[str, tuple[str, str]] = {
    "civilians": ("civilian", "civilians"),
    "iraqi_forces": ("member of the Iraqi forces", "members of the Iraqi forces"),
    "us_coalition": ("US or coalition service member", "US or coalition personnel"),
    "contractors": ("contractor", "contractors"),
    "militia": ("militia member", "militia members"),
    "unspecified": ("person (group not given)", "people (group not given)"),
}

#: What a contributor needs to know beyond the label, shown after the term in
#: docs/content-format.md (Markdown).
EVENT_TYPE_NOTES: dict[str, str] = {"explosion": "cause disputed"}
ROLE_NOTES: dict[str, str] = {
    "perpetrator": "carried it out, by its own or undisputed account",
    "claimed": "claimed responsibility",
    "suspected": "blamed or suspected; name the accusers in `by`",
    "attributed-by": "made an attribution",
    "statement": "commented",
}
