"""Workflow gate: every GitHub workflow is valid against the workflow schema and clean under
zizmor (pedantic persona, offline), with least-privilege permissions; and both checks
fail workflows that are broken or unsafe on purpose."""

from __future__ import annotations

import pytest
import yaml

from tests.gates import workflows
from tests.gates.site import BROKEN

BROKEN_WORKFLOWS = BROKEN / "workflows"


def test_there_are_workflows_to_check() -> None:
    assert {path.name for path in workflows.workflow_files()} >= {"ci.yml", "deploy.yml"}


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
