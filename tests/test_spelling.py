"""The spelling rule (issue 15): Hunspell en_GB through Enchant, the glossary and the word list."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.checks.base import CheckUnit
from sppterm.checks.runner import Options, load_units, run
from sppterm.checks.spelling import (
    WORDLIST,
    Speller,
    SpellingUnavailable,
    glossary_words,
    hunspell_en_gb,
    read_wordlist,
    redundant_entries,
    words,
)
from sppterm.errors import InputError
from sppterm.glossary import load_glossary

from .conftest import ROOT, sppterm

LIST = ROOT / "glossary" / WORDLIST
PO = sorted((ROOT / "target_en" / "po").glob("*.po"))


@pytest.fixture(scope="module")
def dictionary():
    try:
        return hunspell_en_gb()
    except SpellingUnavailable as e:  # .ci/setup installs both; a bare laptop may lack them
        pytest.skip(f"no Hunspell en_GB through Enchant: {e}")


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT / "glossary")


class Counting:
    """The real dictionary, counting what the rule asks of it."""

    def __init__(self, d) -> None:
        self.d, self.checks, self.suggests = d, 0, 0

    def check(self, w: str) -> bool:
        self.checks += 1
        return self.d.check(w)

    def suggest(self, w: str) -> list[str]:
        self.suggests += 1
        return self.d.suggest(w)


def _spelling(glossary, en: str, zh: str = "会议在北京举行。", **kw) -> list:
    opts = Options(rules=["spelling"], wordlist=LIST)
    return run([CheckUnit("x.po", 1, zh, en, **kw)], glossary, opts)


# -- the series and its word list ----------------------------------------------------------------
def test_the_five_editions_have_no_spelling_findings(dictionary) -> None:
    r = sppterm(ROOT, "check", "--rule", "spelling", "--format", "json", *map(str, PO))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["findings"] == []


def test_the_word_list_is_sorted_needed_and_used(dictionary, glossary) -> None:
    """Reviewed, not dumped: every entry is one the dictionary and the glossary lack, and one the
    series' English uses, or standard UN vocabulary: a comment says where the UN uses it, and
    the word is the prefix it names and a word the dictionary knows (inter- + linkages)."""
    entries = read_wordlist(LIST)  # sorted, no duplicates (else InputError)
    assert redundant_entries(LIST, glossary, dictionary) == []
    english = "\n".join(u.target or "" for u in load_units(PO, ROOT))
    lines = LIST.read_text("utf-8").split("\n")
    unused = [e for e in entries if e.word not in english]
    assert unused, "the UN vocabulary entries (issue 11, round 4) are not in the series"
    for e in unused:
        comment = lines[e.line - 1].split("#", 1)[1]
        assert comment.strip().startswith("UN vocabulary: "), e
        parts = re.search(r";\s*(\w+)- \+ (\w+)$", comment.strip())
        assert parts is not None, e
        prefix, rest = parts.groups()
        assert e.word.lower() == prefix + rest and dictionary.check(rest), e


@pytest.mark.parametrize("word", ["interlinkages", "multistakeholder", "transboundary", "greenwashing"])
def test_standard_un_vocabulary_is_spelt_right(dictionary, glossary, word: str) -> None:
    speller = Speller(glossary_words(glossary) | {e.word for e in read_wordlist(LIST)}, dictionary)
    assert speller.known(word)
    assert not speller.known(word[:-2] + word[-1] + word[-2])  # a typo of it is still one


def test_redundant_entries_are_named_with_their_line(tmp_path: Path, dictionary, glossary) -> None:
    p = tmp_path / WORDLIST
    p.write_text("# words\nagri-food\nprogramme  # in en_GB\nUNEP\n", "utf-8")
    got = [str(x) for x in redundant_entries(p, glossary, dictionary)]
    assert got == [f"{p}:3: 'programme' is in the en_GB dictionary", f"{p}:4: 'UNEP' is in the glossary"]


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("beta\nalpha\n", ["2: not sorted: 'alpha' comes before 'beta' (line 1)"]),
        ("alpha\nalpha # again\n", ["2: 'alpha' is listed twice (line 1)"]),
        ("Wang Jing\n", ["1: one word per line: 'Wang Jing' (letters, inner ' or -)"]),
        ("COP27\n", ["1: not a word: 'COP27' (letters, inner ' or -)"]),
        ("x\n", ["1: not a word: 'x' (letters, inner ' or -)"]),
        ("ab\n\n# c\nzz\nyy\n", ["5: not sorted: 'yy' comes before 'zz' (line 4)"]),
    ],
)
def test_a_bad_word_list_is_refused_at_its_line(tmp_path: Path, text: str, problems: list[str]) -> None:
    p = tmp_path / WORDLIST
    p.write_text(text, "utf-8")
    with pytest.raises(InputError) as e:
        read_wordlist(p)
    assert [str(x) for x in e.value.problems] == [f"{p}:{x}" for x in problems]


def test_case_insensitive_order_with_comments_and_blanks(tmp_path: Path) -> None:
    p = tmp_path / WORDLIST
    p.write_text("# head\n\nagri-food  # why\nGovStack\ngovstack\nJing\nworkplan\n", "utf-8")
    assert [(e.word, e.line) for e in read_wordlist(p)] == [
        ("agri-food", 3),
        ("GovStack", 4),
        ("govstack", 5),
        ("Jing", 6),
        ("workplan", 7),
    ]


def test_check_stops_with_exit_2_on_a_bad_word_list_and_writes_nothing(tmp_path: Path, dictionary) -> None:
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (tmp_path / "target_en" / "po").mkdir(parents=True)
    shutil.copy(PO[0], tmp_path / "target_en" / "po")
    (tmp_path / "source_zh").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.sppterm]\nstyles = []\n", "utf-8")
    (tmp_path / "glossary" / WORDLIST).write_text("workplan\nagri-food\n", "utf-8")
    out = tmp_path / "out.json"
    r = sppterm(tmp_path, "check", "--format", "json", "-o", str(out))
    assert r.returncode == 2
    assert "glossary/wordlist.txt:2: not sorted: 'agri-food' comes before 'workplan' (line 1)" in r.stderr
    assert not out.exists()


def test_without_enchant_the_check_says_what_to_install(tmp_path: Path) -> None:
    """pyenchant without its C library: a message naming the packages, exit 2, no traceback."""
    code = "import sys; sys.modules['enchant'] = None; from sppterm.cli import main; main()"
    r = subprocess.run(
        [sys.executable, "-c", code, "--root", str(ROOT), "check", "--rule", "spelling", str(PO[0])],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert r.returncode == 2
    assert "libenchant-2-2 and hunspell-en-gb" in r.stderr and "Traceback" not in r.stderr
    assert 'ignore = ["spelling"]' in r.stderr


# -- what the rule reads -------------------------------------------------------------------------
def test_findings_point_at_the_word_with_suggestions(dictionary, glossary) -> None:
    [f] = _spelling(glossary, "The ministries bought <b>laptpos</b> and paper.")
    assert (f.message, f.suggestion, f.severity) == (
        "unknown word 'laptpos' (laptops?)",
        "laptops",
        "warning",
    )
    assert f.target is not None and f.span is not None
    assert f.target[f.span[0] : f.span[1]] == "laptpos"  # the span is in the text as written


@pytest.mark.parametrize(
    "en",
    [
        "See www.oneplanetnetwork.org/sppprogramme, oneplanetnetwork.org or mailto:wangj@mepcec.com.",
        "Write to wangj@mepcec.com.",
        "Run `sppterm chek` in COP27 for 10YFP and SDG12 in the 2030s.",
        "UNEP’s report, the SDGs and NDCs, countries’ plans, UNEP's staff.",
        "ICLEI – Local Governments for Sustainability; the 10YFP Board.",
        "The workplan, WORKPLAN, Workplan; Wang Jing; the agri-food sector.",
        "It was organised, organized, realised and realized, etc.",
        "A well-known co-lead of the life-cycle approach.",
        "A naïve café communiqué on ecolabels and ECOLABELS.",
    ],
)
def test_clean_english(dictionary, glossary, en: str) -> None:
    assert [f.message for f in _spelling(glossary, en)] == []


def test_us_forms_and_yse_words_are_not_en_gb(dictionary, glossary) -> None:
    got = [f.term for f in _spelling(glossary, "The center analyzed the labor market.")]
    assert sorted(got) == ["analyzed", "center", "labor"]


def test_a_compound_reports_only_its_unknown_part(dictionary, glossary) -> None:
    [f] = _spelling(glossary, "The textiles use re-cyled fibres.")
    assert f.term == "cyled" and f.target and f.span and f.target[f.span[0] : f.span[1]] == "cyled"


def test_english_sources_fuzzy_and_chinese_units_are_not_read(dictionary, glossary) -> None:
    assert _spelling(glossary, "Recycled paepr", zh="Recycled paepr", english_source=True) == []
    assert [f.rule for f in _spelling(glossary, "Recycled paepr", fuzzy=True)] == []
    assert _spelling(glossary, "Recycled paepr 再生纸") == []  # untranslated's, which the gate runs


def test_case_follows_hunspell(dictionary) -> None:
    sp = Speller({"ecolabelling", "Wuppertal", "GovStack"}, dictionary)
    for w in (
        "ecolabelling",
        "Ecolabelling",
        "ECOLABELLING",
        "Wuppertal",
        "WUPPERTAL",
        "GovStack",
        "GOVSTACK",
    ):
        assert sp.known(w), w
    for w in ("wuppertal", "Govstack", "govstack", "eCOLABELLING"):
        assert not sp.known(w), w


def test_glossary_words_cover_terms_of_every_status_and_abbreviations(glossary) -> None:
    known = glossary_words(glossary)
    assert {"ICLEI", "UNEP", "10YFP"} - known == {"10YFP"}  # tokens with digits are never read
    assert {"Program", "Governments", "Sustainability"} <= known  # a forbidden form is spelt right


# -- cost ----------------------------------------------------------------------------------------
def test_each_word_is_looked_up_once_and_suggestions_only_for_findings(dictionary, glossary) -> None:
    counting = Counting(dictionary)
    units = [u for u in load_units(PO, ROOT) if u.target and not u.english_source]
    project = glossary_words(glossary) | {e.word for e in read_wordlist(LIST)}
    sp = Speller(project, counting)
    distinct = {w for u in units for _, _, w in words(u.target or "")}
    for _ in range(2):
        assert [w for u in units for w in sp.unknown(u.target or "")] == []
    assert counting.checks <= 2 * len(distinct)  # a word, and at most its possessive stem once
    assert counting.suggests == 0
    typo = [replace(units[0], target="Recycled paepr.")] * 50
    rule_sp = Speller(project, counting)
    for u in typo:
        for _, _, w in rule_sp.unknown(u.target or ""):
            rule_sp.suggest(w)
    assert counting.suggests == 1


# -- termination ---------------------------------------------------------------------------------
_TEXT = st.text(
    st.sampled_from(list("abcXYZé’'-. @/:`<>0_中\n ")) | st.characters(codec="utf-8"), max_size=300
)


@settings(deadline=1000, max_examples=300)
@given(_TEXT)
def test_words_terminate_and_are_substrings(text: str) -> None:
    for start, end, w in words(text):
        assert text[start:end] == w and len(w) > 1 and not any(c.isdigit() for c in w)


@settings(deadline=2000, max_examples=150)
@given(_TEXT)
def test_unknown_spans_lie_in_the_text(text: str) -> None:
    sp = _fuzz_speller()
    for start, end, w in sp.unknown(text):
        assert text[start:end] == w


def _fuzz_speller() -> Speller:
    global _SPELLER
    if _SPELLER is None:
        try:
            _SPELLER = Speller({"Wuppertal"}, hunspell_en_gb())
        except SpellingUnavailable as e:
            pytest.skip(str(e))
    return _SPELLER


_SPELLER: Speller | None = None


def test_suggestions_stop_after_the_runs_cap_the_same_in_every_run(dictionary, glossary, monkeypatch) -> None:
    from sppterm.checks import spelling

    monkeypatch.setattr(spelling, "MAX_SUGGESTED_WORDS", 3)
    texts = ["Recycled paepr.", "New priners.", "Office furnature.", "Four laptpos.", "Recycled paepr."]
    units = [CheckUnit("x.po", i, f"句子{i}。", t) for i, t in enumerate(texts, 1)]
    opts = Options(rules=["spelling"], wordlist=LIST)
    first = [f.message for f in run(units, glossary, opts)]
    assert first == [
        "unknown word 'paepr' (paper, prepare?)",
        "unknown word 'priners' (pruners, primers, priers?)",
        "unknown word 'furnature' (furniture, naturel, nature?)",  # not Hunspell's fur-nature
        "unknown word 'laptpos'",  # the fourth distinct word: no suggestion
        "unknown word 'paepr' (paper, prepare?)",  # one already suggested for
    ]
    assert [f.message for f in run(units, glossary, opts)] == first


@pytest.mark.parametrize("run", ["a-", "twenty-", "ab.", "a", "oneplanet.org-", "x’"])
def test_a_long_run_is_linear_and_its_message_short(dictionary, glossary, run: str) -> None:
    """40,000 characters of one pattern: the host-name mask once took 19 s on a-a-a-… (it could
    start after every hyphen), the dictionary's compound search too; a word is clipped."""
    from .timeguard import time_limit

    text = run * (40000 // len(run))
    with time_limit(2.0, f"spelling on {run!r}×"):
        found = _spelling(glossary, text)
    assert all(len(f.message) < 120 for f in found)
