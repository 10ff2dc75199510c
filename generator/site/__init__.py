"""site: a validated Catalog → ``{page uri: Markdown}``, for MkDocs or any Markdown engine.

May import ``generator.content`` and ``generator.errors``; never MkDocs, ``build``,
``exports``, ``tools`` or ``cli`` (of this room, exports may import ``urls`` only).

Addresses and wording
    ``urls``         where each page lives (``uri``), the address MkDocs gives it, relative links
    ``anchors``      heading anchors for Markdown's toc extension (Unicode names keep one)
    ``facts``        date and casualty wording, responsibility, citations (text and CSL-JSON)
    ``places``       distances between places and the nearby places of a place (a grid)
    ``chronology``   events by year and month as content.filing files them, the section of
                     events spanning years or open-ended, where each event's entry is
Rendering
    ``escape``       text from YAML made inert in Markdown and HTML
    ``templates``    the Jinja environment: escaping on every ``{{ value }}``, fast calls
    ``links``        links from the page being rendered, relative and cached per folder
    ``page_values``  what each template gets: records looked up, counts counted
    ``paging``       long lists in pages of a fixed size, the A–Z groups of the indexes
    ``render``       the Renderer: every page (``pages``) or any one (``render``)
    ``families``     the pages grouped by the record they show, and those an edit of events
                     changes (``chronology serve`` renders only those again)
    ``maps``         the Map page's values, ``data/map-data.js``, one-place maps
    ``metadata``     each page's description and the scripts and styles it loads (front
                     matter), and schema.org JSON-LD of records and of the open data
    ``explore``      the Explorer page's values and ``data/explore-index.js``, the compact
                     index of every event that ``docs/assets/filters.js`` filters
Search
    ``search_words`` how a text becomes the words searched, as ``docs/assets/search.js``
                     makes them of a query
    ``search_index`` ``search/``: the index of every page as small scripts (word shards by
                     first two letters, pages in chunks) that ``docs/assets/search.js`` loads
    ``search_update`` the index kept by ``chronology serve``: an edit makes again only the
                     shards and chunks of the pages it changed
Statistics page
    ``statistics``   counts per month and type, casualties per month, responsible groups
    ``svg``          SVG primitives: elements, text widths, patterns, the chart's <figure>
    ``month_axis``   the month slots and axes the two charts by month share
    ``event_chart``  events per month by type; ``casualty_chart`` killed and wounded per
                     month; ``actor_chart`` events by responsible group
"""
