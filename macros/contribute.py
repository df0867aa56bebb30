"""The contributor's commands: ``legwork figure`` and ``legwork new``.

``legwork figure ID`` reads one exercise file, checks its ``figure:`` block alone (the rest of
the file may still be a draft) and draws every pose to a PNG with the site's geometry,
printing what validation would say about the figure. ``legwork new ID --like OTHER`` starts
a new exercise from an existing one of the same kind and dose kind: the numbers, the
vocabulary choices and the figure are kept as a starting point, each marked ``# CHECK``;
every text that must be the contributor's own is replaced by ``REWRITE: what to write``,
which validation reports as still to write until it is rewritten.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from macros.data import drafts
from macros.data.errors import DataError, DataErrors, Document, did_you_mean
from macros.data.figures.model import Figure
from macros.data.figures.validation import figure_errors
from macros.data.loader import shown_path, validate
from macros.data.parse import parse
from macros.data.vocab import EQUIPMENT

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FIGURE_DIR = Path(".cache") / "figures"
"""Where ``legwork figure`` writes when not told (ignored by git)."""


def _fail(errors: list[DataError]) -> int:
    print(DataErrors(errors).report(), file=sys.stderr)
    return 1


def _exercise_path(data_dir: Path, entry_id: str) -> tuple[Path, list[DataError]]:
    path = data_dir / "exercises" / f"{entry_id}.yml"
    if path.is_file():
        return path, []
    known = [p.stem for p in sorted((data_dir / "exercises").glob("*.yml"))]
    hint = did_you_mean(entry_id, known)
    where = shown_path(data_dir / "exercises")
    message = f"no exercise '{entry_id}' in {where}/{hint}"
    return path, [DataError(shown_path(path), 1, "(file)", message)]


# --- legwork figure. ----------------------------------------------------------------


def draw_figure_file(data_dir: Path, entry_id: str, out: Path | None) -> int:
    """Draw an exercise's figure to a PNG; 1 (with the errors) if it cannot be drawn."""
    from macros.media.figure_sheet import figure_sheet, sheet_size

    path, missing = _exercise_path(data_dir, entry_id)
    if missing:
        return _fail(missing)
    try:
        document = parse(path, shown_path(path), "an exercise")
        figure = _figure(document)
    except DataErrors as exc:
        return _fail(exc.errors)
    kits = document.data.get("kits")
    first = kits[0] if isinstance(kits, list) and kits and isinstance(kits[0], list) else []
    kit = [item for item in first if isinstance(item, str) and item in EQUIPMENT]
    name = document.data.get("name")
    title = name if isinstance(name, str) and not name.startswith(drafts.MARK) else entry_id
    problems = [document.error(("figure", *loc), m) for loc, m in figure_errors(figure)]
    png = figure_sheet(figure, kit, title, len(problems))
    out = out or FIGURE_DIR / f"{entry_id}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(png)
    width, height = sheet_size(len(figure.poses))
    print(f"wrote {out} ({len(figure.poses)} poses, {width}×{height} px)")
    if problems:
        print(
            "the figure does not validate yet (contacts that miss are red in the picture):",
            file=sys.stderr,
        )
        print(DataErrors(problems).report(), file=sys.stderr)
    return 0


def _figure(document: Document) -> Figure:
    """The file's ``figure:`` block, validated on its own, errors located in the file."""
    raw = document.data.get("figure")
    if raw is None:
        raise DataErrors([document.error((), "no figure: block to draw")])
    inner = Document(
        document.path,
        raw,
        {loc[1:]: line for loc, line in document.lines.items() if loc[:1] == ("figure",)},
        {loc[1:]: text for loc, text in document.scalars.items() if loc[:1] == ("figure",)},
    )
    try:
        return validate(Figure, inner)
    except DataErrors as exc:
        raise DataErrors(
            DataError(e.path, e.line, _under_figure(e.field), e.message) for e in exc.errors
        ) from None


def _under_figure(field: str) -> str:
    if field == "(file)":
        return "figure"
    return "figure" + ("" if field.startswith("[") else ".") + field


# --- legwork new. -------------------------------------------------------------------

KEPT = (
    "kind",
    "pattern",
    "laterality",
    "level",
    "kits",
    "body_region",
    "muscles",
    "calf",
    "tempo",
    "figure",
    "dosage",
    "retest_weeks",
)
"""Top-level keys copied as a starting point (their text fields aside), marked to check."""
DROPPED = ("aliases", "previous_ids", "differs_from_source", "practice")
CHECK = {
    "pattern": "the movement pattern; allowed values and labels are on /contribute/",
    "kits": "each kit is what is needed together; any one kit will do",
    "muscles": "muscle ids from data/muscles.yml, by role",
    "tempo": "seconds per phase of one rep; for a hold, see 'Tempo for a hold' on /contribute/",
    "figure": "kept as a starting pose: draw it with `legwork figure {id}` and change the angles",
    "dosage": "the numbers are a starting point; the text is yours",
    "harder": "the next harder exercise ids, if any (the easier direction is worked out)",
    "sources": "keep a source only if it supports what you wrote; practice: is for points "
    "with no published source",
}


def new_entry(data_dir: Path, new_id: str, like: str) -> int:
    """Write data/exercises/NEW_ID.yml from LIKE; 1 (saying why) if it cannot."""
    target = data_dir / "exercises" / f"{new_id}.yml"
    if not ID_RE.match(new_id) or len(new_id) > 60:
        return _fail(
            [
                DataError(
                    shown_path(target),
                    1,
                    "id",
                    f"'{new_id}' is not an id; expected lowercase words joined by hyphens",
                )
            ]
        )
    if target.exists():
        return _fail([DataError(shown_path(target), 1, "(file)", "already exists")])
    source, missing = _exercise_path(data_dir, like)
    if missing:
        return _fail(missing)
    try:
        document = parse(source, shown_path(source), "an exercise")
    except DataErrors as exc:
        return _fail(exc.errors)
    text = draft_text(source.read_text(encoding="utf-8"), document.data, new_id, like)
    target.write_text(text, encoding="utf-8")
    kind = document.data.get("kind", "exercise")
    doses = sorted({d.get("kind", "reps") for d in document.data.get("dosage") or []})
    dose_words = f", dose {' and '.join(doses)}" if doses else ""
    print(
        f"wrote {shown_path(target)} from {like} ({kind}{dose_words}).\n"
        f"Next: rewrite every 'REWRITE:' (make validate lists those left), check every\n"
        f"'# CHECK' block, and draw the figure with: legwork figure {new_id}"
    )
    return 0


def draft_text(source_text: str, data: dict[str, Any], new_id: str, like: str) -> str:
    """The new file's text: kept blocks copied as written, text blocks marked."""
    blocks = _top_level_blocks(source_text)
    out = [
        "# yaml-language-server: $schema=../../docs/schemas/exercise.schema.json",
        f"# Started from {like} by `legwork new`. Rewrite every 'REWRITE:' text (make validate",
        "# lists those left) and check every '# CHECK' block; field limits and allowed values",
        "# are on the contributor's page, /contribute/.",
        f"id: {new_id}",
    ]
    for key, value in data.items():
        if key == "id" or key in DROPPED:
            continue
        if key in KEPT:
            if key in CHECK:
                out.append(f"# CHECK: {CHECK[key].format(id=new_id)}")
            if key in ("dosage", "calf"):
                out.append(_dump(key, _rewrite(key, value)))
            else:
                out.append(blocks[key])
        elif key == "harder":
            out += [f"# CHECK: {CHECK['harder']}", "harder: []"]
        elif key == "sources":
            out.append(f"# CHECK: {CHECK['sources']}")
            out.append(_dump(key, _rewrite(key, value)))
        elif key == "reviewed":
            out.append(f"reviewed: {dt.date.today().isoformat()}")
        else:
            out.append(_dump(key, _rewrite(key, value)))
    return "\n".join(out) + "\n"


_HINTS = {
    "name": "the name a runner would use",
    "summary": "one sentence, 20 to 200 characters: what it is and what it trains",
    "why_for_runners": "why a runner would do it, with what the sources say",
    "setup": "how to set up, one step per line",
    "execution": "one rep (or the hold), step by step",
    "cues": "a short cue, under 80 characters",
    "fault": "a common fault",
    "fix": "how to fix it",
    "safety": "when to stop or choose an easier variation",
    "guidance": "what load to use at this stage",
    "progression": "when to move on, and why (the progress_when rule in words)",
    "supports": "what this source supports in your text",
    "explanation": "why this knee angle emphasises this calf muscle",
    "steps": "one step of the test",
    "how": "what counts, when the test stops, what to write down",
    "interpretation": "what a score means",
}


def _rewrite(key: str, value: Any) -> Any:
    """The value with every free text replaced by a marked hint (ids and numbers kept)."""
    if key in _HINTS and isinstance(value, str):
        return drafts.marked(_HINTS[key])
    if isinstance(value, dict):
        return {k: _rewrite(k, v) for k, v in value.items()}
    if isinstance(value, list):
        if key in _HINTS and all(isinstance(v, str) for v in value):
            count = 2 if key in ("execution", "steps") else 1
            return [drafts.marked(_HINTS[key])] * count
        if key == "faults":
            return [{k: drafts.marked(_HINTS[k]) for k in ("fault", "fix")}]
        return [_rewrite(key, v) for v in value]
    return value


def _dump(key: str, value: Any) -> str:
    return yaml.safe_dump(
        {key: value}, sort_keys=False, allow_unicode=True, width=92, default_flow_style=False
    ).rstrip("\n")


def _top_level_blocks(text: str) -> dict[str, str]:
    """Each top-level key's lines as written (comments above a key belong to the one before)."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z_][A-Za-z0-9_]*):", line)
        if match:
            current = blocks.setdefault(match.group(1), [])
        if current is not None:
            current.append(line)
    return {key: "\n".join(lines).rstrip() for key, lines in blocks.items()}
