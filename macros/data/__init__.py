"""The data room: what a data file may say, and the checked library it becomes.

``vocab`` (closed value lists with their labels), ``models`` (the shape of each file),
``parse`` (safe YAML with a line for every key), ``loader`` (files → models, errors in
plain words), ``checks`` (rules across files), ``library`` (the checked whole and the
ladders), ``errors`` (``path:line: field: message``), ``published`` and ``schemas``;
and the ``figures`` package (an exercise's technique figure: its ``model``, its
``geometry`` and its ``validation``, kept apart).
Only pydantic and PyYAML: no site, no MkDocs.
"""
