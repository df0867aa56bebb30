"""The GitHub workflow checks, both offline: the workflow JSON Schema (check-jsonschema's
vendored copy) and zizmor, the Actions security linter, with ``.github/zizmor.yml``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.gates.site import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR_CONFIG = ROOT / ".github" / "zizmor.yml"


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def schema_errors(files: list[Path]) -> str:
    """check-jsonschema's report, or "" when every file is a valid workflow."""
    result = subprocess.run(
        [
            str(BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            "--output-format",
            "text",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode in (0, 1), f"check-jsonschema failed to run:\n{result.stderr}"
    return "" if result.returncode == 0 else result.stdout + result.stderr


def zizmor(files: list[Path]) -> list[dict]:
    """zizmor's findings, in its pedantic persona; a file it cannot read fails the run."""
    result = subprocess.run(
        [
            str(BIN / "zizmor"),
            "--offline",
            "--strict-collection",
            "--persona",
            "pedantic",
            "--config",
            str(ZIZMOR_CONFIG),
            "--format",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    # 0: clean; 10-14: findings, by their highest severity; anything else: it failed.
    assert result.returncode == 0 or 10 <= result.returncode <= 14, (
        f"zizmor failed ({result.returncode}):\n{result.stderr}"
    )
    return json.loads(result.stdout)


def describe(finding: dict) -> str:
    location = finding["locations"][0]
    key = location["symbolic"]["key"]
    where = next(iter(key.values())).get("verbatim_path", key) if isinstance(key, dict) else key
    line = location["concrete"]["location"]["start_point"]["row"] + 1
    note = location["symbolic"].get("annotation", "")
    return f"{where}:{line}: {finding['ident']}: {finding['desc']} ({note})"
