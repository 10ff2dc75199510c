"""The chronology site generator: YAML records in, a cross-linked, sourced site out.

The house has one room per stage, and data flows one way through them::

    content/*.yaml ──content──▶ Catalog ──site──▶ {page: Markdown} ──build──▶ site/, dist/*.zip
                                   └─────exports──▶ data files (JSON, CSV, GeoJSON, iCal, Atom)

``content``  YAML → a validated ``Catalog`` (strict loading with positions, EDTF dates, the
             vocabularies, the models, cross-file checks, messages). Imports only ``errors``.
``site``     Catalog → ``{uri: Markdown}``: addresses, facts, escaping, templates, paging,
             statistics and charts, map data. Imports ``content``; never MkDocs.
``exports``  Catalog → data files. Imports ``content`` and ``site.urls`` (pages' addresses).
``build``    The only room that imports MkDocs: the plugin, build-aside-and-swap, the off-site
             check, the offline bundle, the live preview.
``tools``    For contributors and benchmarks: ``chronology new``, ``extract``, ``synth``.
             Imported only by ``cli``.
``cli``      Thin commands over the rooms; ``errors`` is the exception tree every room shares.

The rules are import-linter contracts in pyproject.toml, checked by ``make lint`` and the tests.
"""
