"""PO input is strict: what polib would guess at is an error with file:line, nothing written."""

from __future__ import annotations

import contextlib

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sppterm.errors import InputError
from sppterm.units.po import po_text, read_po

from .conftest import ROOT

REAL = ROOT / "target_en" / "po" / "2022-04.po"
GOOD = 'msgstr "Partner updates"'


def _variant(tmp_path, old: str, new: str, append: str = ""):
    text = REAL.read_text("utf-8")
    assert old in text
    p = tmp_path / "2022-04.po"
    p.write_text(text.replace(old, new, 1) + append, "utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return p, line


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ('msgstr "Partner updates', "unterminated string"),
        ('msgstr "Partner "updates"', "unescaped quote"),
        ('msgstr "Partner updates\\"', "unterminated string"),
        ('msgstr "Partner \\q updates"', "invalid escape '\\\\q'"),
        ('msgstr "Partner \\a updates"', "control character U+0007"),  # a valid escape, a bad character
        ('msgstr "Partner \\x updates"', "invalid escape '\\\\x'"),
        ('msgstr "Partner \\x1ff updates"', "not a byte"),
        ('msgstr "Partner \\001 updates"', "control character U+0001"),
        ('msgstr "Partner \\344 updates"', "not UTF-8"),
        ('msgstr "Partner \x00updates"', "control character"),
        ('msgstr "Partner \x07updates"', "control character"),
        ('msgstr "Partner \\b updates"', "control character"),
        ('msgstr "Partner \\r updates"', "control character"),
        ('msgstr "Partner updates" x', "unexpected text"),
    ],
)
def test_malformed_strings(tmp_path, new, message):
    p, line = _variant(tmp_path, GOOD, new)
    with pytest.raises(InputError) as e:
        read_po(p)
    assert e.value.problems[0].line == line, str(e.value)
    assert message in str(e.value)


def test_gettext_escapes_are_decoded_as_gettext_does(tmp_path):
    """Octal and hex escapes are bytes of the UTF-8 text, as msgfmt reads them."""
    p, _ = _variant(tmp_path, GOOD, 'msgstr "P\\141rtner \\x75pdates \\344\\270\\255 \\xe6\\x96\\x87"')
    assert any(e.msgstr == "Partner updates 中 文" for e in read_po(p))


def test_unterminated_string_was_silently_truncated_by_polib(tmp_path):
    """Why the syntax check exists: polib drops the last character and carries on."""
    p, _ = _variant(tmp_path, GOOD, 'msgstr "Partner updates')
    assert any(e.msgstr == "Partner update" for e in polib.pofile(str(p)))


def test_duplicate_msgid(tmp_path):
    text = REAL.read_text("utf-8")
    start = text.index('msgid "合作伙伴最新进展"')
    entry = text[start : text.index("\n\n", start)]
    p = tmp_path / "2022-04.po"
    p.write_text(text + "\n" + entry + "\n", "utf-8")
    with pytest.raises(InputError, match=r"duplicate msgid \(first on line"):
        read_po(p)


def test_every_committed_po_file_reads():
    for p in sorted((ROOT / "target_en" / "po").glob("*.po")):
        assert len(read_po(p)) > 10


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


@settings(max_examples=200, deadline=1000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(msgid=_TEXT.filter(bool), msgstr=_TEXT)
def test_written_entries_read_back_or_are_refused(tmp_path, msgid, msgstr):
    """Whatever text a unit holds, writing then reading gives it back, or a clear error."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    p = tmp_path / "f.po"
    try:
        p.write_text(po_text(po), "utf-8")  # the writer refuses what the reader would
        back = read_po(p)
    except InputError:
        return  # control characters, or text polib cannot write faithfully: refused, not mangled
    entry = next(e for e in back if e.msgid)
    assert (entry.msgid, entry.msgstr) == (msgid, msgstr)


@settings(max_examples=200, deadline=1000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(garbage=st.text(max_size=200))
def test_garbage_is_an_input_error_or_a_po_file(tmp_path, garbage):
    p = tmp_path / "g.po"
    p.write_text(garbage, "utf-8", errors="surrogatepass")
    with contextlib.suppress(InputError):  # anything else (or a hang) fails the test
        read_po(p)


@pytest.mark.parametrize(
    ("new", "offset", "message"),
    [
        ('msgstr "Partner updates"\nmsgstr "again"', 1, "unexpected msgstr"),
        ('msgstr "Partner updates"\n#~ "obsolete"', 1, "string outside an entry"),
        ('#. a comment between msgid and msgstr\nmsgstr "Partner updates"', -1, "msgid without msgstr"),
        ('msgstr[0] "Partner updates"', 0, "unexpected msgstr[0]"),
        ('#~ msgstr "Partner updates"', 0, "obsolete (#~) and active lines mixed"),
    ],
)
def test_malformed_entries(tmp_path, new, offset, message):
    p, line = _variant(tmp_path, GOOD, new)
    with pytest.raises(InputError) as e:
        read_po(p)
    assert e.value.problems[0].line == line + offset, str(e.value)
    assert message in str(e.value)
