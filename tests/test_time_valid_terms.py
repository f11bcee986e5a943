"""Terms valid in time (issue 17, point 4): valid_from / valid_until on glossary terms, each
bulletin's date, the checks using the terms valid then, glossary lint on the intervals, the
glossary cache and the exports carrying the fields.

The real cases are the glossary's own: the Dutch ministry renamed on 26 October 2017
(荷兰基础设施与环境部 / Ministry of Infrastructure and the Environment → Infrastructure and Water
Management) and "UN Environment", UNEP's brand of 2017–2019. The series' bulletins are all
later, so an "old bulletin" is a copy of 2021-03 whose front matter says 2016.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.bulletin.dates import period_of, read_periods
from sppterm.checks.base import CheckUnit
from sppterm.checks.runner import Options, run
from sppterm.errors import InputError
from sppterm.glossary import cache as glossary_cache
from sppterm.glossary import load_glossary
from sppterm.glossary.exports import tbx
from sppterm.glossary.lint import lint
from sppterm.glossary.model import Concept, Status, Term
from sppterm.glossary.validity import (
    ALWAYS,
    Timeline,
    dated_note,
    dated_view,
    out_of_time,
    status_now,
    used_when,
)

from .conftest import ROOT, sppterm

OLD_EN = "Ministry of Infrastructure and the Environment"
NEW_EN = "Netherlands Ministry of Infrastructure and Water Management"
OLD_ZH = "荷兰基础设施与环境部"
UNIT_ZH = "该指南由SPP计划联合领导机构荷兰基础设施与环境部牵头。"  # the end of 2021-03.md:65


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT / "glossary", cache_dir=False)


def year(y: int) -> tuple[datetime.date, datetime.date]:
    return (datetime.date(y, 1, 1), datetime.date(y, 12, 31))


# -- the bulletins' dates --------------------------------------------------------------------
def test_every_bulletin_of_the_series_has_a_date() -> None:
    periods = read_periods(ROOT / "source_zh")
    ids = sorted(p.stem for p in (ROOT / "source_zh").glob("*.md") if p.name != "README.md")
    assert sorted(periods) == ids
    # 2023 and 2025 print no year: the hints record it (year_note), the front matter carries it.
    assert periods["2023"] == year(2023) and periods["2025"] == year(2025)
    assert periods["2021-03"] == year(2021)


def test_period_of_front_matter() -> None:
    day = datetime.date(2022, 10, 18)
    assert period_of("2022-04", {"date": day, "year": 2022}) == (day, day)  # a printed date wins
    assert period_of("2022-04", {"date": "2022-10-18"}) == (day, day)
    assert period_of("2022-04", {}) == year(2022)  # no year: the id's
    assert period_of("2022-04", {"year": None}) == year(2022)
    assert period_of("special", {}) is None


# -- the glossary's real cases ----------------------------------------------------------------
def test_real_cases_resolve_at_their_dates(glossary) -> None:
    tl = Timeline(read_periods(ROOT / "source_zh"))
    ienw, unep = glossary.get("ienw"), glossary.get("unep")
    old_en = next(t for t in ienw.terms if t.text == OLD_EN)
    brand = next(t for t in unep.terms if t.text == "UN Environment")
    assert old_en.declared is Status.PREFERRED and old_en.status is Status.DEPRECATED  # today
    assert tl.status(old_en, year(2016)) is Status.PREFERRED
    assert tl.status(old_en, year(2017)) is Status.PREFERRED  # renamed in October: the year has both
    assert tl.status(old_en, year(2018)) is Status.DEPRECATED
    assert tl.preferred(ienw, "en", year(2016)).text == OLD_EN
    assert tl.preferred(ienw, "en", year(2021)).text == NEW_EN
    assert tl.preferred(ienw, "zh", year(2016)).text == OLD_ZH
    assert ienw.en == NEW_EN and ienw.zh == "荷兰基础设施和水资源管理部"  # undated: today's names
    assert [tl.status(brand, year(y)) for y in (2016, 2018, 2020)] == [
        Status.DEPRECATED,
        Status.ADMITTED,
        Status.DEPRECATED,
    ]
    # The evidence is recorded with the concepts.
    assert "26 October 2017" in ienw.note and any("Rutte III" in a for a in ienw.attested)
    assert any("2017–2019" in a for a in unep.attested)


def unit(zh: str, en: str, bulletin: str) -> CheckUnit:
    return CheckUnit("x.po", 1, zh, en, bulletin=bulletin)


@pytest.mark.parametrize(
    ("when", "english", "expected"),
    [
        (2016, f"The guide is led by the {OLD_EN}, a co-lead of the SPP Programme.", []),
        (2021, f"The guide is led by the {OLD_EN}, a co-lead of the SPP Programme.", ["term-forbidden"]),
        (2021, f"The guide is led by the {NEW_EN}, a co-lead of the SPP Programme.", []),
        (2016, f"The guide is led by the {NEW_EN}, a co-lead of the SPP Programme.", ["term-forbidden"]),
        (None, f"The guide is led by the {OLD_EN}, a co-lead of the SPP Programme.", ["term-forbidden"]),
    ],
)
def test_term_rules_use_the_terms_valid_at_the_bulletin(glossary, when, english, expected) -> None:
    dates = {"b": year(when)} if when else {}
    rules = ["term-missing", "term-forbidden", "term-count", "source-variant"]
    found = run([unit(UNIT_ZH, english, "b")], glossary, Options(rules=rules, dates=dates))
    assert sorted({f.rule for f in found if f.rule != "source-variant"}) == expected
    # The Chinese: the old name is the name in 2016, a deprecated one (a source-variant) after.
    variants = [f for f in found if f.rule == "source-variant"]
    assert bool(variants) == (when != 2016)


def test_flagged_old_name_names_its_validity_and_replacement(glossary) -> None:
    en = f"The guide is led by the {OLD_EN}."
    found = run(
        [unit(UNIT_ZH, en, "2021-03")],
        glossary,
        Options(rules=["term-forbidden"], dates={"2021-03": year(2021)}),
    )
    (f,) = found
    assert f.message == f"'{OLD_EN}' was used until 25 October 2017; since 26 October 2017: '{NEW_EN}'"
    assert f.suggestion == NEW_EN
    # In an old bulletin the replacement of the new name is the old one.
    found = run(
        [unit(UNIT_ZH, f"The guide is led by the {NEW_EN}.", "2016")],
        glossary,
        Options(rules=["term-forbidden"], dates={"2016": year(2016)}),
    )
    (f,) = found
    assert f.message == f"'{NEW_EN}' is used only from 26 October 2017; until then: '{OLD_EN}'"
    assert f.suggestion == OLD_EN


def test_un_environment_by_year(glossary) -> None:
    zh, en = "联合国环境规划署发布了这份报告。", "UN Environment released the report."
    for y, rules in ((2018, []), (2021, ["term-forbidden"]), (2015, ["term-forbidden"])):
        found = run(
            [unit(zh, en, "b")],
            glossary,
            Options(rules=["term-missing", "term-forbidden"], dates={"b": year(y)}),
        )
        assert [f.rule for f in found] == rules, y


# -- the real series: a copy of a PO file, old and new ------------------------------------------
def _copy_project(tmp_path: Path) -> Path:
    for d in ("glossary", "source_zh"):
        shutil.copytree(ROOT / d, tmp_path / d)
    (tmp_path / "target_en" / "po").mkdir(parents=True)
    shutil.copy(ROOT / "target_en" / "po" / "2021-03.po", tmp_path / "target_en" / "po")
    (tmp_path / "pyproject.toml").write_text("[tool.sppterm]\n", "utf-8")
    return tmp_path


def _old_name_in_po(po_path: Path) -> int:
    """Put the ministry's old English name in the unit of 2021-03.md:65; its msgid line."""
    lines = po_path.read_text("utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("msgid ") and UNIT_ZH in line)
    assert lines[n + 1].startswith("msgstr ") and f"the {NEW_EN}" in lines[n + 1]
    lines[n + 1] = lines[n + 1].replace(f"the {NEW_EN}", f"the {OLD_EN}")
    po_path.write_text("\n".join(lines), "utf-8")
    assert polib.pofile(str(po_path)).percent_translated() > 0  # still a PO file
    return n + 1


def _findings(root: Path) -> list[dict]:
    out = root / "report.json"
    paths = [str(root / "target_en" / "po" / "2021-03.po"), str(root / "source_zh" / "2021-03.md")]
    r = sppterm(root, "check", "--format", "json", "-o", str(out), *paths)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(out.read_text("utf-8"))["findings"]


def test_old_name_accepted_in_an_old_bulletin_flagged_in_a_new_one(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    po = root / "target_en" / "po" / "2021-03.po"
    line = _old_name_in_po(po)

    def on_unit(fs: list[dict]) -> list[dict]:
        return [
            f for f in fs if f["path"] == "target_en/po/2021-03.po" and f.get("unit_line", f["line"]) == line
        ]

    new = _findings(root)  # 2021-03 as it is: after the renaming
    flagged = [f for f in on_unit(new) if f["rule"] == "term-forbidden"]
    assert len(flagged) == 1 and OLD_EN in flagged[0]["message"]
    assert (
        "was used until 25 October 2017; since" in flagged[0]["message"] and flagged[0]["severity"] == "error"
    )

    md = root / "source_zh" / "2021-03.md"
    md.write_text(re.sub(r"(?m)^year: 2021$", "year: 2016", md.read_text("utf-8"), count=1), "utf-8")
    old = _findings(root)
    assert [f for f in on_unit(old) if f["rule"].startswith("term-")] == []
    # ...and the Chinese old name is no variant in 2016 (source_zh/2021-03.md:65).
    assert not [
        f
        for f in old
        if f["rule"] == "source-variant" and f["path"] == "source_zh/2021-03.md" and f["line"] == 65
    ]
    assert [
        f
        for f in new
        if f["rule"] == "source-variant" and f["path"] == "source_zh/2021-03.md" and f["line"] == 65
    ]


def test_series_stays_clean_and_only_the_messages_of_dated_terms_say_so() -> None:
    r = sppterm(ROOT, "check", "--format", "json")
    assert r.returncode == 0, r.stdout[-2000:]
    found = json.loads(r.stdout)["findings"]
    dated = [f for f in found if " was used " in f["message"]]
    assert dated and all(OLD_ZH in f["message"] and f["rule"] == "source-variant" for f in dated)


# -- glossary lint on crafted glossaries ------------------------------------------------------------
def _glossary(tmp_path: Path, en: str, zh: str = "{preferred: 甲部}") -> Path:
    d = tmp_path / "g"
    d.mkdir(exist_ok=True)
    (d / "g.yaml").write_text(
        f"concepts:\n  - id: ministry\n    type: organisation\n    zh: {zh}\n    en:\n{en}", "utf-8"
    )
    return d


LINT_CASES = [
    (  # the real shape: a clean hand-over
        "      preferred:\n        - {term: New Name, valid_from: 2017-10-26}\n"
        "        - {term: Old Name, valid_until: 2017-10-25}\n",
        [],
    ),
    (  # overlap of a day
        "      preferred:\n        - {term: New Name, valid_from: 2017-10-25}\n"
        "        - {term: Old Name, valid_until: 2017-10-25}\n",
        [("preferred-overlap", "valid on 2017-10-25")],
    ),
    (  # two preferred without validity
        "      preferred: [New Name, Old Name]\n",
        [("preferred-overlap", "valid at every date")],
    ),
    (  # a gap
        "      preferred:\n        - {term: New Name, valid_from: 2018-01-01}\n"
        "        - {term: Old Name, valid_until: 2017-10-25}\n",
        [("preferred-gap", "from 2017-10-26 to 2017-12-31")],
    ),
    (  # no preferred term now
        "      preferred: [{term: Old Name, valid_until: 2017-10-25}]\n",
        [("no-preferred", "no preferred en term")],
    ),
    (  # from after until
        "      preferred: New Name\n      admitted: [{term: Brand, valid_from: 2019-12-31, valid_until: 2017-01-01}]\n",
        [("validity-order", "the interval is empty")],
    ),
    (  # a bulletin that does not exist, a date that does not exist
        "      preferred: New Name\n      admitted:\n        - {term: Brand, valid_from: 2016-02, valid_until: '2019-02-30'}\n",
        [("validity-bound", "'2016-02' is neither"), ("validity-bound", "'2019-02-30' is no real date")],
    ),
    (  # bulletin ids as bounds: the ends of the bulletins' years
        "      preferred:\n        - {term: New Name, valid_from: '2022-04'}\n"
        "        - {term: Old Name, valid_until: 2021-03}\n",
        [],
    ),
    (  # validity on a deprecated term
        "      preferred: New Name\n      deprecated: [{term: Old Name, valid_until: 2017-10-25}]\n",
        [("validity-status", "changes nothing")],
    ),
]


@pytest.mark.parametrize(("en", "expected"), LINT_CASES)
def test_lint_checks_the_intervals(tmp_path: Path, en: str, expected: list[tuple[str, str]]) -> None:
    g = load_glossary(_glossary(tmp_path, en), cache_dir=False)
    dates = {"2021-03": year(2021), "2022-04": year(2022)}
    found = [f for f in lint(g, [], dates) if f.severity != "info"]
    assert [(f.rule, any(m in f.message for m in [e[1] for e in expected])) for f in found] == [
        (r, True) for r, _ in expected
    ], [str(f) for f in found]


def test_lint_gap_between_bulletins(tmp_path: Path) -> None:
    en = (
        "      preferred:\n        - {term: New Name, valid_from: '2024-02'}\n"
        "        - {term: Old Name, valid_until: 2021-03}\n"
    )
    g = load_glossary(_glossary(tmp_path, en), cache_dir=False)
    (f,) = [f for f in lint(g, [], read_periods(ROOT / "source_zh")) if f.severity != "info"]
    assert f.rule == "preferred-gap" and "from 2022-01-01 to 2023-12-31" in f.message
    assert f.line == 7  # the later term's line in g.yaml


def test_lint_command_on_a_bad_glossary(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    path = root / "glossary" / "organisations.yaml"
    text = path.read_text("utf-8")
    assert "{term: Ministry of Infrastructure and the Environment, valid_until: '2017-10-25'}" in text
    path.write_text(text.replace("valid_until: '2017-10-25'}", "valid_until: 2019-01}", 1), "utf-8")
    r = sppterm(root, "glossary", "lint")
    assert r.returncode == 1
    assert re.search(
        r"glossary/organisations\.yaml:\d+: error: validity-bound: .*'2019-01' is neither", r.stdout
    )


# -- loading: schema, YAML dates, the cache -------------------------------------------------------
def test_unquoted_yaml_dates_and_numbers_are_bounds(tmp_path: Path) -> None:
    en = "      preferred: New Name\n      admitted: [{term: Brand, valid_from: 2017-01-01, valid_until: 2023}]\n"
    g = load_glossary(_glossary(tmp_path, en), cache_dir=False)
    brand = next(t for t in g.get("ministry").terms if t.text == "Brand")
    assert (brand.valid_from, brand.valid_until) == ("2017-01-01", "2023")


def test_schema_refuses_a_bad_bound_with_file_and_line(tmp_path: Path) -> None:
    en = "      preferred: New Name\n      admitted: [{term: Brand, valid_from: From 2017}]\n"
    with pytest.raises(InputError) as e:
        load_glossary(_glossary(tmp_path, en), cache_dir=False)
    (p,) = e.value.problems
    assert p.path.endswith("g.yaml") and p.line == 7 and "valid_from" in p.message


def test_cache_keeps_the_fields_and_a_change_of_validity_is_a_miss(tmp_path: Path) -> None:
    where = tmp_path / "cache"
    d = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", d)
    cold = load_glossary(d, cache_dir=where)
    assert len(list(where.glob("glossary-*.bin"))) == 1
    warm = load_glossary(d, cache_dir=where)
    assert [c.terms for c in warm] == [c.terms for c in cold]
    assert [c.terms for c in cold] == [c.terms for c in load_glossary(d, cache_dir=False)]
    old = next(t for t in warm.get("ienw").terms if t.text == OLD_EN)
    assert (old.valid_until, old.valid_status, old.status) == (
        "2017-10-25",
        Status.PREFERRED,
        Status.DEPRECATED,
    )
    f = d / "organisations.yaml"
    f.write_text(
        f.read_text("utf-8").replace("valid_until: '2017-10-25'}", "valid_until: 2017-10-24}", 1), "utf-8"
    )
    changed = load_glossary(d, cache_dir=where)
    assert next(t for t in changed.get("ienw").terms if t.text == OLD_EN).valid_until == "2017-10-24"
    assert len(list(where.glob("glossary-*.bin"))) == 2
    assert glossary_cache.FORMAT >= 2


# -- exports ------------------------------------------------------------------------------------
def test_tbx_carries_the_validity(glossary) -> None:
    from lxml import etree

    for style in ("basic", "martif"):
        root = etree.fromstring(tbx(glossary, style))
        sec = next(t.getparent() for t in root.iter("{*}term", "term") if t.text == OLD_EN)
        status = next(
            n.text for n in sec.iter("{*}termNote", "termNote") if n.get("type") == "administrativeStatus"
        )
        notes = [n.text for n in sec.iter("{*}note", "note")]
        assert status == "deprecatedTerm-admn-sts", style  # today's status, what a CAT tool shows
        assert notes == ["valid until 2017-10-25 (preferred while valid)"], style
        brand = next(t.getparent() for t in root.iter("{*}term", "term") if t.text == "UN Environment")
        assert "valid from 2017-01-01 to 2019-12-31 (admitted while valid)" in [
            n.text for n in brand.iter("{*}note", "note")
        ]


# -- termination on any input ---------------------------------------------------------------------


@settings(deadline=200, max_examples=300)
@given(st.text(max_size=40), st.text(max_size=12))
def test_bounds_and_periods_terminate(bound: str, bid: str) -> None:
    from sppterm.glossary.validity import looks_like_date, parse_date

    day = parse_date(bound)
    assert day is None or (looks_like_date(bound) and day.isoformat() == bound)
    tl = Timeline({bid: year(2021)})
    assert tl.bound(bound, True) in (None, day, datetime.date(2021, 12, 31))
    got = period_of(bid, {"date": bound})
    assert got is None or got[0] <= got[1]


# -- the dated glossary view: PO hints, editions, the rules that read the glossary (round 2) ---


def test_the_dated_view_gives_each_term_its_status_at_the_date(glossary) -> None:
    from sppterm.glossary.validity import dated_view

    assert dated_view(glossary, None) is glossary  # no date: the glossary as it stands
    old, new = dated_view(glossary, year(2016)), dated_view(glossary, year(2021))
    assert old.get("ienw").en == OLD_EN and old.get("ienw").zh == OLD_ZH
    assert new.get("ienw").en == NEW_EN and new.get("ienw").zh == "荷兰基础设施和水资源管理部"
    assert "UN Environment" in dated_view(glossary, year(2018)).get("unep").accepted_en()
    assert "UN Environment" not in new.get("unep").accepted_en()
    assert new.get("spp") is glossary.get("spp")  # undated concepts are shared, not copied
    # a date inside no interval of a language keeps today's preferred term: never no name
    t = Timeline()
    for when in (year(1990), year(2017), year(2100)):
        view = dated_view(glossary, when, t)
        assert all(c.preferred("en") is not None for c in view if glossary.get(c.id).preferred("en"))


def _hints(po: Path) -> list[str]:
    return [line for line in po.read_text("utf-8").split("\n") if OLD_ZH in line and line.startswith("#. ")]


def test_po_hints_name_the_validity_and_the_term_to_use() -> None:
    """The real series: the ministry's pre-2017 Chinese name, used in three bulletins, is
    hinted with its end and the name valid then; extraction writes exactly what is committed."""
    hints = [h for p in sorted((ROOT / "target_en" / "po").glob("*.po")) for h in _hints(p)]
    assert len(hints) >= 4 and set(hints) == {
        f"#. ! {OLD_ZH}: valid until 2017-10-25; use 荷兰基础设施和水资源管理部 = {NEW_EN} (IenW)"
    }


def test_po_hints_of_an_old_bulletin_give_the_names_valid_then(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    md = root / "source_zh" / "2021-03.md"
    new_zh = "荷兰基础设施和水资源管理部"
    text = md.read_text("utf-8").replace(OLD_ZH, new_zh, 1)  # one new name among the old ones
    md.write_text(re.sub(r"(?m)^year: 2021$", "year: 2016", text, count=1), "utf-8")
    r = sppterm(root, "extract", "2021-03")
    assert r.returncode == 0, r.stderr
    po = (root / "target_en" / "po" / "2021-03.po").read_text("utf-8")
    assert f"#. term: {OLD_ZH} = {OLD_EN} (IenW)" in po  # valid in 2016: a plain hint
    assert f"#. ! {new_zh}: valid from 2017-10-26; use {OLD_ZH} = {OLD_EN} (IenW)" in po
    hints = [x for x in po.split("\n") if x.startswith(("#. term: ", "#. ! ")) and "荷兰基础设施" in x]
    assert not [x for x in hints if "valid until" in x or NEW_EN in x]


def test_the_rules_reading_the_glossary_use_the_dated_view(glossary) -> None:
    """Omission/addition count a name valid at the bulletin's date as its English (a 2016 unit
    naming the ministry by its old name is no addition); the number rule and the anchors read
    the same statuses (today's with no date)."""
    zh_ = "该项目由荷兰基础设施与环境部资助。"
    en_ = f"The project was funded by the {OLD_EN}."

    def rules(when_year: int | None) -> set[str]:
        dates = {"old": year(when_year)} if when_year else {}
        unit = CheckUnit("x.po", 1, zh_, en_, bulletin="old" if when_year else "")
        return {f.rule for f in run([unit], glossary, Options(dates=dates))}

    assert rules(2016) == set()
    assert {"term-forbidden", "source-variant"} <= rules(2021)
    from sppterm.checks.base import Context
    from sppterm.checks.omission import term_spans
    from sppterm.checks.terms import EnglishTerms, alnum_key
    from sppterm.glossary.matcher import ZhMatcher

    ctx = Context(glossary, ZhMatcher(glossary), EnglishTerms(glossary), dates={})
    key = alnum_key(en_)
    assert [s[2] for s in term_spans([zh_], key, ctx, when=year(2016))[0]] == [len(alnum_key(OLD_EN))]
    assert term_spans([zh_], key, ctx)[0] == []  # today the old name names nothing


def test_the_corpus_rows_carry_a_date() -> None:
    from sppterm.checks.quality import evaluate

    corpus = ROOT / "tests" / "data" / "check_corpus.yaml"
    ev = evaluate(corpus, load_glossary(ROOT / "glossary"))
    dated = [i for i, r in enumerate(ev.rows) if "date" in r]
    assert len(dated) >= 10
    assert {ev.rows[i]["date"] for i in dated} >= {2016, 2021, "2017-10-25", "2017-10-26"}
    assert [i for i in dated if set(ev.rows[i]["expect"]) != ev.found[i]] == []


def test_editions_italicise_the_titles_valid_in_their_bulletin(glossary) -> None:
    """The build gives each edition its bulletin's view (DatedViews): a publication's former
    English title is a title (italic) in a bulletin of its years, not in a later one."""
    import dataclasses

    from sppterm.glossary.model import Glossary, Term
    from sppterm.glossary.validity import DatedViews
    from sppterm.publish.edition import title_forms

    pub = next(c for c in glossary if c.type == "publication" and c.verified and c.en[:1].isupper())
    old = Term(
        "An Older Title", "en", Status.DEPRECATED, valid_until="2019-12-31", valid_status=Status.ADMITTED
    )
    g = Glossary([dataclasses.replace(pub, terms=[*pub.terms, old])])
    views = DatedViews(g, {"2018": year(2018), "2021": year(2021)})
    assert "An Older Title" in title_forms(views.view("2018").get(pub.id))
    assert "An Older Title" not in title_forms(views.view("2021").get(pub.id))
    assert pub.en in title_forms(views.view("2021").get(pub.id))
    assert views.matcher("2021") is views.matcher("2021")  # built once per period


# -- the validity in words (messages, hover texts, the glossary panel) -----------------------------
def _term(text: str, since: str = "", until: str = "", lang: str = "en") -> Term:
    """A preferred term as the loader makes it (valid_status set when it is dated)."""
    dated = Status.PREFERRED if since or until else None
    status = status_now(Status.PREFERRED, until)
    return Term(text, lang, status, valid_from=since, valid_until=until, valid_status=dated)


@pytest.mark.parametrize(
    ("since", "until", "words"),
    [
        ("2017-01-01", "2019-12-31", "2017–2019"),
        ("2018-01-01", "2018-12-31", "in 2018"),
        ("", "2017-10-25", "until 25 October 2017"),
        ("2017-10-26", "", "from 26 October 2017"),
        ("2017-03-01", "2019-12-31", "from 1 March 2017 to 2019"),
        ("2021-03", "", "from bulletin 2021-03"),
        ("", "", ""),
    ],
)
def test_used_when_reads_plainly(since, until, words) -> None:
    assert used_when(_term("X", since, until)) == words


def test_out_of_time_says_when_it_was_used_and_what_since(glossary) -> None:
    """The real cases: UN Environment (2017–2019) and the Dutch ministry renamed in 2017."""
    unep = Concept(
        "unep",
        "organisation",
        [_term("United Nations Environment Programme"), _term("UN Environment", "2017-01-01", "2019-12-31")],
    )
    old = unep.terms[1]
    tl = Timeline()
    assert (
        out_of_time(old, unep, "UNEP", year(2023), tl, "‘", "brand")
        == "was used 2017–2019 (brand); since 2020: ‘UNEP‘"
    )
    assert out_of_time(old, unep, "UNEP", year(2016), tl) == "was used only 2017–2019; until then: UNEP"
    assert out_of_time(old, unep, "UNEP", year(2018), tl) == ""  # valid then
    assert out_of_time(old, unep, "UNEP", None, tl) == "was used 2017–2019; since 2020: UNEP"
    ienw = glossary.get("ienw")
    new_zh, old_zh = (t for t in ienw.terms if t.lang == "zh" and t.valid_status is Status.PREFERRED)
    assert out_of_time(old_zh, ienw, new_zh.text, year(2023), tl) == (
        f"was used until 25 October 2017; since 26 October 2017: {new_zh.text}"
    )
    assert out_of_time(new_zh, ienw, old_zh.text, year(2016), tl) == (
        f"is used only from 26 October 2017; until then: {old_zh.text}"
    )
    deprecated = Term("经济与合作组织", "zh", Status.DEPRECATED)
    assert out_of_time(deprecated, ienw, new_zh.text, year(2023), tl) == ""  # simply deprecated


def test_dated_note_of_a_view(glossary) -> None:
    """The hover text of a dated form in a bulletin's view: when it is used, and for one out of
    its time what the view uses instead (before or after, from the view's date)."""
    tl = Timeline()
    for when, old_says, new_says in [
        (
            year(2023),
            "was used until 25 October 2017; since 26 October 2017: 荷兰基础设施和水资源管理部",
            "used from 26 October 2017",
        ),
        (
            year(2016),
            "used until 25 October 2017",
            "is used only from 26 October 2017; until then: 荷兰基础设施与环境部",
        ),
    ]:
        view = dated_view(glossary, when, tl).get("ienw")
        by_text = {t.text: t for t in view.terms}
        assert dated_note(by_text[OLD_ZH], view, when, tl) == old_says
        assert dated_note(by_text["荷兰基础设施和水资源管理部"], view, when, tl) == new_says
    assert dated_note(Term("甲", "zh", Status.PREFERRED), view) == ""


@settings(deadline=500, max_examples=300)
@given(
    st.text(max_size=12), st.text(max_size=12), st.sampled_from([None, (1, 1), (2030, 2030), (1990, 2040)])
)
def test_validity_words_terminate_on_any_bounds(since, until, span) -> None:
    when = None if span is None else (datetime.date(span[0], 1, 1), datetime.date(span[1], 12, 31))
    t = _term("X", since, until)
    c = Concept("c", "organisation", [t, _term("Y")])
    assert isinstance(used_when(t), str)
    assert isinstance(out_of_time(t, c, "Y", when, Timeline({"b": when or ALWAYS})), str)
    assert isinstance(dated_note(t, c, when), str)
