"""sppterm extract: PO files for the five bulletins, deterministic and valid."""

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from translate.storage import po as ttpo

from sppterm.bulletin.parse import load_bulletins
from sppterm.cli import main
from sppterm.units.po import read_po

from .conftest import ROOT

PO_DIR = ROOT / "target_en" / "po"
IDS = ["2021-03", "2022-04", "2023", "2024-02", "2025"]


def test_committed_po_files_are_up_to_date():
    r = CliRunner().invoke(main, ["--root", str(ROOT), "extract", "--check"])
    assert r.exit_code == 0, r.output
    assert r.output.count("up to date") == 5


def test_extract_twice_changes_no_byte(project):
    for p in (project / "target_en" / "po").glob("*.po"):
        p.unlink()
    r1 = CliRunner().invoke(main, ["--root", str(project), "extract"])
    assert r1.exit_code == 0, r1.output
    first = {p.name: p.read_bytes() for p in (project / "target_en/po").glob("*.po")}
    assert sorted(first) == [f"{i}.po" for i in IDS]
    r2 = CliRunner().invoke(main, ["--root", str(project), "extract"])
    assert r2.output.count("unchanged") == 5
    assert {p.name: p.read_bytes() for p in (project / "target_en/po").glob("*.po")} == first


@pytest.mark.parametrize("bid", IDS)
def test_msgfmt_accepts_every_po_file(bid, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU msgfmt not installed (Debian package gettext; .ci/setup installs it)")
    out = subprocess.run(
        [msgfmt, "--check-format", "--check-header", "-o", str(tmp_path / "x.mo"), str(PO_DIR / f"{bid}.po")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("bid", IDS)
def test_translate_toolkit_reads_the_same_units(bid):
    ours = [e for e in read_po(PO_DIR / f"{bid}.po") if not e.obsolete]
    store = ttpo.pofile.parsefile(str(PO_DIR / f"{bid}.po"))
    theirs = [u for u in store.units if not u.isheader() and not u.isobsolete()]
    assert [(u.source, u.target, u.isfuzzy()) for u in theirs] == [
        (e.msgid, e.msgstr, "fuzzy" in e.flags) for e in ours
    ]
    assert store.gettargetlanguage() == "en"


def test_units_follow_document_order_with_references_and_roles():
    b = {x.id: x for x in load_bulletins(ROOT / "source_zh")}["2022-04"]
    po = read_po(PO_DIR / "2022-04.po")
    keys = []
    for block in b.blocks():
        if block.role not in ("url", "contact") and block.key not in keys:
            keys.append(block.key)
    assert [e.msgid for e in po] == keys
    e = po[2]
    assert e.occurrences == [("source_zh/2022-04.md", str(b.sections[0].articles[0].blocks[0].line))]
    assert e.comment.splitlines()[0] == "role: paragraph"
    assert po.metadata["Language"] == "en" and po.metadata["X-Source-Language"] == "zh_CN"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    # dates come from git (units/history.py), never the xgettext placeholder
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d[+-]\d{4}", po.metadata["POT-Creation-Date"])


def test_glossary_hints_and_deprecated_variant_warning():
    po = read_po(PO_DIR / "2022-04.po")
    launch = next(e for e in po if e.msgid.startswith("《全球可持续消费和生产（2023-2030年）战略》于"))
    assert "term: 法国 = France" in launch.comment
    assert (
        "! 可持续消费和生产模式十年框架方案框架: deprecated variant of 可持续消费和生产模式十年方案框架"
        in launch.comment
    )
    # longest match only: 采购 inside 可持续公共采购 is no separate hint
    spp = next(e for e in po if "可持续公共采购" in e.msgid and "term: 可持续公共采购 =" in e.comment)
    assert "term: 采购 =" not in spp.comment


def test_bold_becomes_paired_placeholders():
    po = read_po(PO_DIR / "2022-04.po")
    e = next(e for e in po if "<b>" in e.msgid)
    assert e.msgid.count("<b>") == e.msgid.count("</b>") == 1
    assert "**" not in e.msgid


def test_english_blocks_are_prefilled():
    po = read_po(PO_DIR / "2024-02.po")
    english = [e for e in po if "already English" in e.comment]
    assert len(english) >= 10
    assert all(e.msgstr == e.msgid and "fuzzy" not in e.flags for e in english)
    assert any(e.msgid.startswith("The CO₂ Performance Ladder (CO2PL) is an instrument") for e in english)
