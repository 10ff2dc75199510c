"""The build room, the only one that imports MkDocs: from the validated content to the site,
the offline bundle and the live preview.

- ``assemble``: every generated file (pages, map data, data files) in one function, shared by
  the plugin and ``chronology generate``; no MkDocs
- ``plugin``: the MkDocs plugin, glue that hands MkDocs what ``assemble`` makes
- ``page_meta``: each built page's permalink (canonical link, sitemap, also offline) and the
  data page's JSON-LD (the record pages carry theirs in front matter); no MkDocs
- ``generate``: ``chronology generate --out DIR``, the same files written to a folder, with the
  settings read from mkdocs.yml
- ``site_build``: ``chronology build``, MkDocs run into a folder beside the site and swapped in
- ``engine``: MkDocs' build step by step with the pages converted and rendered in worker
  processes (``--jobs``), writing the same bytes as MkDocs on one core
- ``engine_workers``: those worker processes, and MkDocs' log records held and replayed in
  MkDocs' order
- ``permalinks``: the site's public address (``site_url``): option, environment or
  mkdocs.yml, checked; what stays relative without one; no MkDocs
- ``offsite``: the check that a built site loads nothing from other hosts; no MkDocs
- ``active_content``: the check that no page runs code (event handlers, scripts, styles,
  javascript: addresses) that the templates, the theme or vendored assets did not put there;
  no MkDocs
- ``bundle``: ``chronology bundle``, the file:// variant zipped reproducibly
- ``squeeze``: the bundle's HTML without the whitespace templates indent with (runs holding a
  line break become one), text, attributes and ``<pre>``/``<script>`` untouched; no MkDocs
- ``serve``: ``chronology serve``, MkDocs' live-reload server rebuilding only what changed
- ``preview``: what ``serve`` keeps between two builds
- ``mkdocs_internals``: every reliance on MkDocs beyond its plugin API, with the version it
  was written against

May import: ``generator.content``, ``generator.site``, ``generator.exports``,
``generator.errors`` and MkDocs; never ``generator.tools`` or ``generator.cli``.
"""
