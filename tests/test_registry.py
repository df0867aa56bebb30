"""The registry of kinds: every kind gets a working redirect for a rename, and a kind added
in a temporary project gets its folder, URL, page, redirect, link preview, published-id
check, open-data document and ``link`` title from its one entry, with no other edit.

Expectations are computed from the raw YAML written here, not from the code under test.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from jinja2 import ChoiceLoader, DictLoader

from macros.data import kinds, published
from macros.data.errors import DataErrors
from macros.data.loader import load_library
from macros.data.models import Id, Model, ShortText, Summary
from macros.site import opendata, plan, prose, render, urls
from tests.conftest import DATA, dump_yaml, raw_yaml

SITE = "https://example.org/"
SETTINGS = plan.Settings(SITE, "https://github.com/legwork/x", pdfs=False)


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def redirect_target(stub: str, old_path: str) -> tuple[str, str]:
    """Where a redirect stub sends the browser (resolved against its own path), and the
    canonical URL it names."""
    soup = BeautifulSoup(stub, "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    target = refresh.split("url=", 1)[1]
    resolved = posixpath.normpath(posixpath.join(old_path, target)) + "/"
    return resolved, soup.find("link", rel="canonical")["href"]


def add_previous_id(data_dir: Path, kind: str, old: str) -> str:
    """Give one entry of ``kind`` an earlier id, as a rename leaves it; return the entry's id.
    Written to the raw YAML: catalogue entries in their list, file entries in their file."""
    if kind == "muscle":
        catalogue = raw_yaml(data_dir / "muscles.yml")
        entry = catalogue["muscles"][0]
        entry["previous_ids"] = [old]
        (data_dir / "muscles.yml").write_text(dump_yaml(catalogue), encoding="utf-8")
        return entry["id"]
    folder = {"exercise": "exercises", "assessment": "exercises"}.get(kind, f"{kind}s")
    for path in sorted((data_dir / folder).glob("*.yml")):
        entry = raw_yaml(path)
        if entry.get("kind", "exercise" if folder == "exercises" else kind) == kind:
            entry["previous_ids"] = [old]
            path.write_text(dump_yaml(entry), encoding="utf-8")
            return path.stem
    raise AssertionError(f"no {kind} in {folder}/")


@pytest.mark.parametrize("kind", ["exercise", "assessment", "muscle", "session", "programme"])
def test_every_kind_redirects_its_previous_ids(tmp_path: Path, kind: str) -> None:
    assert kind in kinds.KINDS
    data_dir = copy_data(tmp_path)
    old = f"old-{kind}-name"
    new = add_previous_id(data_dir, kind, old)
    files = plan.static_files(load_library(data_dir), SETTINGS)
    folder = {"muscle": "muscles", "assessment": "exercises"}.get(kind, f"{kind}s")
    old_path, new_path = f"{folder}/{old}/", f"{folder}/{new}/"
    stub = files.get(f"{old_path}index.html")
    assert stub is not None, f"no redirect written at {old_path}"
    assert redirect_target(stub, old_path) == (new_path, SITE + new_path)


def test_a_renamed_programme_validates_and_its_old_url_redirects(tmp_path: Path) -> None:
    """A real rename: the file and id change, the old id stays in published.yml."""
    data_dir = copy_data(tmp_path)
    source = sorted((data_dir / "programmes").glob("*.yml"))[0]
    programme = raw_yaml(source)
    old = source.stem
    programme["id"] = f"{old}-renamed"
    programme["previous_ids"] = [old]
    (data_dir / "programmes" / f"{old}-renamed.yml").write_text(dump_yaml(programme), "utf-8")
    source.unlink()
    files = plan.static_files(load_library(data_dir), SETTINGS)
    stub = files[f"programmes/{old}/index.html"]
    assert redirect_target(stub, f"programmes/{old}/")[0] == f"programmes/{old}-renamed/"


def test_a_rename_without_previous_ids_is_refused_with_the_promise_kept(tmp_path: Path) -> None:
    data_dir = copy_data(tmp_path)
    source = sorted((data_dir / "programmes").glob("*.yml"))[0]
    programme = raw_yaml(source)
    programme["id"] = f"{source.stem}-renamed"
    (data_dir / "programmes" / f"{source.stem}-renamed.yml").write_text(
        dump_yaml(programme), "utf-8"
    )
    source.unlink()
    with pytest.raises(DataErrors) as caught:
        load_library(data_dir)
    assert re.search(
        rf"published\.yml:\d+: programmes\[\d+\]: '{source.stem}' was published but is no "
        r"longer a programme id; .* previous_ids so its old URL redirects",
        caught.value.report(),
    )


# --- A kind added later. ------------------------------------------------------------


class Drill(Model):
    """A throwaway kind: a running drill with a page of its own."""

    id: Id
    name: ShortText
    summary: Summary
    previous_ids: tuple[Id, ...] = ()


DRILL_TEMPLATE = """---
title: {{ drill.name | html | tojson }}
---

# {{ drill.name }}

{{ drill.summary }}
"""

DRILL = {
    "id": "hill-strides",
    "name": "Hill strides",
    "summary": "Short, fast runs up a gentle hill, walking back down between them.",
    "previous_ids": ["uphill-strides"],
}


@pytest.fixture
def drill_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    data_dir = copy_data(tmp_path)
    (data_dir / "drills").mkdir()
    (data_dir / "drills" / "hill-strides.yml").write_text(dump_yaml(DRILL), "utf-8")
    kind = kinds.Kind(
        name="drill",
        folder="drills",
        model=Drill,
        files_model=Drill,
        template="drill.md.j2",
        title=lambda d: d.name,
        subtitle=lambda library, d: "Drill",
        open_data="drills",
    )
    env = render.environment()
    monkeypatch.setattr(
        env, "loader", ChoiceLoader([DictLoader({"drill.md.j2": DRILL_TEMPLATE}), env.loader])
    )
    kinds.register(kind)
    try:
        yield data_dir
    finally:
        kinds.unregister("drill")


def test_a_new_kind_gets_its_folder_url_and_page(drill_project: Path) -> None:
    library = load_library(drill_project)
    assert urls.src("drill", DRILL["id"]) == "drills/hill-strides.md"
    assert urls.page_url(SITE, "drill", DRILL["id"]) == SITE + "drills/hill-strides/"
    pages = {page.src_uri: page.markdown for page in plan.generated_pages(library, SETTINGS)}
    assert "drills/hill-strides.md" in pages
    assert f"# {DRILL['name']}" in pages["drills/hill-strides.md"]
    assert {"Drills": ["drills/hill-strides.md"]} in plan.navigation(library)


def test_a_new_kind_redirects_its_previous_ids(drill_project: Path) -> None:
    files = plan.static_files(load_library(drill_project), SETTINGS)
    stub = files["drills/uphill-strides/index.html"]
    assert redirect_target(stub, "drills/uphill-strides/")[0] == "drills/hill-strides/"


def test_a_new_kind_gets_a_link_preview(drill_project: Path) -> None:
    specs = {spec.page: spec for spec in plan.preview_specs(load_library(drill_project))}
    spec = specs["drills/hill-strides/"]
    assert spec.path == "assets/previews/drills/hill-strides.png"
    assert spec.title == DRILL["name"]


def test_a_new_kind_records_and_checks_its_published_ids(drill_project: Path) -> None:
    library = load_library(drill_project)
    assert published.live_ids(library)["drills"] == [DRILL["id"]]
    path = drill_project / "published.yml"
    path.write_text(path.read_text(encoding="utf-8") + "drills:\n  - gone-drill\n", "utf-8")
    with pytest.raises(DataErrors) as caught:
        load_library(drill_project)
    assert re.search(
        r"published\.yml:\d+: drills\[0\]: 'gone-drill' was published but is no longer a "
        r"drill id",
        caught.value.report(),
    )


def test_a_new_kind_refuses_an_old_id_that_is_live(drill_project: Path) -> None:
    path = drill_project / "drills" / "hill-strides.yml"
    path.write_text(dump_yaml({**DRILL, "previous_ids": [DRILL["id"]]}), "utf-8")
    with pytest.raises(DataErrors) as caught:
        load_library(drill_project)
    assert re.search(
        r"hill-strides\.yml:\d+: previous_ids\[0\]: 'hill-strides' is a live id",
        caught.value.report(),
    )


def test_a_new_kind_is_published_as_open_data(drill_project: Path) -> None:
    documents: dict[str, Any] = opendata.documents(load_library(drill_project), SITE)
    document = json.loads(opendata.json_text(documents["api/v2/drills.json"]))
    [item] = document["items"]
    assert item["name"] == DRILL["name"]
    assert item["url"] == SITE + "drills/hill-strides/"
    assert "api/v2/drills.schema.json" in documents


def test_the_link_macro_titles_a_new_kind(drill_project: Path) -> None:
    library = load_library(drill_project)
    link = prose.Linker(library, lambda: "index.md")
    assert link("drill", DRILL["id"]) == f"[{DRILL['name']}](drills/hill-strides.md)"
    with pytest.raises(prose.UnknownLink):
        link("drill", "no-such-drill")


def test_a_new_kind_builds_into_the_site(
    drill_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole build, in the temporary project: page, redirect, preview image, JSON."""
    from tests.conftest import ROOT, build_site

    root = drill_project.parent
    for name in ("overrides", "macros"):
        (root / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    if (ROOT / ".cache").is_dir():  # earlier preview renders: saves re-drawing every card
        shutil.copytree(ROOT / ".cache", root / ".cache")
    monkeypatch.setenv("LEGWORK_PDFS", "false")
    site = build_site(root / "mkdocs.yml", root / "site")
    page = BeautifulSoup(
        (site / "drills/hill-strides/index.html").read_text("utf-8"), "html.parser"
    )
    assert page.select_one("article h1").get_text().rstrip("¶").strip() == DRILL["name"]
    stub = (site / "drills/uphill-strides/index.html").read_text(encoding="utf-8")
    assert redirect_target(stub, "drills/uphill-strides/")[0] == "drills/hill-strides/"
    assert (site / "assets/previews/drills/hill-strides.png").stat().st_size > 0
    drills = json.loads((site / "api/v2/drills.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in drills["items"]] == [DRILL["id"]]
