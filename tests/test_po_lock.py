"""Never lose a translator's work: PO writers hold one lock for the whole read-modify-write."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from lxml import etree

from sppterm.errors import InputError
from sppterm.units.lock import LOCK_NAME, po_lock
from sppterm.units.po import read_po
from sppterm.units.xliff import NS12

from .conftest import ROOT

BID = "2025"  # extract writes it last: the widest window for a lost write


def _cmd(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "sppterm", "--root", str(root), *args]


def _translated_xliff(project: Path) -> tuple[Path, dict[str, str]]:
    """XLIFF 1.2 of the project's (untranslated) 2025 with the committed translations filled in."""
    subprocess.run(_cmd(project, "xliff", "export", BID), check=True, capture_output=True)
    xlf = project / "target_en" / "xliff" / f"{BID}.1.2.xlf"
    final = {
        e.msgid: e.msgstr
        for e in read_po(ROOT / "target_en" / "po" / f"{BID}.po")
        if e.msgstr and not e.obsolete and "fuzzy" not in e.flags
    }
    current = {e.msgid: e.msgstr for e in read_po(project / "target_en" / "po" / f"{BID}.po")}
    tree = etree.parse(str(xlf))
    wanted = {}
    for tu in tree.iter(f"{{{NS12}}}trans-unit"):
        key = tu.get("id")
        if key in final and not current.get(key) and "<" not in final[key]:
            tgt = etree.SubElement(tu, f"{{{NS12}}}target", state="translated")
            tgt.text = final[key]
            wanted[key] = final[key]
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    assert len(wanted) > 20
    return xlf, wanted


def _timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def test_extract_and_xliff_import_at_once_never_lose_the_import(project):
    """Without the lock, an import that lands between extract's read and its write is lost
    (both commands exit 0). The import's start is swept across extract's run so that some
    rounds land there whatever the machine's speed; on the unlocked code ~5 of 30 rounds lose."""
    t_extract = _timed(_cmd(project, "extract"))
    po_dir = project / "target_en" / "po"
    xlf, wanted = _translated_xliff(project)
    baseline = {p: p.read_bytes() for p in po_dir.glob("*.po")}
    t_import = _timed(_cmd(project, "xliff", "import", str(xlf)))
    rounds = 30
    span = min(0.5, max(0.1, 2 * (t_extract - t_import) + 0.03))
    lost = []
    for n in range(rounds):
        for p, data in baseline.items():
            p.write_bytes(data)
        extract = subprocess.Popen(_cmd(project, "extract"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(span * n / (rounds - 1))
        imp = subprocess.Popen(
            _cmd(project, "xliff", "import", str(xlf)), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        _, err_e = extract.communicate(timeout=120)
        _, err_i = imp.communicate(timeout=120)
        assert extract.returncode == 0, err_e.decode()
        assert imp.returncode == 0, err_i.decode()
        got = {e.msgid: e.msgstr for e in read_po(po_dir / f"{BID}.po")}
        missing = [k for k, v in wanted.items() if got.get(k) != v]
        if missing:
            lost.append((n, len(missing)))
        assert not (po_dir / LOCK_NAME).exists()
    assert not lost, f"{len(lost)} of {rounds} rounds lost imported translations (round, units): {lost}"


def test_second_holder_waits_says_so_and_times_out(tmp_path, capfd):
    ready, release = threading.Event(), threading.Event()

    def hold() -> None:
        with po_lock(tmp_path):
            ready.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    assert ready.wait(10)
    try:
        with (
            pytest.raises(InputError, match=r"timed out after 0\.3 s waiting for lock held by pid"),
            po_lock(tmp_path, timeout=0.3),
        ):
            pass
        assert "waiting for lock held by pid" in capfd.readouterr().err
    finally:
        release.set()
        t.join()
    assert not (tmp_path / LOCK_NAME).exists()  # no junk left
    with po_lock(tmp_path, timeout=1):  # free again
        assert (tmp_path / LOCK_NAME).exists()


def test_waiting_command_exits_2_after_the_timeout(project):
    po_dir = project / "target_en" / "po"
    env = {**os.environ, "SPPTERM_LOCK_TIMEOUT": "0.5"}
    with po_lock(po_dir):
        r = subprocess.run(_cmd(project, "extract"), capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 2, r.stderr
    assert "waiting for lock held by" in r.stderr and "timed out" in r.stderr
    assert LOCK_NAME in r.stderr


def test_a_killed_holder_does_not_block(tmp_path):
    code = (
        "import sys, time; from sppterm.units.lock import po_lock\n"
        f"with po_lock({str(tmp_path)!r}):\n    print('held', flush=True); time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        holder.kill()
        holder.wait(10)
        with po_lock(tmp_path, timeout=5):
            pass
    finally:
        holder.kill()
        holder.wait(10)
    assert not (tmp_path / LOCK_NAME).exists()
