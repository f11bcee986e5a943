"""The UN pack's first-use rule (issue 15/16) on real bulletin text: an abbreviation is spelt out
at its first use in the bulletin's reading order (headings count), with the abbreviation in
brackets, and introduced only once. Each case is a bulletin of its own: the units of an
independent revision's findings as translated (planted: the slips the reviser found) and as
revised (correct), with the repository's glossary."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.checks import first_use
from sppterm.checks.base import CheckUnit, Finding, Rule
from sppterm.checks.first_use import Abbreviations
from sppterm.checks.runner import Options, run
from sppterm.checks.style import load_file, pack_path
from sppterm.glossary import load_glossary
from sppterm.glossary.model import Glossary

from .conftest import ROOT


@cache
def _rule() -> Rule:
    return next(r for r in load_file(pack_path("un")) if r.id == "un-first-use")


@cache
def _glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


@cache
def _project() -> Path:
    """A project folder of one's own for the bulletins built here (source_zh/ID.md)."""
    return Path(tempfile.mkdtemp(prefix="sppterm-first-use-"))


def _bulletin(units: list[tuple[str, str]], whole: bool = True) -> list[CheckUnit]:
    """(role, English) units as the PO of a bulletin whose source (written under
    :func:`_project`) has one Chinese block per unit: a whole bulletin in reading order, or
    (``whole`` false) the same units where the source has one block more at its start."""
    root = _project()
    bid = f"2099-{len(units):02d}{'' if whole else 'x'}"
    blocks = [f"中文{i}" for i in range(len(units))]
    if not whole:
        blocks = ["前文", *blocks]  # an earlier paragraph the units do not hold
    source = root / "source_zh" / f"{bid}.md"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(f"---\nid: {bid}\ntitle: 简报\n---\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    po = root / "target_en" / "po" / f"{bid}.po"
    return [
        CheckUnit(
            str(po), 10 * (i + 1), f"中文{i}", en, role=role, bulletin=bid, source_ref=f"source_zh/{bid}.md"
        )
        for i, (role, en) in enumerate(units)
    ]


def _check(*units: tuple[str, str], whole: bool = True) -> list[Finding]:
    """(role, English) units of one bulletin, in reading order (the whole bulletin unless
    ``whole`` is false)."""
    cu = _bulletin(list(units), whole)
    return run(cu, _glossary(), Options(rules=["un-first-use"], styles=[_rule()]))


def _found(*units: tuple[str, str], whole: bool = True) -> list[tuple[int, str]]:
    return [(f.line, f.message.split("'")[1]) for f in _check(*units, whole=whole)]


P, H, A = "paragraph", "subheading", "article"
TENYFP = (
    P,
    "It stresses that the implementation of the 10-Year Framework of Programmes on Sustainable "
    "Consumption and Production Patterns (the “10YFP”), carried out by the One Planet network, "
    "should be stepped up.",
)


# -- headings count: the reading order is the bulletin's ----------------------------------------
def test_an_abbreviation_in_a_heading_before_it_is_spelt_out() -> None:
    planted = (H, "High-level ministerial declaration underlines the importance of the 10YFP")
    assert _found(planted, TENYFP) == [(10, "10YFP")]
    revised = (
        H,
        "High-level ministerial declaration underlines the importance of the 10-Year Framework of Programmes",
    )
    assert _found(revised, TENYFP) == []  # a heading may spell out without the brackets


def test_a_heading_may_introduce_and_the_text_introduce_again() -> None:
    body = (
        P,
        "A side event was held at the 27th Conference of the Parties (COP27) to the United Nations Framework Convention on Climate Change.",
    )
    heading = (A, "Side event at the UN climate change conference (COP27): using public procurement")
    assert _found(heading, body) == []
    assert [f.term for f in _check(heading, body, body)] == ["cop27 (twice)"]  # the text's once


def test_a_heading_abbreviation_inside_a_glossary_name_is_a_use() -> None:
    # 2025: the heading names the OECD forum and the 10YFP before the body spells them out
    body = (
        P,
        "The 10-Year Framework of Programmes (10YFP) took part in the Global Public Procurement Forum "
        "of the Organisation for Economic Co-operation and Development (OECD).",
    )
    planted = (
        A,
        "10YFP highlights the strategic role of public procurement at the OECD Global Public Procurement Forum",
    )
    assert _found(planted, body) == [(10, "10YFP"), (10, "OECD")]
    revised = (
        A,
        "10-Year Framework of Programmes highlights the strategic role of public procurement at the Global Public Procurement Forum",
    )
    assert _found(revised, body) == []


def test_a_recurring_section_heading_and_the_colophon_are_not_the_reading_order() -> None:
    assert (
        _found(
            ("section", "Latest from the SPP Programme"),
            (
                P,
                "The One Planet network Sustainable Public Procurement Programme (SPP Programme) organized it.",
            ),
            (
                "footer",
                "The bulletin is compiled by the China Environmental United Certification Center (CEC) "
                "from public information published by the One Planet network (www.oneplanetnetwork.org).",
            ),
            (P, "The China Environmental United Certification Center (CEC) was invited to review it."),
        )
        == []
    )


# -- never spelt out: glossary names and letter-and-figure abbreviations -------------------------
def test_an_abbreviation_never_spelt_out_inside_a_project_name() -> None:
    planted = (
        P,
        "CEC took part in the Global Environment Facility (GEF) project on Global Best Practices on "
        "Emerging Chemical Policy Issues of Concern under SAICM.",
    )
    found = _found(planted)
    assert (10, "SAICM") in found
    revised = (
        P,
        "The Global Environment Facility (GEF) project on Global Best Practices on Emerging Chemical "
        "Policy Issues of Concern under the Strategic Approach to International Chemicals Management (SAICM).",
    )
    assert _found(revised) == []
    # the project's own title keeps "under SAICM": the full name follows it in brackets
    kept = (
        P,
        planted[1]
        .replace("CEC took", "The Centre took")
        .replace(
            "under SAICM.", "under SAICM (the Strategic Approach to International Chemicals Management)."
        ),
    )
    assert _found(kept) == []


def test_g20_is_an_abbreviation_too() -> None:
    planted = (P, "On 22 July, the G20 Environment Ministers' Meeting issued a communiqué.")
    assert _found(planted) == [(10, "G20")]
    revised = (
        P,
        "On 22 July, the Environment Ministers' Meeting of the Group of Twenty (G20) issued a communiqué.",
    )
    assert _found(revised) == []


def test_sdg_inside_an_indicator_name_is_a_use() -> None:
    planted = (
        P,
        "The Western Cape Government took part in the pilot reporting on SDG indicator 12.7.1 (2020–2021).",
    )
    assert _found(planted) == [(10, "SDG")]
    revised = (
        P,
        "It took part in the pilot reporting on Sustainable Development Goal indicator 12.7.1 (2020–2021).",
    )
    assert _found(revised) == []


def test_a_lower_case_term_inside_a_name_is_wording_not_a_use() -> None:
    # ICT in the Pact's own name, SCP in a published title: the name's words, not abbreviations
    # the reader has to look up (their full forms are common terms, not names)
    assert (
        _found(
            (A, "Circular and Fair ICT Pact mini-guide"),
            (
                P,
                "The Circular and Fair ICT Pact (CFIT, the “Pact”) works towards a circular future for the "
                "information and communication technology (ICT) sector.",
            ),
            (
                P,
                "Green Purchasing Network – A Landscape of Practice to Achieve SCP was compiled by the secretariat.",
            ),
        )
        == []
    )
    assert _found((H, "Tackling food system challenges to advance SCP in Thailand and Cambodia")) == [
        (10, "SCP")
    ]


# -- spelt out without the abbreviation, introduced twice ----------------------------------------
def test_a_name_spelt_out_earlier_without_its_abbreviation() -> None:
    planted = (
        P,
        "Unlocking and Scaling Climate Solutions in Food Systems, an assessment of nationally determined "
        "contributions prepared jointly by Climate Focus and WWF, shows that although 93 per cent of updated "
        "nationally determined contributions (NDCs) now address the impacts of food systems, up from 79 per "
        "cent of earlier NDCs, most do not cover them.",
    )
    assert _found(planted) == [(10, "NDCs")]
    revised = (
        P,
        planted[1]
        .replace(
            "nationally determined contributions prepared",
            "nationally determined contributions (NDCs) prepared",
        )
        .replace("updated nationally determined contributions (NDCs)", "updated NDCs"),
    )
    assert _found(revised) == []


def test_a_numbered_name_before_the_introduction_is_no_earlier_spelling() -> None:
    revised = (
        P,
        "A side event reviewed progress on Sustainable Development Goal 12 on “sustainable consumption and "
        "production patterns” and Goal 13 on “climate action”, and the links between these two goals and the "
        "other Sustainable Development Goals (SDGs), in particular SDG 17 on “global cooperation”.",
    )
    assert _found(revised) == []


def test_unep_used_after_being_spelt_out_without_its_abbreviation() -> None:
    # 2021-03: the full name twice without (UNEP), then "UNEP Economy Division" before "(UNEP)"
    early = (
        P,
        "The guidance, prepared with the support of the United Nations Environment Programme, makes recommendations.",
    )
    late = (
        P,
        "The network was founded by the UNEP Economy Division with the United Nations Environment "
        "Programme (UNEP).",
    )
    found = _check(early, late)
    assert [(f.line, f.term) for f in found] == [(20, "unep")]
    assert "line 10" in found[0].message  # where it was spelt out without the brackets
    fixed = (P, early[1].replace("Programme,", "Programme (UNEP),"))
    assert _found(fixed, (P, "The network was founded by the UNEP Economy Division.")) == []


def test_spp_programme_is_one_abbreviation() -> None:
    # 2024-02: spelt out without the abbreviation, then used, then introduced
    assert _found(
        (P, "The co-leads of the One Planet network’s Sustainable Public Procurement Programme met."),
        (
            P,
            "The project strengthens the synergies between the One Planet network’s SPP Programme and its "
            "Sustainable Food Systems Programme.",
        ),
    ) == [(20, "SPP Programme")]
    assert (
        _found(
            (
                P,
                "The co-leads of the One Planet network’s Sustainable Public Procurement Programme (SPP Programme) met.",
            ),
            (
                P,
                "The project strengthens the synergies between the One Planet network’s SPP Programme and its others.",
            ),
        )
        == []
    )


@pytest.mark.parametrize(
    "planted, revised, abbr",
    [
        (
            "This is an effective way to implement circular public procurement (CPP). For the related circular "
            "public procurement (CPP) criteria, see the guide.",
            "This is an effective way to implement circular public procurement (CPP). For the related CPP "
            "criteria, see the guide.",
            "CPP",
        ),
        (
            "The report on digital public infrastructure (DPI) was launched. It finds gaps in how digital "
            "public infrastructure (DPI) helps information to flow.",
            "The report on digital public infrastructure (DPI) was launched. It finds gaps in how DPI helps "
            "information to flow.",
            "DPI",
        ),
    ],
)
def test_introduced_twice(planted: str, revised: str, abbr: str) -> None:
    found = _check((P, planted))
    assert [(f.line, f.term) for f in found] == [(10, f"{abbr.lower()} (twice)")]
    assert "introduced" in found[0].message and abbr in found[0].message
    assert _found((P, revised)) == []


def test_introduced_again_in_a_later_article() -> None:
    first = (
        P,
        "Monitoring Progress in Green Public Procurement, published by the International Institute for Sustainable Development (IISD).",
    )
    again = (
        P,
        "A feasibility study published by the International Institute for Sustainable Development (IISD) shows it.",
    )
    assert [f.term for f in _check(first, again)] == ["iisd (twice)"]
    assert _found(first, (P, "A feasibility study published by IISD shows it.")) == []


# -- what stays exempt ----------------------------------------------------------------------------
def test_names_that_spell_themselves_out_and_known_abbreviations() -> None:
    assert (
        _found(
            (P, "ICLEI – Local Governments for Sustainability attended the forum, with WWF."),
            (P, "It advances the Sustainable Development Goals (SDGs)."),
            (P, "GO4SDGs – Global Opportunities for SDGs"),
            (P, "The Global Opportunities for SDGs (GO4SDGs) initiative accelerates the SDGs."),
            (
                P,
                "UN agencies and the EU spent USD 2 million on COVID-19 recovery; see www.oneplanetnetwork.org/SPP.",
            ),
            (P, "Labels such as ENERGY STAR and the CO2 Performance Ladder."),
        )
        == []
    )


@settings(max_examples=200, deadline=2000)
@given(st.lists(st.tuples(st.sampled_from([P, H, A, "section", "footer"]), st.text(max_size=60)), max_size=6))
def test_any_text_terminates(units: list[tuple[str, str]]) -> None:
    alphabet_units = [(r, t + " (SDG) SPP Programme UNEP (") for r, t in units]
    for f in _check(*alphabet_units):
        assert f.rule == "un-first-use" and f.line % 10 == 0


# -- a whole bulletin or not (issue 11, round 3) --------------------------------------------------
def test_the_series_po_files_are_whole_bulletins() -> None:
    """Each translated bulletin's PO, read as `sppterm check` reads it, is its source's Chinese
    blocks in order; a cut-down or reordered copy of it, or a unit alone, is not."""
    from sppterm.checks.first_use import whole_bulletin
    from sppterm.checks.runner import units_from_po

    pos = sorted((ROOT / "target_en" / "po").glob("*.po"))
    assert pos
    for po in pos:
        units = units_from_po(po, ROOT)
        assert whole_bulletin(units), po.name
        assert not whole_bulletin(units[1:]), po.name  # the first unit missing
        assert not whole_bulletin([units[1], units[0], *units[2:]]), po.name  # out of order
        assert not whole_bulletin(units[3:4]), po.name  # a unit alone
        assert not whole_bulletin(
            [CheckUnit(u.path, u.line, u.key, u.target) for u in units]
        )  # no references


def test_a_unit_alone_reports_no_abbreviation_it_may_have_met_before() -> None:
    """The blind set's isolated units: not a whole bulletin, so an abbreviation the units never
    spell out may have been spelt out earlier. A use before the units' own introduction, and a
    second introduction, are slips whatever came before."""
    alone = (
        P,
        "The network was launched by UNEP and the Korea Environmental Industry & Technology Institute.",
    )
    assert _found(alone) == [(10, "UNEP")]  # the whole bulletin: never spelt out
    assert _found(alone, whole=False) == []
    before = (
        P,
        "An officer of the UNEP Economy Division chaired it. The network was launched by the United "
        "Nations Environment Programme (UNEP).",
    )
    assert _found(before, whole=False) == [(10, "UNEP")]
    twice = (
        P,
        "circular public procurement (CPP) and the related circular public procurement (CPP) criteria",
    )
    assert [m for _, m in _found(twice, whole=False)] == ["CPP"]
    # a heading using it, the text introducing it later: still a slip in a partial bulletin
    heading = (H, "High-level ministerial declaration underlines the importance of the 10YFP")
    assert _found(heading, TENYFP, whole=False) == [(10, "10YFP")]
    assert _found(heading, whole=False) == []


def test_the_series_units_alone_report_nothing_they_cannot_know() -> None:
    """The 2021-03 bulletin's units, each checked alone as the blind set checks them: read as
    whole bulletins of one unit they would give "used before it is spelt out" slips (it was
    spelt out in an earlier unit); read as what they are, a part of a bulletin, they give none,
    as the whole PO gives none."""
    from sppterm.checks.runner import units_from_po

    units = [u for u in units_from_po(ROOT / "target_en" / "po" / "2021-03.po", ROOT) if u.target]
    opts = Options(rules=["un-first-use"], styles=[_rule()])
    assert run(units, _glossary(), opts) == []
    as_whole = [f for u in units for f in _check((u.role, u.target or ""))]
    assert len(as_whole) >= 5
    assert all("used before it is spelt out" in f.message for f in as_whole)
    assert [f for u in units for f in _check((u.role, u.target or ""), whole=False)] == []


# -- the third blind evaluation (issue 11, round 4) ----------------------------------------------
def test_a_name_that_always_holds_the_abbreviation_is_no_first_use() -> None:
    """The meeting has no English name without G20: its G20 is the name's wording, so the
    Group of Twenty spelt out after it is the first use; never spelt out, it stays a slip. The
    UNEP Economy Division has a name without UNEP: the reviser's slip stays."""
    meeting = (P, "On 22 July, the G20 Environment Ministers’ Meeting issued a communiqué.")
    later = (P, "It reaffirmed the commitment of the Group of Twenty (G20) to sustainable consumption.")
    assert _found(meeting, later) == []
    assert _found(meeting) == [(10, "G20")]  # never spelt out in the bulletin
    assert _found(meeting, later, whole=False) == []
    division = (P, "The meeting was chaired by the UNEP Economy Division.")
    unep = (P, "The network was launched by the United Nations Environment Programme (UNEP).")
    assert _found(division, unep) == [(10, "UNEP")]


def test_a_full_name_in_a_title_spells_it_out_but_is_no_spelling_without_brackets() -> None:
    titles = [
        "*Consumer Information and Protection and Multilateral Environmental Agreements*",
        "“Consumer information and protection and multilateral environmental agreements”",
        "Consumer information and protection and multilateral environmental agreements: pathways for "
        "policy integration",  # the glossary's title, unmarked
    ]
    for title in titles:
        brochure = (P, f"The brochure {title} was published last year.")
        assert _found(brochure, (P, "It covers selected MEAs.")) == [], title
        introduced = (P, "It covers selected multilateral environmental agreements (MEAs).")
        assert _found(brochure, introduced) == [], title
    # in running text the full name without brackets is still a late introduction
    plain = (P, "It covers the implementation of multilateral environmental agreements.")
    assert [
        f.term for f in _check(plain, (P, "Many multilateral environmental agreements (MEAs) agree."))
    ] == ["meas"]


def test_a_numbered_name_spelt_out_is_no_second_introduction() -> None:
    unit = (
        P,
        "It is essential to achieving the Sustainable Development Goals (SDGs), in particular "
        "Sustainable Development Goal 12 (SDG 12).",
    )
    assert _found(unit) == []
    assert [f.term for f in _check(unit, (P, "the Sustainable Development Goals (SDGs) again"))] == [
        "sdg (twice)"
    ]


_PIECES = st.lists(
    st.sampled_from(
        [
            *"*_“” ()<>/i:",
            "G20 Environment Ministers’ Meeting",
            "Group of Twenty (G20)",
            "(SDG 12)",
            " MEAs ",
            "multilateral environmental agreements",
            "<i>",
            "</i>",
            "Sustainable Development Goal 12",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=2000)
@given(st.lists(st.tuples(st.sampled_from([P, H, A]), _PIECES), min_size=1, max_size=4))
def test_names_titles_and_numbered_names_terminate(units: list[tuple[str, str]]) -> None:
    for f in _check(*units):
        assert f.rule == "un-first-use"


def _names_holding_by_substrings(abbrs: Abbreviations, glossary: Glossary) -> tuple[dict, dict]:
    """The substring-test version _names_holding replaced (0.2 s a run): the oracle of its scans."""
    import regex

    from sppterm.checks.first_use import _loose

    bound: dict[str, list[str]] = {}
    holders: dict[str, set[str]] = {}
    for c in glossary:
        accepted = [t.text for t in c.terms if t.lang == "en" and t.status.accepted]
        if not accepted:
            continue
        for a, exps in abbrs.expansions.items():
            if a in c.abbr:
                continue
            if all(a in f for f in accepted) and any(f != a for f in accepted):
                word = regex.compile(rf"(?<!\w){regex.escape(a)}(?!\w)")
                if all(word.search(f) for f in accepted):
                    bound.setdefault(a, []).extend(_loose(f).pattern for f in accepted)
            for f in accepted:
                low = f.lower()
                if any(len(e) > 3 and e.lower() in low and e.lower() != low for e in exps):
                    holders.setdefault(a, set()).add(f)
    return bound, holders


def test_names_holding_scans_agree_with_substring_tests() -> None:
    from sppterm.glossary.model import Concept, Status, Term

    extra = [  # names holding an abbreviation, and a title holding a full name in other case
        Concept("x-g20", "event", [Term("G20 Environment Ministers' Meeting", "en", Status.PREFERRED)]),
        Concept(
            "x-title",
            "publication",
            [Term("Guide to Sustainable Public Procurement in Asia", "en", Status.PREFERRED)],
        ),
    ]
    for glossary in (_glossary(), Glossary([*_glossary(), *extra])):
        abbrs = Abbreviations.of(glossary)
        bound, holders = _names_holding_by_substrings(abbrs, glossary)
        assert {a: [p.pattern for p in ps] for a, ps in abbrs.bound.items()} == bound
        assert set(abbrs.holders) == set(holders)
        for a, forms in holders.items():
            assert all(abbrs.holders[a].search(f) for f in forms)
        assert bound and holders  # the real glossary has both kinds


def test_a_source_parsed_by_the_run_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """whole_bulletin reuses the blocks runner.units_from_md parsed, while the file is unchanged."""
    from sppterm.checks import first_use
    from sppterm.checks.runner import units_from_md

    src = tmp_path / "2023.md"
    src.write_text((ROOT / "source_zh" / "2023.md").read_text("utf-8"), "utf-8")
    first_use._SOURCES.clear()
    units = units_from_md(src)
    parsed = first_use.source_chinese(src)
    assert parsed == [t for t in dict.fromkeys(u.key for u in units) if first_use.has_cjk(t)]
    calls: list[str] = []
    real = first_use.parse_text
    monkeypatch.setattr(first_use, "parse_text", lambda text, where: calls.append(where) or real(text, where))
    assert first_use.source_chinese(src) == parsed and calls == []
    src.write_text(src.read_text("utf-8").replace("\n\n", "\n\n新段落。\n\n", 1), "utf-8")  # changed since
    changed = first_use.source_chinese(src)
    assert calls == [str(src)] and changed != parsed and "新段落。" in changed
    monkeypatch.setenv("SPPTERM_SLOW_PATH", "1")
    assert first_use.source_chinese(src) == changed and len(calls) == 2  # no memo on the slow path


def test_holds_word_is_the_word_pattern() -> None:
    import regex

    for text, word in [
        ("G20 Environment Ministers", "G20"),
        ("the G20s", "G20"),
        ("xG20", "G20"),
        ("SPP Programme", "SPP"),
        ("SPP-Programme", "SPP"),
        ("(UNEP)", "UNEP"),
        ("UNEP_x", "UNEP"),
        ("café", "caf"),
        ("UNEP UNEPx UNEP", "UNEP"),
        ("UNEPx UNEP", "UNEP"),
        ("", "A"),
        ("A", ""),
    ]:
        expected = regex.search(rf"(?<!\w){regex.escape(word)}(?!\w)", text) is not None
        assert first_use.holds_word(text, word) is expected, (text, word)
