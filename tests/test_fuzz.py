"""Fuzzing the text functions: no input makes them hang or raise anything but InputError.

Each test feeds arbitrary Unicode and, mixed in, what the bulletins are made of (CJK, full-width
forms, Chinese and English number words, punctuation, Markdown, real lines of the seeds) to one
module's text functions. Every call runs under :func:`time_limit`: a loop that stops advancing
fails the test (hypothesis's ``deadline`` only judges examples that finish). The few invariants
checked are the documented contracts (folding keeps lengths, splitting loses no characters).
"""

from __future__ import annotations

import functools
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm import en, numerals, zh
from sppterm.bulletin import mdtext, parse, seed
from sppterm.bulletin.hints import Hints, load_hints
from sppterm.checks import numbers as check_numbers
from sppterm.checks import terms as check_terms
from sppterm.checks.base import CheckUnit, Context
from sppterm.checks.registry import RULES
from sppterm.checks.text import Inconsistent
from sppterm.errors import InputError
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from tests.conftest import ROOT, SEEDS
from tests.timeguard import time_limit

LIMIT = 2.0  # seconds per call: the slowest real call (importing a whole seed) takes ~0.1 s
# CI: 150 fixed examples per test. SPPTERM_FUZZ_EXAMPLES=5000 fuzzes deeper, with random seeds.
_DEEP = os.environ.get("SPPTERM_FUZZ_EXAMPLES")
FUZZ = settings(max_examples=int(_DEEP or 150), deadline=1500, derandomize=not _DEEP, database=None)


def call(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` under the time limit; InputError (a user-facing error) is an allowed outcome."""
    with time_limit(LIMIT, getattr(fn, "__qualname__", repr(fn))):
        try:
            return fn(*args)
        except InputError:
            return None


# -- what the text is made of ---------------------------------------------------------------
ZH_NUMBER_WORDS = [
    *"一二三四五六七八九十百千万亿两零〇第首届余多近约分之",
    "百分之",
    "万亿",
    "分之",
    "二〇二二年",
    "第二十七次",
    "三分之一",
    "零分之三",
    "数千",
    "上百",
    "几十",
    "个",
    "年",
    "月",
    "日",
    "期",
]
EN_NUMBER_WORDS = [
    "twenty-seventh",
    "Twenty-Seventh",
    "fifty-first",
    "one-hundred-and-first",
    "twenty-year",
    "two-thirds",
    "zero-waste",
    "first",
    "second",
    "third",
    "thirds",
    "half",
    "quarter",
    "a",
    "an",
    "one",
    "two",
    "twelve",
    "twenty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "and",
    "per cent",
    "percent",
    "%",
    "May",
    "in",
    "October",
    "decade",
    "27th",
    "1st",
    "/",
    "-",
    "–",
    "10YFP",
    "CO2",
    "https://www.oneplanetnetwork.org/x",
    "spp@unep.org",
]
PUNCT = list("。！？!?…；;：:，,.、“”‘’\"'（）()《》【】「」『』〔〕*#-_[]<>`\\/%—–‐·~|{}+=&@$^")
SPACE = [" ", "  ", "\n", "\n\n", "\r\n", "\t", "\u3000", "\u00a0", "\u200b", "\ufeff"]
MARKDOWN = ["## ", "### ", "#### ", "- ", "* ", "1. ", "01 ", "⚫", "**", "***", "---", "> ", "<b>", "</b>"]
MARKDOWN += ["<i>", "</i>", "<https://a.org/b>", "[链接](#)", "<u>", "</u>", "\\[", "目录", "摘自", "编辑："]

digits = st.from_regex(r"\d{1,4}(?:[,.]\d{1,3}){0,3}(?:st|nd|rd|th|%)?", fullmatch=True)
huge_digits = st.integers(min_value=300, max_value=5000).map(lambda n: "9" * n)
cjk = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6)
full_width = st.text(
    st.one_of(
        st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
        st.characters(min_codepoint=0x3000, max_codepoint=0x303F),
    ),
    min_size=1,
    max_size=4,
)
ascii_words = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=8)


@functools.cache
def _glossary():
    return load_glossary(ROOT / "glossary")


@functools.cache
def _zh_matcher() -> ZhMatcher:
    return ZhMatcher(_glossary())


@functools.cache
def _en_terms() -> check_terms.EnglishTerms:
    return check_terms.EnglishTerms(_glossary())


@functools.cache
def _terms() -> tuple[list[str], list[str]]:
    """Chinese and English glossary forms, so that the matchers have something to find."""
    g = _glossary()
    zh_terms = sorted({t.text for t, _ in g.zh_terms()})
    en_forms = sorted({t.text for c in g for t in c.terms if t.lang == "en"} | {a for c in g for a in c.abbr})
    return zh_terms, en_forms


@functools.cache
def _real_lines() -> list[str]:
    """Lines of the seeds and curated sources: real structure (headings, lists, masthead)."""
    lines: set[str] = set()
    files = [*sorted(SEEDS.glob("*.txt")), *sorted((ROOT / "source_zh").glob("*.md"))]
    for f in files:
        lines.update(x for x in f.read_text("utf-8", errors="replace").splitlines() if x.strip())
    return sorted(lines)[:4000] or ["可持续公共采购"]


# deferred: the glossary and the seeds are read when a test first draws, not at collection
glossary_zh = st.deferred(lambda: st.sampled_from(_terms()[0]))
glossary_en = st.deferred(lambda: st.sampled_from(_terms()[1]))
real_line = st.deferred(lambda: st.sampled_from(_real_lines()))

piece = st.one_of(
    st.text(max_size=6),
    cjk,
    full_width,
    st.sampled_from(ZH_NUMBER_WORDS),
    st.sampled_from(EN_NUMBER_WORDS),
    st.sampled_from(PUNCT),
    st.sampled_from(SPACE),
    st.sampled_from(MARKDOWN),
    digits,
    ascii_words,
    glossary_zh,
    glossary_en,
)
mixed = st.lists(piece, max_size=30).map("".join)
spaced = st.lists(st.one_of(piece, real_line), max_size=20).map(" ".join)
texts = st.one_of(st.text(), mixed, spaced, huge_digits)
documents = st.lists(st.one_of(real_line, mixed, st.sampled_from(SPACE)), max_size=40).map("\n".join)


def _no_space(s: str) -> str:
    return "".join(c for c in s if not c.isspace())


# -- numerals ----------------------------------------------------------------------------------
@FUZZ
@given(texts)
def test_fuzz_numerals(text: str) -> None:
    for fn in (numerals.zh_numbers, numerals.en_numbers):
        values = call(fn, text)
        assert all(math.isfinite(v) for v in values), (fn.__name__, values)


@FUZZ
@given(st.lists(st.sampled_from([*EN_NUMBER_WORDS, "-", " ", "-"]), max_size=25).map("".join))
def test_fuzz_en_number_words(text: str) -> None:
    """Number words glued by hyphens and spaces in any order (twenty-seventh-hundred-and-…)."""
    call(numerals.en_numbers, text)
    call(numerals.en_numbers, text.replace(" ", "-"))


@FUZZ
@given(
    st.lists(st.sampled_from(ZH_NUMBER_WORDS), max_size=25).map("".join), st.sampled_from(["", "个", "年"])
)
def test_fuzz_zh_number_words(text: str, measure: str) -> None:
    call(numerals.zh_numbers, text + measure)


@FUZZ
@given(st.floats(), st.floats())
def test_fuzz_same(a: float, b: float) -> None:
    call(numerals.same, a, b)


# -- zh.py and en.py ---------------------------------------------------------------------------
@FUZZ
@given(texts)
def test_fuzz_zh_text(text: str) -> None:
    for fn in (zh.has_cjk, zh.count_ideographs, zh.despace, zh.ends_sentence, zh.width):
        call(fn, text)
    for fn in (zh.normalise, zh.skeleton, zh.text_key):
        call(fn, text)
    assert len(call(zh.fold_width, text)) == len(text)
    pieces = call(zh.sentences, text)
    assert _no_space("".join(pieces)) == _no_space(text)


@FUZZ
@given(texts, st.lists(texts, max_size=4))
def test_fuzz_en_text(text: str, forms: list[str]) -> None:
    pieces = call(en.sentences, text)
    assert _no_space("".join(pieces)) == _no_space(text)
    assert len(call(en.fold, text)) == len(text)
    for f in forms:
        call(en.form_pattern, f)
    pattern = call(en.compile_forms, forms)
    if pattern is not None:
        with time_limit(LIMIT, "compile_forms pattern"):
            pattern.search(text)


# -- glossary matchers -------------------------------------------------------------------------
@FUZZ
@given(texts)
def test_fuzz_zh_matcher(text: str) -> None:
    folded = zh.fold_width(text)
    for hit in call(_zh_matcher().find, text):
        assert 0 <= hit.start < hit.end <= len(text)
        assert folded[hit.start : hit.end] == zh.fold_width(hit.text)


@FUZZ
@given(texts)
def test_fuzz_en_terms(text: str) -> None:
    _present, bad = call(_en_terms().scan, text)
    for start, end, _term, _concept in bad:
        assert 0 <= start < end <= len(text)
    call(check_terms.alnum_key, text)
    for k in (0, 1, len(text), len(text) + 3):
        call(check_terms._Offsets(text), k)


# -- the raw bulletin importer -----------------------------------------------------------------
@functools.cache
def _hints() -> list[Hints]:
    return [Hints(), *(load_hints(p) for p in sorted((ROOT / "source_zh").glob("*.hints.yaml")))]


_TMP = tempfile.TemporaryDirectory(prefix="sppterm-fuzz-")


@FUZZ
@given(documents, st.integers(min_value=0, max_value=2))
def test_fuzz_importer(raw: str, hints_index: int) -> None:
    hints = _hints()[hints_index % len(_hints())]
    imported = call(seed.import_text, raw, "2099-01", "fuzz.txt", hints)
    if imported is not None:
        # what the importer writes, the parser reads
        with time_limit(LIMIT, "parse_text of imported Markdown"):
            parse.parse_text(imported.markdown, "fuzz.md")


@FUZZ
@given(st.one_of(documents, texts), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_fuzz_import_file(raw: str, encoding: str) -> None:
    path = Path(_TMP.name) / "raw.txt"
    path.write_bytes(raw.encode(encoding, errors="replace").replace(b"\n", b"\r\n"))
    call(seed.import_file, path, "2099-01")


@FUZZ
@given(st.binary(max_size=200))
def test_fuzz_import_file_bytes(data: bytes) -> None:
    path = Path(_TMP.name) / "raw.bin"
    path.write_bytes(data)
    call(seed.import_file, path, "2099-01")


# -- the Markdown bulletin parser and writer -----------------------------------------------------
FRONT = "---\nid: '2099-01'\ntitle: 可持续公共采购计划简报\nyear: 2099\n---\n\n"


@FUZZ
@given(documents)
def test_fuzz_parse(body: str) -> None:
    bulletin = call(parse.parse_text, FRONT + body, "fuzz.md")
    assert bulletin is not None  # the front matter is valid: the body alone cannot be refused
    for fn in (mdtext.escape, mdtext.inline):
        call(fn, body)


@FUZZ
@given(texts)
def test_fuzz_mdtext(text: str) -> None:
    """Escaped text is Markdown the parser reads."""
    for fn in (mdtext.escape, mdtext.inline):
        out = call(fn, text)
        call(parse.parse_text, FRONT + out, "fuzz.md")


@FUZZ
@given(st.lists(st.tuples(st.text(max_size=5), st.text(max_size=5)), max_size=6))
def test_fuzz_check_unique_ids(declared: list[tuple[str, str]]) -> None:
    call(parse.check_unique_ids, declared)


# -- the checks ----------------------------------------------------------------------------------
@functools.cache
def _ctx() -> Context:
    # Loads what the rules load once per process (the dictionary, compiled from its source on a
    # machine with no cache yet: seconds under load), outside the per-call limit, which is for
    # calls that stop advancing, not for a one-time load.
    from sppterm.checks.coverage import shared_lexicon

    shared_lexicon()
    return Context(_glossary(), _zh_matcher(), _en_terms())


@pytest.fixture(scope="module", autouse=True)
def _warm_rules() -> None:
    """Each rule run once on a real unit before the fuzzing: what the rules load once per process
    (glossary, matchers, dictionaries) is no example's time (hypothesis's deadline would judge
    the first example by it, and a fresh clone has no cache yet)."""
    unit = CheckUnit(
        "warm.po", 1, "可持续公共采购计划于2014年启动。", "The SPP Programme was launched in 2014."
    )
    for rule in RULES:
        if isinstance(rule, Inconsistent):
            list(rule.check_series([unit, unit]))
        else:
            list(rule.check(unit, _ctx()))


@FUZZ
@given(texts, st.one_of(st.none(), texts), st.booleans(), st.booleans())
def test_fuzz_rules(key: str, target: str | None, fuzzy: bool, english: bool) -> None:
    unit = CheckUnit("fuzz.po", 1, key, target, fuzzy=fuzzy, english_source=english)
    for rule in RULES:
        if isinstance(rule, Inconsistent):
            call(lambda r=rule: list(r.check_series([unit, unit])))
        else:
            call(lambda r=rule: list(r.check(unit, _ctx())))


@FUZZ
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=5))
def test_fuzz_inconsistent(pairs: list[tuple[str, str]]) -> None:
    units = [CheckUnit("fuzz.po", k, s, t) for k, (s, t) in enumerate(pairs)]
    rule = next(r for r in RULES if isinstance(r, Inconsistent))
    call(lambda: list(rule.check_series(units)))


@FUZZ
@given(
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50))),
)
def test_fuzz_number_helpers(v: float, text: str, spans: list[tuple[int, int]]) -> None:
    call(check_numbers._fmt, v)
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in spans]
    assert len(call(check_numbers._mask, text, spans)) == len(text)


# -- long runs: every function is linear in the length of a line ----------------------------------
RUN_UNITS = [
    "a",
    "1",
    "可",
    "1.",
    "_",
    "-a",
    "<",
    "[",
    "*",
    "!",
    "1.1!",
    "www.",
    "可\n",
    "twenty-",
    "“好！”然",
    "a@",
    "1@a",
    "可@",
    "a.",
]


@settings(FUZZ, max_examples=25, deadline=None)  # deadline: the per-call time limit does that job here
@given(st.lists(st.sampled_from(RUN_UNITS), min_size=1, max_size=3).map("".join))
def test_fuzz_long_runs(unit: str) -> None:
    """A 40,000-character run of one pattern (a Chinese paragraph without punctuation, a digit
    string, a row of < or _): a regex retried from every position of a run is quadratic and
    took 3-40 s here, the e-mail pattern too until it could only start where an address can."""
    text = unit * (40000 // len(unit)) + "@"
    fns = [numerals.zh_numbers, numerals.en_numbers, zh.sentences, en.sentences, zh.despace]
    fns += [_zh_matcher().find, _en_terms().scan, mdtext.inline]
    for fn in fns:
        call(fn, text)
    call(seed.import_text, text, "2099-01", "fuzz.txt")
    call(parse.parse_text, FRONT + text, "fuzz.md")
    unit_ = CheckUnit("fuzz.po", 1, text, text)
    for rule in RULES:
        if not isinstance(rule, Inconsistent):
            call(lambda r=rule: list(r.check(unit_, _ctx())))
