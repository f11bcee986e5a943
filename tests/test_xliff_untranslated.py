"""Never lose a translator's work: an empty XLIFF target or a copy of the source is no translation."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from lxml import etree

from sppterm.cli import main
from sppterm.units.po import po_text, read_po
from sppterm.units.xliff import NS12, NS20, untranslated_target

BID = "2022-04"


@pytest.mark.parametrize(
    ("source", "target", "why"),
    [
        ("合作伙伴最新进展", "", "empty"),
        ("合作伙伴最新进展", "  \n ", "empty"),
        ("合作伙伴最新进展", "合作伙伴最新进展", "copy"),
        ("合作伙伴最新进展", " 合作伙伴 最新进展 ", "copy"),  # OmegaT's copy, re-spaced
        ("十年方案框架（10YFP）", "十年方案框架(10YFP)", "copy"),  # full-width folded
        ("<b>合作伙伴</b>最新进展", "合作伙伴最新进展", "copy"),  # placeholders dropped
        ("合作伙伴最新进展", "合作伙伴进展", "still Chinese"),  # edited, still the source's Han
        ("关于十年方案框架（10YFP）", "十年方案框架 10YFP", "still Chinese"),  # only the source's Latin
        ("合作伙伴最新进展", "Partner updates", None),
        ("合作伙伴最新进展", "Partner updates (合作伙伴)", None),  # English with a gloss
        ("SDG 12", "SDG 12", None),  # English source: its own translation
    ],
)
def test_untranslated_target(source, target, why):
    got = untranslated_target(source, target)
    assert (got is None) if why is None else (got is not None and why in got), got


def _project_po(project):
    """The project's 2022-04.po with two units translated (the rest untranslated)."""
    path = project / "target_en" / "po" / f"{BID}.po"
    po = read_po(path)
    active = [e for e in po if not e.obsolete and e.msgid and "already English" not in e.comment]
    done, todo = active[0], active[1]
    done.msgstr = "Partner updates (translated)"
    other = active[2]
    other.msgstr = "Other translated unit"
    path.write_text(po_text(po), "utf-8")
    return path, done, todo, other


def _set_target(unit: etree._Element, tag: str, text: str) -> None:
    tgt = unit.find(f".//{tag}")
    if tgt is None:
        parent = unit if tag.endswith("}target") and NS12 in tag else unit.find(f"{{{NS20}}}segment")
        tgt = etree.SubElement(parent, tag)
    for child in list(tgt):
        tgt.remove(child)
    tgt.text = text


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_empty_and_copied_targets_never_overwrite_or_fill(project, version):
    path, done, todo, other = _project_po(project)
    runner = CliRunner()
    r = runner.invoke(main, ["--root", str(project), "xliff", "export", BID, "--version", version])
    assert r.exit_code == 0, r.output
    xlf = project / "target_en" / "xliff" / f"{BID}.{version}.xlf"
    tree = etree.parse(str(xlf))
    ns = NS12 if version == "1.2" else NS20
    units = {
        (u.get("id") if version == "1.2" else u.get("name")): u
        for u in tree.iter(f"{{{ns}}}trans-unit" if version == "1.2" else f"{{{ns}}}unit")
    }
    tag = f"{{{ns}}}target"
    _set_target(units[done.msgid], tag, done.msgid)  # OmegaT: the source into the target
    _set_target(units[todo.msgid], tag, todo.msgid)  # ... of an untranslated unit too
    _set_target(units[other.msgid], tag, "")  # an empty target
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    lines = {k: units[k].sourceline for k in (done.msgid, todo.msgid, other.msgid)}
    before = path.read_bytes()

    r = runner.invoke(main, ["--root", str(project), "xliff", "import", str(xlf)])
    assert r.exit_code == 1, r.output
    after = {e.msgid: e for e in read_po(path)}
    assert after[done.msgid].msgstr == "Partner updates (translated)"
    assert after[todo.msgid].msgstr == ""
    assert after[other.msgid].msgstr == "Other translated unit"
    assert path.read_bytes() == before  # nothing else changed either
    for key, why in [(done.msgid, "copy"), (todo.msgid, "copy"), (other.msgid, "empty")]:
        uid = key if version == "1.2" else units[key].get("id")
        msg = next(line for line in r.output.splitlines() if f"{uid[:40]!r}" in line)
        assert f"{xlf}:{lines[key]}:" in msg and why in msg, msg
    assert "3 untranslated" in r.output and "0 updated" in r.output


def test_other_updates_still_applied(project):
    path, done, todo, other = _project_po(project)
    runner = CliRunner()
    assert runner.invoke(main, ["--root", str(project), "xliff", "export", BID]).exit_code == 0
    xlf = project / "target_en" / "xliff" / f"{BID}.1.2.xlf"
    tree = etree.parse(str(xlf))
    units = {u.get("id"): u for u in tree.iter(f"{{{NS12}}}trans-unit")}
    _set_target(units[done.msgid], f"{{{NS12}}}target", done.msgid)
    _set_target(units[todo.msgid], f"{{{NS12}}}target", "A real translation")
    _set_target(units[other.msgid], f"{{{NS12}}}target", "Carriage\rreturn")  # &#13; in XML
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    r = runner.invoke(main, ["--root", str(project), "xliff", "import", str(xlf)])
    assert r.exit_code == 1, r.output
    after = {e.msgid: e.msgstr for e in read_po(path)}  # and the file still reads
    assert after[todo.msgid] == "A real translation"
    assert after[done.msgid] == "Partner updates (translated)"
    assert after[other.msgid] == "Other translated unit"
    assert "control character U+000D" in r.output and "1 updated" in r.output
