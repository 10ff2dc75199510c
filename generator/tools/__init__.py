"""Tools for contributors and benchmarks, each behind one ``chronology`` command.

``chronology new``       ``answers`` (each value checked as it is given, or asked for) and
                         ``scaffold`` (the new file, every field explained).
``chronology extract``   ``article`` (the text without page furniture, datelines, sentences),
                         ``date_mentions`` (dates in a sentence, resolved to days),
                         ``gazetteer`` (known actors and places by any name), ``casualties``
                         (killed and wounded by group), ``extract`` (the drafts, as YAML) and
                         ``extract_eval`` (``--evaluate``: drafts against the hand-made events).
``chronology synth``     ``synth/`` (a synthetic project of any size, the same for a seed).

May import ``generator.content`` and ``generator.errors`` only; only ``generator.cli`` imports
this room (import-linter contracts in pyproject.toml).
"""
