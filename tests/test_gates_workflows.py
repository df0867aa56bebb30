"""Workflow gate: every GitHub workflow is valid against the workflow schema and clean under
zizmor (pedantic persona, offline), with least-privilege permissions; and both checks
fail workflows that are broken or unsafe on purpose."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.gates import workflows
from tests.gates.site import BROKEN

BROKEN_WORKFLOWS = BROKEN / "workflows"


def test_there_are_workflows_to_check() -> None:
    assert {path.name for path in workflows.workflow_files()} >= {"ci.yml"}


def ci() -> dict:
    return yaml.safe_load((workflows.WORKFLOWS / "ci.yml").read_text(encoding="utf-8"))


def test_deploy_runs_only_after_the_tests_pass_and_only_from_main() -> None:
    deploy = ci()["jobs"]["deploy"]
    assert deploy["needs"] == "test" or deploy["needs"] == ["test"]
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert any("deploy-pages" in step.get("uses", "") for step in deploy["steps"])
    triggers = ci()[True] if True in ci() else ci()["on"]  # YAML 1.1 reads `on` as true
    assert "workflow_run" not in triggers


def test_published_ids_are_checked_before_anything_can_write_them() -> None:
    steps = [step.get("run", "") for step in ci()["jobs"]["test"]["steps"]]
    check = next(i for i, run in enumerate(steps) if "ids --check" in run)
    writers = [i for i, run in enumerate(steps) if re.search(r"make (test|site|validate)", run)]
    assert writers and all(check < i for i in writers)


PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def test_every_action_is_pinned_to_a_full_commit_with_its_version() -> None:
    for path in workflows.workflow_files():
        uses = [line for line in path.read_text().splitlines() if "uses:" in line]
        assert uses, path
        unpinned = [line.strip() for line in uses if not PINNED.match(line)]
        assert unpinned == [], f"{path.name}: pin to a commit SHA with `# vX.Y.Z`"
    assert not PINNED.match("      - uses: actions/checkout@v4.3.1")


def test_every_workflow_matches_the_github_workflow_schema() -> None:
    assert workflows.schema_errors(workflows.workflow_files()) == ""


def test_every_workflow_is_clean_under_zizmor() -> None:
    findings = workflows.zizmor(workflows.workflow_files())
    assert findings == [], "\n".join(map(workflows.describe, findings))


def test_every_workflow_grants_nothing_by_default_and_each_job_only_what_it_needs() -> None:
    for path in workflows.workflow_files():
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow.get("permissions") == {}, f"{path.name}: set `permissions: {{}}` on top"
        for name, job in workflow["jobs"].items():
            granted = job.get("permissions")
            assert isinstance(granted, dict), f"{path.name}: job {name} must list its permissions"
            assert set(granted.values()) <= {"read", "write", "none"}, f"{path.name}: {name}"


def test_the_schema_check_fails_a_workflow_that_is_not_one() -> None:
    report = workflows.schema_errors([BROKEN_WORKFLOWS / "not-a-workflow.yml"])
    assert "not-a-workflow.yml" in report


@pytest.mark.parametrize(
    ("name", "audit"),
    [
        ("write-all.yml", "excessive-permissions"),
        ("template-injection.yml", "template-injection"),
        ("unpinned.yml", "excessive-permissions"),
        ("unpinned.yml", "unpinned-uses"),
    ],
)
def test_zizmor_fails_a_workflow_that_is_unsafe_on_purpose(name: str, audit: str) -> None:
    path = BROKEN_WORKFLOWS / name
    assert workflows.schema_errors([path]) == "", "the fixture must be a valid workflow"
    assert audit in {finding["ident"] for finding in workflows.zizmor([path])}
