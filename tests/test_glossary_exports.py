"""Glossary exports, each validated or loaded by its real consumer."""

import csv
import io

import pytest
from click.testing import CliRunner
from lxml import etree
from translate.storage import tbx as tttbx

from sppterm.cli import main
from sppterm.glossary import Status, exports, load_glossary

from .conftest import ROOT, need_shared
from .schematron import validate


@pytest.fixture(scope="module")
def g():
    return load_glossary(ROOT / "glossary")


@pytest.fixture(scope="module")
def tbx(g):
    return exports.tbx_basic(g)


def test_tbx_basic_valid_against_core_rng(tbx):
    rng = etree.RelaxNG(etree.parse(str(need_shared() / "schemas/tbx-core/TBXcoreStructV03.rng")))
    doc = etree.fromstring(tbx)
    assert rng.validate(doc), rng.error_log


def test_tbx_basic_passes_the_dca_schematron(tbx):
    pytest.importorskip("saxonche", reason="saxonche (XSLT/XPath 2 processor) not installed")
    sch = need_shared() / "schemas/tbx-basic/DCA/TBX-Basic_DCA.sch"
    assert validate(str(sch), tbx) == []


def test_schematron_runner_catches_errors(tbx):
    pytest.importorskip("saxonche", reason="saxonche not installed")
    sch = need_shared() / "schemas/tbx-basic/DCA/TBX-Basic_DCA.sch"
    bad = tbx.replace(b"preferredTerm-admn-sts", b"bestTerm", 1).replace(
        b'type="partOfSpeech">noun', b'type="partOfSpeech">thing', 1
    )
    failures = validate(str(sch), bad)
    assert len(failures) == 2 and any("administrativeStatus" in f for f in failures)


def test_tbx_basic_content(g, tbx):
    doc = etree.fromstring(tbx)
    ns = {"t": exports.TBX_NS}
    assert len(doc.findall(".//t:conceptEntry", ns)) == len(g)
    oecd = doc.find(".//t:conceptEntry[@id='c-oecd']", ns)
    terms = {
        ts.findtext("t:term", namespaces=ns): ts.findtext(
            "t:termNote[@type='administrativeStatus']", namespaces=ns
        )
        for ts in oecd.iterfind(".//t:termSec", ns)
    }
    assert terms["经济与合作组织"] == "deprecatedTerm-admn-sts"
    assert terms["Organisation for Economic Co-operation and Development"] == "preferredTerm-admn-sts"
    assert terms["OECD"] == "admittedTerm-admn-sts"
    spp = doc.find(".//t:conceptEntry[@id='c-spp-programme']", ns)
    forbidden = [
        ts
        for ts in spp.iterfind(".//t:termSec", ns)
        if "forbidden" in [n.text for n in ts.iterfind("t:note", ns)]
    ]
    assert {ts.findtext("t:term", namespaces=ns) for ts in forbidden} == {
        "SPP Program",
        "Sustainable Public Procurement Plan",
    }


def test_martif_loads_in_translate_toolkit(g):
    store = tttbx.tbxfile(exports.tbx_martif(g))
    assert len(store.units) == len(g)
    by_source = {u.source: u for u in store.units}
    assert by_source["可持续公共采购"].target == "sustainable public procurement"
    unit = by_source["可持续公共采购计划"]
    en = unit.get_target_terms("en")
    forbidden = [t for t in en if t.text == "SPP Program"]
    assert forbidden and forbidden[0].deprecated
    assert "forbidden" in unit.getnotes()
    forbidden_total = sum(1 for c in g for t in c.terms if t.status is Status.FORBIDDEN)
    deprecated_en = sum(1 for u in store.units for t in u.get_target_terms("en") if t.deprecated)
    assert deprecated_en >= forbidden_total > 0


def test_omegat_tsv(g):
    rows = [line.split("\t") for line in exports.omegat(g).splitlines()]
    assert all(len(r) == 3 for r in rows)
    assert rows[[r[0] for r in rows].index("十年框架方案")][:2] == [
        "十年框架方案",
        "10-Year Framework of Programmes on Sustainable Consumption and Production Patterns",
    ]
    assert len(rows) == sum(1 for c in g for t in c.terms if t.lang == "zh")


def test_deepl_csv_respects_the_limits(g):
    rows = list(csv.reader(io.StringIO(exports.deepl(g))))
    sources = [r[0] for r in rows]
    assert len(sources) == len(set(sources)) > 300  # one direction, unique sources
    assert all(len(r) == 2 and r[0] and r[1] and r[0] == r[0].strip() for r in rows)
    assert all("\t" not in c and "\n" not in c and len(c.encode()) <= 1024 for r in rows for c in r)


def test_weblate_csv_columns(g):
    rows = list(csv.DictReader(io.StringIO(exports.weblate_csv(g))))
    assert list(rows[0]) == ["source", "target", "context", "explanation", "flags"]
    forbidden = [r for r in rows if "forbidden" in r["flags"]]
    assert {r["target"] for r in forbidden} >= {"SPP Program", "Framework for Programmes"}


def test_export_command(tmp_path):
    out = tmp_path / "g.tbx"
    r = CliRunner().invoke(
        main, ["--root", str(ROOT), "glossary", "export", "--format", "tbx-basic", "-o", str(out)]
    )
    assert r.exit_code == 0 and out.read_bytes().startswith(b"<?xml")
    r = CliRunner().invoke(main, ["--root", str(ROOT), "glossary", "export", "--format", "deepl"])
    assert r.exit_code == 0 and "可持续公共采购,sustainable public procurement" in r.output


def test_glossary_page_in_chromium(tmp_path):
    from sppterm.publish.pdf import CHROMIUM_FLAGS, chromium

    from .test_publish import _open  # the browser helpers

    if chromium() is None:
        pytest.skip("Chromium not installed (Debian package chromium; .ci/setup installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (test extra)")
    page_file = tmp_path / "glossary.html"
    r = CliRunner().invoke(
        main, ["--root", str(ROOT), "glossary", "export", "--format", "html", "-o", str(page_file)]
    )
    assert r.exit_code == 0
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium(), args=[f for f in CHROMIUM_FLAGS if f != "--headless"]
        )
        page, errors = _open(browser, page_file)
        total = page.locator(".concept").count()
        assert total == len(load_glossary(ROOT / "glossary"))
        page.fill("#filter", "10yfp")
        visible = page.locator(".concept:not([hidden])")
        assert 1 <= visible.count() < 10
        assert any("10-Year Framework of Programmes" in t for t in visible.all_inner_texts())
        page.fill("#filter", "经济与合作组织")
        assert page.locator(".concept:not([hidden])").count() == 1
        assert "concepts shown" in page.locator("#shown").inner_text()
        page.fill("#filter", "")
        assert page.locator(".concept:not([hidden])").count() == total
        assert page.locator("section.group h2").count() >= 8
        assert errors == []
        browser.close()


def test_committed_glossary_page_is_current(tmp_path):
    out = tmp_path / "glossary.html"
    r = CliRunner().invoke(
        main, ["--root", str(ROOT), "glossary", "export", "--format", "html", "-o", str(out)]
    )
    assert r.exit_code == 0
    assert out.read_text("utf-8") == (ROOT / "target_en" / "glossary.html").read_text("utf-8")


def test_both_tbx_styles_carry_the_same_terms(g):
    """One writer (exports.tbx): the dialects differ in markup only."""

    def terms(data: bytes, entry: str, term_set: str) -> set[tuple[str, str, str, str]]:
        doc = etree.fromstring(data)
        out = set()
        for e in doc.iter(f"{{*}}{entry}"):
            for ts in e.iter(f"{{*}}{term_set}"):
                lang = ts.getparent().get(exports.XML_LANG)
                status = ts.find("{*}termNote[@type='administrativeStatus']").text
                out.add((e.get("id"), lang, ts.find("{*}term").text, status))
        return out

    assert set(exports.TBX_STYLES) == {"basic", "martif"}
    basic = terms(exports.tbx(g, "basic"), "conceptEntry", "termSec")
    assert basic == terms(exports.tbx(g, "martif"), "termEntry", "tig")
    assert len(basic) == sum(len(exports._english_terms(c)) + len(c.terms_in("zh")) for c in g)
    assert exports.tbx_basic(g) == exports.tbx(g)
