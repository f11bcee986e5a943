"""Facts about English text: sentence segmentation (for aligning memory entries)."""

from __future__ import annotations

import re

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


def _case_sensitive(form: str) -> bool:
    """Abbreviations (one token with two or more capitals: SPP, IenW, SAVi, GO4SDGs) match
    case-sensitively; names and common nouns match in any case (title or sentence case)."""
    return " " not in form.strip() and sum(c.isupper() for c in form) >= 2


def form_pattern(form: str) -> str:
    """Regex for one English form: any of hyphen / en dash / space between words, plural or
    possessive ending, word boundaries. Case is handled by :func:`compile_forms`."""
    words = [w for w in re.split(r"[\s\-‐‑–—]+", form.strip()) if w]
    body = _SEP.join(re.escape(w.strip(":,")) for w in words)
    if body[:1].isalnum():
        # "no word character before the first letter" said after that letter, c(?<![\w]c): the
        # same matches, but a pattern starting with a letter is searched for by that letter,
        # not tried at every position of the text (and it compiles a little faster)
        return rf"{body[0]}(?<![\w]{body[0]}){body[1:]}{_PLURAL_END}(?![\w])"
    return rf"(?<![\w]){body}{_PLURAL_END}(?![\w])"


def compile_forms(forms: list[str]) -> re.Pattern[str] | None:
    """One pattern matching any of ``forms``; case-insensitive except for abbreviations."""
    parts = []
    for f in sorted(set(forms), key=len, reverse=True):
        p = form_pattern(f)
        parts.append(p if _case_sensitive(f) else f"(?i:{p})")
    return re.compile("|".join(parts)) if parts else None


_DASHES = str.maketrans({c: " " for c in "-‐‑–—\t\n"})


def fold(text: str) -> str:
    """Lower case, dashes as spaces, same length as ``text``: for automaton matching."""
    folded = text.lower().translate(_DASHES)
    return folded if len(folded) == len(text) else text.translate(_DASHES)
