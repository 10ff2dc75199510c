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

#: Words contributors write for a term, each with the terms it may mean, likeliest first;
#: ``suggest.term_hint`` offers the first one the field allows. A synonym is looked up folded
#: (case, spaces, underscores) and without a plural "s". Similar spelling is no guide here:
#: "militia" looks like "military-unit" but means "armed-group".
SYNONYMS: dict[str, tuple[str, ...]] = {
    # event types
    "strike": ("airstrike",),
    "air-strike": ("airstrike",),
    "air-raid": ("airstrike",),
    "bombing-raid": ("airstrike",),
    "us-strike": ("airstrike",),
    "rocket": ("rocket-attack",),
    "rocket-fire": ("rocket-attack",),
    "katyusha": ("rocket-attack",),
    "missile": ("rocket-attack",),
    "missile-attack": ("rocket-attack",),
    "mortar": ("rocket-attack",),
    "shelling": ("rocket-attack",),
    "drone": ("drone-attack",),
    "drone-strike": ("drone-attack", "airstrike"),
    "uav": ("drone-attack",),
    "uav-attack": ("drone-attack",),
    "ied": ("ied-attack",),
    "roadside-bomb": ("ied-attack",),
    "bomb": ("ied-attack",),
    "bombing": ("ied-attack",),
    "blast": ("explosion",),
    "intercept": ("interception",),
    "intercepted": ("interception",),
    "shot-down": ("interception",),
    "shootdown": ("interception",),
    "foiled": ("thwarted-attack",),
    "foiled-attack": ("thwarted-attack",),
    "thwarted": ("thwarted-attack",),
    "attempted-attack": ("thwarted-attack",),
    "raid": ("arrest-raid",),
    "arrest": ("arrest-raid",),
    "arrests": ("arrest-raid",),
    "detention": ("arrest-raid",),
    "demonstration": ("protest",),
    "rally": ("protest",),
    "sit-in": ("protest",),
    "riot": ("protest",),
    "politics": ("political",),
    "vote": ("political",),
    "election": ("political",),
    "parliament": ("political",),
    "diplomacy": ("diplomatic",),
    "talks": ("diplomatic",),
    "negotiation": ("diplomatic",),
    "deployment": ("military-posture",),
    "withdrawal": ("military-posture",),
    "redeployment": ("military-posture",),
    "troop-movement": ("military-posture",),
    "posture": ("military-posture",),
    "announcement": ("statement",),
    "speech": ("statement",),
    "claim": ("claimed", "statement"),
    # roles
    "attacker": ("perpetrator",),
    "perpetrated": ("perpetrator",),
    "perpetrated-by": ("perpetrator",),
    "carried-out": ("perpetrator",),
    "carried-out-by": ("perpetrator",),
    "killed-by": ("perpetrator",),
    "responsible": ("perpetrator",),
    "claimed-by": ("claimed",),
    "claimed-responsibility": ("claimed",),
    "claimant": ("claimed",),
    "suspect": ("suspected",),
    "blamed": ("suspected",),
    "accused": ("suspected",),
    "alleged": ("suspected",),
    "blamed-by": ("attributed-by",),
    "accuser": ("attributed-by",),
    "attributed": ("attributed-by",),
    "targeted": ("target",),
    "attacked": ("target",),
    "killed": ("victim",),
    "wounded": ("victim",),
    "casualty": ("victim",),
    "responded": ("responder",),
    "retaliated": ("responder",),
    "participated": ("participant",),
    "spokesman": ("statement",),
    "commented": ("statement",),
    # actor kinds
    "militia": ("armed-group",),
    "armed-faction": ("armed-group",),
    "faction": ("armed-group",),
    "group": ("armed-group",),
    "insurgent-group": ("armed-group",),
    "terrorist-group": ("armed-group",),
    "paramilitary": ("armed-group",),
    "country": ("state",),
    "nation": ("state",),
    "government": ("government-body", "state"),
    "ministry": ("government-body",),
    "agency": ("government-body",),
    "embassy": ("government-body", "compound"),
    "individual": ("person",),
    "official": ("person",),
    "commander": ("person",),
    "politician": ("person",),
    "army": ("military-unit",),
    "armed-forces": ("military-unit",),
    "military": ("military-unit",),
    "unit": ("military-unit",),
    "brigade": ("military-unit", "armed-group"),
    "party": ("political-movement",),
    "political-party": ("political-movement",),
    "movement": ("political-movement",),
    "international-organization": ("international-organisation",),
    "intergovernmental-organisation": ("international-organisation",),
    "un-agency": ("international-organisation",),
    "alliance": ("international-organisation",),
    "media-outlet": ("media",),
    "news-agency": ("media",),
    "newspaper": ("media",),
    "broadcaster": ("media",),
    "tv-channel": ("media",),
    # location kinds
    "province": ("region",),
    "governorate": ("region",),
    "state-province": ("region",),
    "town": ("city",),
    "village": ("city",),
    "neighbourhood": ("district",),
    "neighborhood": ("district",),
    "quarter": ("district",),
    "base": ("military-base",),
    "airbase": ("military-base",),
    "air-base": ("military-base",),
    "camp": ("military-base",),
    "barracks": ("military-base",),
    "airfield": ("airport", "military-base"),
    "border": ("border-area",),
    "border-crossing": ("border-area",),
    "crossing": ("border-area",),
    # place precisions
    "precise": ("exact",),
    "nearby": ("near",),
    "close-to": ("near",),
    "outskirts": ("near",),
    "around": ("area", "near"),
    "vicinity": ("area",),
    "approx": ("approximate",),
    "approximately": ("approximate",),
    "somewhere": ("approximate",),
    "unknown": ("approximate",),
    # relations
    "response-to": ("responds-to",),
    "in-response-to": ("responds-to",),
    "retaliation-for": ("responds-to",),
    "reply-to": ("responds-to",),
    "answers": ("responds-to",),
    "after": ("follows",),
    "followed": ("follows",),
    "part": ("part-of",),
    "within": ("part-of",),
    "background": ("context",),
    "contradict": ("contradicts",),
    "disputes": ("contradicts",),
}
