"""The term rules of issue 11 on the real glossary: the unverified-concept policy, the severity of
deprecated English, term-abbreviation, term-count, and e-mail addresses touching Chinese.

Severities are asserted here because the labelled corpus (tests/data/check_corpus.yaml) only
records which rules fire."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.checks import terms
from sppterm.checks.abbreviations import misspelt_abbreviations
from sppterm.checks.base import ERROR, WARNING, CheckUnit, Finding
from sppterm.checks.runner import Options, run, units_from_po
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from sppterm.glossary.model import Glossary
from tests.conftest import ROOT
from tests.timeguard import time_limit

MINE = ["term-missing", "term-forbidden", "term-abbreviation", "term-count", "url-email"]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


def check(glossary: Glossary, zh: str, en: str, rules: list[str] = MINE) -> list[Finding]:
    return run([CheckUnit("x.po", 1, zh, en)], glossary, Options(rules=rules))


def only(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in findings]


# -- unverified concepts: content words, not the phrase ------------------------------------------
ZH_AP = "亚太绿色公共采购网召开首次会议。"  # ap-gpp-network, verified: false


def test_unverified_paraphrase_with_every_content_word_is_clean(glossary: Glossary) -> None:
    assert not glossary.get("ap-gpp-network").verified  # type: ignore[union-attr]
    en = "The Asia-Pacific Network for Green Public Procurement held its first meeting."
    assert check(glossary, ZH_AP, en) == []


def test_unverified_partly_rendered_is_a_warning_naming_the_missing_words(glossary: Glossary) -> None:
    found = check(glossary, ZH_AP, "The Asia-Pacific Public Procurement Forum held its first meeting.")
    assert only(found) == [("term-missing", WARNING)]
    assert "unverified" in found[0].message
    assert "missing green, network" in found[0].message


def test_unverified_hardly_rendered_is_an_error(glossary: Glossary) -> None:
    found = check(glossary, ZH_AP, "The Asian Ecolabelling Network held its first meeting.")
    assert only(found) == [("term-missing", ERROR)]


def test_nested_concept_is_met_by_its_abbreviation(glossary: Glossary) -> None:
    """sustainable public procurement inside the description is met by SPP."""
    zh = "旗舰倡议“通过可持续公共采购促进建筑业循环性主流化”发布了报告。"
    en = "The flagship initiative on mainstreaming circularity in the construction sector through SPP published a report."
    assert check(glossary, zh, en) == []


def test_verified_concept_still_needs_its_name(glossary: Glossary) -> None:
    found = check(
        glossary,
        "可持续公共采购是推动变革的有力杠杆。",
        "Procurement that is public and sustainable is a lever.",
    )
    assert only(found) == [("term-missing", ERROR)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("digital technologies for the circular economy", ["digital", "technology", "circular", "economy"]),
        ("Mauritius's construction sector", ["mauritius", "construction", "sector"]),
        ("", []),
    ],
)
def test_content_words(text: str, words: list[str]) -> None:
    assert terms.content_words(text) == words


# -- deprecated and forbidden English ---------------------------------------------------------
def test_deprecated_form_alone_is_an_error_and_not_also_term_missing(glossary: Glossary) -> None:
    found = check(glossary, "联合国环境规划署发布了这份报告。", "UN Environment released the report.")
    assert only(found) == [("term-forbidden", ERROR)]


def test_deprecated_form_beside_the_preferred_one_is_a_warning(glossary: Glossary) -> None:
    en = "The United Nations Environment Programme (UNEP, formerly UN Environment) released the report."
    found = check(glossary, "联合国环境规划署发布了这份报告。", en)
    assert only(found) == [("term-forbidden", WARNING)]
    assert "also has an accepted form" in found[0].message


def test_forbidden_form_is_an_error(glossary: Glossary) -> None:
    found = check(glossary, "可持续公共采购计划召开会议。", "The SPP Program held a meeting.")
    assert only(found) == [("term-forbidden", ERROR)]


# -- term-abbreviation --------------------------------------------------------------------------
def test_wrong_abbreviation_after_a_name(glossary: Glossary) -> None:
    zh = "与荷兰基础设施和水资源管理部（RWS）共同开展此项工作。"
    en = "It works on this with the Netherlands Ministry of Infrastructure and Water Management (RWS)."
    found = check(glossary, zh, en)
    assert only(found) == [("term-abbreviation", ERROR)]
    assert "IenW" in found[0].message and "Rijkswaterstaat" in found[0].message
    assert en[found[0].column - 1 :].startswith("RWS)")


def test_abbreviation_of_another_concept_of_the_source_is_fine(glossary: Glossary) -> None:
    zh = "荷兰基础设施和水资源管理部及其下属的荷兰国家水利局(RWS)参与了工作。"
    en = "The Netherlands Ministry of Infrastructure and Water Management and its agency Rijkswaterstaat (RWS) took part."
    assert check(glossary, zh, en) == []


def test_misspelt_abbreviation_is_reported_once(glossary: Glossary) -> None:
    zh = "该系列案例由德国联邦环境、自然保护、核安全与消费者保护部资助。"
    found = check(glossary, zh, "The case series was funded by BMUUV.")
    assert only(found) == [("term-abbreviation", ERROR)]
    assert "BMUV" in found[0].message


def test_near_abbreviation_of_a_named_concept_is_not_a_typo(glossary: Glossary) -> None:
    """UNDP beside UNEP: the source's UNEP is named, so UNDP is another organisation."""
    zh = ZhMatcher(glossary).find("联合国环境规划署和联合国开发计划署")
    concepts = [h.concept for h in zh]
    assert misspelt_abbreviations("UNEP and UNDP", concepts, {"unep"}, glossary) == []


# -- term-count ----------------------------------------------------------------------------------
ZH_TWICE = "亚太绿色公共采购网召开首次会议。亚太绿色公共采购网由联合国环境规划署(UNEP)发起。"
FIRST = "The Asia Pacific Green Public Procurement Network held its first meeting. "


@pytest.mark.parametrize(
    "second",
    [
        "It was launched by the United Nations Environment Programme (UNEP).",
        "The network was launched by the United Nations Environment Programme (UNEP).",
        "The Asia Pacific Green Public Procurement Network was launched by UNEP.",
    ],
)
def test_second_mention_by_pronoun_head_noun_or_name(glossary: Glossary, second: str) -> None:
    assert check(glossary, ZH_TWICE, FIRST + second) == []


def test_second_mention_mistranslated(glossary: Glossary) -> None:
    found = check(glossary, ZH_TWICE, FIRST + "The Asian Ecolabelling Network was launched by UNEP.")
    assert only(found) == [("term-count", ERROR)]
    assert "2 times in the source, rendered 1 time" in found[0].message


def test_short_title_in_brackets_is_not_a_second_mention(glossary: Glossary) -> None:
    zh = "《电子电器产品全球采购指南》（简称《电子电器产品全球采购指南》）发布。"
    en = "The global procurement guidelines for electrical and electronic products (the “guidelines”) were published."
    assert [f for f in check(glossary, zh, en) if f.rule == "term-count"] == []


# A concept named by two of its Chinese terms (the full name, then the short form) is named twice.
ZH_CEC = "中环联合认证中心作为执行机构参加了会议。中环联合还受邀提出了评审意见。"
CEC_FIRST = (
    "The China Environmental United Certification Center took part in the meeting as the executing agency. "
)


def test_full_name_then_short_form_is_two_mentions(glossary: Glossary) -> None:
    found = check(glossary, ZH_CEC, CEC_FIRST + "EDC was also invited to submit review comments.")
    assert only(found) == [("term-count", ERROR)]
    assert "is named 2 times (中环联合认证中心, 中环联合) in the source, rendered 1 time" in found[0].message


@pytest.mark.parametrize(
    "second",
    [
        "The Center was also invited to submit review comments.",
        "It was also invited to submit review comments.",
        "CEC was also invited to submit review comments.",
    ],
)
def test_short_form_rendered_by_a_back_reference(glossary: Glossary, second: str) -> None:
    assert check(glossary, ZH_CEC, CEC_FIRST + second) == []


def test_short_form_in_brackets_or_inside_a_title_is_no_mention(glossary: Glossary) -> None:
    """联合国环境规划署（环境署）: the short form is defined, one mention. A variant inside a
    title is the title's wording (the English title need not hold the programme's name)."""
    en = "The United Nations Environment Programme (UNEP) published the report."
    assert check(glossary, "联合国环境规划署（环境署）发布了该报告。", en) == []
    zh = "2021年《可持续公共采购计划塑料指南》由可持续采购计划发布。"
    en = "Sustainable Public Procurement of Plastics was published in 2021 by the SPP Programme."
    assert [f for f in check(glossary, zh, en) if f.rule == "term-count"] == []


def test_this_as_a_pronoun_takes_its_it(glossary: Glossary) -> None:
    """这也成为… is rendered "It has become…": that "It" renders 这, not the second name."""
    zh = "这也已成为推行循环公共采购(CPP)行之有效的方式。有关循环公共采购（CPP）的相关标准可参照："
    first = "It has become an effective way to implement circular public procurement (CPP). "
    assert only(check(glossary, zh, first + "For the related GPP criteria, see:")) == [("term-count", ERROR)]
    assert check(glossary, zh, first + "For the related CPP criteria, see:") == []
    # 这项服务 is "this service", no pronoun: the "It" is free for the name
    zh = "这项服务推动了循环公共采购(CPP)。循环公共采购（CPP）的相关标准可参照："
    assert (
        check(glossary, zh, "The service promotes circular public procurement (CPP). Its criteria are at:")
        == []
    )


ZH_IGPN = "国际绿色采购网发布了报告。国际绿色采购网表示，各国政府有必要扩大绿色采购。"
IGPN_FIRST = "The International Green Purchasing Network published a report. "


@pytest.mark.parametrize(
    "second, wrong",
    [
        (
            "The Green Purchasing Alliance said that it is necessary for governments to scale up green purchasing.",
            True,
        ),
        ("The Green Purchasing Alliance said it was also essential to scale up green purchasing.", True),
        ("The Alliance said that it is expected that governments will scale up green purchasing.", True),
        ("It said that governments need to scale up green purchasing.", False),
        ("The network said that it is necessary for governments to scale up green purchasing.", False),
        ("It said that it is necessary for governments to scale up green purchasing.", False),
    ],
)
def test_an_it_standing_for_nothing_renders_no_mention(glossary: Glossary, second: str, wrong: bool) -> None:
    found = [f.rule for f in check(glossary, ZH_IGPN, IGPN_FIRST + second)]
    assert found == (["term-count"] if wrong else [])


@pytest.mark.parametrize(
    "second, wrong",
    [
        ("The meeting discussed the priority work of the Programme on Sustainable Lifestyles.", True),
        ("The meeting discussed the priority work of the Programme for the Endorsement of Forests.", True),
        ("The meeting discussed the Programme’s priority work.", False),
        ("The meeting discussed the priority work of the programme for 2024.", False),
        ("The meeting discussed the priority work of the Programme.", False),
    ],
)
def test_a_head_noun_beginning_another_name_is_that_name(
    glossary: Glossary, second: str, wrong: bool
) -> None:
    zh = "SPP计划联合领导机构召开了会议。会议交流了SPP计划的重点工作。"
    found = [f.rule for f in check(glossary, zh, "The co-leads of the SPP Programme met. " + second)]
    assert found == (["term-count"] if wrong else [])


@pytest.mark.parametrize(
    "zh, en, wrong",
    [
        (
            "亚太绿色公共采购网召开首次会议，讨论了亚太绿色公共采购网的工作计划。",
            "The Asia Pacific Green Public Procurement Network held its first meeting and discussed its workplan.",
            False,
        ),
        (
            "亚太绿色公共采购网召开首次会议，讨论了亚太绿色公共采购网的工作计划。",
            "The Asia Pacific Green Public Procurement Network held a first meeting and discussed the workplan "
            "of the Asian Ecolabelling Network.",
            True,
        ),
        (  # no possessor in the Chinese: "its report" is the English's own
            "国际绿色采购网发布了报告，并表示国际绿色采购网将继续推广绿色采购。",
            "The International Green Purchasing Network published its report and said that the Green "
            "Purchasing Alliance would continue to promote green purchasing.",
            True,
        ),
    ],
)
def test_its_renders_a_name_repeated_as_a_possessor(
    glossary: Glossary, zh: str, en: str, wrong: bool
) -> None:
    assert [f.rule for f in check(glossary, zh, en)] == (["term-count"] if wrong else [])


@pytest.mark.parametrize(
    "second, wrong",
    [
        ("The organization also made recommendations.", False),
        ("The body also made recommendations.", False),
        ("The Organization for Economic Co-operation and Development also made recommendations.", True),
        ("The programme also made recommendations.", True),  # no programme: an institute
    ],
)
def test_an_organization_is_the_organization(glossary: Glossary, second: str, wrong: bool) -> None:
    zh = "国际可持续发展研究所发布了该报告。国际可持续发展研究所还提出了相关建议。"
    en = "The International Institute for Sustainable Development published the report. " + second
    assert [f.rule for f in check(glossary, zh, en)] == (["term-count"] if wrong else [])


def test_the_latter_is_a_mention(glossary: Glossary) -> None:
    zh = "中环联合认证中心与国际绿色采购网共同举办了研讨会。国际绿色采购网介绍了成员的实践。"
    first = (
        "The China Environmental United Certification Center and the International Green Purchasing Network "
    )
    assert (
        check(glossary, zh, first + "held a joint seminar. The latter presented its members’ practices.")
        == []
    )
    wrong = first + "held a joint seminar. The Global Ecolabelling Network presented members’ practices."
    assert [f.rule for f in check(glossary, zh, wrong)] == ["term-count"]


def test_the_series_has_no_term_findings(glossary: Glossary) -> None:
    """The five translated bulletins are correct: the new rules and severities must not fire."""
    units = [u for p in sorted((ROOT / "target_en" / "po").glob("*.po")) for u in units_from_po(p, ROOT)]
    assert len(units) > 200
    rules = ["term-abbreviation", "term-count", "term-forbidden", "url-email"]
    assert run(units, glossary, Options(rules=rules)) == []
    assert [f for f in run(units, glossary, Options(rules=["term-missing"])) if f.severity == ERROR] == []


# -- e-mail addresses and URLs touching Chinese ---------------------------------------------------
def test_email_touching_chinese_is_read_without_the_chinese(glossary: Glossary) -> None:
    zh = "如需了解更多信息，请联系wangj@mepcec.com。"
    assert check(glossary, zh, "For more information, please contact wangj@mepcec.com.") == []
    found = check(glossary, zh, "For more information, please contact wang@mepcec.com.")
    assert only(found) == [("url-email", ERROR)]
    assert found[0].term == "wangj@mepcec.com"
    assert "联系" not in found[0].message


def test_url_touching_chinese_on_both_sides(glossary: Glossary) -> None:
    zh = "详情请访问www.oneplanetnetwork.org了解。"
    assert check(glossary, zh, "For details, visit www.oneplanetnetwork.org.") == []
    found = check(glossary, zh, "For details, visit www.oneplanet.org.")
    assert [f.term for f in found] == ["www.oneplanetnetwork.org"]


# -- every new text function terminates on any input ----------------------------------------------
FUZZ = settings(max_examples=150, deadline=1500, derandomize=True, database=None)
TEXT = st.text(st.sampled_from("ab SPP(BMUV)IenW 网采购，。the network it-'s"), max_size=300) | st.text(
    max_size=200
)


@FUZZ
@given(TEXT)
def test_content_words_and_head_terminate(text: str) -> None:
    with time_limit(1.0, "content_words"):
        words = terms.content_words(text)
        terms._head(text)
    assert all(w and w == w.lower() for w in words)


@FUZZ
@given(zh=TEXT, en=TEXT)
def test_new_rules_terminate_on_any_unit(glossary: Glossary, zh: str, en: str) -> None:
    with time_limit(2.0, "term rules"):
        found = check(glossary, zh, en, ["term-abbreviation", "term-count", "term-missing"])
    assert all(f.severity in (ERROR, WARNING) for f in found)
