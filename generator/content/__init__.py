"""content: YAML records in, a validated ``Catalog`` out, or every problem of every file.

May import only ``generator.errors`` and itself: every other room reads content, never the
reverse, so the formats and their checks can be read (and tested) on their own.

Reading, in the order data flows:

``files``       which files under content/ are records, and reading bytes safely (no links,
                no unbounded reads)
``load``        strict YAML (C loader; no guessed types, duplicate keys, aliases or tags),
                every node keeping its line and column
``edtf``        EDTF dates: parsing, bounds for sorting, a reader's wording
``times``       the time of day of a date-time (2021-02-15T21:30+03:00): local time and offset
``vocabulary``  every controlled list (event types, roles, kinds, precisions, relations,
                casualty groups), once, with its labels
``text``        what a text value may hold: no bidirectional controls or zero-width
                characters (ZWNJ/ZWJ inside Arabic-script words are spelling), enough words
                in a quote, web addresses whose host is plain ASCII; values cut in messages
``model``       the pydantic models of each file kind, their types read from ``vocabulary``;
                ``RECORD_KINDS``: kind -> folder -> model
``messages``    pydantic errors turned into ``path:line:col: field: message`` lines
``suggest``     "did you mean" for a reference that names nothing
``partial``     what is still valid of an invalid record, so its other fields are checked
                in the same run
``quotes``      quotes against the stored article: the closest passage with the first word
                that differs, or the other source whose article holds the words
``checks``      the rules across files: references, quotes, casualty figures, parent cycles,
                placeholders, a relation or an address given twice, probable duplicates
``dedupe``      duplicates: one incident as two events (same quote; same type and place,
                dates within two days), one actor or place in two files (same name
                however spelt); ``distinct_from`` says they are not
``seeds``       seeds/*.yaml (the article texts' metadata) checked like records; article
                texts no source names
``geography``   a place's coordinates within its parent: a country's Natural Earth outline
                (the map's basemap), else a distance limit by the parent's kind
``catalog``     ``load_catalog`` / ``check_content`` and the ``Catalog`` with its indexes
``cache``       records kept between loads by ``chronology serve``

Small shared rules the other rooms use:

``filing``      which month and year an event is filed under
``totals``      casualty totals over the groups of a count
``ids``         the one slug rule for ids and file names
``words``       plurals ("1 source", "2 sources")
``history``     when each file was first added and last changed, from git
``licence``     the licences (data and text CC BY 4.0, code MIT) and the quoted words
                that stay their publishers', said once for every file that states them
``report``      what ``chronology validate`` prints besides each problem: JSON, GitHub
                annotations, the summary line
"""
