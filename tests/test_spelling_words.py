"""The spelling rule's word reader (sppterm.checks.spelling.words): one scan with the masks'
literal pre-checks gives exactly what the two-step reading gave (every token, then the Latin
ones), on the series' English and on fuzzed text, and ends on any input."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.checks import spelling
from sppterm.patterns import EMAIL_RE, URL_RE
from sppterm.units.po import read_po

from .conftest import ROOT


def _reference(text: str) -> list[tuple[int, int, str]]:
    """The reading before the one-scan pattern: every mask applied, every token tested."""
    for pattern in (URL_RE, EMAIL_RE, spelling._DOTTED, spelling._CODE):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for m in spelling._TOKEN.finditer(text):
        w = m.group(0)
        if len(w) >= 2 and spelling._LATIN_WORD.fullmatch(w) is not None:
            out.append((m.start(), m.end(), w))
    return out


def _english() -> list[str]:
    return [
        e.msgstr
        for p in sorted((ROOT / "target_en" / "po").glob("*.po"))
        for e in read_po(Path(p))
        if e.msgstr
    ]


def test_the_series_english_reads_as_before() -> None:
    texts = _english()
    assert len(texts) > 200
    n = 0
    for t in texts:
        got = list(spelling.words(t))
        assert got == _reference(t), t
        n += len(got)
    assert n > 5000


_ALPHABET = st.sampled_from([*"ab Zé中_-'’.`@:/w3x\n", "www.", "http://", "a.org", "e@x.io", "ŉ", "×"])


@settings(deadline=1000, max_examples=400)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_fuzzed_text_reads_as_before(text: str) -> None:
    assert list(spelling.words(text)) == _reference(text)


def test_long_runs_end() -> None:
    for text in ("a-" * 20000, "é" * 40000 + "中", "x.org" * 8000, "ab’" * 15000, "`" * 30001):
        assert list(spelling.words(text)) == _reference(text)
