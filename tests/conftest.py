"""Shared fixtures. Tests that need ../shared/ skip with a reason when it is absent; tests
marked ``slow`` skip unless ``--slow`` is given or CI=true (see the end of this file)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sppterm.publish.pdf import CHROMIUM_FLAGS, chromium

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


def sppterm(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real command line, as a user would, on the project at ``root``."""
    return subprocess.run(
        [sys.executable, "-m", "sppterm", "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def need_shared() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/ is absent (a clone outside the workspace); CI always has it")
    return SHARED


@pytest.fixture
def shared() -> Path:
    return need_shared()


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throw-away copy of the project (glossary, sources, PO files) as freshly extracted:
    the committed PO files with every translation removed except the pre-filled English
    blocks, so tests do not depend on how far the translation of the series has got."""
    import shutil

    from sppterm.units.po import po_text, read_po

    for d in ("glossary", "source_zh"):
        shutil.copytree(ROOT / d, tmp_path / d)
    (tmp_path / "target_en" / "po").mkdir(parents=True)
    for path in (ROOT / "target_en" / "po").glob("*.po"):
        po = read_po(path)
        for e in po:
            if "already English" not in e.comment:
                e.msgstr = ""
                e.flags = [f for f in e.flags if f != "fuzzy"]
                e.previous_msgid = None
            e.comment = "\n".join(
                line
                for line in e.comment.splitlines()
                if not line.startswith(("memory: ", "suggestion: ", "suggested: "))
            )
        po[:] = [e for e in po if not e.obsolete]
        (tmp_path / "target_en" / "po" / path.name).write_text(po_text(po), "utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.sppterm]\nseeds = "../seeds"\n', "utf-8")
    return tmp_path


# -- slow tests: skipped in a developer's default run, run by --slow and by CI -------------------
SLOW_REASON = "slow: run with --slow or CI=true"


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by playwright, one per test module (skips without it)."""
    exe = chromium()
    if exe is None:
        pytest.skip("Chromium not installed (Debian package chromium; .ci/setup installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (test extra)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=[f for f in CHROMIUM_FLAGS if f != "--headless"])
        yield b
        b.close()


_CACHE_ENV = "SPPTERM_CACHE_DIR"  # sppterm.glossary.cache.ENV_DIR
_session_cache: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    """The tests' caches (glossary, lexicon, PO index) go to a directory of this session, not the
    user's ~/.cache; subprocesses inherit it. A cache the caller names (SPPTERM_CACHE_DIR) is
    kept; tests of the cache itself name their own (monkeypatch)."""
    global _session_cache
    if not os.environ.get(_CACHE_ENV):
        _session_cache = os.environ[_CACHE_ENV] = tempfile.mkdtemp(prefix="sppterm-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    if _session_cache is not None:
        os.environ.pop(_CACHE_ENV, None)
        shutil.rmtree(_session_cache, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow",
        action="store_true",
        help="also run the tests marked slow (CI=true in the environment does too)",
    )


def in_ci() -> bool:
    """True on a CI runner: GitHub Actions and GitLab CI set CI=true."""
    return os.environ.get("CI", "").lower() in ("true", "1")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow") or in_ci():
        return
    skip = pytest.mark.skip(reason=SLOW_REASON)
    for item in items:
        if item.get_closest_marker("slow"):
            item.add_marker(skip)


def open_page(browser, path: Path, width: int | None = None, warnings: bool = False):
    """A page of ``path`` in ``browser`` and the list its problems go to: console errors (and
    warnings when asked), uncaught exceptions, and any request off the page's own files
    (pages are self-contained: no network)."""
    page = browser.new_page(viewport={"width": width, "height": 900}) if width else browser.new_page()
    errors: list[str] = []
    kinds = ("error", "warning") if warnings else ("error",)
    page.on("console", lambda m: errors.append(m.text) if m.type in kinds else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda req: (
            errors.append(f"request {req.url}") if not req.url.startswith(("file:", "data:")) else None
        ),
    )
    page.goto(path.resolve().as_uri())
    return page, errors
