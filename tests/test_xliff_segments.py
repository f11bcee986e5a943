"""XLIFF 2.1 sentence segments: one <segment> per Chinese sentence, the paragraph reassembled on
import; validated against the OASIS XLIFF 2.1 schemas (core + glossary + metadata)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from sppterm.en import sentences as en_sentences
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from sppterm.units.po import po_text, read_po
from sppterm.units.xliff import (
    NS20,
    export_xliff,
    import_into,
    join_targets,
    read_xliff,
    sentence_pieces,
    separator,
)

from .conftest import ROOT, need_shared, sppterm

IDS = ["2021-03", "2022-04", "2023", "2024-02", "2025"]
SEG, TGT, SRC = f"{{{NS20}}}segment", f"{{{NS20}}}target", f"{{{NS20}}}source"


@pytest.fixture(scope="module")
def schema21():
    s = need_shared() / "schemas" / "xliff21"
    return etree.XMLSchema(etree.parse(str(s / "xliff21_with_glossary_driver.xsd")))


@pytest.fixture(scope="module")
def matcher():
    return ZhMatcher(load_glossary(ROOT / "glossary"))


def _export(po, bid, matcher) -> etree._Element:
    return etree.fromstring(export_xliff(po, bid, f"source_zh/{bid}.md", "2.1", matcher, "sentence"))


def _import(po, doc, tmp_path):
    path = tmp_path / "back.xlf"
    path.write_bytes(etree.tostring(doc, xml_declaration=True, encoding="UTF-8"))
    return import_into(po, read_xliff(path)[1], str(path))


@pytest.mark.parametrize("bid", IDS)
def test_translated_series_round_trips_by_sentence(bid, schema21, matcher, tmp_path):
    """The committed translations, exported by sentence, validate and import back unchanged;
    a unit is split where its English splits into as many sentences and joins back exactly."""
    po = read_po(ROOT / "target_en" / "po" / f"{bid}.po")
    doc = _export(po, bid, matcher)
    assert schema21.validate(doc), schema21.error_log
    units = doc.findall(f".//{{{NS20}}}unit")
    split = [u for u in units if len(u.findall(SEG)) > 1]
    assert split, "no unit of the bulletin split into sentences"
    for u in split:
        assert all(s.find(TGT) is not None for s in u.findall(SEG))
        assert [s.get("id") for s in u.findall(SEG)] == [f"s{k}" for k in range(1, len(u.findall(SEG)) + 1)]
    before = po_text(po)
    report = _import(po, doc, tmp_path)
    assert report.problems == 0 and report.unchanged == len(units), report.summary()
    assert po_text(po) == before


@pytest.mark.parametrize("bid", IDS)
def test_untranslated_export_filled_from_the_series(bid, project, schema21, matcher, tmp_path):
    """Export the untranslated bulletin by sentence, fill each segment with the series' English
    sentence (where the committed English has as many sentences), import: those units are the
    committed PO's; a unit given only its first sentences comes back fuzzy and reported."""
    committed = {e.msgid: e for e in read_po(ROOT / "target_en" / "po" / f"{bid}.po") if not e.obsolete}
    path = project / "target_en" / "po" / f"{bid}.po"
    po = read_po(path)
    doc = _export(po, bid, matcher)
    assert schema21.validate(doc), schema21.error_log
    full, partial = set(), set()
    for u in doc.iter(f"{{{NS20}}}unit"):
        key, segs = u.get("name"), u.findall(SEG)
        want = committed[key].msgstr
        if not want or any(s.find(TGT) is not None for s in segs):
            continue  # already English, exported with its target
        english = en_sentences(want) if len(segs) > 1 else [want]
        if len(english) == len(segs):
            for s, t in zip(segs, english, strict=True):
                etree.SubElement(s, TGT).text = t
                s.set("state", "translated")
            full.add(key)
        elif len(segs) > 1 and "<" not in want:
            etree.SubElement(segs[0], TGT).text = english[0]  # the rest left to do
            segs[0].set("state", "translated")
            partial.add(key)
    assert schema21.validate(doc), schema21.error_log
    report = _import(po, doc, tmp_path)
    assert len(report.partial) == len(partial) and not report.conflicts + report.placeholder, (
        report.messages()
    )
    by_key = {e.msgid: e for e in po if not e.obsolete}
    mismatched = [k for k in full if by_key[k].msgstr != committed[k].msgstr]
    assert not mismatched, [(by_key[k].msgstr, committed[k].msgstr) for k in mismatched[:2]]
    assert all("fuzzy" not in by_key[k].flags for k in full)
    for k in partial:
        assert "fuzzy" in by_key[k].flags and by_key[k].msgstr == en_sentences(committed[k].msgstr)[0]
    print(f"{bid}: {len(full)} units filled sentence by sentence, {len(partial)} partly")


def test_partly_translated_unit_never_replaces_a_translation(matcher, tmp_path):
    """A translated PO entry whose segments come back partly translated (one target deleted, one
    a copy of the Chinese as OmegaT writes) keeps its translation, reported."""
    po = read_po(ROOT / "target_en" / "po" / "2022-04.po")
    doc = _export(po, "2022-04", matcher)
    unit = next(u for u in doc.iter(f"{{{NS20}}}unit") if len(u.findall(SEG)) > 2)
    segs = unit.findall(SEG)
    segs[0].find(TGT).text = "Changed first sentence."
    segs[1].remove(segs[1].find(TGT))
    segs[2].find(TGT).text = segs[2].find(SRC).text
    before = po_text(po)
    report = _import(po, doc, tmp_path)
    assert report.updated == [] and len(report.untranslated) == 1, report.messages()
    assert "only 1 of" in report.untranslated[0] and "kept the PO's translation" in report.untranslated[0]
    assert po_text(po) == before


def test_ignorable_whitespace_and_separators(matcher, tmp_path, schema21):
    """Whitespace between Chinese sentences becomes <ignorable>; a line break there joins the
    English with a line break, an ignorable's own target is used as it is."""
    import polib

    po = polib.POFile(wrapwidth=0)
    po.append(polib.POEntry(msgid="第一句。\n第二句！ 第三句？", msgstr=""))
    doc = _export(po, "2022-04", None)
    assert schema21.validate(doc), schema21.error_log
    unit = doc.find(f".//{{{NS20}}}unit")
    kinds = [(etree.QName(c).localname, c.find(SRC).text) for c in unit if c.find(SRC) is not None]
    assert kinds == [
        ("segment", "第一句。"),
        ("ignorable", "\n"),
        ("segment", "第二句！"),
        ("ignorable", " "),
        ("segment", "第三句？"),
    ]
    for seg, text in zip(unit.findall(SEG), ["One.", "Two!", "Three?"], strict=True):
        etree.SubElement(seg, TGT).text = text
        seg.set("state", "final")
    report = _import(copy.deepcopy(po), doc, tmp_path)
    done = _import(po, doc, tmp_path)
    assert report.problems == 0 and po[0].msgstr == "One.\nTwo! Three?", done.summary()
    etree.SubElement(unit.findall(f"{{{NS20}}}ignorable")[1], TGT).text = "  "
    po[0].msgstr = ""
    _import(po, doc, tmp_path)
    assert po[0].msgstr == "One.\nTwo!  Three?"


def test_cli_segments_option(project):
    r = sppterm(project, "xliff", "export", "2022-04", "--version", "2.1", "--segments", "sentence")
    assert r.returncode == 0, r.stderr
    doc = etree.parse(str(project / "target_en" / "xliff" / "2022-04.2.1.xlf"))
    assert len(doc.findall(f".//{SEG}")) > len(doc.findall(f".//{{{NS20}}}unit"))
    r = sppterm(project, "xliff", "export", "2022-04", "--segments", "sentence")
    assert r.returncode == 2 and "--segments sentence is for --version 2.1" in r.stderr


_TEXT = st.text(alphabet=st.sampled_from(list("中文句。！？!?… \n\t”」）<b>/i.a1")), max_size=60)


@settings(deadline=500, max_examples=300)
@given(_TEXT)
def test_sentence_pieces_join_back(text):
    pieces = sentence_pieces(text)
    if pieces is not None:
        assert "".join(p for _, p in pieces) == text
        assert sum(is_seg for is_seg, _ in pieces) >= 2
        assert all(p.strip() == "" for is_seg, p in pieces if not is_seg)


@settings(deadline=500, max_examples=200)
@given(st.lists(st.text(max_size=20), max_size=6), st.lists(st.text(" \n", max_size=3), max_size=6))
def test_join_targets_terminates(targets, gaps):
    out = join_targets(targets, [separator(g) for g in gaps])
    assert all(t in out for t in targets)
