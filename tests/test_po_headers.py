"""PO headers complete and deterministic (issue 14, point 5): every field msgfmt and i18nspector
ask for, the dates and people from git or [tool.sppterm.po], never the clock; ``extract`` twice,
or after a commit, changes nothing; GNU msgfmt and Debian's i18nspector find nothing to say."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sppterm.units.history import po_date
from sppterm.units.po import PEOPLE_AND_DATES, header, read_po

from .conftest import ROOT
from .test_workflows import clean_env, git

TEAM = "SPP bulletin English team <english-team@translators.org>"
TRANSLATOR = "Ann Translator <ann@translators.org>"
BUGS = "https://bugs.translators.org/sppterm"
RESERVED = (".example", ".invalid", ".test", ".localhost")  # RFC 2606: i18nspector refuses them


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: .ci/setup installs it")
        pytest.skip(f"{name} not installed (Debian package {'gettext' if name == 'msgfmt' else name})")
    return path


def test_header_fields_configured_kept_or_defaulted():
    old = {
        "PO-Revision-Date": "2026-01-02 03:04+0000",  # a translator's Poedit wrote these
        "Last-Translator": "Bo <bo@translators.org>",
        "Language-Team": "LANGUAGE <LL@li.org>",  # msginit's boilerplate: never kept
        "POT-Creation-Date": "2025-05-05 05:05+0000",
        "X-Poedit-Basepath": ".",
    }
    defaults = {k: f"default {k}" for k in PEOPLE_AND_DATES}
    h = header("2023", old, {"Report-Msgid-Bugs-To": BUGS}, defaults, units_changed=False)
    assert h["Report-Msgid-Bugs-To"] == BUGS
    assert h["PO-Revision-Date"] == "2026-01-02 03:04+0000"
    assert h["Last-Translator"] == "Bo <bo@translators.org>"
    assert h["Language-Team"] == "default Language-Team"
    assert h["POT-Creation-Date"] == "2025-05-05 05:05+0000"  # units unchanged: kept
    assert h["X-Poedit-Basepath"] == "."
    assert header("2023", old, {}, defaults, units_changed=True)["POT-Creation-Date"] == (
        "default POT-Creation-Date"
    )
    assert header("2023", old, {}, defaults) == header("2023", old, {}, defaults)
    assert po_date(0) == "1970-01-01 00:00+0000"


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    for d in ("glossary", "source_zh", "target_en/po"):
        shutil.copytree(ROOT / d, root / d)
    (root / "pyproject.toml").write_text(
        f'[tool.sppterm]\nseeds = "seeds"\n\n[tool.sppterm.po]\nteam = "{TEAM}"\n'
        f'last-translator = "{TRANSLATOR}"\nreport-msgid-bugs-to = "{BUGS}"\n',
        "utf-8",
    )
    for p in (root / "target_en" / "po").glob("*.po"):  # as before the headers were complete
        text = p.read_text("utf-8")
        keep = [
            line
            for line in text.splitlines(True)
            if not line.startswith(tuple(f'"{k}:' for k in PEOPLE_AND_DATES))
        ]
        p.write_text("".join(keep), "utf-8")
    git(root, "init", "-q")
    return root


def _commit(root: Path, when: int, *paths: str) -> None:
    git(root, "add", *paths)
    env = clean_env(GIT_COMMITTER_DATE=f"@{when} +0100", GIT_AUTHOR_DATE=f"@{when} +0100")
    subprocess.run(["git", "commit", "-q", "-m", "x"], cwd=root, env=env, check=True, timeout=60)


def _extract(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sppterm", "--root", str(root), "extract", *args],
        env=clean_env(PYTHONPATH=str(ROOT / "src")),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """A git project: sources committed at T1, PO files at T2; then ``extract``."""
    root = _project(tmp_path_factory.mktemp("headers"))
    _commit(root, 1_700_000_000, "glossary", "source_zh", "pyproject.toml")
    _commit(root, 1_700_003_600, "target_en")
    r = _extract(root)
    assert r.returncode == 0, r.stderr
    return root


def test_dates_and_people_come_from_git_and_config(extracted):
    for p in sorted((extracted / "target_en" / "po").glob("*.po")):
        h = read_po(p).metadata
        assert h["POT-Creation-Date"] == "2023-11-14 22:13+0000"  # T1 in UTC, whatever the zone
        assert h["PO-Revision-Date"] == "2023-11-14 23:13+0000"  # T2
        assert (h["Last-Translator"], h["Language-Team"], h["Report-Msgid-Bugs-To"]) == (
            TRANSLATOR,
            TEAM,
            BUGS,
        )
        assert h["Project-Id-Version"] == f"sppterm bulletin {p.stem}"
        assert (h["Language"], h["MIME-Version"], h["Content-Transfer-Encoding"]) == ("en", "1.0", "8bit")
        assert h["Content-Type"] == "text/plain; charset=UTF-8"
        assert h["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_extract_again_or_after_a_commit_changes_nothing(extracted, tmp_path):
    root = tmp_path / "again"
    shutil.copytree(extracted, root)
    before = {p.name: p.read_bytes() for p in (root / "target_en" / "po").glob("*.po")}
    r = _extract(root, "--check")
    assert r.returncode == 0 and "OUT OF DATE" not in r.stdout, r.stdout
    _commit(root, 1_800_000_000, "target_en")  # committing the new headers rewrites nothing
    assert _extract(root).returncode == 0
    assert {p.name: p.read_bytes() for p in (root / "target_en" / "po").glob("*.po")} == before
    # A changed source is a new template: its POT-Creation-Date follows the source's commit.
    src = root / "source_zh" / "2023.md"
    text = src.read_text("utf-8")
    assert "汇编制作。" in text
    src.write_text(text.replace("汇编制作。", "汇编。"), "utf-8")
    _commit(root, 1_900_000_000, "source_zh")
    assert _extract(root).returncode == 0
    h = read_po(root / "target_en" / "po" / "2023.po").metadata
    assert h["POT-Creation-Date"] == po_date(1_900_000_000)
    assert h["PO-Revision-Date"] == "2023-11-14 23:13+0000"  # a translator's date, not extract's
    assert read_po(root / "target_en" / "po" / "2025.po").metadata["POT-Creation-Date"] == (
        "2023-11-14 22:13+0000"
    )


def _msgfmt(path: Path) -> str:
    # The .mo goes to a temporary file, not os.devnull: /dev/null is a regular file on some CI
    # machines, and git (GIT_CONFIG_GLOBAL) reads it afterwards.
    with tempfile.TemporaryDirectory() as tmp:
        r = subprocess.run(
            [_tool("msgfmt"), "-c", "--check-format", "-v", "-o", str(Path(tmp) / "x.mo"), str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert r.returncode == 0, r.stderr
    return r.stderr


def _i18nspector(*paths: Path) -> list[str]:
    """i18nspector's findings, but for the information that it does not know sppterm's own
    per-unit flags (``#, ignore-RULE``: a reviewed exception to a check rule)."""
    from sppterm.checks.registry import RULES

    r = subprocess.run([_tool("i18nspector"), *map(str, paths)], capture_output=True, text=True, timeout=300)
    ours = {f"ignore-{rule.id}" for rule in RULES}
    return [
        line
        for line in (r.stdout + r.stderr).splitlines()
        if line.strip()
        and not (
            line.startswith("I: ") and " unknown-message-flag " in line and line.rsplit(": ", 1)[1] in ours
        )
    ]


def test_msgfmt_and_i18nspector_find_nothing(extracted):
    files = sorted((extracted / "target_en" / "po").glob("*.po"))
    for p in files:
        out = _msgfmt(p)
        assert "warning" not in out and "translated message" in out, out
    assert _i18nspector(*files) == []


def test_committed_po_files_have_complete_headers(root):
    """The repository's own files: msgfmt says nothing; i18nspector only that the repository's
    address (the maintainers' git address, the headers' default) is in a reserved domain."""
    files = sorted((root / "target_en" / "po").glob("*.po"))
    assert files
    for p in files:
        assert "warning" not in _msgfmt(p)
        assert set(PEOPLE_AND_DATES) <= set(read_po(p).metadata), p
    for line in _i18nspector(*files):
        tag, value = line.split(": ", 2)[2].split(" ", 1)
        assert tag in ("invalid-last-translator", "invalid-report-msgid-bugs-to"), line
        assert value.strip("'").rstrip(">").endswith(RESERVED), line
