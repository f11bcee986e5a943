"""Fuzzing the PO reader and writer: garbage is an InputError (never another exception or a
hang), and whatever valid text a unit holds is written and read back exactly."""

from __future__ import annotations

import contextlib

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sppterm.errors import InputError
from sppterm.units.po import control_problem, parse_po, po_text, read_po

from .conftest import ROOT
from .timeguard import time_limit

FAST = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
SPECIAL = '"\\\n\t\r\x00\x07\x0b\x1b\x7f\x85\u2028 #~|.,:[]0x7nabfrtv中'
CHARS = st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8", exclude_categories=["Cs"]))
TEXT = st.text(CHARS, max_size=30)
REAL = (ROOT / "target_en" / "po" / "2025.po").read_text("utf-8")


def _read(text: str) -> polib.POFile | None:
    """Parse under a time guard; an InputError is a fine answer, anything else fails."""
    with time_limit(2.0, "parse_po"), contextlib.suppress(InputError):
        return parse_po(text, "f.po")
    return None


@FAST
@given(
    units=st.lists(
        st.tuples(TEXT.filter(bool), TEXT, st.booleans(), st.none() | TEXT, st.booleans(), TEXT, TEXT),
        max_size=5,
        unique_by=lambda u: (u[0], u[4]),
    )
)
def test_write_then_read_round_trips_every_valid_entry(units):
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    po.header = "A header\n\nwith a blank line"
    fields = []
    for msgid, msgstr, fuzzy, previous, obsolete, comment, tcomment in units:
        comment = "" if obsolete else comment.replace("\n", " ").strip()  # obsolete: not written
        tcomment = tcomment.replace("\n", " ").strip()
        fields += [msgid, msgstr, previous or "", comment, tcomment]
        po.append(
            polib.POEntry(
                msgid=msgid,
                msgstr=msgstr,
                flags=["fuzzy"] if fuzzy else [],
                previous_msgid=previous,
                obsolete=obsolete,
                comment=comment,
                tcomment=tcomment,
            )
        )
    try:
        with time_limit(2.0, "po_text"):
            text = po_text(po)
    except InputError:
        # Only what the reader would refuse is refused.
        assert any(control_problem(x) for x in fields)
        return
    if any(control_problem(x) for x in fields):  # in a comment: the reader names the line
        assert _read(text) is None
        return
    back = parse_po(text, "f.po")
    assert back.metadata == po.metadata and back.header == po.header
    got = [(e.msgid, e.msgstr, e.flags, e.previous_msgid, e.obsolete, e.comment, e.tcomment) for e in back]
    want = [
        (e.msgid, e.msgstr, e.flags, e.previous_msgid, e.obsolete, e.comment, e.tcomment)
        for e in sorted(po, key=lambda e: e.obsolete)  # obsolete entries are written last
    ]
    assert got == want
    assert po_text(back) == text  # and canonical: a second write is the same bytes


@FAST
@given(garbage=st.text(CHARS, max_size=300))
def test_garbage_text_is_an_input_error_or_a_po_file(garbage):
    _read(garbage)


PO_LINE = st.one_of(
    st.sampled_from(
        ["", "#", "# c", "#. c", "#: a.md:1 b", "#, fuzzy", "#~", "#|", "#~|", 'msgid ""', 'msgstr ""']
    ),
    st.tuples(
        st.sampled_from(
            [
                "msgid ",
                "msgstr ",
                "msgctxt ",
                "msgid_plural ",
                "msgstr[0] ",
                "msgstr[1] ",
                "#~ ",
                "#| ",
                "#~| ",
                "",
            ]
        ),
        st.sampled_from(["", "msgid ", "msgstr "]),
        st.sampled_from(['"', "", "'"]),
        TEXT,
        st.sampled_from(['"', "", '\\"', '" x', "\\"]),
    ).map("".join),
)


@FAST
@given(lines=st.lists(PO_LINE, max_size=25))
def test_po_shaped_garbage_is_an_input_error_or_a_po_file(lines):
    _read("\n".join(lines))


@FAST
@given(data=st.data())
def test_mutated_real_file_is_an_input_error_or_a_po_file(data):
    lines = REAL.split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        k = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["drop", "dup", "insert", "cut"]))
        if op == "drop":
            del lines[k]
        elif op == "dup":
            lines.insert(k, lines[k])
        elif op == "insert":
            pos = data.draw(st.integers(0, len(lines[k])))
            lines[k] = lines[k][:pos] + data.draw(st.sampled_from(SPECIAL)) + lines[k][pos:]
        else:
            lines[k] = lines[k][: data.draw(st.integers(0, len(lines[k])))]
    po = _read("\n".join(lines))
    if po is not None:  # what was accepted writes back and reads the same
        assert [(e.msgid, e.msgstr) for e in parse_po(po_text(po))] == [(e.msgid, e.msgstr) for e in po]


@FAST
@given(data=st.binary(max_size=300))
def test_garbage_bytes_as_a_file_are_an_input_error_or_a_po_file(tmp_path, data):
    p = tmp_path / "g.po"
    p.write_bytes(data)
    with time_limit(2.0, "read_po"), contextlib.suppress(InputError):
        read_po(p)
