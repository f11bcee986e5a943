"""sppterm glossary import: TBX (both styles) and CSV/TSV, merged without losing comments."""

import shutil

from click.testing import CliRunner
from lxml import etree

from sppterm.cli import main
from sppterm.glossary import Status, exports, load_glossary

from .conftest import ROOT

NS = exports.TBX_NS


def _copy(tmp_path):
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (tmp_path / "pyproject.toml").write_text("[tool.sppterm]\n", "utf-8")
    return tmp_path


def _import(root, path):
    return CliRunner().invoke(main, ["--root", str(root), "glossary", "import", str(path)])


def test_tbx_round_trip_changes_nothing(tmp_path):
    root = _copy(tmp_path)
    for fmt, name in (("tbx-basic", "g.tbx"), ("tbx-martif", "m.tbx")):
        out = tmp_path / name
        assert (
            CliRunner()
            .invoke(main, ["--root", str(root), "glossary", "export", "--format", fmt, "-o", str(out)])
            .exit_code
            == 0
        )
        r = _import(root, out)
        assert r.exit_code == 0 and "0 added, 0 merged" in r.output and "0 conflicts" in r.output
    for p in (ROOT / "glossary").glob("*.yaml"):
        assert (root / "glossary" / p.name).read_bytes() == p.read_bytes()


def test_tbx_import_adds_merges_and_reports_conflicts_keeping_comments(tmp_path):
    root = _copy(tmp_path)
    g = load_glossary(ROOT / "glossary")
    doc = etree.fromstring(exports.tbx_basic(g))
    body = doc.find(f".//{{{NS}}}body")
    body[:] = [e for e in body if e.get("id") in ("c-gpp", "c-ecolabel")]
    gpp = body[0] if body[0].get("id") == "c-gpp" else body[1]
    en = next(
        ls
        for ls in gpp.iter(f"{{{NS}}}langSec")
        if ls.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    )
    ts = etree.SubElement(en, f"{{{NS}}}termSec")
    etree.SubElement(ts, f"{{{NS}}}term").text = "green procurement by public bodies"
    etree.SubElement(ts, f"{{{NS}}}termNote", type="administrativeStatus").text = "admittedTerm-admn-sts"
    zh_pref = next(t for t in gpp.iter(f"{{{NS}}}termNote") if t.text == "preferredTerm-admn-sts")
    zh_pref.text = "deprecatedTerm-admn-sts"  # conflicts with the glossary: reported, not applied
    new = etree.SubElement(body, f"{{{NS}}}conceptEntry", id="c-urban-handbook")
    etree.SubElement(new, f"{{{NS}}}descrip", type="subjectField").text = "publication"
    for lang, term in (("zh-CN", "《城市采购手册》"), ("en", "Urban Procurement Handbook")):
        ls = etree.SubElement(new, f"{{{NS}}}langSec")
        ls.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
        t = etree.SubElement(ls, f"{{{NS}}}termSec")
        etree.SubElement(t, f"{{{NS}}}term").text = term
        etree.SubElement(t, f"{{{NS}}}termNote", type="administrativeStatus").text = "preferredTerm-admn-sts"
    path = tmp_path / "in.tbx"
    path.write_bytes(etree.tostring(doc, xml_declaration=True, encoding="UTF-8"))
    before = (root / "glossary" / "concepts.yaml").read_text("utf-8")
    r = _import(root, path)
    assert r.exit_code == 0, r.output
    assert "1 added, 1 merged, 1 unchanged, 1 conflicts" in r.output
    assert "gpp: zh term '绿色公共采购' is preferred here, deprecated in the import (kept)" in r.output
    after = (root / "glossary" / "concepts.yaml").read_text("utf-8")
    assert after.splitlines()[:2] == before.splitlines()[:2]  # schema line and comment kept
    assert after.count("\n#") == before.count("\n#")
    g2 = load_glossary(root / "glossary")
    assert "green procurement by public bodies" in [
        t.text for t in g2.get("gpp").terms_in("en", Status.ADMITTED)
    ]
    assert g2.get("urban-handbook").zh == "《城市采购手册》"
    assert (
        (root / "glossary" / "imported.yaml")
        .read_text("utf-8")
        .startswith("# yaml-language-server: $schema=")
    )
    assert len(g2) == len(g) + 1


def test_csv_and_tsv_import(tmp_path):
    root = _copy(tmp_path)
    csv_file = tmp_path / "in.csv"
    csv_file.write_text(
        "source,target,context,explanation,flags\n"
        "绿色城市联盟,Green Cities Alliance,,,terminology\n"
        "可持续公共采购计划,SPP Plan,spp-programme,,forbidden\n",
        "utf-8",
    )
    r = _import(root, csv_file)
    assert r.exit_code == 0 and "1 added, 1 merged" in r.output
    g = load_glossary(root / "glossary")
    assert "SPP Plan" in [t.text for t in g.get("spp-programme").terms_in("en", Status.FORBIDDEN)]
    tsv = tmp_path / "omegat.tsv"
    tsv.write_text("城市采购手册\tUrban Procurement Handbook\tfrom OmegaT\n", "utf-8")
    assert _import(root, tsv).exit_code == 0
    assert any(c.zh == "城市采购手册" for c in load_glossary(root / "glossary"))
    bad = tmp_path / "bad.csv"
    bad.write_text("source,target\n只有中文,\n", "utf-8")
    r = _import(root, bad)
    assert r.exit_code == 2 and "bad.csv:2: a row needs a source and a target" in r.output
