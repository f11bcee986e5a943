"""Where a term is counted (issue 11, round 3), on the real glossary and bulletin sentences: a
concept's English inside the English of a longer concept the source names is no rendering of it,
unless the source writes the two as one phrase; concepts nested in unverified titles; one
inserted modifier; markup the placeholders do not know. Severities are asserted here (the
corpus records only which rules fire), and every new text function is fuzzed with a time limit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.checks.base import ERROR, WARNING, CheckUnit, Finding
from sppterm.checks.runner import Options, run
from sppterm.checks.terms import EnglishTerms, covered_removed, joined
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from sppterm.glossary.model import Concept, Glossary
from tests.conftest import ROOT
from tests.timeguard import time_limit

RULES = ["term-missing", "term-forbidden", "term-count", "term-abbreviation"]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


def check(glossary: Glossary, zh: str, en: str) -> list[tuple[str, str, str]]:
    found: list[Finding] = run([CheckUnit("x.po", 1, zh, en)], glossary, Options(rules=RULES))
    return [(f.rule, f.severity, f.term) for f in found]


# -- (1) a mention inside a longer name the source has ------------------------------------------------
UNEP_ZH = "会议由联合国环境规划署经济司官员主持。亚太绿色公共采购网由联合国环境规划署发起。"
UNEP_EN = (
    "The meeting was chaired by an officer of the UNEP Economy Division. The Asia Pacific Green "
    "Public Procurement Network was launched by {}."
)


def test_unep_inside_the_division_is_the_divisions(glossary: Glossary) -> None:
    assert check(glossary, UNEP_ZH, UNEP_EN.format("the World Bank")) == [("term-missing", ERROR, "unep")]
    assert check(glossary, UNEP_ZH, UNEP_EN.format("UNEP")) == []
    # without the Division in the source, the same English names UNEP by its abbreviation
    assert (
        check(
            glossary,
            "亚太绿色公共采购网由联合国环境规划署经济司发起。",
            "The Asia Pacific Green Public Procurement Network was launched by the UNEP Economy Division.",
        )
        == []
    )


def test_own_spans_leave_out_only_what_a_longer_source_name_covers(glossary: Glossary) -> None:
    terms, matcher = EnglishTerms(glossary), ZhMatcher(glossary)
    target = UNEP_EN.format("UNEP")
    hits = matcher.find(UNEP_ZH)
    assert {"unep", "unep-economy-division"} <= {h.concept.id for h in hits}
    all_spans, own = terms.spans(target), terms.own_spans(target, UNEP_ZH, hits)
    assert len(all_spans["unep"]) == 2 and len(own["unep"]) == 1
    assert target[own["unep"][0][0] : own["unep"][0][1]] == "UNEP"
    assert own["unep"][0][0] > target.index("Division")  # the second one, after the Division
    assert own["unep-economy-division"] == all_spans["unep-economy-division"]


def test_term_count_with_the_second_mention_inside_the_programme_name(glossary: Glossary) -> None:
    zh = "南非西开普省政府获批为可持续公共采购计划联合领导机构。该机构具有地方可持续公共采购实践经验，参与了世界银行非洲可持续公共采购项目。"
    en = (
        "The Western Cape Government of South Africa has been approved as a co-lead of the One Planet "
        "network Sustainable Public Procurement Programme. It has local experience of {} and has taken "
        "part in the World Bank’s sustainable public procurement project in Africa."
    )
    assert check(glossary, zh, en.format("green public procurement")) == [("term-count", ERROR, "spp")]
    assert check(glossary, zh, en.format("sustainable public procurement")) == []
    assert check(glossary, zh, en.format("SPP")) == []


def test_a_phrase_the_source_writes_as_one_may_be_one_name(glossary: Glossary) -> None:
    """The series' own cases: the guidance's title split by the matcher into 可持续公共采购 +
    塑料指南, an apposition in brackets (SDG12), a title followed in its clause by the term."""
    assert (
        check(
            glossary,
            "“同一个地球网络”可持续公共采购塑料指南征集意见",
            "One Planet network seeks comments on its guidance on Sustainable Public Procurement of Plastics",
        )
        == []
    )
    assert (
        check(
            glossary,
            "旨在实现联合国可持续发展目标——促进可持续消费和生产(SDG12)。",
            "It aims to achieve Sustainable Development Goal 12 on sustainable consumption and production.",
        )
        == []
    )
    # a list is no phrase: 中国 and 中国环境标志 are two things
    assert check(
        glossary,
        "中环联合依据中国政府绿色采购和中国环境标志认证情况参与了调查。",
        "CEC took part in the survey on the basis of national government green procurement and "
        "China Environmental Label certification.",
    ) == [("term-missing", ERROR, "china")]


def test_joined_pairs(glossary: Glossary) -> None:
    matcher = ZhMatcher(glossary)
    text = "可持续公共采购塑料指南"
    ids = {(a, b) for a, b in joined(text, matcher.find(text))}
    assert ("spp", "plastics-guidance") in ids and ("plastics-guidance", "spp") in ids
    listed = "中国政府绿色采购和中国环境标志"
    assert ("china", "china-environmental-label") not in joined(listed, matcher.find(listed))
    far = "可持续公共采购，这是一个很长很长很长很长的句子，塑料指南"
    assert joined(far, matcher.find(far)) == set()


def test_covered_removed_by_hand() -> None:
    spans = {"a": [(0, 4, False), (10, 14, False)], "b": [(0, 20, False)], "c": [(12, 13, True)]}
    assert covered_removed(spans, {"b"}) == {"b": [(0, 20, False)]}
    assert covered_removed(spans, {"a"}) == {"a": spans["a"], "b": spans["b"]}  # c inside a: a's
    assert covered_removed(spans, {"b"}, {("a", "b")}) == {"a": spans["a"], "b": spans["b"]}
    assert covered_removed(spans, set()) == spans


# -- (2) a concept nested in an unverified title ----------------------------------------------------
MAURITIUS = "《毛里求斯建筑业可持续采购概述》介绍了毛里求斯在建筑行业的实践历程。"


def test_the_nested_term_of_an_unverified_title(glossary: Glossary) -> None:
    wrong = "Overview of Green Procurement in the Construction Sector in Mauritius describes the experience."
    found = run([CheckUnit("x.po", 1, MAURITIUS, wrong)], glossary, Options(rules=["term-missing"]))
    assert [(f.rule, f.severity, f.term) for f in found] == [
        ("term-missing", WARNING, "mauritius-buildings-overview")
    ]
    assert (
        "可持续采购 (sustainable-procurement) inside it is not rendered (no sustainable)" in found[0].message
    )
    right = "An Overview of Sustainable Procurement in Mauritius’s Construction Industry describes it."
    assert check(glossary, MAURITIUS, right) == []


def test_nested_concepts_of_the_glossary(glossary: Glossary) -> None:
    terms = EnglishTerms(glossary)
    get = glossary.get
    overview = get("mauritius-buildings-overview")
    assert overview is not None
    nested = {c.id: text for c, text in terms.nested(overview, "《毛里求斯建筑业可持续采购概述》")}
    assert nested == {"sustainable-procurement": "sustainable procurement", "mauritius": "Mauritius"}
    programme = get("spp-programme")
    assert programme is not None
    # the longest nested name only: public procurement is part of sustainable public procurement
    assert [c.id for c, _ in terms.nested(programme, "可持续公共采购计划")] == ["spp"]
    # English inside the description but no Chinese inside the term: not nested
    guide = get("carbon-aware-ict-guide")
    assert guide is not None
    assert [c.id for c, _ in terms.nested(guide, "具有碳意识的信息通信技术产品实用采购策略")] == ["ict"]
    assert terms.nested(guide, "碳意识采购策略") == []


def test_a_faithful_paraphrase_of_a_descriptive_event_title(glossary: Glossary) -> None:
    zh = "11月11日，联合国环境规划署与美国政府在COP27联合举办题为“利用公共采购应对气候变化挑战”边会。"
    en = (
        "On 11 November, the United Nations Environment Programme and the United States Government jointly "
        "held a side event at COP27 on {}."
    )
    assert (
        check(glossary, zh, en.format("harnessing public procurement to tackle the climate challenge")) == []
    )
    assert check(glossary, zh, en.format("using green buying to address the climate challenge")) == [
        ("term-missing", WARNING, "cop27-procurement-side-event")
    ]
    assert check(glossary, zh, en.format("the weather")) == [
        ("term-missing", ERROR, "cop27-procurement-side-event")
    ]


# -- (4) neighbours ------------------------------------------------------------------------------
def test_one_modifier_before_the_head_and_no_more(glossary: Glossary) -> None:
    zh = "会议交流了食品可持续公共采购工作组的进展。"
    assert check(glossary, zh, "It discussed the working group on sustainable public food procurement.") == []
    assert check(
        glossary, zh, "It discussed the working group on sustainable public and private food procurement."
    ) == [("term-missing", ERROR, "spp")]
    # a name keeps its words: no modifier inside the name of a body
    assert check(
        glossary, "国际绿色采购网召开会议。", "The International Green Food Purchasing Network met."
    ) == [("term-missing", ERROR, "igpn")]


def test_markup_splits_no_term_and_keeps_positions(glossary: Glossary) -> None:
    terms = EnglishTerms(glossary)
    text = "Sustainable <u>public</u> procurement<br/> and the <span class='x'>UNEP</span> report"
    spans = terms.spans(text)
    ((s, e, _),) = spans["spp"]
    assert text[s:e] == "Sustainable <u>public</u> procurement"
    ((s, e, _),) = spans["unep"]
    assert text[s:e] == "UNEP"
    zh = "可持续公共采购是推动变革的有力杠杆。"
    assert check(glossary, zh, "Sustainable <u>public</u> procurement is a powerful lever for change.") == []


def test_a_wrong_form_inside_a_longer_name_is_one_finding(glossary: Glossary) -> None:
    found = check(
        glossary,
        "联合国环境规划署经济司举办了网络研讨会。",
        "The UN Environment Economy Division hosted a webinar.",
    )
    assert [(r, s) for r, s, _ in found] == [("term-forbidden", ERROR)]


def test_goal_and_number_in_a_coordination_is_a_mention(glossary: Glossary) -> None:
    zh = "审查了落实可持续发展目标12和可持续发展目标13的成果，以及与其他可持续发展目标、尤其是可持续发展目标17的联系。"
    en = (
        "It reviewed progress on Sustainable Development Goal 12 and Goal 13, and the links with the other "
        "Sustainable Development Goals (SDGs), in particular SDG 17."
    )
    assert check(glossary, zh, en) == []


# -- every new text function terminates ------------------------------------------------------------
_ZH = st.text(
    alphabet="可持续公共采购计划塑料指南中国环境标志和，。（）(SDG12)——联合国环境规划署经济司机构",
    max_size=80,
)
_EN = st.lists(
    st.sampled_from([*"abcdeSPUN <>/u", " public ", " procurement ", "<u>", "Goal 1", " UNEP "]), max_size=40
).map("".join)


@settings(max_examples=150, deadline=2000)
@given(_ZH, _EN)
def test_span_functions_terminate(glossary: Glossary, zh: str, en: str) -> None:
    terms, matcher = _tools(glossary)
    with time_limit(2.0, "own_spans"):
        hits = matcher.find(zh)
        joined(zh, hits)
        own = terms.own_spans(en, zh, hits)
        for spans in own.values():
            for s, e, _ in spans:
                assert 0 <= s < e <= len(en)
        for c in (h.concept for h in hits):
            terms.interrupted(c, en)


def test_long_texts_stay_linear(glossary: Glossary) -> None:
    terms, matcher = _tools(glossary)
    zh = "可持续公共采购计划召开会议，各国推动可持续公共采购。" * 2000
    en = "The SPP Programme promotes sustainable public procurement <u>and</u> " * 2000
    with time_limit(10.0, "own_spans on 40,000 characters"):
        hits = matcher.find(zh)
        own = terms.own_spans(en, zh, hits)
    assert len(own["spp"]) == 2000


_CACHE: dict[int, tuple[EnglishTerms, ZhMatcher]] = {}


def _tools(glossary: Glossary) -> tuple[EnglishTerms, ZhMatcher]:
    if id(glossary) not in _CACHE:
        _CACHE[id(glossary)] = (EnglishTerms(glossary), ZhMatcher(glossary))
    return _CACHE[id(glossary)]


# -- round 4: names beside brackets, pronouns by number, back-references (issue 11) --------------
_BRACKETED = st.lists(
    st.sampled_from(
        [
            *"abcdP (),.",
            " digital public information ",
            "(DPI)",
            "(COP27)",
            "(MEE)",
            " to the United Nations Framework Convention on Climate Change ",
            " Environmental Development Center of the Ministry of Ecology and Environment ",
            " It ",
            " Its ",
            " them ",
            " that the secretariat ",
            " in the region",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=2000)
@given(_BRACKETED)
def test_bracket_and_count_functions_terminate(glossary: Glossary, en: str) -> None:
    from sppterm.checks.abbreviations import misnamed
    from sppterm.checks.terms import _DETERMINED, _free_pronouns

    terms, _ = _tools(glossary)
    with time_limit(2.0, "misnamed"):
        for w in misnamed(en, terms, glossary):
            assert 0 <= w.start < w.end <= len(en)
        _free_pronouns("该机构表示", en, [])
        list(_DETERMINED.finditer(en))


def test_a_long_bracketed_text_stays_linear(glossary: Glossary) -> None:
    from sppterm.checks.abbreviations import misnamed

    terms, _ = _tools(glossary)
    en = (
        "the role that digital public information (DPI) and the Ministry of Ecology and Environment (MEE) play. "
        * 400
    )
    with time_limit(10.0, "misnamed on 40,000 characters"):
        found = misnamed(en, terms, glossary)
    assert len(found) == 400  # each DPI beside a wrong long form, MEE beside its own name


# -- (7) patterns compiled on first need (issue 13) ----------------------------------------------
def _odd_case(text: str) -> list[str]:
    """``text`` and spellings of it that Python's re matches case-insensitively though lower()
    differs (İ ı ſ and the Kelvin sign for i, s, k), upper case, and without spaces."""
    odd = text.replace("i", "ı").replace("s", "ſ").replace("k", "\u212a").replace("I", "İ")
    return [text, text.upper(), odd, odd.upper(), text.replace(" ", ""), f"({text}s)"]


def _corpus_english() -> list[str]:
    from sppterm import yamlloc
    from sppterm.textio import read_text

    rows = yamlloc.load(read_text(ROOT / "tests/data/check_corpus.yaml"), "corpus")["units"]
    return [r["en"] for r in rows]


def _own_texts(c: Concept) -> list[str]:
    """The concept's English forms in the settings the three patterns look for, odd-cased."""
    out = []
    for t in c.terms:
        if t.lang == "en":
            out += _odd_case(t.text)
            out += _odd_case(f"the {t.text}, Rotterdam and Stockholm {t.text.split()[-1]}s")
            out += _odd_case(f"{t.text}s 12, 13 and 17 and sustainable public food {t.text}")
    return out + [f"{a} 12 and 13" for a in c.abbr]


def test_lazy_patterns_find_what_the_compiled_ones_find(glossary: Glossary) -> None:
    """numbered_forms, in_coordination and interrupted skip compiling for a text lacking the
    ASCII letters every match holds: on the corpus, every English form of the glossary and
    their odd-case spellings they answer as the whole pattern compiled does."""
    import re

    from sppterm import en
    from sppterm.checks.terms import _NUMERAL

    terms = EnglishTerms(glossary)
    corpus = _corpus_english()
    compared = matched = 0
    for c in glossary:
        texts = corpus + _own_texts(c)
        numbered = terms.numbered_forms(c)
        if numbered is not None:  # the pattern of sppterm.en, the same text
            english = [t.text for t in c.terms if t.lang == "en"] + c.abbr
            if not any(_NUMERAL.search(t.text) for t in c.terms if t.lang == "zh"):
                english = [f for f in english if re.search(r"\d", f)]
            assert numbered.pattern == en.compile_forms(english).pattern  # type: ignore[union-attr]
        for getter in (terms.in_coordination, terms.interrupted):
            getter(c, "")
        pairs = [
            (numbered, re.compile(numbered.pattern) if numbered else None),
            (terms._coordinated[c.id], None),
            (terms._interrupted[c.id], None),
        ]
        for lazy, _ in pairs:
            if lazy is None:
                continue
            whole = re.compile(lazy.pattern, lazy.flags)
            for text in texts:
                want = [m.span() for m in whole.finditer(text)]
                assert [m.span() for m in lazy.finditer(text)] == want, (c.id, lazy.pattern, text)
                assert (lazy.search(text) is not None) == bool(want)
                compared += 1
                matched += bool(want)
    assert compared > 10_000 and matched > 1_000  # the comparison had texts that match


def test_a_text_without_the_letters_compiles_nothing(glossary: Glossary) -> None:
    from sppterm.checks import terms as terms_mod

    terms = EnglishTerms(glossary)
    sdg = glossary.get("sdg12")
    assert sdg is not None
    terms_mod._compiled.cache_clear()
    assert not terms.in_coordination(sdg, "The Basel, Rotterdam and Stockholm Conventions met.")
    assert terms_mod._compiled.cache_info().misses == 0
    assert terms.in_coordination(sdg, "SDGs 12, 13 and 17 were discussed.")
    assert terms_mod._compiled.cache_info().misses == 1


# -- (8) positions after a character whose case folds oddly (issue 13) ---------------------------
# İ lower-cases to two code points; ß, ﬁ, final Σ, the Kelvin sign and ſ fold in ways of their
# own too. The English scan folds case character for character, so every position after one
# of them is still the text's.
_ODD_BEFORE = ["İ", "ß", "ﬁ", "ΟΔΟΣ", "\u212a", "ſ", "İİİ", "İ-ß"]


@pytest.mark.parametrize("odd", _ODD_BEFORE)
def test_a_name_after_an_odd_character_keeps_its_span(glossary: Glossary, odd: str) -> None:
    terms = EnglishTerms(glossary)
    text = f"{odd} sustainable public procurement and the SPP Program, {odd}UNEP {odd} UNEP."
    spans = terms.spans(text)
    s, e, _ = spans["spp"][0]
    assert text[s:e] == "sustainable public procurement"
    assert [text[s:e] for s, e, _ in spans["unep"]] == ["UNEP"]  # not the one glued to the odd letters
    _, bad = terms.scan(text)
    assert [text[s:e] for s, e, _, _ in bad] == ["SPP Program"]


def test_only_dotted_capital_i_lower_cases_to_more_than_one_code_point() -> None:
    """What sppterm.en.lower keeps as it is: every other character lower-cases to one."""
    import sys

    from sppterm import en

    longer = [c for c in map(chr, range(sys.maxunicode + 1)) if len(c.lower()) != 1]
    assert longer == ["\u0130"]
    text = "İSTANBUL ΟΔΟΣ \u212aELVIN"
    assert len(en.lower(text)) == len(text) and en.lower(text) == "İstanbul οδος kelvin"


def _keys(c: Concept) -> set[str]:
    from sppterm.checks.terms import alnum_key

    return {alnum_key(t.text) for t in c.terms if t.lang == "en"} | {alnum_key(a) for a in c.abbr}


_NAMES = sorted({t.text for c in load_glossary(ROOT / "glossary") for t in c.terms if t.lang == "en"})[:400]


@settings(max_examples=200, deadline=2000, derandomize=True, database=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_NAMES), st.sampled_from([*_ODD_BEFORE, " ", "-", "s", "x", "’s"])),
        max_size=8,
    )
)
def test_every_reported_span_is_one_of_the_concepts_forms(glossary: Glossary, pieces: list[str]) -> None:
    """For any text, each bad use's span folds to that form's letters, and each span of an
    accepted name starts with the letters of one of the concept's forms and ends with those of
    one (overlapping forms are merged into one span)."""
    from sppterm.checks.terms import alnum_key

    terms = _tools(glossary)[0]
    for text in ("".join(pieces), " ".join(pieces)):
        present, bad = terms.scan(text)
        for s, e, term, _ in bad:
            assert alnum_key(text[s:e]) == alnum_key(term.text), (text, s, e)
        for cid, spans in terms.spans(text).items():
            concept = glossary.get(cid)
            assert concept is not None and cid in present
            keys = _keys(concept)
            for s, e, _ in spans:
                got = alnum_key(text[s:e])
                assert any(got.startswith(k) for k in keys) and any(got.endswith(k) for k in keys), (
                    text,
                    cid,
                    s,
                    e,
                )


def test_a_text_compiles_only_the_forms_it_may_hold(glossary: Glossary) -> None:
    """numbered_forms compiles the forms whose letters a text holds (and those compiled before):
    "SDG 12" alone gets no Sustainable Development Goal 12 in its pattern, and the same spans."""
    import re

    from sppterm.checks import terms as terms_mod

    terms = EnglishTerms(glossary)
    sdg = glossary.get("sdg12")
    assert sdg is not None
    lazy = terms.numbered_forms(sdg)
    assert lazy is not None and "ustainable" in lazy.pattern
    terms_mod._compiled.cache_clear()
    text = "Progress on SDG 12 and sdg-12s was slow."
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in re.finditer(lazy.pattern, text)]
    assert [m.span() for m in lazy.finditer(text)] != []
    assert terms_mod._compiled.cache_info().misses == 1
    assert "ustainable" not in lazy._state[1]
    longer = "Sustainable Development Goal 12 (SDG 12)"
    assert [m.span() for m in lazy.finditer(longer)] == [m.span() for m in re.finditer(lazy.pattern, longer)]
    assert "ustainable" in lazy._state[1]
