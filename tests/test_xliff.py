"""XLIFF 1.2 / 2.1 export validated against the OASIS schemas; import merges safely."""

import copy

import pytest
from click.testing import CliRunner
from lxml import etree

from sppterm.cli import main
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from sppterm.units.po import po_text, read_po
from sppterm.units.xliff import NS12, NS20, NS_GLS, export_xliff, import_into, read_xliff

from .conftest import ROOT, need_shared

IDS = ["2021-03", "2022-04", "2023", "2024-02", "2025"]


@pytest.fixture(scope="module")
def schemas():
    s = need_shared() / "schemas"
    doc = etree.parse(str(s / "xliff12" / "xliff-core-1.2-strict.xsd"))
    for imp in doc.getroot().iter("{http://www.w3.org/2001/XMLSchema}import"):
        if imp.get("schemaLocation", "").startswith("http://www.w3.org/2001/xml.xsd"):
            imp.set("schemaLocation", str(s / "xliff12" / "xml.xsd"))  # offline, as catalog.xml says
    return {
        "1.2": etree.XMLSchema(doc),
        "2.1": etree.XMLSchema(etree.parse(str(s / "xliff21" / "xliff21_with_glossary_driver.xsd"))),
    }


@pytest.fixture(scope="module")
def matcher():
    return ZhMatcher(load_glossary(ROOT / "glossary"))


def _sample_po(bid):
    """The committed PO with some translated, fuzzy and bold units, as in real work."""
    po = read_po(ROOT / "target_en" / "po" / f"{bid}.po")
    for k, e in enumerate(x for x in po if not x.obsolete):
        if k % 3 == 0:
            e.msgstr = "EN " + e.msgid
        if k % 6 == 0:
            e.flags = [*e.flags, "fuzzy"]
            e.previous_msgid = "旧" + e.msgid
    return po


@pytest.mark.parametrize("version", ["1.2", "2.1"])
@pytest.mark.parametrize("bid", IDS)
def test_export_validates(bid, version, schemas, matcher):
    data = export_xliff(_sample_po(bid), bid, f"source_zh/{bid}.md", version, matcher)
    doc = etree.fromstring(data)
    assert schemas[version].validate(doc), schemas[version].error_log
    if version == "1.2":
        f = doc.find(f"{{{NS12}}}file")
        assert (f.get("source-language"), f.get("target-language")) == ("zh-CN", "en")
        tu = doc.find(f".//{{{NS12}}}trans-unit")
        assert tu.get("id") == tu.find(f"{{{NS12}}}source").text  # id = the stable key
        assert doc.findall(f".//{{{NS12}}}seg-source/{{{NS12}}}mrk[@mtype='seg']")
        states = {t.get("state") for t in doc.iterfind(f".//{{{NS12}}}trans-unit/{{{NS12}}}target")}
        assert states == {"translated", "needs-review-translation"}
    else:
        assert doc.get("srcLang") == "zh-CN" and doc.get("trgLang") == "en"
        assert doc.findall(f".//{{{NS_GLS}}}glossEntry")
        assert {s.get("state") for s in doc.iter(f"{{{NS20}}}segment")} == {"initial", "translated"}


def test_sentences_as_mrk_and_bold_as_g(matcher):
    po = _sample_po("2022-04")
    doc = etree.fromstring(export_xliff(po, "2022-04", "x", "1.2", matcher))
    tu = next(t for t in doc.iter(f"{{{NS12}}}trans-unit") if "四大支柱行动" in t.get("id"))
    assert len(tu.findall(f"{{{NS12}}}seg-source/{{{NS12}}}mrk")) == 2
    assert tu.find(f"{{{NS12}}}source/{{{NS12}}}g").get("ctype") == "bold"


def test_glossary_entries_in_21(matcher):
    po = _sample_po("2022-04")
    doc = etree.fromstring(export_xliff(po, "2022-04", "x", "2.1", matcher))
    unit = next(u for u in doc.iter(f"{{{NS20}}}unit") if u.get("name", "").startswith("12月21日"))
    terms = {
        g.findtext(f"{{{NS_GLS}}}term"): [t.text for t in g.findall(f"{{{NS_GLS}}}translation")]
        for g in unit.iter(f"{{{NS_GLS}}}glossEntry")
    }
    assert terms["联合国环境规划署经济司"][0] == "UNEP Economy Division"
    assert "Korea Environmental Industry & Technology Institute" in terms["韩国环境产业与技术学院"]


@pytest.mark.parametrize("version", ["1.2", "2.1"])
@pytest.mark.parametrize("bid", IDS)
def test_round_trip_is_lossless(bid, version, tmp_path, matcher):
    po = _sample_po(bid)
    original = po_text(po)
    path = tmp_path / f"x.{version}.xlf"
    path.write_bytes(export_xliff(po, bid, f"source_zh/{bid}.md", version, matcher))
    _, units = read_xliff(path)
    # into the same PO: nothing changes
    same = read_po_text(original)
    report = import_into(same, units, str(path))
    assert po_text(same) == original and report.problems == 0
    # into a PO stripped of its translations: they all come back, fuzzy state included
    blank = read_po_text(original)
    for e in blank:
        if not e.obsolete:
            e.msgstr = ""
            e.flags = [f for f in e.flags if f != "fuzzy"]
    import_into(blank, units, str(path))
    assert [(e.msgid, e.msgstr, "fuzzy" in e.flags) for e in blank] == [
        (e.msgid, e.msgstr, "fuzzy" in e.flags) for e in read_po_text(original)
    ]


def read_po_text(text):
    import polib

    return polib.pofile(text, wrapwidth=0)


def test_import_reports_unknown_placeholder_and_conflict(tmp_path, matcher):
    po = _sample_po("2022-04")
    path = tmp_path / "x.xlf"
    path.write_bytes(export_xliff(po, "2022-04", "source_zh/2022-04.md", "1.2", matcher))
    doc = etree.parse(str(path))
    tus = list(doc.iter(f"{{{NS12}}}trans-unit"))
    tus[1].set("id", "不存在的单元")  # unknown
    bold = next(t for t in tus if "四大支柱" in t.get("id"))
    tgt = bold.find(f"{{{NS12}}}target")
    if tgt is None:
        tgt = etree.SubElement(bold, f"{{{NS12}}}target", state="translated")
    tgt.text, tgt[:] = "The four pillars, bold lost", []
    conflict = next(t for t in tus if t.find(f"{{{NS12}}}target") is not None and t is not bold)
    conflict.find(f"{{{NS12}}}target").text = "CAT tool version"
    doc.write(str(path), xml_declaration=True, encoding="UTF-8")
    current = copy.deepcopy(po)
    ce = next(e for e in current if e.msgid == conflict.get("id"))
    ce.msgstr = "PO version edited meanwhile"
    _, units = read_xliff(path)
    report = import_into(current, units, str(path))
    assert len(report.unknown) == 1 and "不存在的单元" in report.unknown[0]
    assert len(report.placeholder) == 1 and "placeholders differ" in report.placeholder[0]
    assert len(report.conflicts) == 1
    assert ce.msgstr == "PO version edited meanwhile"  # not silently overwritten
    assert next(e for e in current if "四大支柱" in e.msgid).msgstr != "The four pillars, bold lost"


def test_cli_export_and_import(project):
    r = CliRunner().invoke(main, ["--root", str(project), "xliff", "export", "2022-04", "--version", "2.1"])
    assert r.exit_code == 0, r.output
    xlf = project / "target_en" / "xliff" / "2022-04.2.1.xlf"
    doc = etree.parse(str(xlf))
    unit = next(doc.iter(f"{{{NS20}}}unit"))
    seg = unit.find(f"{{{NS20}}}segment")
    etree.SubElement(seg, f"{{{NS20}}}target").text = "Latest from the One Planet network"
    seg.set("state", "translated")
    doc.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    r = CliRunner().invoke(main, ["--root", str(project), "xliff", "import", str(xlf)])
    assert r.exit_code == 0, r.output
    assert "1 updated" in r.output
    po = read_po(project / "target_en" / "po" / "2022-04.po")
    assert po[0].msgstr == "Latest from the One Planet network"


def test_import_records_the_revision_only_when_units_change(project, monkeypatch):
    """Like Poedit on save: an import that changes units sets PO-Revision-Date (pinned here by
    SOURCE_DATE_EPOCH) and the --translator; an import that changes nothing leaves the file's
    bytes alone, so running it twice is one change in git."""
    run = CliRunner().invoke
    assert (
        run(main, ["--root", str(project), "xliff", "export", "2022-04", "--version", "2.1"]).exit_code == 0
    )
    xlf = project / "target_en" / "xliff" / "2022-04.2.1.xlf"
    po_file = project / "target_en" / "po" / "2022-04.po"
    before = read_po(po_file).metadata
    doc = etree.parse(str(xlf))
    seg = next(doc.iter(f"{{{NS20}}}unit")).find(f"{{{NS20}}}segment")
    etree.SubElement(seg, f"{{{NS20}}}target").text = "Latest from the One Planet network"
    seg.set("state", "translated")
    doc.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    who = "Li Hua <li.hua@example.org>"
    r = run(main, ["--root", str(project), "xliff", "import", str(xlf), "--translator", who])
    assert r.exit_code == 0 and "1 updated" in r.output, r.output
    after = read_po(po_file).metadata
    assert after["PO-Revision-Date"] == "2030-03-17 17:46+0000" != before["PO-Revision-Date"]
    assert after["Last-Translator"] == who
    assert {k: v for k, v in after.items() if k not in ("PO-Revision-Date", "Last-Translator")} == {
        k: v for k, v in before.items() if k not in ("PO-Revision-Date", "Last-Translator")
    }
    written = po_file.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900009999")
    r = run(
        main, ["--root", str(project), "xliff", "import", str(xlf), "--translator", "Other <o@example.org>"]
    )
    assert r.exit_code == 0 and "0 updated" in r.output, r.output
    assert po_file.read_bytes() == written
    r = run(main, ["--root", str(project), "xliff", "import", str(xlf), "--translator", "X\nLanguage: fr"])
    assert r.exit_code == 2 and "--translator" in r.output and po_file.read_bytes() == written


# -- hostile and broken input ----------------------------------------------------------------

XXE = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file://{path}">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
<file original="source_zh/2022-04.md" source-language="zh-CN" target-language="en" datatype="plaintext"><body>
<trans-unit id="同一个地球网络最新进展"><source>同一个地球网络最新进展</source><target>&secret;</target></trans-unit>
</body></file></xliff>"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
<file original="source_zh/2022-04.md" source-language="zh-CN" target-language="en" datatype="plaintext"><body>
<trans-unit id="同一个地球网络最新进展"><source>同一个地球网络最新进展</source><target>&lol9;</target></trans-unit>
</body></file></xliff>"""


@pytest.mark.parametrize("payload", ["xxe", "laughs"])
def test_hostile_xml_is_refused_with_exit_2(project, tmp_path, payload):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", "utf-8")
    xml = XXE.format(path=secret) if payload == "xxe" else LAUGHS
    f = tmp_path / "evil.xlf"
    f.write_text(xml, "utf-8")
    po_file = project / "target_en" / "po" / "2022-04.po"
    before = po_file.read_bytes()
    r = CliRunner().invoke(main, ["--root", str(project), "xliff", "import", str(f)])
    assert r.exit_code == 2
    assert "evil.xlf:2: DOCTYPE with entity declarations refused" in r.output
    assert "TOP-SECRET" not in r.output and "lollol" not in r.output
    assert po_file.read_bytes() == before


def test_malformed_xliff_names_file_and_line(project, tmp_path):
    f = tmp_path / "bad.xlf"
    f.write_text('<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n', "utf-8")
    r = CliRunner().invoke(main, ["--root", str(project), "xliff", "import", str(f), "--id", "2022-04"])
    assert r.exit_code == 2 and "bad.xlf:4: malformed XML" in r.output


def test_malformed_po_names_file_and_line_and_is_untouched(project):
    po_file = project / "target_en" / "po" / "2022-04.po"
    text = po_file.read_text("utf-8").replace(
        'msgstr ""\n\n#. role: article', 'msgstr ""\nbroken line\n\n#. role: article', 1
    )
    po_file.write_text(text, "utf-8")
    r = CliRunner().invoke(main, ["--root", str(project), "extract", "2022-04"])
    assert r.exit_code == 2
    assert "2022-04.po:" in r.output and "malformed PO file" in r.output
    assert po_file.read_text("utf-8") == text
