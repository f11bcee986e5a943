"""The same inputs give the same report whatever the interpreter's hash seed.

Python randomises the hashes of strings per process, so a set of strings iterates in another
order in every run: a rule that takes "the first" of such a set names another number, term or
clause in its message from one CI run to the next. The real series and the labelled corpus
(written out as one more PO file) are checked in two processes with different seeds, caches off.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

from sppterm import yamlloc
from sppterm.textio import read_text

from .conftest import ROOT

CORPUS = Path(__file__).parent / "data" / "check_corpus.yaml"


def _project(d: Path) -> Path:
    for name in ("glossary", "source_zh"):
        shutil.copytree(ROOT / name, d / name)
    shutil.copy(ROOT / "pyproject.toml", d / "pyproject.toml")
    shutil.copytree(ROOT / "target_en" / "po", d / "target_en" / "po")
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    seen: set[str] = set()
    for r in yamlloc.load(read_text(CORPUS), str(CORPUS))["units"]:
        if r["zh"] in seen:  # one unit per source text, as a PO file has
            continue
        seen.add(r["zh"])
        po.append(
            polib.POEntry(msgid=r["zh"], msgstr=r["en"] or "", flags=["fuzzy"] if r.get("fuzzy") else [])
        )
    po.save(str(d / "target_en" / "po" / "2023-corpus.po"))
    return d


def _report(root: Path, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "SPPTERM_NO_CACHE": "1"}
    p = subprocess.run(
        [sys.executable, "-m", "sppterm", "--root", str(root), "check", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert p.returncode in (0, 1), p.stderr[-2000:]
    return p.stdout


def test_report_independent_of_hash_seed(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    first, second = _report(root, "1"), _report(root, "2")
    assert first.count('"rule"') > 100  # the corpus's planted errors are found: a real report
    assert first == second
