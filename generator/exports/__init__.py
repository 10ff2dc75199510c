"""The exports room: the validated Catalog as open data files, documented in docs/data.md.

- ``files``: every data file by its path in the site (what the build writes)
- ``json``: ``data/events.json``, everything in one JSON document
- ``csv``: ``data/events.csv``, one row per event, for spreadsheets, and
  ``data/casualty-reports.csv``, each source's casualty figures (one row per event, source
  and group)
- ``geojson``: ``data/events.geojson``, located events as points, for maps
- ``ics``: ``data/events.ics``, every event as a calendar entry (all-day, or at its time)
- ``atom``: ``feed.xml``, an Atom feed of the events added or changed last (feedgen)
- ``schema``: ``data/schema/<kind>.schema.json``, JSON Schemas of the content files
- ``data_schema``: ``data/schema/events.json.schema.json``, the JSON Schema of events.json
- ``fields``: what several of them say alike (dates, totals, addresses, plain text)
- ``parts``: each event's part of them, kept between the builds of ``chronology serve``

Each file is a pure function of the catalog (and, for the feed and the calendar, the content's
git history: ``content.history``) returning text, so the MkDocs plugin and ``chronology
generate`` write the same bytes; nothing depends on the clock, the machine or dictionary
order, so rebuilding the same commit changes no file. The map's data file is the site's
(``generator.site.maps``), since only the Map page reads it.

May import: ``generator.content``, ``generator.site.urls`` (page addresses) and
``generator.errors``; never the rest of ``generator.site``, nor build, tools or cli.
"""
