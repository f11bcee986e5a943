"""sppterm terms drift: Chinese terms without a glossary entry, rendered more than one way across
the bulletins, on the real series; the rendering logic on planted units."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.config import load_config
from sppterm.glossary import load_glossary
from sppterm.glossary.drift import drift
from sppterm.glossary.model import Glossary
from sppterm.report.drift import drift_units

from .conftest import ROOT, sppterm


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPPTERM_CACHE_DIR", str(tmp_path / "cache"))


def test_the_series_renders_zhiguan_zhongyao_two_ways() -> None:
    """至关重要 has no glossary entry; the PO files render it 'essential' (2021-03: 'it is
    essential to take into account…') and 'vital' (2023: 'The digital workplace is vital…')."""
    r = sppterm(ROOT, "terms", "drift", "--format", "json")
    assert r.returncode == 0, r.stderr
    found = {d["zh"]: d for d in json.loads(r.stdout)}
    d = found["至关重要"]
    variants = {v["en"]: v for v in d["variants"]}
    assert {"essential", "vital"} <= set(variants)
    assert d["rank"] == len(d["bulletins"]) * len(d["variants"])
    units = {(b, line): (zh, en) for zh, en, b, line in drift_units(load_config(ROOT))}
    for v in d["variants"]:
        assert len(v["where"]) >= 2 and len(v["bulletins"]) >= 1
        for w in v["where"]:  # each place holds the Chinese and that English
            zh, en = units[(w["bulletin"], w["line"])]
            assert "至关重要" in zh and re.search(rf"\b{re.escape(v['en'])}\b", en, re.I)
    assert "2021-03" in variants["essential"]["bulletins"] and "2023" in variants["vital"]["bulletins"]
    g = load_glossary(ROOT / "glossary")
    known = {t.text.strip("《》") for t, _ in g.zh_terms()}
    assert not any(x["zh"] in known for x in found.values())  # only terms the glossary lacks


def test_text_format_lists_each_rendering_and_where() -> None:
    r = sppterm(ROOT, "terms", "drift")
    assert r.returncode == 0
    block = r.stdout.split("至关重要", 1)[1]
    assert "'essential'" in block and "'vital'" in block and "2021-03.po:184" in block
    assert r.stdout.rstrip().endswith("translated more than one way")


def _units(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str, int]]:
    return [(zh, en, b, 10 * k + 1) for k, (zh, en, b) in enumerate(rows)]


def test_a_planted_drift_is_found_and_a_consistent_term_is_not() -> None:
    rows = [
        ("我们讨论了绿色建材的发展。", "We discussed the development of green building materials.", "A"),
        ("会议推广绿色建材。", "The meeting promoted green building materials.", "A"),
        ("各方采购绿色建材。", "The parties purchase green building materials.", "A"),
        (
            "报告介绍了绿色建材标准。",
            "The report presented standards for eco-friendly construction products.",
            "B",
        ),
        ("绿色建材市场正在增长。", "The market for eco-friendly construction products is growing.", "B"),
        ("循环经济示范园区很多。", "There are many circular economy demonstration parks.", "A"),
        ("循环经济示范园区发展。", "Circular economy demonstration parks develop.", "B"),
        ("参观循环经济示范园区。", "A visit to circular economy demonstration parks.", "B"),
    ]
    found = drift(_units(rows), Glossary([]))
    by_zh = {d.zh: d for d in found}
    assert "绿色建材" in by_zh and "循环经济示范园区" not in by_zh
    # the aligner's n-grams: words of each planted rendering (its length prior keeps them short)
    first, second = by_zh["绿色建材"].variants
    assert first.english.lower() in "green building materials" and first.bulletins == ["A"]
    assert second.english.lower() in "eco-friendly construction products" and second.bulletins == ["B"]
    assert len(first.where) == 3 and len(second.where) == 2


def test_one_bulletin_alone_is_no_drift() -> None:
    rows = [
        ("讨论绿色建材。", "Green building materials were discussed.", "A"),
        ("推广绿色建材。", "Green building materials were promoted.", "A"),
        ("采购绿色建材。", "Eco-friendly construction products were purchased.", "A"),
        ("使用绿色建材。", "Eco-friendly construction products were used.", "A"),
    ]
    assert drift(_units(rows), Glossary([])) == []


@settings(deadline=2000, max_examples=40)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet=st.sampled_from("绿色建材循环经济，。的"), max_size=30),
            st.text(alphabet=st.sampled_from("green building eco, ."), max_size=60),
            st.sampled_from(["A", "B", "C"]),
        ),
        max_size=12,
    )
)
def test_drift_terminates_on_any_units(rows: list[tuple[str, str, str]]) -> None:
    for d in drift(_units(rows), Glossary([]), min_count=2):
        assert len(d.variants) >= 2 and len(d.bulletins) >= 2
        assert d.rank == len(d.bulletins) * len(d.variants)


def test_on_a_terminal_the_ranking_is_a_table_with_one_row_per_rendering() -> None:
    from sppterm.report.drift import drift_table, drift_text

    found = drift(drift_units(load_config(ROOT)), load_glossary(ROOT / "glossary"))
    lines = drift_text(found, terminal=True).splitlines()
    assert re.split(r"\s{2,}", lines[0]) == [
        "#",
        "Chinese",
        "kind",
        "rank",
        "bulletins",
        "English",
        "units",
        "where",
    ]
    assert set(lines[1]) <= {"-", " "}
    first = lines[2].split()
    assert first[:4] == ["1", "至关重要", "frequent", str(found[0].rank)]
    rows = lines[2:-1]
    # every rendering on a row of its own, in the English column; columns line up by display
    # width (至关重要 is 8 columns wide): each row has its English where the head has 'English'
    from sppterm.zh import width

    at = width(lines[0][: lines[0].index("English")])
    shown = []
    for r in rows:
        k = next(i for i in range(len(r) + 1) if width(r[:i]) >= at)
        shown.append(re.split(r"\s{2,}", r[k:])[0])
    assert shown == [
        x for d in found for x in [v.english for v in d.variants] + ["(other)"] * bool(d.unaligned)
    ]
    assert len(rows) == sum(len(d.variants) + bool(d.unaligned) for d in found)
    assert (
        lines[-1]
        == f"{len(found)} term{'s' * (len(found) != 1)} not in the glossary translated more than one way"
    )
    assert drift_table([]) == "0 terms not in the glossary translated more than one way"
    assert max(width(x) for x in lines) <= 120  # a terminal's width, not a log's
    # off a terminal (CI, a pipe): the plain lines, which the command prints there
    plain = sppterm(ROOT, "terms", "drift").stdout
    assert plain.rstrip("\n") == drift_text(found) and "----" not in plain


def _frequent_by_pairs(texts: list[str], min_count: int) -> dict[str, int]:
    """The definition of discover._frequent, by comparing every pair of grams (quadratic)."""
    from collections import Counter

    from sppterm.glossary.discover import _CJK_RUN, _STOP_CHARS

    grams: Counter[str] = Counter()
    for t in texts:
        for run in _CJK_RUN.findall(t):
            grams.update(
                {
                    run[i : i + n]
                    for n in range(4, 13)
                    for i in range(len(run) - n + 1)
                    if run[i] not in _STOP_CHARS and run[i + n - 1] not in _STOP_CHARS
                }
            )
    frequent = {g: c for g, c in grams.items() if c >= min_count}
    return {
        g: c
        for g, c in frequent.items()
        if not any(c == c2 and g in g2 for g2, c2 in frequent.items() if len(g2) > len(g))
    }


@settings(deadline=2000, max_examples=200)
@given(
    st.lists(st.text(alphabet="的采购可持续公共绿色了a ", max_size=40), max_size=10),
    st.integers(1, 4),
)
def test_repeated_sequences_level_by_level_are_the_pairwise_definition(
    texts: list[str], min_count: int
) -> None:
    from sppterm.glossary.discover import _frequent

    assert dict(_frequent(texts, min_count)) == _frequent_by_pairs(texts, min_count)


def test_repeated_sequences_of_the_series_are_the_pairwise_definition() -> None:
    from sppterm.glossary.discover import _frequent

    texts = [zh for zh, _, _, _ in drift_units(load_config(ROOT))]
    for min_count in (2, 3):
        found = _frequent(texts, min_count)
        assert len(found) > 100 and dict(found) == _frequent_by_pairs(texts, min_count)


def test_json_is_deterministic_and_lists_the_places() -> None:
    """Two runs print the same bytes; every place of a rendering is a real PO line of its
    bulletin holding the Chinese, and the ranking follows bulletins × renderings."""
    import json

    runs = [sppterm(ROOT, "terms", "drift", "--format", "json") for _ in range(2)]
    assert runs[0].returncode == 0 and runs[0].stdout == runs[1].stdout
    data = json.loads(runs[0].stdout)
    assert data and [d["rank"] for d in data] == sorted((d["rank"] for d in data), reverse=True)
    for d in data:
        assert d["rank"] == len(d["bulletins"]) * len(d["variants"])
        for v in d["variants"]:
            for place in v["where"]:
                po = (ROOT / "target_en/po" / f"{place['bulletin']}.po").read_text("utf-8").split("\n")
                assert po[place["line"] - 1].startswith("msgid "), place
