"""sppterm search: a concordance of the real series (PO units, both sides, the glossary), its
filters, folding, regex safety, the warm index and the KWIC window (fuzzed)."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import time
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.config import load_config
from sppterm.glossary import load_glossary
from sppterm.report.search import MAX_SPAN, kwic, merged
from sppterm.report.search import text as render_text
from sppterm.report.text import _one_line
from sppterm.search import BadPattern, Pattern, Query, search, search_project
from sppterm.units.po import read_po
from sppterm.units.po_index import Index, load_index, rows_of

from .conftest import ROOT, sppterm

PO = ROOT / "target_en" / "po"


def _units() -> list[tuple[str, polib.POEntry]]:
    return [(p.stem, e) for p in sorted(PO.glob("*.po")) for e in read_po(p) if e.msgid and not e.obsolete]


def _run(*args: str) -> tuple[int, str, str]:
    r = sppterm(ROOT, "search", *args)
    return r.returncode, r.stdout, r.stderr


def _json(*args: str) -> dict:
    code, out, err = _run(*args, "--format", "json")
    assert code in (0, 1), err
    return json.loads(out)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPPTERM_CACHE_DIR", str(tmp_path / "cache"))


def test_a_chinese_term_is_found_in_every_unit_that_holds_it_with_its_line() -> None:
    term = "可持续公共采购"
    expected = {(b, e.msgid) for b, e in _units() if term in e.msgid}
    data = _json(term, "--side", "zh")
    assert len(expected) > 10 and {(h["bulletin"], h["zh"]) for h in data["hits"]} == expected
    for h in data["hits"]:
        assert all(h["zh"][a:b] == term for a, b in h["zh_matches"])
        assert len(h["zh_matches"]) == h["zh"].count(term)
        lines = (ROOT / h["po"]).read_text("utf-8").split("\n")
        assert lines[h["line"] - 1].startswith("msgid ") and term in lines[h["line"] - 1]
        assert lines[h["msgstr_line"] - 1].startswith("msgstr ")
        assert h["source"].startswith(f"source_zh/{h['bulletin']}.md:")


def test_english_ignores_case_and_chinese_full_width_forms() -> None:
    lower = _json("sdg", "--side", "en")["hits"]
    assert lower and lower == _json("SDG", "--side", "en")["hits"] == _json("ＳＤＧ", "--side", "en")["hits"]
    assert all(h["en"][a:b] == "SDG" for h in lower for a, b in h["en_matches"])
    # 2025 prints half-width punctuation in Chinese text: the full-width comma finds it too
    commas = {h["bulletin"] for h in _json("，", "--side", "zh")["hits"]}
    assert {"2025", "2023"} <= commas
    assert any("," in h["zh"] for h in _json("，", "--side", "zh", "--bulletin", "2025")["hits"])


def test_the_side_and_bulletin_filters() -> None:
    both = _json("UNEP")["hits"]
    en = _json("UNEP", "--side", "en")["hits"]
    zh = _json("UNEP", "--side", "zh")["hits"]
    assert {h["line"] for h in both} >= {h["line"] for h in en} | {h["line"] for h in zh}
    assert all(not h["zh_matches"] for h in en) and all(not h["en_matches"] for h in zh)
    only = _json("UNEP", "--bulletin", "2023", "--bulletin", "2025")["hits"]
    assert only and {h["bulletin"] for h in only} == {"2023", "2025"}
    assert [h for h in both if h["bulletin"] in ("2023", "2025")] == only


def test_translated_and_untranslated(project: Path) -> None:
    """The fixture project has the translations removed except the pre-filled English."""
    r = sppterm(project, "search", "采购", "--untranslated", "--format", "json")
    hits = json.loads(r.stdout)["hits"]
    assert hits and all(h["state"] == "untranslated" and not h["en"] for h in hits)
    done = json.loads(sppterm(ROOT, "search", "采购", "--translated", "--format", "json").stdout)["hits"]
    assert len(done) >= len(hits) and all(h["state"] == "translated" for h in done)
    assert sppterm(ROOT, "search", "采购", "--untranslated").returncode == 1  # the series is translated


def test_regex_matches_as_written_unit_by_unit() -> None:
    hits = _json("^《[^》]+》$", "--regex", "--side", "zh")["hits"]
    assert hits and all(h["zh"].startswith("《") and h["zh"].endswith("》") for h in hits)
    assert all(h["zh_matches"] == [[0, len(h["zh"])]] for h in hits)
    expected = sum(1 for _, e in _units() if re.fullmatch("《[^》]+》", e.msgid))
    assert len(hits) == expected
    assert not _json("sdg", "--regex", "--side", "en")["hits"]  # as written: case counts
    assert _json("(?i)sdg", "--regex", "--side", "en")["hits"] == _json("sdg", "--side", "en")["hits"]


def test_a_bad_regex_is_a_message_and_exit_2() -> None:
    code, out, err = _run("--regex", "(unclosed")
    assert code == 2 and not out and "bad regular expression '(unclosed'" in err and "Traceback" not in err
    assert _run("")[0] == 2


def test_a_catastrophic_regex_stops_within_its_budget() -> None:
    p = Pattern("(a|aa)+$", is_regex=True, budget=0.3)
    t0 = time.monotonic()
    with pytest.raises(BadPattern, match=r"took over 0\.3 s"):
        p.spans("a" * 60 + "!")
    assert time.monotonic() - t0 < 3


def test_the_budget_covers_the_whole_series(tmp_path: Path) -> None:
    """A pattern slow on the series (nested quantifiers over the units) ends with a message."""
    index = Index.of([r for p in sorted(PO.glob("*.po")) for r in rows_of(p, ROOT)] * 4)
    q = Query(r"(\w+\s?)+\d{7}", regex=True, budget=0.05)
    with pytest.raises(BadPattern):
        search(index, q)


def test_rule_filter_keeps_the_units_with_findings_of_the_rule() -> None:
    hits = _json("十年框架方案", "--rule", "source-variant", "--side", "zh")["hits"]
    plain = _json("十年框架方案", "--side", "zh")["hits"]
    assert hits and len(hits) <= len(plain)
    assert all(any(f.startswith("source-variant: ") for f in h["findings"]) for h in hits)
    check = sppterm(ROOT, "check", "--rule", "source-variant", "--format", "json", "target_en/po")
    flagged = {(f["path"], f.get("unit_line") or f["line"]) for f in json.loads(check.stdout)["findings"]}
    assert {(h["po"], h["line"]) for h in hits} == {(h["po"], h["line"]) for h in plain} & flagged
    code, _, err = _run("采购", "--rule", "no-such-rule")
    assert code == 2 and "unknown rule 'no-such-rule'" in err


def test_glossary_terms_and_notes_are_searched() -> None:
    g = load_glossary(ROOT / "glossary")
    data = _json("绿色采购", "--glossary", "--side", "zh")
    found = {x["concept"] for x in data["glossary"]}
    expected = {c.id for c in g for t in c.terms_in("zh") if "绿色采购" in t.text}
    assert expected and expected <= found
    assert all(x["path"].startswith("glossary/") and x["line"] > 0 for x in data["glossary"])
    notes = _json("Rutte", "--glossary", "--side", "en")["glossary"]
    assert any(x["field"] in ("note", "en note", "zh note") for x in notes)


def test_text_output_is_plain_off_a_terminal_and_marks_the_match() -> None:
    code, out, _ = _run("联合国环境规划署", "--bulletin", "2023", "--side", "zh")
    assert code == 0 and "\x1b[" not in out and "[[联合国环境规划署]]" in out
    assert re.search(r"^target_en/po/2023\.po:\d+: 2023 source_zh/2023\.md:\d+$", out, re.M)
    units = sum(1 for f in (ROOT / "target_en" / "po").glob("*.po") for e in read_po(f) if not e.obsolete)
    assert out.rstrip().splitlines()[-1].endswith(f" of {units}")
    result = search_project(load_config(ROOT), Query("联合国环境规划署", bulletins=["2023"]))
    coloured = render_text(result, colour=True)
    assert "\x1b[" in coloured and "[[" not in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render_text(result).replace("[[", "").replace("]]", "")
    assert _run("no such words anywhere")[0] == 1


def test_the_warm_index_is_the_parsed_index_and_follows_edits(tmp_path: Path) -> None:
    po = tmp_path / "po"
    shutil.copytree(PO, po)
    cold = load_index(po, tmp_path, cache=False)
    first = load_index(po, tmp_path)  # writes the entry
    entries = list((tmp_path / "cache").glob("units-*.bin"))
    assert len(entries) == 1
    warm = load_index(po, tmp_path)
    assert [warm.row(k) for k in range(len(warm))] == [cold.row(k) for k in range(len(cold))]
    assert [first.row(k) for k in range(len(first))] == [cold.row(k) for k in range(len(cold))]
    text = (po / "2023.po").read_text("utf-8").replace("Latest from the One Planet network", "Changed words")
    (po / "2023.po").write_text(text, "utf-8")
    after = load_index(po, tmp_path)
    assert any("Changed words" in after.row(k).msgstr for k in range(len(after)))
    for entry in (tmp_path / "cache").glob("units-*.bin"):  # a corrupt entry is a miss
        entry.write_bytes(entry.read_bytes()[:-7])
    again = load_index(po, tmp_path)
    assert [again.row(k) for k in range(len(again))] == [after.row(k) for k in range(len(after))]


def test_a_bad_po_file_is_reported_with_its_line(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (tmp_path / "target_en" / "po").mkdir(parents=True)
    (tmp_path / "target_en" / "po" / "2023.po").write_text('msgid "采购"\nmsgstr "x\n', "utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.sppterm]\n", "utf-8")
    r = sppterm(tmp_path, "search", "采购")
    assert r.returncode == 2 and "2023.po:2" in r.stderr and not r.stdout


# -- KWIC windowing ---------------------------------------------------------------------------
_TEXT = st.text(alphabet=st.sampled_from("ab采购 ，\n\t"), max_size=600)


@settings(deadline=500, max_examples=300)
@given(_TEXT, st.lists(st.tuples(st.integers(-5, 700), st.integers(-5, 700)), max_size=8), st.integers(0, 80))
def test_kwic_window_marks_exactly_the_matches(text: str, spans: list[tuple[int, int]], around: int) -> None:
    shown, marks = kwic(text, spans, around)
    kept = merged(spans, len(text))
    assert "\n" not in shown and "\t" not in shown
    assert marks == sorted(marks) and all(a < b <= len(shown) for a, b in marks)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(marks))
    if not kept:
        assert not marks
        return
    assert marks and len(marks) <= len(kept)
    for (a, b), (s, e) in zip(marks, kept, strict=False):
        inner = _one_line(text[s:e])
        if len(inner) <= MAX_SPAN:
            assert shown[a:b] == inner
        else:
            assert shown[a:b].startswith(inner[: MAX_SPAN // 2]) and shown[a:b].endswith(
                inner[-MAX_SPAN // 2 :]
            )
    # at most ``around`` characters of context before the first match (an ellipsis if cut)
    assert len(shown[: marks[0][0]].lstrip("…")) <= len(
        _one_line(text[max(0, kept[0][0] - around) : kept[0][0]])
    )


# -- the regex prefilter: literals every match must hold, looked for before the regex runs --------


def _unfiltered(index: Index, pattern: str, field_: str) -> dict[int, list[tuple[int, int]]]:
    """The regex run on every unit's text, no prefilter: what the search must equal."""
    import regex

    compiled = regex.compile(pattern, regex.V0)
    out = {}
    for k, text in enumerate(index.texts(field_)):
        found = [m.span() for m in compiled.finditer(text) if m.end() > m.start()]
        if found:
            out[k] = found
    return out


@pytest.mark.parametrize(
    "pattern, field_, atoms",
    [
        (r"\bthe One Planet network\b", "msgstr", ["the One Planet network"]),
        (r"in 20[0-9]{2},", "msgstr", ["in 20", ","]),
        (r"可持续(?:公共)?采购", "msgid", ["可持续", "采购"]),
        (r"^《[^》]+》$", "msgid", ["《", "》"]),
        (r"(?:UNEP|UN Environment)\b", "msgstr", ["UN"]),  # re's parser keeps a common prefix
        (r"(?:UNEP|Environment)\b", "msgstr", []),  # an alternation: no literal is required
        (r"(?i)one planet", "msgstr", []),  # case-insensitive: none
        (r"[[:upper:]]{4}", "msgstr", []),  # a POSIX class re cannot read: none
        (r"(?:SPP){e<=1} Programme", "msgstr", []),  # fuzzy braces: none
        (r"\p{Han}+中心", "msgid", []),  # syntax of the regex module only: none
    ],
)
def test_regex_prefilter_finds_what_the_regex_alone_finds_on_the_series(
    pattern: str, field_: str, atoms: list[str]
) -> None:
    from sppterm.search import required_literals

    assert sorted(required_literals(pattern)) == sorted(atoms)
    index = load_index(PO, ROOT, cache=False)
    expected = _unfiltered(index, pattern, field_)
    assert Pattern(pattern, is_regex=True).rows(index, field_) == expected
    assert expected or pattern.startswith("[[:")  # each case finds units on the real series


_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "ab",
        "(",
        ")",
        "|",
        "*",
        "+",
        "?",
        "{2}",
        "{1,}",
        "{e<=1}",
        "[ab]",
        "(?i)",
        "(?:",
        "\\b",
        "^",
        "$",
        ".",
        "采",
        "购",
        "[[:alpha:]]",
        "\\d",
        "(?=a)",
        "(?<=b)",
        "[^a]",
        "\\W",
        "\\s",
        "\\x00",
        "\\A",
        "\\Z",
        "(?m)",
        "(?s)",
        "\\1",
        "(?>",
        "++",
    ]
)


@settings(deadline=1000, max_examples=300)
@given(
    st.lists(_PIECES, min_size=1, max_size=8).map("".join),
    st.lists(st.text(alphabet="abAB采购 1{}\n", max_size=12), min_size=1, max_size=12),
)
def test_regex_prefilter_never_drops_a_match(pattern: str, texts: list[str]) -> None:
    """Any pattern (valid or not for either module) on any units: the search (literal
    prefilter, or one scan of the joined units) gives exactly the units and spans the regex
    finds unit by unit, and required_literals / unit_bound terminate."""
    from sppterm.search import required_literals
    from sppterm.units.po_index import Row

    try:
        compiled = Pattern(pattern, is_regex=True)
    except BadPattern:
        return
    for atom in required_literals(pattern):
        assert atom and "\0" not in atom
    rows = [
        Row("b", "b.po", 2 * k + 1, 2 * k + 2, "", t or "x", t, False, (), "", "")
        for k, t in enumerate(texts)
    ]
    index = Index.of(rows)
    assert compiled.rows(index, "msgstr") == _unfiltered(index, pattern, "msgstr")


@pytest.mark.parametrize(
    "pattern, field_, joined",
    [
        (r"\b[0-9]{4}\b", "msgstr", True),
        (r"\b(?:UNEP|ICLEI)\b", "msgstr", True),
        (r"[A-Z]{2,}\s+\(", "msgstr", True),
        (r"(\w+) \1\b", "msgstr", True),  # a repeated word: back references are unit-bound
        (r"可持续\w{0,4}采购", "msgid", True),
        (r"^The\b", "msgstr", False),  # a unit's start
        (r"\.$", "msgstr", False),
        (r"可持续.{0,4}采购", "msgid", False),  # . matches NUL
        (r"[^，]+，", "msgid", False),
        (r"(?<=the )SPP", "msgstr", False),
        (r"\x00", "msgstr", False),
    ],
)
def test_one_scan_of_the_joined_series_finds_what_the_regex_finds_unit_by_unit(
    pattern: str, field_: str, joined: bool
) -> None:
    from sppterm.search import unit_bound

    assert unit_bound(pattern) is joined
    index = load_index(PO, ROOT, cache=False)
    expected = _unfiltered(index, pattern, field_)
    assert Pattern(pattern, is_regex=True).rows(index, field_) == expected
    assert expected or pattern == r"\x00"


# -- re where it finds what regex finds; the entry checked column by column (issue 17) ----------


def test_re_and_regex_agree_on_every_character_outside_the_odd_ones() -> None:
    """The ranges where a row is searched by ``re``: both modules classify each character alike
    for \\w, \\s and \\d (so \\b); the odd characters include real cases of disagreement."""
    import regex

    from sppterm.units.po_index import has_odd_character

    classes = [(re.compile(c), regex.compile(c, regex.V0)) for c in (r"\w", r"\s", r"\d")]
    plain = [chr(c) for c in range(0x110000) if not has_odd_character(chr(c))]
    assert len(plain) > 30000
    assert not [c for c in plain if any(bool(a.match(c)) != bool(b.match(c)) for a, b in classes)]
    assert all(has_odd_character(c) for c in "²½①\u0301\u200d‿\x1c")


def _series_rows(*texts: str) -> Index:
    """Rows of ``texts`` among 60 of other words (so a literal of theirs is rare: searched
    unit by unit, where re may run, not by one scan of the joined units)."""
    from sppterm.units.po_index import Row

    texts = (*texts, *["other words, no numbers"] * 60)
    return Index.of(
        [
            Row("b", "b.po", 2 * k + 1, 2 * k + 2, "", "采购", t, False, (), "", "")
            for k, t in enumerate(texts)
        ]
    )


@pytest.mark.parametrize(
    "pattern",
    [r"\bkm\b", r"\w+²", r"km\W", r"\d+\s", r"(?i)KM\b", r"\w+ first", r"e\u0301\b"],
)
def test_a_row_with_an_odd_character_is_searched_as_regex_searches_it(pattern: str) -> None:
    """re counts ² as a word character and regex does not: on such a row the search is the
    regex module's, on the others re's (the same matches)."""
    index = _series_rows(
        "an area of 5 km² in all", "5 km of road", "step ① first", "cafe\u0301 ok", "x\x1cy 12 "
    )
    compiled = Pattern(pattern, is_regex=True)
    assert compiled.rows(index, "msgstr") == _unfiltered(index, pattern, "msgstr")
    index.odd["msgstr"] = bytes(len(index))  # as if no row held one: re's answer, which differs
    if pattern in (r"\bkm\b", r"\w+ first"):
        assert Pattern(pattern, is_regex=True).rows(index, "msgstr") != _unfiltered(index, pattern, "msgstr")


def test_a_search_of_plain_rows_does_not_import_regex(tmp_path: Path) -> None:
    """The benchmark's unit-by-unit patterns on ASCII rows run on re alone (importing regex
    costs ~10 ms); one scanned over the joined series, or in regex's own syntax, imports it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from sppterm.search import Pattern\n"
        "from sppterm.units.po_index import Index, Row\n"
        "rows = [Row('b', 'b.po', k, k, '', '采购', t, False, (), '', '') for k, t in "
        "enumerate(['in 2021, measures were taken', 'Practical steps'] + ['other words'] * 50)]\n"
        "index = Index.of(rows)\n"
        "for p in sys.argv[1:]:\n"
        "    Pattern(p, is_regex=True).rows(index, 'msgstr')\n"
        "print('regex' in sys.modules)\n"
    )
    run = lambda *p: subprocess.run(  # noqa: E731
        [sys.executable, "-c", code, *p], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert run(r"\bin 20[0-9]{2}, measures\b", r"^Practical\b", r"^《[^》]+》$") == "False"
    assert run(r"\bwords\b") == "True"  # in every unit: one scan of the joined units, by regex
    assert run(r"\p{Lu}\w+") == "True"


def test_the_budget_holds_off_the_main_thread_too() -> None:
    """No SIGALRM there: the same pattern runs on the regex module, with its timeouts."""
    import threading

    errors: list[BaseException] = []

    def work() -> None:
        try:
            Pattern("(a|aa)+$", is_regex=True, budget=0.3).spans("a" * 60 + "!")
        except BadPattern as e:
            errors.append(e)

    t0 = time.monotonic()
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert not thread.is_alive() and len(errors) == 1 and "took over 0.3 s" in str(errors[0])
    assert time.monotonic() - t0 < 3
    # and on the main thread the alarm is gone afterwards: nothing left set
    import signal

    with pytest.raises(BadPattern):
        Pattern("(a|aa)+$", is_regex=True, budget=0.2).spans("a" * 60 + "!")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def _entry_table(entry: Path) -> tuple[dict, int]:
    from sppterm.units import po_index

    data = entry.read_bytes()
    head_at = po_index._HEADER.size
    (n,) = po_index._TOC.unpack_from(data, head_at)
    return json.loads(data[head_at + po_index._TOC.size : head_at + po_index._TOC.size + n]), head_at


@pytest.mark.parametrize("column", ["msgid", "msgid_folded", "msgstr", "msgstr_folded", "head"])
def test_a_changed_byte_anywhere_is_never_a_wrong_answer(tmp_path: Path, column: str) -> None:
    """A byte flipped in one text column (checked when first used) or in the head (checked at
    load): the searches give what the parsed files give, and the entry is written again."""
    po = tmp_path / "po"
    shutil.copytree(PO, po)
    cold = load_index(po, tmp_path, cache=False)
    load_index(po, tmp_path)
    (entry,) = (tmp_path / "cache").glob("units-*.bin")
    toc, head_at = _entry_table(entry)
    data = bytearray(entry.read_bytes())
    if column == "head":
        at = head_at + 40  # inside the table of contents
    else:
        (offset, length) = next((o, n) for name, o, n, _ in toc["texts"] if name == column)
        at = offset + length // 2
        while data[at] in (0, 0x20):  # a byte of text, not a separator
            at += 1
    data[at] ^= 0x01
    entry.write_bytes(bytes(data))
    queries = [Query("采购", side="zh"), Query("the", side="en"), Query(r"\bUNEP\b", regex=True, side="en")]
    queries += [Query(r"可持续\w{0,4}采购", regex=True, side="zh"), Query("one planet")]
    for q in queries:
        warm = load_index(po, tmp_path)
        got, want = search(warm, q), search(cold, q)
        assert [(h.row, h.zh, h.en) for h in got] == [(h.row, h.zh, h.en) for h in want], (column, q)
    assert entry.read_bytes() != bytes(data)  # a column found corrupt had the entry rewritten
    fresh = load_index(po, tmp_path)
    assert [fresh.row(k) for k in range(len(fresh))] == [cold.row(k) for k in range(len(cold))]


def test_a_changed_byte_in_a_shown_row_is_caught_by_the_row_check(tmp_path: Path) -> None:
    """A search of the English shows each hit's Chinese without checking the Chinese column
    whole: the row's own CRC-32 catches a changed byte in it."""
    po = tmp_path / "po"
    shutil.copytree(PO, po)
    cold = load_index(po, tmp_path, cache=False)
    load_index(po, tmp_path)
    (entry,) = (tmp_path / "cache").glob("units-*.bin")
    toc, _ = _entry_table(entry)
    hit = search(cold, Query("Latest from the One Planet network", side="en"))[0]
    k = next(k for k in range(len(cold)) if cold.row(k) == hit.row)
    offset = next(o for name, o, _, _ in toc["texts"] if name == "msgid")
    data = bytearray(entry.read_bytes())
    data[offset + cold.starts["msgid"][k]] ^= 0x01  # the first byte of that unit's Chinese
    entry.write_bytes(bytes(data))
    warm = load_index(po, tmp_path)
    got = search(warm, Query("Latest from the One Planet network", side="en"))
    assert got[0].row == hit.row
    assert "msgid" not in warm._unchecked  # the row failed, so the column was checked (and parsed)


@settings(deadline=None, max_examples=200)
@given(
    st.lists(st.text(max_size=30), min_size=6, max_size=6),
    st.tuples(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1)),
    st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99)), max_size=3),
    st.booleans(),
    st.lists(st.text(max_size=20), max_size=2),
)
def test_a_hit_written_as_json_is_what_the_json_encoder_writes(texts, lines, spans, fuzzy, findings) -> None:
    """hit_json builds each hit's JSON from its strings' quoted forms: byte for byte what the
    json module's encoder writes for the hit's dict (control characters, quotes, any text)."""
    from sppterm.report.search import hit_json
    from sppterm.search import Hit
    from sppterm.units.po_index import Row

    bulletin, path, ctxt, zh, en, source = texts
    row = Row(bulletin, path, lines[0], lines[1], ctxt, zh, en, fuzzy, (), "", source)
    h = Hit(row, list(spans), list(reversed(spans)), list(findings))
    data = {
        "bulletin": bulletin,
        "po": path,
        "line": lines[0],
        "msgstr_line": lines[1],
        "msgctxt": ctxt or None,
        "source": source,
        "state": h.state,
        "zh": zh,
        "en": en,
        "zh_matches": [list(s) for s in h.zh],
        "en_matches": [list(s) for s in h.en],
    }
    encode = json.JSONEncoder(ensure_ascii=False).encode
    assert hit_json(h) == encode(data)
    assert hit_json(h, findings=True) == encode({**data, "findings": list(findings)})
    assert json.loads(hit_json(h))["zh"] == zh
