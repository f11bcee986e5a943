"""The warm glossary (sppterm.glossary.cache): a hit is the cold glossary exactly, any change of
a file is a miss, a bad entry is a miss and is rewritten, errors are never cached, concurrent
writers leave a whole entry, and the cache stays out of git and out of the project.

Every test names its own cache directory (``cache_dir=`` or ``SPPTERM_CACHE_DIR``), so nothing
here reads or writes the user's cache; the glossary is the repository's own, copied where a
test edits it.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from sppterm.cachedir import HEADER, MISS, load_entry
from sppterm.errors import InputError
from sppterm.glossary import cache, load
from sppterm.glossary.load import load_glossary
from sppterm.glossary.model import Concept

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "glossary"
PLACES = GLOSSARY / "places.yaml"  # a glossary of one file, for tests that only count entries


def snapshot(g) -> list:
    """Everything a glossary holds, as plain data: concepts' fields and every term's (the
    dataclass fields; ``Concept.zh`` and ``en`` are cached properties, computed on use)."""
    fields = [f.name for f in dataclasses.fields(Concept) if f.name != "terms"]
    return [({k: getattr(c, k) for k in fields}, [vars(t) for t in c.terms]) for c in g]


def entries(d: Path) -> list[Path]:
    return sorted(d.glob(f"{cache.PREFIX}*{cache.SUFFIX}"))


@pytest.fixture
def no_parse(monkeypatch):
    """Fail the test if a glossary file is parsed: a load inside it must be a cache hit."""

    def refuse(content: bytes, path: str):
        raise AssertionError(f"{path} was parsed: not a cache hit")

    def arm() -> None:
        monkeypatch.setattr(load, "_load_bytes", refuse)

    return arm


@pytest.fixture(scope="module")
def cold():
    """The repository's glossary loaded from its files, no cache (once for the module)."""
    return load_glossary(GLOSSARY, cache_dir=False)


@pytest.fixture
def gcopy(tmp_path: Path) -> Path:
    d = tmp_path / "project" / "glossary"
    shutil.copytree(GLOSSARY, d)
    return d


def test_the_fast_build_knows_the_model():
    """A hit builds Concept and Term by filling their fields; for another model the cache is off.
    If this fails, the model changed: update _TERM_FIELDS/_CONCEPT_FIELDS in cache.py."""
    assert cache._FAST


def test_hit_equals_cold_load(tmp_path, no_parse, cold):
    first = load_glossary(GLOSSARY, cache_dir=tmp_path)  # miss: parsed and written
    (entry,) = entries(tmp_path)
    no_parse()
    warm = load_glossary(GLOSSARY, cache_dir=tmp_path)
    assert len(warm) == len(cold) > 200
    assert snapshot(warm) == snapshot(first) == snapshot(cold)
    assert warm.concepts == cold.concepts  # the dataclasses' own equality too
    assert {t.line for c in warm for t in c.terms} == {t.line for c in cold for t in c.terms}
    c = warm.get("spp") or warm.concepts[0]
    assert (
        warm.get(c.id) is c
        and c.zh == cold.get(c.id).zh
        and c.english_label() == cold.get(c.id).english_label()
    )
    assert all(type(t.status) is type(cold.concepts[0].terms[0].status) for t in c.terms)
    assert (tmp_path / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert entries(tmp_path) == [entry]


def test_hit_takes_the_callers_paths(tmp_path, gcopy, no_parse, monkeypatch):
    load_glossary(GLOSSARY, cache_dir=tmp_path)  # written from the repository's glossary
    no_parse()
    other = load_glossary(gcopy, cache_dir=tmp_path)  # same bytes elsewhere: the same entry
    monkeypatch.chdir(gcopy.parent)
    relative = load_glossary("glossary", cache_dir=tmp_path)
    assert {c.path for c in other} == {str(f) for f in sorted(gcopy.glob("*.yaml"))}
    assert {c.path for c in relative} == {f"glossary/{f.name}" for f in gcopy.glob("*.yaml")}
    assert len(entries(tmp_path)) == 1


def test_an_edit_of_one_file_is_a_miss(tmp_path, gcopy, cold):
    load_glossary(gcopy, cache_dir=tmp_path)
    f = gcopy / "places.yaml"
    text = f.read_text("utf-8")
    en = next(c for c in cold if c.path.endswith("places.yaml")).en
    f.write_text(text.replace(en, en + " Edited", 1), "utf-8")
    g = load_glossary(gcopy, cache_dir=tmp_path)
    assert any(c.en == en + " Edited" for c in g)
    assert len(entries(tmp_path)) == 2
    f.write_text(text, "utf-8")  # back as it was: the first entry again
    assert not any(c.en == en + " Edited" for c in load_glossary(gcopy, cache_dir=tmp_path))
    (gcopy / "zz-new.yaml").write_text("concepts: []\n", "utf-8")  # a file more: a miss too
    load_glossary(gcopy, cache_dir=tmp_path)
    assert len(entries(tmp_path)) == 3


def _corrupt(kind: str, data: bytes) -> bytes:
    h = HEADER.size
    if kind == "truncated":
        return data[: len(data) // 2]
    if kind == "header-only":
        return data[:h]
    if kind == "empty":
        return b""
    if kind == "flipped-byte":
        i = h + (len(data) - h) // 2
        return data[:i] + bytes([data[i] ^ 0x20]) + data[i + 1 :]
    if kind == "other-format":
        magic, fmt, key, n, crc = HEADER.unpack(data[:h])
        return HEADER.pack(magic, fmt + 1, key, n, crc) + data[h:]
    if kind == "garbage":
        return os.urandom(len(data))
    if kind in ("a-class-inside", "wrong-shape"):
        # Foreign but well-formed: a valid header and CRC around a payload sppterm did not write.
        payload = pickle.dumps([Path("x")]) if kind == "a-class-inside" else pickle.dumps([["x"]] * 7)
        key = HEADER.unpack(data[:h])[2]
        return HEADER.pack(cache._MAGIC, cache.FORMAT, key, len(payload), zlib.crc32(payload)) + payload
    raise AssertionError(kind)


KINDS = [
    "truncated",
    "header-only",
    "empty",
    "flipped-byte",
    "other-format",
    "garbage",
    "a-class-inside",
    "wrong-shape",
]


def test_a_bad_entry_is_a_miss_and_is_rewritten(tmp_path, cold):
    load_glossary(GLOSSARY, cache_dir=tmp_path)
    (entry,) = entries(tmp_path)
    good = entry.read_bytes()
    files = load.glossary_files(GLOSSARY)
    k = cache.key([(f.name, f.read_bytes()) for f in files])
    assert cache.read(tmp_path, k, [str(f) for f in files]) is not None
    for kind in KINDS:
        entry.write_bytes(_corrupt(kind, good))
        assert cache.read(tmp_path, k, [str(f) for f in files]) is None, kind
    for kind in ("flipped-byte", "a-class-inside"):  # the whole load: the files' glossary, rewritten
        entry.write_bytes(_corrupt(kind, good))
        assert snapshot(load_glossary(GLOSSARY, cache_dir=tmp_path)) == snapshot(cold), kind
        assert entry.read_bytes() == good, f"{kind}: not rewritten"


def test_an_entry_naming_a_function_is_a_miss(tmp_path):
    """A valid header and CRC over a pickle that names a function: refused, never called."""
    payload = pickle.dumps(os.system)
    path = tmp_path / "entry.bin"
    path.write_bytes(
        HEADER.pack(cache._MAGIC, cache.FORMAT, b"k" * 32, len(payload), zlib.crc32(payload)) + payload
    )
    assert load_entry(path, cache._MAGIC, cache.FORMAT, b"k" * 32) is MISS
    assert load_entry(tmp_path / "none.bin", cache._MAGIC, cache.FORMAT, b"k" * 32) is MISS


BAD = "concepts:\n  - id: x\n    type: gadget\n    zh: {preferred: 采购}\n    en: {preferred: p}\n"


def test_errors_are_never_cached_and_keep_their_lines(tmp_path):
    gcopy = tmp_path / "glossary"
    gcopy.mkdir()
    shutil.copy(GLOSSARY / "places.yaml", gcopy)  # a valid file beside them is not cached either
    (gcopy / "zz-bad.yaml").write_text(BAD, "utf-8")
    (gcopy / "zz-alias.yaml").write_text(BAD.replace("type: gadget", "type: &t concept"), "utf-8")
    for _ in range(2):
        with pytest.raises(InputError) as e:
            load_glossary(gcopy, cache_dir=tmp_path / "cache")
        assert [str(p) for p in e.value.problems] == [
            f"{gcopy / 'zz-alias.yaml'}:3: YAML anchors are not allowed (&t)",
            f"{gcopy / 'zz-bad.yaml'}:3: concepts/0/type: 'gadget' is not one of "
            + str(load.schema()["$defs"]["concept"]["properties"]["type"]["enum"]),
        ]
        assert entries(tmp_path / "cache") == []


def test_no_cache_and_cache_dir_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "env"))
    monkeypatch.setenv(cache.ENV_OFF, "1")
    load_glossary(PLACES)
    load_glossary(PLACES, cache_dir=tmp_path / "arg")  # off wins over an argument too
    assert not (tmp_path / "env").exists() and not (tmp_path / "arg").exists()
    monkeypatch.setenv(cache.ENV_OFF, "0")
    load_glossary(PLACES)
    assert len(entries(tmp_path / "env")) == 1


def test_default_directory_is_the_users_not_the_projects(tmp_path, monkeypatch):
    monkeypatch.delenv(cache.ENV_DIR, raising=False)
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.directory() == tmp_path / "xdg" / "sppterm"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.directory() == tmp_path / "home" / ".cache" / "sppterm"
    assert cache.directory(False) is None and cache.directory(tmp_path) == tmp_path


def test_cache_dir_is_ignored_by_git(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is absent")
    # The repository ignores a cache kept beside the project (SPPTERM_CACHE_DIR=.sppterm_cache)...
    r = subprocess.run(["git", "check-ignore", "-q", f"{cache.DIR_NAME}/x.bin"], cwd=ROOT)
    assert r.returncode == 0, ".gitignore does not list .sppterm_cache/"
    # ...and a cache directory anywhere inside any work tree ignores itself.
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    load_glossary(GLOSSARY, cache_dir=repo / "somewhere" / "cache")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo, capture_output=True, text=True
    )
    assert status.stdout == ""


def _writer(where: str, k: bytes, files: list, rounds: int) -> None:
    """Write the same entry over and over, deleting it in between (as a user may, any time)."""
    for _ in range(rounds):
        cache.entry_path(Path(where), k).unlink(missing_ok=True)
        assert cache.write(Path(where), k, files)


def test_concurrent_writers_leave_a_whole_entry(tmp_path, no_parse, cold):
    files = load.glossary_files(GLOSSARY)
    k = cache.key([(f.name, f.read_bytes()) for f in files])
    paths = [str(f) for f in files]
    per_file = [[c for c in cold if c.path == p] for p in paths]
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), k, per_file, 15)) for _ in range(2)]
    for p in procs:
        p.start()
    reads = hits = 0
    while any(p.is_alive() for p in procs):  # meanwhile every read is a whole entry or a miss
        hit = cache.read(tmp_path, k, paths)
        reads += 1
        if hit is not None:
            hits += 1
            assert snapshot(hit) == snapshot(cold)
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    assert reads > 0
    no_parse()
    assert cache.write(tmp_path, k, per_file)
    assert snapshot(load_glossary(GLOSSARY, cache_dir=tmp_path)) == snapshot(cold)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".sppterm-tmp")] == []


def test_only_the_last_used_entries_are_kept(tmp_path, monkeypatch, cold):
    monkeypatch.setattr(cache, "KEEP", 2)
    for i in range(4):
        cache.write(tmp_path, bytes([i]) * 32, [cold.concepts[:1]])
    assert len(entries(tmp_path)) == 2
