"""``chronology synth --events N --out DIR``: a synthetic project for benchmarks, with the
shapes and variety of the real content at any size, so that timings measure what real content
would cost.

Every EDTF form, event type and role occurs, with casualty ranges, related events, Arabic
names, aliases, parent chains and coordinates around Iraq and Syria; actors ~ N/20, places ~
N/5, sources ~ N/10. Every quote is written into its source's article in ``seeds/``, so the
quote checks run as on the real project. The same (N, seed) writes byte-identical files: one
``random.Random(seed)``, no sets iterated, no clock.

- ``names``: the names and words drawn from;
- ``corpus``: the records being built, the random generator, the calendar and articles;
- ``world``: places, actors and sources;
- ``events``: events, their citations and casualty figures;
- ``house_yaml``: YAML as contributors write it;
- ``project``: ``synthesize``, which writes the project folder.
"""

from __future__ import annotations

from .project import Counts, synthesize

__all__ = ["Counts", "synthesize"]
