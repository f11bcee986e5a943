"""``sppterm check --fix`` (issue 15, point 5): safe fixes, applied atomically to PO files, never to
fuzzy or suppressed units or placeholders; applying them twice is applying them once."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.checks.base import CheckUnit, Fix
from sppterm.checks.fix import apply, fix_text
from sppterm.checks.runner import Options, run
from sppterm.checks.style import load_file, pack_path
from sppterm.glossary import load_glossary
from sppterm.placeholders import TAG
from sppterm.units.po import po_text, read_po

from .conftest import ROOT, sppterm
from .test_style import _entry, _project

GLOSSARY = load_glossary(ROOT / "glossary")
PACK = load_file(pack_path("un"))
RULES = ["term-forbidden", "whitespace", *(r.id for r in PACK)]
ZH = "可持续公共采购计划的销售额增长了百分之十五。"  # a percentage: un-per-cent applies


def _findings(text: str) -> list:
    unit = CheckUnit("x.po", 1, ZH, text, role="paragraph", bulletin="2099-01")
    return run([unit], GLOSSARY, Options(rules=RULES, styles=PACK))


def _fixed(text: str) -> str:
    unit = CheckUnit("x.po", 1, ZH, text, role="paragraph", bulletin="2099-01")
    return fix_text(unit, [f.fix for f in _findings(text) if f.fix is not None], lambda u, t: _findings(t))


_WORDS = st.sampled_from(
    [
        "organise", "Organisations", "prioritised", "program", "Programs", "analyzed", "labor",
        "15%", "20 percent", '"', "'", "governments'", "2021-2030", "October 18, 2022", "18th October",
        "SPP Program", "<b>", "</b>", "<i>", "</i>", "  ", " ", "the", "advise", "exercise", "3",
        "Organisation for Economic Co-operation and Development", "computer program", "(", ")", ".",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=3000)
@given(st.lists(_WORDS, max_size=14).map(" ".join))
def test_fixing_twice_is_fixing_once_and_fixed_units_recheck_clean(text: str) -> None:
    once = _fixed(text)
    assert _fixed(once) == once
    assert TAG.findall(once) == TAG.findall(text)  # placeholders never change
    fixed_rules = {f.rule for f in _findings(text) if f.fix is not None}
    left = {f.rule for f in _findings(once) if f.fix is not None}
    assert not (fixed_rules & left), (text, once)


@settings(max_examples=200, deadline=1000)
@given(
    st.text(max_size=30), st.lists(st.tuples(st.integers(-2, 35), st.integers(-2, 35), st.text(max_size=4)))
)
def test_apply_terminates_and_keeps_placeholders(text: str, raw: list[tuple[int, int, str]]) -> None:
    text = "<b>" + text + "</b>"
    out = apply(text, [Fix(a, b, t) for a, b, t in raw])
    assert TAG.findall(out) == TAG.findall(text) or out == text


def test_forbidden_form_and_style_fixes_on_a_po_file(tmp_path: Path) -> None:
    entries = [
        _entry("可持续公共采购计划召开会议。", "The SPP Program held a meeting."),
        _entry("各国政府优先考虑<b>绿色</b>采购。", "Governments prioritise <b>green</b>  procurement."),
        _entry("政府优先考虑采购。", "Governments prioritise procurement.", flags="fuzzy"),
        _entry("政府优先考虑绿色采购。", "Governments prioritise buying.", flags="ignore-un-ize"),
    ]
    root = _project(tmp_path, entries)
    po = root / "target_en/po/2099-01.po"
    po.write_text(po_text(read_po(po)), "utf-8")  # as sppterm extract writes it
    before = po.read_text("utf-8")
    r = sppterm(root, "check", "--fix", "--diff")
    assert r.returncode == 0 and po.read_text("utf-8") == before  # --diff writes nothing
    plus = [line for line in r.stdout.splitlines() if line.startswith("+msgstr")]
    assert plus == [
        '+msgstr "The One Planet network Sustainable Public Procurement Programme held a meeting."',
        '+msgstr "Governments prioritize <b>green</b> procurement."',
    ]
    r = sppterm(root, "check", "--fix", "--format", "json")
    assert "fixed 2 units in 1 files" in r.stderr
    after = po.read_text("utf-8")
    assert 'msgstr "Governments prioritise procurement."' in after  # fuzzy: untouched
    assert 'msgstr "Governments prioritise buying."' in after  # suppressed: untouched
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 2  # the PO writer keeps everything else byte for byte
    again = sppterm(root, "check", "--fix", "--diff")
    assert again.stdout == ""  # nothing left to fix


def test_fix_on_a_copy_of_the_series_changes_only_msgstr_lines(tmp_path: Path) -> None:
    for d in ("glossary", "source_zh", "target_en/po"):
        shutil.copytree(ROOT / d, tmp_path / d)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    r = sppterm(tmp_path, "check", "--fix", "--diff", timeout=300)
    assert r.returncode == 0
    changed = [x for x in r.stdout.splitlines() if x[:1] in "+-" and not x.startswith(("+++", "---"))]
    assert all(x.startswith(("+msgstr ", "-msgstr ")) for x in changed)
