"""The translators' round trip through a real OmegaT (Debian's 3.6, console mode), end to end.

An OmegaT project is built from sppterm's own exports, as the README tells a translator to:
``source/`` holds ``sppterm xliff export ID --flavour omegat`` of every bulletin, ``tm/auto/`` the
series memory (``sppterm tm export``, here from PO files with every fourth translation left out,
so that part of the series is not covered), ``glossary/`` ``sppterm glossary export --format
omegat``. OmegaT's console-translate fills every segment the memory matches exactly (tm/auto) and
writes target/; ``sppterm xliff import`` merges those files into a throw-away copy of the project.

Asserted: every unit the memory covers comes back with the memory's English, final; no unit is
lost (OmegaT offered one segment per unit: its project_stats.txt); no translation is replaced by
the Chinese copies OmegaT writes into the targets it did not translate, including units whose
good English is in the PO but not in the memory; OmegaT's own glossary search
(tests/data/omegat/glossary_hits.groovy) finds on each segment every Chinese term sppterm's
matcher finds there. Skipped only where OmegaT is absent and CI is unset.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from sppterm.placeholders import strip
from sppterm.units.memory import memory_entries
from sppterm.units.po import is_final, load_po_dir, po_text, read_po

from .conftest import ROOT, in_ci, sppterm

IDS = ["2021-03", "2022-04", "2023", "2024-02", "2025"]
SCRIPT = Path(__file__).parent / "data" / "omegat" / "glossary_hits.groovy"
# What a translator sets once in OmegaT (Options > Preferences > TM Matches, "TMX level 2"):
# the memory's bold and italic codes are then matched, not dropped.
PREFS = """<?xml version="1.0" encoding="UTF-8" ?>
<omegat>
  <preference version="1.0">
    <ext_tmx_show_level2>true</ext_tmx_show_level2>
  </preference>
</omegat>
"""
# Paragraph segmentation: one segment per sppterm unit, matched by the memory's paragraph entries.
PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>zh-CN</source_lang>
    <target_lang>en-GB</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
_OMEGAT_TAG = re.compile(r"</?[a-z]\d+/?>")


@pytest.fixture(scope="module")
def omegat() -> str:
    found = shutil.which("omegat")
    if found and shutil.which("java"):
        return found
    if in_ci():
        pytest.fail("CI=true but OmegaT is not installed: .ci/setup installs Debian's omegat")
    pytest.skip("OmegaT (Debian package omegat) is not installed; CI runs this test")


def _active(po_path: Path) -> list:
    return [e for e in read_po(po_path) if not e.obsolete and e.msgid]


def _run_omegat(omegat: str, project: Path, work: Path) -> subprocess.CompletedProcess:
    """OmegaT's console-translate on ``project``, its configuration and HOME in ``work``."""
    config, home = work / "omegat-config", work / "home"
    config.mkdir()
    home.mkdir()
    (config / "omegat.prefs").write_text(PREFS, "utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "JAVA_TOOL_OPTIONS": "-Xmx384m -Djava.awt.headless=true",
    }
    args = [omegat, "--mode=console-translate", f"--config-dir={config}", "--disable-project-locking"]
    args += ["--no-team", f"--script={SCRIPT}", str(project)]
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=180)


def _stats(project: Path) -> dict[str, int]:
    """Total and Remaining segments from OmegaT's omegat/project_stats.txt."""
    text = (project / "omegat" / "project_stats.txt").read_text("utf-8")
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(Total|Remaining):\s+(\d+)", text, re.M)}


def test_omegat_round_trip(omegat, project, tmp_path):
    # The memory: the committed translations, every fourth unit of each bulletin left out.
    mem = tmp_path / "memory-source"
    shutil.copytree(project, mem)
    english: dict[str, dict[str, str]] = {}  # bulletin -> key -> committed English
    for bid in IDS:
        po = read_po(ROOT / "target_en" / "po" / f"{bid}.po")
        english[bid] = {e.msgid: e.msgstr for e in po if not e.obsolete and is_final(e)}
        for k, e in enumerate(x for x in po if not x.obsolete and x.msgid):
            if k % 4 == 1:
                e.msgstr = ""
        (mem / "target_en" / "po" / f"{bid}.po").write_text(po_text(po), "utf-8")
    memory = {src: tgt for src, tgt, _ in memory_entries(load_po_dir(mem / "target_en" / "po"))}

    # The translator's PO files: as extracted, plus good English (not in the memory) on some
    # units the memory does not cover, which OmegaT will hand back as copies of the Chinese.
    kept: dict[str, dict[str, str]] = {}
    for bid in IDS:
        path = project / "target_en" / "po" / f"{bid}.po"
        po = read_po(path)
        uncovered = [e for e in po if not e.obsolete and e.msgid not in memory and not e.msgstr]
        for e in uncovered[::2]:
            e.msgstr = english[bid][e.msgid]
        path.write_text(po_text(po), "utf-8")
        kept[bid] = {e.msgid: e.msgstr for e in po if not e.obsolete and e.msgid}

    omt = tmp_path / "omegat-project"
    for d in ("source", "target", "tm/auto", "glossary", "omegat", "dictionary"):
        (omt / d).mkdir(parents=True)
    (omt / "omegat.project").write_text(PROJECT, "utf-8")
    for bid in IDS:
        out = omt / "source" / f"{bid}.omegat.xlf"
        r = sppterm(project, "xliff", "export", bid, "--flavour", "omegat", "-o", str(out))
        assert r.returncode == 0, r.stderr
    r = sppterm(mem, "tm", "export", "-o", str(omt / "tm" / "auto" / "series.tmx"))
    assert r.returncode == 0, r.stderr
    glossary = omt / "glossary" / "glossary.txt"
    r = sppterm(project, "glossary", "export", "--format", "omegat", "-o", str(glossary))
    assert r.returncode == 0, r.stderr

    run = _run_omegat(omegat, omt, tmp_path)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Translated documents created" in run.stdout or "Translated document created" in run.stdout

    # OmegaT offered one segment per unit (none lost) and left exactly the uncovered ones.
    units = {bid: _active(project / "target_en" / "po" / f"{bid}.po") for bid in IDS}
    n_units = sum(len(u) for u in units.values())
    n_covered = sum(e.msgid in memory for u in units.values() for e in u)
    stats = _stats(omt)
    assert stats["Total"] == n_units, stats
    assert stats["Remaining"] == n_units - n_covered, stats

    untranslated_messages = 0
    for bid in IDS:
        r = sppterm(project, "xliff", "import", str(omt / "target" / f"{bid}.omegat.xlf"))
        assert r.returncode in (0, 1), r.stderr
        problems = [line for line in r.stderr.splitlines() if line.strip()]
        # The only units not merged are copies of the Chinese (never conflicts, never lost tags).
        assert all("target is a copy of the Chinese source" in p for p in problems), problems
        untranslated_messages += len(problems)
        after = {e.msgid: e for e in _active(project / "target_en" / "po" / f"{bid}.po")}
        assert set(after) == set(kept[bid])
        for key, e in after.items():
            if key in memory:
                assert (e.msgstr, "fuzzy" in e.flags) == (memory[key], False), key
            else:
                assert e.msgstr == kept[bid][key], key  # good English kept, nothing Chinese
    chinese = [e for u in units.values() for e in u if e.msgid not in memory]
    assert untranslated_messages == sum("already English" not in e.comment for e in chinese)

    # OmegaT's glossary search recognises on each segment every term sppterm's matcher finds.
    matcher = ZhMatcher(load_glossary(project / "glossary"))
    hits: dict[str, set[str]] = {}
    n_omegat = n_with_hits = 0
    for line in (omt / "omegat" / "sppterm-glossary-hits.tsv").read_text("utf-8").splitlines():
        source, _, terms = line.partition("\t")
        found = set(filter(None, terms.split("\x1f")))
        hits[_OMEGAT_TAG.sub("", source)] = found
        n_omegat += len(found)
        n_with_hits += bool(found)
    n_sppterm = n_found = 0
    for u in units.values():
        for e in u:
            want = {h.text for h in matcher.find(strip(e.msgid))}
            got = hits[strip(e.msgid).replace("\n", " ")]
            n_sppterm += len(want)
            n_found += len(want & got)
            assert want <= got, (e.msgid[:40], want - got)
    assert n_sppterm > 100 and n_found == n_sppterm
    print(
        f"OmegaT: {stats['Total']} segments, {n_covered} filled from the memory (tm/auto), "
        f"{stats['Remaining']} left; {untranslated_messages} Chinese copies refused on import; "
        f"glossary: {n_omegat} hits on {n_with_hits} segments, "
        f"{n_found}/{n_sppterm} of sppterm's term hits"
    )


# -- the flavour itself, without OmegaT -------------------------------------------------------
@pytest.fixture(scope="module")
def schema12():
    from lxml import etree

    from .conftest import need_shared

    s = need_shared() / "schemas" / "xliff12"
    doc = etree.parse(str(s / "xliff-core-1.2-strict.xsd"))
    for imp in doc.getroot().iter("{http://www.w3.org/2001/XMLSchema}import"):
        if imp.get("schemaLocation", "").startswith("http://www.w3.org/2001/xml.xsd"):
            imp.set("schemaLocation", str(s / "xml.xsd"))  # offline, as catalog.xml says
    return etree.XMLSchema(doc)


@pytest.mark.parametrize("bid", IDS)
def test_flavour_validates_and_round_trips(bid, schema12, tmp_path):
    """Every unit has the Chinese in <target> (what OmegaT translates), bold as <bpt>/<ept>
    with the placeholder as native data; strict XLIFF 1.2. A translator's file with the English
    in every target (codes as OmegaT writes them back) imports to the committed PO, unchanged."""
    from lxml import etree

    from sppterm.units.xliff import BASE, NS12, import_into, read_xliff
    from sppterm.units.xliff_omegat import export_omegat

    po = read_po(ROOT / "target_en" / "po" / f"{bid}.po")
    doc = etree.fromstring(export_omegat(po, f"source_zh/{bid}.md"))
    assert schema12.validate(doc), schema12.error_log
    tus = doc.findall(f".//{{{NS12}}}trans-unit")
    assert len(tus) == len(_active(ROOT / "target_en" / "po" / f"{bid}.po"))
    for tu in tus:
        source, target = tu.find(f"{{{NS12}}}source"), tu.find(f"{{{NS12}}}target")

        def content(el):
            return [el.text] + [(c.tag, dict(c.attrib), c.text, c.tail) for c in el]

        assert content(source) == content(target)
        assert target.get("state") is None
    bold = doc.findall(f".//{{{NS12}}}source/{{{NS12}}}bpt")
    assert all(b.text in ("<b>", "<i>") and b.get("ctype") in ("bold", "italic") for b in bold)
    # The translator's file: the base English moved into the target, as OmegaT would.
    for tu in tus:
        base = tu.find(f"{{{NS12}}}alt-trans[@origin='{BASE}']/{{{NS12}}}target")
        target = tu.find(f"{{{NS12}}}target")
        target.getparent().replace(target, base.__copy__())
    path = tmp_path / "back.xlf"
    path.write_bytes(etree.tostring(doc, xml_declaration=True, encoding="UTF-8"))
    before = po_text(po)
    report = import_into(po, read_xliff(path)[1], str(path))
    assert report.problems == 0 and report.unchanged == len(tus), report.summary()
    assert po_text(po) == before
    # A changed translation with its codes comes back as placeholders.
    if bid == "2022-04":
        tu = next(t for t in tus if t.find(f"{{{NS12}}}source/{{{NS12}}}bpt") is not None)
        target = tu.find(f"{{{NS12}}}target")
        target.text = "Changed: " + (target.text or "")
        path.write_bytes(etree.tostring(doc, xml_declaration=True, encoding="UTF-8"))
        report = import_into(po, read_xliff(path)[1], str(path))
        assert len(report.updated) == 1 and report.problems == 0, report.messages()
        entry = next(e for e in po if e.msgid == report.updated[0])
        assert entry.msgstr.startswith("Changed: ") and "<b>" in entry.msgstr and "</b>" in entry.msgstr
