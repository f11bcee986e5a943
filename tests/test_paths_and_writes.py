"""Bulletin ids can't make a path leave the project; files are written atomically, with the
user's umask, and no temp file outlives its writer."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sppterm import textio
from sppterm.cli import main
from sppterm.errors import InputError
from sppterm.ids import bulletin_file, check_id, inside

from .conftest import ROOT, need_shared, sppterm

BAD_IDS = ["../../evil", "README", "/tmp/sppterm-evil", "2022-04/../../x", "2022-04.", "", "2022-04-", "2O22"]
GOOD_IDS = ["2022-04", "2023", "2024-02-special", "2025"]


def _files(top: Path) -> set[Path]:
    return {p for p in top.rglob("*") if p.is_file()}


@pytest.mark.parametrize("value", GOOD_IDS)
def test_good_ids_pass(value):
    assert check_id(value) == value


@pytest.mark.parametrize("value", [*BAD_IDS, None, 2023, "x" * 100])
def test_bad_ids_are_refused(value):
    with pytest.raises(InputError):
        check_id(value)


def test_inside_refuses_symlinks_and_dotdot(tmp_path):
    (tmp_path / "po").mkdir()
    (tmp_path / "outside.po").write_text("x")
    (tmp_path / "po" / "2022-04.po").symlink_to(tmp_path / "outside.po")
    with pytest.raises(InputError, match="leaves its folder"):
        bulletin_file(tmp_path / "po", "2022-04", ".po")
    with pytest.raises(InputError):
        inside(tmp_path / "po", "../outside.po")
    assert inside(tmp_path / "po", "2023.po") == tmp_path / "po" / "2023.po"


@pytest.mark.parametrize("bad", BAD_IDS)
def test_command_line_ids_are_checked_everywhere(project, bad):
    seed = need_shared() / "seeds" / sorted(os.listdir(need_shared() / "seeds"))[0]
    xlf = project / "in.xlf"
    xlf.write_text("<xliff/>")
    before = _files(project.parent)
    readme = (project / "source_zh" / "README.md").read_bytes()
    runner = CliRunner()
    for args in (
        ["import", str(seed), "--id", bad],
        ["xliff", "export", bad],
        ["xliff", "import", str(xlf), "--id", bad],
        ["build", bad],
        ["extract", bad],
        ["score", "--post-edit", bad],
    ):
        r = runner.invoke(main, ["--root", str(project), *args])
        assert r.exit_code == 2, (args, r.output)
        assert "Traceback" not in r.output
        assert r.exception is None or isinstance(r.exception, SystemExit)
    assert _files(project.parent) == before  # nothing written anywhere, inside or out
    assert (project / "source_zh" / "README.md").read_bytes() == readme


@pytest.mark.parametrize("bad", ["../../x", "/tmp/sppterm-abs", "README", "2022-04/../../y"])
def test_front_matter_id_is_checked(project, bad):
    md = project / "source_zh" / "2022-04.md"
    text = md.read_text("utf-8")
    md.write_text(text.replace("id: 2022-04", f"id: {bad}", 1), "utf-8")
    lines = text.splitlines()
    id_line = next(i for i, line in enumerate(lines, 1) if line.startswith("id:"))
    before = _files(project.parent)
    for cmd in (["extract"], ["build", "--draft"], ["status"], ["check"], ["import", "--all", "--check"]):
        r = sppterm(project, *cmd)
        assert r.returncode == 2, (cmd, r.stdout, r.stderr)
        assert f"{md}:{id_line}: invalid bulletin id" in r.stderr, (cmd, r.stderr)
        assert "Traceback" not in r.stderr
    assert _files(project.parent) == before
    assert not Path("/tmp/sppterm-abs.po").exists()


def test_two_bulletins_with_one_id_are_refused(project):
    src = project / "source_zh"
    (src / "2022-04-copy.md").write_text((src / "2022-04.md").read_text("utf-8"), "utf-8")
    for cmd in (["extract"], ["build", "--draft"], ["status"], ["import", "--all", "--check"]):
        r = sppterm(project, *cmd)
        assert r.returncode == 2, (cmd, r.stderr)
        assert "2022-04-copy.md" in r.stderr and "2022-04.md" in r.stderr, r.stderr
        assert "also declared by" in r.stderr


@pytest.mark.parametrize(
    ("field", "value"),
    [("year", '"twenty"'), ("year", "99999"), ("issue", "four"), ("serial", "-3"), ("title", "[1, 2]")],
)
def test_front_matter_types(project, field, value):
    md = project / "source_zh" / "2022-04.md"
    lines = md.read_text("utf-8").splitlines()
    at = next((i for i, line in enumerate(lines) if line.startswith(f"{field}:")), None)
    if at is None:
        at = 2
        lines.insert(at, f"{field}: {value}")
    else:
        lines[at] = f"{field}: {value}"
    md.write_text("\n".join(lines) + "\n", "utf-8")
    r = sppterm(project, "build", "--draft")
    assert r.returncode == 2, r.stderr
    assert f"{md}:{at + 1}: front matter {field!r}" in r.stderr
    assert "Traceback" not in r.stderr


def test_xliff_original_cannot_name_another_file(project):
    xlf = project / "in.xlf"
    xlf.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
        '<file original="source_zh/README.md" source-language="zh-CN" target-language="en" '
        'datatype="plaintext"><body/></file></xliff>'
    )
    r = sppterm(project, "xliff", "import", str(xlf))
    assert r.returncode == 2
    assert "invalid bulletin id 'README'" in r.stderr


def test_files_get_the_umask_not_0600(project):
    old = os.umask(0o022)
    try:
        r = CliRunner().invoke(main, ["--root", str(project), "build", "--draft", "2022-04"])
        assert r.exit_code in (0, 1), r.output
        html = project / "target_en" / "2022-04.html"
        assert stat.S_IMODE(html.stat().st_mode) == 0o644
        html.chmod(0o640)  # an existing file keeps the mode its owner gave it
        html.write_text("changed")
        CliRunner().invoke(main, ["--root", str(project), "build", "--draft", "2022-04"])
        assert stat.S_IMODE(html.stat().st_mode) == 0o640
        assert html.read_text("utf-8") != "changed"
    finally:
        os.umask(old)


def test_interrupted_write_leaves_no_temp_and_old_file(tmp_path, monkeypatch):
    target = tmp_path / "a.po"
    target.write_text("old")

    def boom(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        textio.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]


def test_a_file_removed_while_it_is_compared_is_written(tmp_path, monkeypatch):
    """Another process may delete the target between is_file() and the read (a cache entry a
    user or a second writer removes): the write goes ahead instead of failing."""
    target = tmp_path / "entry.bin"
    target.write_bytes(b"old")
    real = Path.read_bytes

    def vanished(self: Path) -> bytes:
        if self == target:
            self.unlink()
            raise FileNotFoundError(errno.ENOENT, "gone", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", vanished)
    assert textio.write_atomic_bytes(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"new"


def test_temp_files_of_killed_writers_are_swept(tmp_path):
    target = tmp_path / "a.po"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".a.po.{dead.pid}.x1{textio._TMP_SUFFIX}"
    live = tmp_path / f".a.po.{os.getpid()}.x2{textio._TMP_SUFFIX}"
    other = tmp_path / f".b.po.{dead.pid}.x3{textio._TMP_SUFFIX}"
    for p in (stale, live, other):
        p.write_text("partial")
    textio.write_atomic(target, "new")
    assert not stale.exists()  # its writer is gone
    assert live.exists() and other.exists()  # a live writer's, and another file's


def test_sigterm_during_a_write_removes_the_temp_file(tmp_path):
    """A writer terminated mid-write (SIGTERM, as CI runners and editors send) cleans up."""
    script = (
        "import os, signal, sys, time\n"
        "from sppterm import textio, cli\n"
        "signal.signal(signal.SIGTERM, cli._terminate)\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    print('writing', flush=True); time.sleep(30); real(fd)\n"
        "os.fsync = slow\n"
        f"textio.write_atomic({str(tmp_path / 'a.po')!r}, 'new')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    proc.terminate()
    assert proc.wait(timeout=20) == 128 + 15
    assert list(tmp_path.iterdir()) == []


def test_write_errors_name_the_target_and_exit_2(project, monkeypatch):
    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device", src)

    monkeypatch.setattr(os, "replace", full)
    r = CliRunner().invoke(main, ["--root", str(project), "build", "--draft", "2022-04"])
    assert r.exit_code == 2, r.output
    last = r.output.strip().splitlines()[-1]
    assert last.endswith("cannot write: No space left on device")
    assert str(project / "target_en") in last and ".sppterm-tmp" not in last
    assert not list((project / "target_en").glob(".*tmp"))


def test_a_target_folder_that_is_a_file(project):
    (project / "target_en" / "xliff").write_text("not a folder")
    r = sppterm(project, "xliff", "export", "2022-04")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "xliff" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_repo_bulletins_follow_the_id_rule():
    from sppterm.bulletin.parse import load_bulletins

    assert [b.id for b in load_bulletins(ROOT / "source_zh")] == [
        "2021-03",
        "2022-04",
        "2023",
        "2024-02",
        "2025",
    ]


def test_display_path_is_relative_to_the_root(tmp_path: Path) -> None:
    """One helper (textio.display_path) for the paths in findings, editions and messages."""
    root = tmp_path / "proj"
    (root / "target_en" / "po").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "linked").symlink_to(outside)  # a folder linked into the project
    po = root / "target_en" / "po" / "2022-04.po"
    assert textio.display_path(po, root) == "target_en/po/2022-04.po"
    assert textio.display_path(str(po), str(root)) == "target_en/po/2022-04.po"
    assert textio.display_path(root / "target_en" / ".." / "x.md", root) == "x.md"
    assert textio.display_path(root / "linked" / "a.po", root) == "linked/a.po"  # not /tmp/…/elsewhere
    assert textio.display_path(outside / "a.po", root) == (outside / "a.po").as_posix()
    assert textio.display_path(po) == po.as_posix()
