"""The data room: what a data file may say, and the checked library it becomes.

``vocab`` (closed value lists with their labels), ``models`` (the shape of each file),
``parse`` (safe YAML with a line for every key), ``loader`` (files → models, errors in
plain words), ``checks`` (rules across files), ``library`` (the checked whole and the
ladders), ``errors`` (``path:line: field: message``), ``published`` and ``schemas``;
``figure`` (an exercise's technique figure as poses) and ``posing`` (its body model,
placing and physics, which validation checks).
Only pydantic and PyYAML: no site, no MkDocs.
"""
