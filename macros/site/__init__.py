"""The site room: what the site is made of, as text, for any generator to build.

``urls`` (the one place paths are spelled), ``plan`` (which pages and files exist, and the
navigation), ``render`` (the escaping rule and the Jinja environment), ``templates/``,
``prose`` (what the hand-written pages may use) and ``opendata`` (the JSON API). Writes
nothing to disk; asks ``macros.media`` for pictures.
"""
