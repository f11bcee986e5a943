"""Findings point where the words are: the msgstr (or msgid) line and its physical column,
through wrapping and escapes (sppterm.units.po_positions, sppterm.checks.locations)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sppterm.checks.locations import unstripped
from sppterm.placeholders import strip
from sppterm.units.po import _decode, control_problem, parse_po, read_po
from sppterm.units.po_positions import entry_strings

from .conftest import sppterm

FAST = settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

# Text a PO string may hold (the strict reader refuses other control characters).
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\u2028\u2029\x85")
TEXT = st.text(
    st.one_of(_CHARS, st.sampled_from(['"', "\\", "\n", "\t", "中", "净", "，", "é", "𠀀"])), max_size=60
).filter(lambda s: control_problem(s) is None)


def _escape(ch: str, as_bytes: bool) -> str:
    if as_bytes and ord(ch) > 0x7F:
        data = ch.encode("utf-8")  # hex for all but the last byte: \xa0 then "0" reads as \xa00
        return "".join(f"\\x{b:02x}" if i < len(data) - 1 else f"\\{b:03o}" for i, b in enumerate(data))
    return {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}.get(ch, ch)


@st.composite
def wrapped(draw: st.DrawFn, text: str) -> list[str]:
    """``text`` as the bodies of a PO string's lines: escaped (some characters as octal and hex
    bytes), cut between escapes at random places, the first line perhaps empty (msgid "")."""
    pieces = [_escape(ch, draw(st.booleans())) for ch in text]
    cuts = sorted(set(draw(st.lists(st.integers(0, len(pieces)), max_size=6))))
    bodies, last = [], 0
    for c in [*cuts, len(pieces)]:
        bodies.append("".join(pieces[last:c]))
        last = c
    if draw(st.booleans()):
        bodies.insert(0, "")
    return bodies


def _entry(key: str, target: str, data: st.DataObject) -> tuple[list[str], int]:
    lines = ['msgid ""', 'msgstr "Content-Type: text/plain; charset=UTF-8\\n"', "", "#. role: paragraph"]
    msgid_line = len(lines) + 1
    for name, text in (("msgid", key), ("msgstr", target)):
        bodies = data.draw(wrapped(text))
        indent = ""
        lines.append(f'{indent}{name} "{bodies[0]}"')
        lines += [f'"{b}"' for b in bodies[1:]]
    lines += ["", 'msgid "next"', 'msgstr "x"']
    return lines, msgid_line


def _physical(lines: list[str], region: tuple[int, int, int, int]) -> str:
    """What the file holds between a region's start and end; across lines, the string bodies
    joined (each line's quotes dropped)."""
    l1, c1, l2, c2 = region
    if l1 == l2:
        return lines[l1 - 1][c1 - 1 : c2 - 1]
    first = lines[l1 - 1][c1 - 1 :].rstrip().removesuffix('"')
    middle = [lines[n - 1].strip()[1:-1] for n in range(l1 + 1, l2)]
    last = lines[l2 - 1][: c2 - 1].lstrip().removeprefix('"')
    return first + "".join(middle) + last


@FAST
@given(key=TEXT.filter(bool), target=TEXT, data=st.data())
def test_offsets_round_trip_through_wrapping_and_escapes(key: str, target: str, data: st.DataObject) -> None:
    lines, msgid_line = _entry(key, target, data)
    po = parse_po("\n".join(lines))
    entry = po[0]
    assert (entry.msgid, entry.msgstr) == (key, target)  # the generator writes valid PO
    strings = entry_strings(lines, msgid_line)
    for name, text in (("msgid", key), ("msgstr", target)):
        s = strings[name]
        assert s.text == text
        for k, ch in enumerate(text):
            written = _physical(lines, s.region(k, k + 1))
            decoded = _decode(written, "<test>", 0)
            assert (decoded.decode("utf-8") if isinstance(decoded, bytes) else decoded) == ch, (name, k)
        # spans, the end of the text and out-of-range offsets stay inside the field
        for a, b in ((0, len(text)), (len(text), len(text)), (-5, 10**6)):
            l1, c1, l2, c2 = s.region(a, b)
            assert (l1, c1) <= (l2, c2) and s.start <= (l1, c1) and (l2, c2) <= s.end
        assert s.region()[:2] == s.start and s.start[0] == (msgid_line if name == "msgid" else s.start[0])


def test_not_a_msgid_line_gives_nothing() -> None:
    assert entry_strings(["# comment", 'msgid "a"', 'msgstr "b"'], 1) == {}
    assert entry_strings(['msgid "a"'], 5) == {}


@FAST
@given(st.lists(st.sampled_from(["a", "中", " ", "<b>", "</b>", "<i>", "</i>"]), max_size=30), st.data())
def test_unstripped_spans_cover_the_same_words(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    plain = strip(text)
    a = data.draw(st.integers(0, len(plain)))
    b = data.draw(st.integers(a, len(plain)))
    x, y = unstripped(text, a, b)
    assert strip(text[x:y]) == plain[a:b]
    if a < b:  # the span starts and ends on its own characters, not on a tag
        assert text[x] == plain[a] and text[y - 1] == plain[b - 1]


# -- end to end: a real bulletin, wrapped by GNU msgcat, checked by the command line --------------
@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext (msgcat) is not installed")
def test_findings_point_at_the_msgstr_words_in_a_wrapped_file(project) -> None:
    po_file = project / "target_en" / "po" / "2022-04.po"
    po = read_po(po_file)
    long_keys = [e.msgid for e in po if len(e.msgid) > 120 and not e.msgstr][:2]
    long_key = long_keys[0]
    plants = {
        long_keys[1]: (
            "Experts from many countries and organisations of the network met to share their experience "
            "of sustainable public procurement, and and agreed on the next steps of the work plan.",
            "repeated-word",
            "and and",
        ),
        "合作伙伴最新进展": ("Partner updates。", "punctuation", "。"),
        long_key: (
            "The meeting on sustainable public procurement brought together experts from many countries "
            "and the the organisations of the network to share experience in 净零排放 and green buying.",
            "repeated-word",
            "the the",
        ),
    }
    for e in po:
        if e.msgid in plants:
            e.msgstr = plants[e.msgid][0]
    po.wrapwidth = 0
    po_file.write_text(str(po), "utf-8")
    # GNU msgcat rewraps at 40 columns, as translators' editors do
    subprocess.run(["msgcat", "-w", "40", "-o", str(po_file), str(po_file)], check=True)
    lines = po_file.read_text("utf-8").split("\n")
    assert any(line.startswith('"') for line in lines)  # wrapped
    r = sppterm(project, "check", str(po_file), "--format", "json")
    findings = json.loads(r.stdout)["findings"]
    got = {(f["unit"], f["rule"]): f for f in findings}
    punct = got[("合作伙伴最新进展", "punctuation")]
    assert lines[punct["line"] - 1].startswith(("msgstr", '"'))
    assert lines[punct["line"] - 1][punct["column"] - 1 : punct["end_column"] - 1] == "。"
    assert punct["unit_line"] != punct["line"] and lines[punct["unit_line"] - 1].startswith("msgid")
    # a span on a continuation line of a wrapped msgstr
    repeated = got[(long_keys[1], "repeated-word")]
    assert lines[repeated["line"] - 1].startswith('"') and repeated["line"] > repeated["unit_line"] + 1
    region = (repeated["line"], repeated["column"], repeated["end_line"], repeated["end_column"])
    assert _physical(lines, region).replace('" "', " ") in ("and and", "and \nand")
    # Chinese left in the English: untranslated names the run, in order; the rules reading the
    # English words (repeated-word, term-missing) skip the unit, as `sppterm rules untranslated` says
    untranslated = got[(long_key, "untranslated")]
    assert "“净零排放”" in untranslated["message"]
    assert (long_key, "repeated-word") not in got and (long_key, "term-missing") not in got
    region = (
        untranslated["line"],
        untranslated["column"],
        untranslated["end_line"],
        untranslated["end_column"],
    )
    assert _physical(lines, region) == "净零排放"
