"""One assembly: ``legwork generate`` and the MkDocs plugin read the same settings the same
way and publish the same pages and files; a generated page never replaces a hand-written one.

The plugin is driven through its MkDocs events on MkDocs' own config, without a build; the
full build of the generated plan without the plugin is ``test_architecture``'s.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files

from macros import assembly
from macros.media import pdf
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", "true"),
        ("True", "true"),
        ("TRUE", "true"),
        ("1", "true"),
        ("false", "false"),
        ("False", "false"),
        ("0", "false"),
        ("", "false"),
        ("auto", "auto"),
        ("Auto", "auto"),
    ],
)
def test_legwork_pdfs_reads_the_same_words_everywhere(value: str, expected: str) -> None:
    assert assembly.pdf_setting(None, {"LEGWORK_PDFS": value}) == expected
    assert assembly.pdf_setting(value, {}) == expected


def test_an_unset_pdf_setting_is_auto_and_the_option_wins_over_the_environment() -> None:
    assert assembly.pdf_setting(None, {}) == "auto"
    assert assembly.pdf_setting(True, {"LEGWORK_PDFS": "false"}) == "true"


@pytest.mark.parametrize("value", ["yes please", "maybe", "2", "on"])
def test_any_other_pdf_setting_is_refused_with_what_was_expected(value: str) -> None:
    with pytest.raises(assembly.SettingError, match=r"LEGWORK_PDFS is .*expected true, false"):
        assembly.pdf_setting(None, {"LEGWORK_PDFS": value})


def plugin_build(config_file: Path) -> tuple[dict[str, str], list]:
    """What the plugin hands MkDocs: every file by source path (generated ones with their
    text, hand-written ones as ``None``) and the navigation."""
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    found = {
        file.src_uri: (file.content_bytes if file.generated_by == "legwork" else None)
        for file in files
    }
    return found, config.nav


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, list, Path]:
    with pytest.MonkeyPatch.context() as patch:
        # PDFs on, as "True" says in both; no browser needed to plan the pages.
        patch.setenv("LEGWORK_PDFS", "True")
        patch.setattr(pdf, "browser_available", lambda: True)
        plugin_files, nav = plugin_build(ROOT / "mkdocs.yml")
        out = tmp_path_factory.mktemp("generated")
        assembly.generate(out, ROOT / "mkdocs.yml")
    return plugin_files, nav, out


def test_generate_and_the_plugin_publish_the_same_files(both) -> None:
    plugin_files, _, out = both
    written = {p.relative_to(out / "docs").as_posix() for p in (out / "docs").rglob("*")}
    written = {path for path in written if (out / "docs" / path).is_file()}
    assert written == set(plugin_files)


def test_generate_and_the_plugin_write_the_same_generated_text(both) -> None:
    plugin_files, _, out = both
    generated = {uri: text for uri, text in plugin_files.items() if text is not None}
    assert len(generated) > 50
    differing = []
    for uri, text in generated.items():
        written = (out / "docs" / uri).read_bytes()
        if not written.startswith(text):  # generate appends the glossary's abbreviations
            differing.append(uri)
    assert differing == []
    # The setting was read as "on" by both: the session pages offer the PDF.
    sessions = [uri for uri in generated if uri.startswith("sessions/") and uri.endswith(".md")]
    assert any(b".pdf" in generated[uri] for uri in sessions)


def test_generate_and_the_plugin_give_the_same_navigation(both) -> None:
    import yaml

    _, nav, out = both
    child = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert child["nav"] == nav
    assert "legwork" not in str(child["plugins"]) and "macros" not in str(child["plugins"])


def project_with_page_at(tmp_path: Path, src_uri: str) -> Path:
    """A copy of the project with a hand-written page at ``src_uri``."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("overrides", "macros"):
        (root / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    page = root / "docs" / src_uri
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# Written by hand\n", encoding="utf-8")
    return root / "mkdocs.yml"


def test_neither_replaces_a_handwritten_page(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LEGWORK_PDFS", "0")
    exercise = sorted((ROOT / "data" / "exercises").glob("*.yml"))[0].stem
    config_file = project_with_page_at(tmp_path, f"exercises/{exercise}.md")
    expected = rf"refusing to write exercises/{exercise}\.md .*a page is already published"
    with pytest.raises(assembly.SettingError, match=expected):
        assembly.generate(tmp_path / "out", config_file)
    with pytest.raises(PluginError, match=expected):
        plugin_build(config_file)


def test_a_bad_pdf_setting_stops_generate_and_the_build_with_the_same_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from macros import cli

    monkeypatch.setenv("LEGWORK_PDFS", "sometimes")
    assert cli.main(["generate", str(tmp_path / "out")]) == 2
    message = "LEGWORK_PDFS is 'sometimes'; expected true, false or auto"
    assert message in capsys.readouterr().err
    with pytest.raises(PluginError, match=message):
        plugin_build(ROOT / "mkdocs.yml")
