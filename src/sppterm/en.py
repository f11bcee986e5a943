"""Facts about English text: sentence segmentation (for aligning memory entries)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_ABBREV = ("e.g.", "i.e.", "etc.", "Mr.", "Ms.", "Dr.", "No.", "vs.", "St.", "U.S.", "U.N.")
_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """Split English text at . ! ? followed by space and a capital or digit (not after an abbreviation)."""
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        piece = text[start : m.start()].rstrip()
        if any(piece.endswith(a) for a in _ABBREV):
            continue
        if piece:
            out.append(text[start : m.end()].strip())
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


# -- matching glossary terms in English ----------------------------------------------------
_SEP = r"[\s\-‐‑–—:,’'./&]*"
_PLURAL_END = r"(?:s|es|'s|’s|s'|s’)?"
# What re's IGNORECASE matches to an ASCII letter besides its two cases (tests/test_en_forms.py
# holds this to re's, over every code point).
ODD_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _case_sensitive(form: str) -> bool:
    """Abbreviations (one token with two or more capitals: SPP, IenW, SAVi, GO4SDGs) match
    case-sensitively; names and common nouns match in any case (title or sentence case)."""
    return " " not in form.strip() and sum(map(str.isupper, form)) >= 2


def _body(form: str) -> str:
    words = [w for w in re.split(r"[\s\-‐‑–—]+", form.strip()) if w]
    return _SEP.join(re.escape(w.strip(":,")) for w in words)


def form_pattern(form: str) -> str:
    """Regex for one English form: any of hyphen / en dash / space between words, plural or
    possessive ending, word boundaries. Case is handled by :func:`compile_forms`."""
    body = _body(form)
    if body[:1].isalnum():
        # "no word character before the first letter" said after that letter, c(?<![\w]c): the
        # same matches, but a pattern starting with a letter is searched for by that letter,
        # not tried at every position of the text (and it compiles a little faster)
        return rf"{body[0]}(?<![\w]{body[0]}){body[1:]}{_PLURAL_END}(?![\w])"
    return rf"(?<![\w]){body}{_PLURAL_END}(?![\w])"


def forms_pattern(forms: Sequence[str]) -> str:
    """The pattern text of :func:`compile_forms` for ``forms`` in the order given (the first
    form matching at a position wins).

    When every form starts with an ASCII letter or digit, the pattern starts with the class of
    the characters a match can start with, [Ssſ…] (every character re's IGNORECASE takes for
    the first letter of a form in any case, the letter as written of an abbreviation), and each
    form follows with its first letter as a look-behind: re searches a pattern starting with a
    class by that class, in C, where a pattern starting with (?i:…) is tried at every position.
    The same matches as the alternation of :func:`form_pattern`'s (tests/test_en_forms.py),
    found about three times faster; compiled as fast."""
    starts: set[str] = set()
    parts, plain = [], []
    jump = True  # every form starts with an ASCII letter or digit
    for f in forms:
        p = form_pattern(f)
        folded = not _case_sensitive(f)
        plain.append(f"(?i:{p})" if folded else p)
        first = p[0]
        if not (first.isascii() and first.isalnum()):
            jump = False
            continue
        rest = p[len(rf"{first}(?<![\w]{first})") :]
        if folded:
            starts |= {first.lower(), first.upper(), *ODD_FOLDS.get(first.lower(), "")}
            parts.append(f"(?<=(?i:{first}))(?i:{rest})")
        else:
            starts.add(first)
            parts.append(f"(?<={first}){rest}")
    if not jump or not parts:
        return "|".join(plain)
    return f"[{''.join(sorted(starts))}](?<![\\w].)(?:{'|'.join(parts)})"


def compile_forms(forms: list[str]) -> re.Pattern[str] | None:
    """One pattern matching any of ``forms`` (longest first); case-insensitive except for
    abbreviations."""
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    return re.compile(forms_pattern(ordered)) if ordered else None


def lower(text: str) -> str:
    """``text.lower()`` character for character: the same length, so a position in the result is
    one in ``text``. Only İ (U+0130) lower-cases to two code points (i and a combining dot,
    tests/test_term_spans.py holds that to every code point): it is kept as it is, matching no
    lower-case letter, as its two code points matched none of a glossary key's before."""
    if "\u0130" not in text:
        return text.lower()
    return "\u0130".join(piece.lower() for piece in text.split("\u0130"))


_DASHES = str.maketrans({c: " " for c in "-‐‑–—\t\n"})


def fold(text: str) -> str:
    """Lower case (:func:`lower`), dashes as spaces, same length as ``text``: for automaton matching."""
    return lower(text).translate(_DASHES)
