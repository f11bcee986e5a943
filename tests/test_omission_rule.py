"""The omission and addition rules (issue 11): sentence alignment, the length model, counted lists,
on the series' own units and on omissions planted in them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm import align, en, zh
from sppterm.checks.base import CheckUnit, Context
from sppterm.checks.omission import Addition, Omission, counted_list, gaps, one_sentence, term_spans
from sppterm.checks.runner import units_from_po
from sppterm.checks.terms import EnglishTerms
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from tests.conftest import ROOT
from tests.timeguard import time_limit

FUZZ = settings(max_examples=150, deadline=1500, derandomize=True, database=None)


@pytest.fixture(scope="module")
def ctx() -> Context:
    g = load_glossary(ROOT / "glossary")
    return Context(g, ZhMatcher(g), EnglishTerms(g))


@pytest.fixture(scope="module")
def series() -> list[CheckUnit]:
    out = []
    for po in sorted((ROOT / "target_en" / "po").glob("*.po")):
        out += [
            u for u in units_from_po(po, ROOT) if u.target and not u.untranslated and not u.english_source
        ]
    return out


def _rules(u: CheckUnit, ctx: Context) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for r in (Omission(), Addition()) for f in r.check(u, ctx)]


def test_series_is_clean(series, ctx):
    """The series' translations are correct: no finding on any of them."""
    assert len(series) > 200
    assert [(u.path, u.line, rule) for u in series for rule, _ in _rules(u, ctx)] == []


def test_a_closed_list_shorter_than_announced(series, ctx):
    """2021-03 once read "ten key areas for action: leadership, …" with eight listed, where the
    Chinese says 包括 (including); the fixed translation says "including"."""
    u = next(u for u in series if "key areas for action, including" in (u.target or ""))
    before = (u.target or "").replace("10 key areas for action, including", "ten key areas for action:")
    found = _rules(CheckUnit(u.path, u.line, u.key, before), ctx)
    assert [r for r, _ in found] == ["omission"]
    assert "announces 10 items and lists 8" in found[0][1] and "包括" in found[0][1]


def test_a_dropped_sentence_is_found_in_every_long_multi_sentence_unit(series, ctx):
    """Drop each English sentence of at least 80 letters (without a number: the number rule
    covers those) from units of two or more sentences: the omission rule reports nearly all."""
    tried = missed = 0
    for u in series:
        ss = en.sentences(u.target or "")
        for i, s in enumerate(ss):
            if len(ss) < 2 or align.en_size(s) < 80 or any(c.isdigit() for c in s) or "<" in s:
                continue
            tried += 1
            cut = CheckUnit(u.path, u.line, u.key, " ".join(ss[:i] + ss[i + 1 :]))
            missed += "omission" not in {r for r, _ in _rules(cut, ctx)}
    assert tried > 50
    assert missed <= tried // 10  # ≥ 90 % recall on long sentences (bench/omission_eval.py: 91 % on all)


def test_a_pasted_sentence_is_an_addition(series, ctx):
    u = next(u for u in series if u.key.startswith("中环联合就《旅游部门塑料采购指南》初稿"))
    extra = "It also called on governments to integrate sustainable tourism into their national climate plans and to report on progress every year."
    found = _rules(CheckUnit(u.path, u.line, u.key, f"{u.target} {extra}"), ctx)
    assert [r for r, _ in found] == ["addition"]
    assert "letters more than the Chinese predicts" in found[0][1]


def test_message_names_the_chinese_left_without_english(series, ctx):
    u = next(u for u in series if u.key.startswith("基于此，联合国粮农组织和环境规划署启动"))
    first = en.sentences(u.target or "")[0]
    found = _rules(CheckUnit(u.path, u.line, u.key, first), ctx)
    assert [r for r, _ in found] == ["omission"]
    assert "fewer than the Chinese predicts" in found[0][1] and " sd)" in found[0][1]


def test_repeated_names_count_as_their_abbreviation(series, ctx):
    """信息通信技术 three times, "ICT" in the English: the glossary term counts as the English used."""
    u = next(u for u in series if u.key.startswith("《具有碳意识的信息通信技术产品实用采购策略》指南"))
    spans = term_spans([u.key], "ictinformationandcommunicationtechnology", ctx)[0]
    assert spans and all(n > 0 for *_, n in spans)
    assert gaps(u.key, u.target or "", ctx) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The guide describes ten key areas for action: leadership, advocacy, sustainable procurement, "
            "facilities management, service delivery, education, research and partnership.",
            (10, 8, 8),
        ),
        ("The initiative has four pillars: a, b, c, and d.", (4, 4, 4)),
        ("It stresses three crises: climate change, biodiversity loss and pollution.", (3, 3, 3)),
        ("It names two goals: sustainable consumption and production, and climate action.", (2, 2, 3)),
        ("six types: open data; privacy tools and methods; data markets.", (6, 3, 3)),
        ("It covers ten areas, including: leadership and advocacy.", None),
        ("ten key areas for action, such as leadership and advocacy.", None),
        ("In 2024: more countries reported.", None),
    ],
)
def test_counted_list(sentence, expected):
    assert counted_list(sentence) == expected


def test_align_pairs_by_length_and_finds_a_missing_sentence():
    beads = align.align([100, 50, 100], [105, 98])
    assert beads is not None
    assert [(b.z0, b.z1, b.e0, b.e1) for b in beads][-1][3] == 2
    assert min(b.delta for b in beads) < -2  # the 50-letter sentence has no English
    assert align.align([1.0] * (align.MAX_SENTENCES + 1), [1.0]) is None


def test_affinity_pins_the_alignment():
    """Two equal sentences each side: an anchor shared crosswise wins over the diagonal."""
    plain = align.align([60, 60], [60, 60])
    pinned = align.align(
        [60, 60], [60, 60], lambda z0, z1, e0, e1: 20.0 if (z0, e0) == (0, 0) and z1 == 2 else 0.0
    )
    assert plain is not None and [(b.z0, b.e0) for b in plain] == [(0, 0), (1, 1)]
    assert pinned is not None and [(b.z0, b.z1, b.e0, b.e1) for b in pinned] == [(0, 2, 0, 2)]


def test_deviation_is_signed_and_grows_with_the_gap():
    assert align.deviation(100, 100) == 0
    assert align.deviation(100, 50) < align.deviation(100, 80) < 0 < align.deviation(100, 130)


_TEXT = st.text(
    st.sampled_from(list("可持续公共采购。，；：！？《》“”包括十个一二三百分之 abc,.;:!?ABC019\n"))
    | st.characters(),
    max_size=300,
)


@FUZZ
@given(_TEXT)
def test_fuzz_sizes(text):
    with time_limit(2.0, "sizes"):
        assert align.zh_size(text) >= 0
        assert align.en_size(text) >= 0
        counted_list(text)


_SENTENCE = st.lists(
    st.sampled_from([*"可持续。！？!?…”’」）》\"') \t\n“ab.1:/", "http://a.org/x?y!", "3.5"]), max_size=40
).map("".join)


@FUZZ
@given(_SENTENCE)
def test_the_one_sentence_shortcut_is_zh_sentences(text):
    # omission's fast path (issue 13): where it answers, the answer is zh.sentences'
    got = one_sentence(text)
    assert got is None or got == zh.sentences(text)


def test_the_one_sentence_shortcut_answers_for_most_units():
    assert one_sentence("会议在北京举行。”") == ["会议在北京举行。”"]
    assert one_sentence(" 没有句号 ") == ["没有句号"] and one_sentence("  ") == []
    assert one_sentence("会议举行。会议结束。") is None
    assert one_sentence("见 http://a.org/x?y=1 。") is None  # left to zh.sentences


@FUZZ
@given(st.lists(st.floats(0, 1e4), max_size=12), st.lists(st.floats(0, 1e4), max_size=12))
def test_fuzz_align_covers_both_sides(zs, es):
    with time_limit(2.0, "align"):
        beads = align.align(zs, es)
    assert beads is not None
    assert sum(b.z1 - b.z0 for b in beads) == len(zs) and sum(b.e1 - b.e0 for b in beads) == len(es)


@FUZZ
@given(_TEXT, _TEXT)
def test_fuzz_rules(ctx, source, target):
    unit = CheckUnit("x.po", 1, source, target)
    with time_limit(2.0, "omission"):
        _rules(unit, ctx)


def test_long_units_stay_linear(ctx):
    """Hundreds of sentences: no alignment beyond MAX_SENTENCES, the whole-unit ratio only
    (one gap at most, for the whole unit)."""
    zh_text = "会议讨论了可持续公共采购的趋势。" * 400
    en_text = "The meeting discussed trends in sustainable public procurement. " * 400
    with time_limit(2.0, "long unit"):
        found = gaps(zh_text, en_text[: len(en_text) // 3], ctx)
    assert len(found) == 1 and found[0].missing > 0 and found[0].column == 1
