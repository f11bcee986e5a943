"""Glossary export → import is lossless (issue 14, point 4): every format the project exports,
imported back into a copy of the real glossary, reports 0 conflicts and changes no byte of
glossary/*.yaml, whatever the file is called (the format is told by content). And what each
format carries comes back: a file of the glossary removed and re-imported from an export returns
its concepts with the terms and statuses that format has room for."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.cli import main
from sppterm.errors import InputError
from sppterm.glossary import Status, load_glossary
from sppterm.glossary.imports import read_file
from sppterm.glossary.model import Concept

from .conftest import ROOT
from .timeguard import time_limit

FORMATS = ["tbx-basic", "tbx-martif", "csv", "omegat", "deepl"]
# The names a user gives the files: the format's own, a generic one, none at all.
NAMES = ["glossary.{fmt}", "glossary.txt", "glossary"]


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "glossary", root / "glossary")
    (root / "pyproject.toml").write_text("[tool.sppterm]\n", "utf-8")
    return root


def _export(root: Path, fmt: str, out: Path) -> None:
    r = CliRunner().invoke(main, ["--root", str(root), "glossary", "export", "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output


def _import(root: Path, path: Path):
    return CliRunner().invoke(main, ["--root", str(root), "glossary", "import", str(path)])


def _yaml(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.glob("*.yaml"))}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_own_export_imports_with_no_conflict_and_no_change(tmp_path, fmt, name):
    root = _project(tmp_path)
    n = len(load_glossary(root / "glossary"))
    out = tmp_path / name.format(fmt=fmt)
    _export(root, fmt, out)
    r = _import(root, out)
    assert r.exit_code == 0, r.output
    assert f"{n} concepts read: 0 added, 0 merged, {n} unchanged, 0 conflicts" in r.output, r.output
    assert "conflict:" not in r.output
    assert _yaml(root / "glossary") == _yaml(ROOT / "glossary")


def _carried(fmt: str, c: Concept) -> set[tuple[str, str, str]]:
    """The (lang, term, status) of a concept that ``fmt`` carries, as import reads them back."""
    zh = {("zh", t.text, t.status.value) for t in c.terms_in("zh")}
    en_pref = {("en", c.en, "preferred")}
    if fmt.startswith("tbx"):  # everything (abbreviations go as acronyms and are kept apart)
        return zh | {("en", t.text, t.status.value) for t in c.terms_in("en")}
    if fmt == "csv":  # Chinese forms with their marks, preferred and forbidden English
        return zh | en_pref | {("en", t.text, "forbidden") for t in c.terms_in("en", Status.FORBIDDEN)}
    if fmt == "omegat":
        return zh | en_pref
    # DeepL pairs state no status: the preferred Chinese first, the other forms as admitted.
    return {("zh", c.zh, "preferred")} | {("zh", t, "admitted") for _, t, _ in zh if t != c.zh} | en_pref


@pytest.mark.parametrize("fmt", FORMATS)
def test_removed_concepts_come_back_with_what_the_format_carries(tmp_path, fmt):
    root = _project(tmp_path)
    removed = [c for c in load_glossary(ROOT / "glossary") if c.path.endswith("publications.yaml")]
    assert len(removed) > 40
    out = tmp_path / "export"
    _export(root, fmt, out)  # the whole glossary, then one of its files is lost
    (root / "glossary" / "publications.yaml").unlink()
    r = _import(root, out)
    assert r.exit_code == 0 and "0 conflicts" in r.output, r.output
    assert f"{len(removed)} added, 0 merged" in r.output
    back = {c.en: c for c in load_glossary(root / "glossary") if c.path.endswith("imported.yaml")}
    assert set(back) == {c.en for c in removed}
    for c in removed:
        got = back[c.en]
        terms = {(t.lang, t.text, t.status.value) for t in got.terms}
        assert terms == _carried(fmt, c), c.id
        assert got.verified is False  # an imported concept waits for a terminologist
        if fmt in ("tbx-basic", "tbx-martif", "csv"):  # these carry the concept's id
            assert got.id == c.id
        if fmt.startswith("tbx"):
            assert (got.type, got.definition) == (c.type, c.definition)


def test_xml_that_is_not_tbx_is_refused_by_name_and_line(tmp_path):
    path = tmp_path / "g.tbx"
    path.write_text('<?xml version="1.0"?>\n<xliff version="1.2"/>\n', "utf-8")
    with pytest.raises(InputError, match=r"g\.tbx:2: not a TBX glossary: the root element is <xliff>"):
        read_file(path)
    root = _project(tmp_path)
    r = _import(root, path)
    assert r.exit_code == 2 and "not a TBX glossary" in r.output
    assert _yaml(root / "glossary") == _yaml(ROOT / "glossary")


def test_table_dialect_is_read_from_the_content(tmp_path):
    """A TSV named .csv and a CSV named .tsv read alike; OmegaT cells are not CSV-quoted."""
    tsv = tmp_path / "g.csv"
    tsv.write_text('"引号\t"quoted" term\t[deprecated Chinese form] a, b\n', "utf-8")
    (inc,) = read_file(tsv)
    assert inc.terms == [("zh", '"引号', Status.DEPRECATED), ("en", '"quoted" term', Status.PREFERRED)]
    csv_file = tmp_path / "g.tsv"
    csv_file.write_text('可持续,"sustainable, durable"\n', "utf-8")
    (inc,) = read_file(csv_file)
    assert inc.terms == [("zh", "可持续", Status.PREFERRED), ("en", "sustainable, durable", Status.PREFERRED)]
    assert inc.unstated == {"zh"}  # bare pairs (DeepL) state no Chinese status


_CELLS = st.sampled_from(
    [
        *"\t,\"'\n\r=<x\x00\ufeff",
        *("source", "target", "comment", "flags", "forbidden", "可持续"),
        *("[deprecated Chinese form] ", "[admitted Chinese form]"),
    ]
)


@settings(max_examples=150, deadline=1500, derandomize=True, database=None)
@given(st.lists(st.one_of(_CELLS, st.text(max_size=5)), max_size=40).map("".join))
def test_reading_any_table_ends_in_concepts_or_an_input_error(text):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g"
        path.write_text(text, "utf-8", newline="")
        with time_limit(2.0, "read_file"):
            try:
                incoming = read_file(path)
            except InputError:
                return
    for inc in incoming:  # every concept read has a Chinese and an English term, none empty
        assert {lang for lang, _, _ in inc.terms} == {"zh", "en"}
        assert all(t and t == t.strip() for _, t, _ in inc.terms)


@pytest.mark.parametrize("fmt", ["tbx-basic", "tbx-martif"])
def test_tbx_brings_back_the_validity_of_dated_terms(tmp_path, fmt):
    """organisations.yaml holds the glossary's dated terms (the Dutch ministry renamed in 2017,
    'UN Environment' 2017–2019): lost and re-imported from TBX, they come back with their
    bounds and their status while valid, and the glossary resolves them as before."""
    root = _project(tmp_path)
    before = [c for c in load_glossary(ROOT / "glossary") if c.path.endswith("organisations.yaml")]

    def dated(c: Concept) -> set[tuple[str, str, str, str, str]]:
        return {
            (t.lang, t.text, t.valid_from, t.valid_until, t.declared.value) for t in c.terms if t.valid_status
        }

    assert sum(len(dated(c)) for c in before) >= 6
    out = tmp_path / "export.tbx"
    _export(root, fmt, out)
    (root / "glossary" / "organisations.yaml").unlink()
    r = _import(root, out)
    assert r.exit_code == 0 and "0 conflicts" in r.output, r.output
    back = {c.id: c for c in load_glossary(root / "glossary") if c.path.endswith("imported.yaml")}
    for c in before:
        assert dated(back[c.id]) == dated(c), c.id
        assert back[c.id].preferred("en").text == c.preferred("en").text  # today's name
    # A bound that differs is a conflict, named, and the glossary's is kept.
    text = out.read_text("utf-8").replace("valid until 2017-10-25", "valid until 2018-01-01")
    root2 = _project(tmp_path / "again")
    changed = tmp_path / "changed.tbx"
    changed.write_text(text, "utf-8")
    r = _import(root2, changed)
    assert (
        "is valid from the start until 2017-10-25 here, from the start until 2018-01-01 in the import (kept)"
        in r.output
    )
    assert _yaml(root2 / "glossary") == _yaml(ROOT / "glossary")
