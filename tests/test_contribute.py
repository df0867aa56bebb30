"""A contributor's tools: ``legwork figure`` draws an entry's poses to a PNG with no site
build, and ``legwork new`` starts an entry from one of the same kind and dose kind that
validation then walks the contributor through. Expectations come from the raw YAML."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from PIL import Image

from macros.cli import main
from macros.media.figure_sheet import BACKGROUND, MISSED, PANEL, sheet_size
from tests.conftest import DATA, ROOT, exercise_ids, raw_yaml

RAW = {i: raw_yaml(DATA / "exercises" / f"{i}.yml") for i in exercise_ids()}


def _dose_kinds(raw: dict) -> set[str]:
    return {dose.get("kind", "reps") for dose in raw["dosage"]}


def _one_of_each_view() -> list[str]:
    chosen: dict[tuple[str, int], str] = {}
    for exercise_id, raw in RAW.items():
        key = (raw["figure"]["view"], len(raw["figure"]["poses"]))
        chosen.setdefault(key, exercise_id)
    return sorted(chosen.values())


@pytest.mark.parametrize("exercise_id", _one_of_each_view())
def test_figure_draws_every_pose_side_by_side(exercise_id: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "figure.png"
    start = time.perf_counter()
    assert main(["figure", exercise_id, "--out", str(out), "--data", str(DATA)]) == 0
    assert time.perf_counter() - start < 5
    poses = len(RAW[exercise_id]["figure"]["poses"])
    image = Image.open(out).convert("RGB")
    assert image.size == sheet_size(poses)
    assert f"({poses} poses" in capsys.readouterr().out
    # Every panel has a figure in it: the body's colours, not just the panel's grey.
    panel_width = (image.width - 2 * 24 - (poses - 1) * 24) // poses
    for index in range(poses):
        left = 24 + index * (panel_width + 24)
        crop = image.crop((left, 120, left + panel_width, image.height - 30))
        colours = {rgb for _, rgb in crop.getcolors(maxcolors=1 << 20)}
        assert len(colours - {_rgb(PANEL), _rgb(BACKGROUND)}) > 50, f"panel {index} is empty"


def test_figure_marks_a_contact_that_misses_in_red(tmp_path: Path, capsys) -> None:
    data = shutil.copytree(DATA, tmp_path / "data")
    path = data / "exercises" / "hip-thrust.yml"
    text = path.read_text(encoding="utf-8")
    assert "    - name: end\n      trunk: -85\n" in text
    path.write_text(
        text.replace("    - name: end\n      trunk: -85\n", "    - name: end\n      trunk: -70\n")
    )
    out = tmp_path / "miss.png"
    assert main(["figure", "hip-thrust", "--out", str(out), "--data", str(data)]) == 0
    err = capsys.readouterr().err
    assert "figure.poses[1].contacts[1]: upper back is" in err and "try " in err
    image = Image.open(out).convert("RGB")
    assert _rgb(MISSED) in {rgb for _, rgb in image.getcolors(maxcolors=1 << 20)}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def test_figure_of_an_unknown_id_says_so_without_a_traceback(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "macros.cli", "figure", "hip-trust", "--data", str(DATA)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert run.returncode == 1
    assert "no exercise 'hip-trust'" in run.stderr and "did you mean 'hip-thrust'" in run.stderr
    assert "Traceback" not in run.stderr
    assert not list(tmp_path.rglob("*.png"))


def test_figure_of_an_angle_out_of_range_names_the_line(tmp_path: Path, capsys) -> None:
    data = shutil.copytree(DATA, tmp_path / "data")
    path = data / "exercises" / "hip-thrust.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "knee: 85" in line)
    lines[number] = lines[number].replace("knee: 85", "knee: 170", 1)
    path.write_text("".join(lines))
    assert (
        main(["figure", "hip-thrust", "--out", str(tmp_path / "x.png"), "--data", str(data)]) == 1
    )
    err = capsys.readouterr().err
    assert (
        f"hip-thrust.yml:{number + 1}: figure.poses[" in err and "less than or equal to 150" in err
    )


def _like_for_each_dose_kind() -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for exercise_id, raw in sorted(RAW.items()):
        kinds = _dose_kinds(raw)
        if len(kinds) == 1:
            found.setdefault(kinds.pop(), exercise_id)
    assert set(found) == {"reps", "hold", "contacts"}
    return sorted(found.items())


@pytest.mark.parametrize(("dose_kind", "like"), _like_for_each_dose_kind())
def test_new_starts_from_an_entry_and_validation_walks_through_it(
    dose_kind: str, like: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    data = shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "my-new-exercise", "--like", like]) == 0
    path = data / "exercises" / "my-new-exercise.yml"
    text = path.read_text(encoding="utf-8")
    written = yaml.safe_load(text)
    original = RAW[like]
    assert written["id"] == "my-new-exercise"
    assert written["figure"] == original["figure"]
    assert _dose_kinds(written) == {dose_kind}
    assert [d["stage"] for d in written["dosage"]] == [d["stage"] for d in original["dosage"]]
    assert written.get("kind", "exercise") == original.get("kind", "exercise")
    marks = sum(line.count("REWRITE:") for line in text.splitlines() if not line.startswith("#"))
    assert marks >= 8 and "# CHECK" in text
    capsys.readouterr()
    assert main(["validate", "data"]) == 1
    report = capsys.readouterr().err.splitlines()
    assert len(report) == marks + 1, report
    assert all(": still to write: " in line for line in report[:-1])
    assert all(line.startswith("data/exercises/my-new-exercise.yml:") for line in report[:-1])
    # Rewriting every marked text, and nothing else, gives a valid entry.
    done = "\n".join(
        line.split("REWRITE:")[0].rstrip("'\" ") + " Written by the contributor."
        if "REWRITE:" in line and not line.startswith("#")
        else line
        for line in text.splitlines()
    )
    path.write_text(done + "\n", encoding="utf-8")
    # A jumping or calf-off-a-step exercise is also listed in the coaching rules, as the
    # validator says for the entry it was copied from; the contributor adds it the same way.
    rules_path = data / "coaching.yml"
    rules = yaml.safe_load(rules_path.read_text(encoding="utf-8"))
    for section in rules.values():
        if isinstance(section, dict) and like in (section.get("exercises") or []):
            section["exercises"].append("my-new-exercise")
            if isinstance(section.get("from_stage"), dict) and like in section["from_stage"]:
                section["from_stage"]["my-new-exercise"] = section["from_stage"][like]
    rules_path.write_text(yaml.safe_dump(rules, allow_unicode=True, sort_keys=False), "utf-8")
    assert main(["validate", "data"]) == 0, capsys.readouterr().err


def test_new_refuses_a_bad_id_an_existing_file_and_an_unknown_model(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "Wall Sit", "--like", "hip-thrust"]) == 1
    assert "'Wall Sit' is not an id" in capsys.readouterr().err
    assert main(["new", "glute-bridge", "--like", "hip-thrust"]) == 1
    assert "glute-bridge.yml:1: (file): already exists" in capsys.readouterr().err
    assert main(["new", "wall-sit", "--like", "heavy-calf-hols"]) == 1
    assert "did you mean 'heavy-calf-hold'" in capsys.readouterr().err
    assert not (tmp_path / "data" / "exercises" / "wall-sit.yml").exists()


def test_make_validate_needs_only_the_python_environment() -> None:
    """A contributor without Node.js can validate: the target never runs npm."""
    run = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "validate"], capture_output=True, text=True, check=True
    )
    assert "legwork validate data" in run.stdout
    assert "npm" not in run.stdout
    full = subprocess.run(
        ["make", "-n", "-B", "-C", str(ROOT), "setup"], capture_output=True, text=True, check=True
    )
    assert "npm ci" in full.stdout  # the check above would see npm if validate pulled it in
