"""English typography for the editions: curly quotes and apostrophes, en dashes in numeric
ranges, non-breaking spaces where UN house style keeps words together.

Every replacement is one character for one, so offsets found in the plain text (links, titles)
stay valid in the typeset text; the caller keeps the original characters of links and
addresses (a URL's ``'`` or ``-`` is part of the address).
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
_OPENING_CONTEXT = set(" \t\n\u00a0([{“‘—–-/") | {""}
# 2023-2024, 18-19 October: a range of plain numbers (not COVID-19, not +86-10-…, not 2024-02-01).
_RANGE = re.compile(r"(?<![\w+\-.–/])(\d{1,4})-(\d{1,4})(?![\w\-.–/]|\.\d)")
# "15 per cent", "3 million", "USD 1.3 million", "No. 16": one line, never broken apart.
_NUMBER_WORD = re.compile(r"(?<=\d) (?=(?:per cent|million|billion|trillion)\b)")
_CURRENCY = re.compile(r"(?<=\b(?:USD|EUR|CNY|RMB|GBP|CHF|JPY)) (?=\d)|(?<=\bNo\.) (?=\d)")


def _quotes(text: str) -> str:
    out = []
    prev = ""
    for ch in text:
        if ch == '"':
            ch = "“" if prev in _OPENING_CONTEXT else "”"
        elif ch == "'":
            # An apostrophe (Paul's, countries') unless it opens a quotation (after a space or an
            # opening bracket).
            ch = "‘" if prev in _OPENING_CONTEXT else "’"
        out.append(ch)
        prev = ch
    return "".join(out)


def _fix_single(text: str) -> str:
    """A ‘ with no ’ after it was an apostrophe at a word's start (’90s): linear, one pass."""
    last = text.rfind("’")
    head, tail = text[: last + 1], text[last + 1 :]
    return head + tail.replace("‘", "’")


def smarten(text: str) -> str:
    """``text`` typeset: same length, one character for one."""
    text = _fix_single(_quotes(text))
    text = _RANGE.sub(lambda m: f"{m.group(1)}–{m.group(2)}", text)
    text = _NUMBER_WORD.sub(NBSP, text)
    return _CURRENCY.sub(NBSP, text)
