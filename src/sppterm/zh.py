"""Facts about Chinese text: character classes, spacing repair, normalised keys."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from sppterm.patterns import EMAIL, HAN, URL, lazy_compile

# CJK ideographs (sppterm.patterns.HAN: what a Chinese character is, everywhere).
_IDEO = HAN
# CJK symbols and punctuation, full-width forms, general punctuation used in Chinese
# (curly quotes, dashes, ellipsis), middle dot.
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2010-\u2027\u00b7"
IDEOGRAPH = lazy_compile(f"[{_IDEO}]")
CJK = lazy_compile(f"[{_IDEO}{_CJK_PUNCT}]")

# Whitespace (not newline) with a CJK character on one side and, on the other, a CJK
# character, a digit or ASCII punctuation. PDF exports pad digits and split words this way;
# Chinese never needs the space. Spaces between two Latin words, or between a CJK character
# and a Latin letter (`目标 SDG`), are left alone.
_NEAR = f"[{_IDEO}{_CJK_PUNCT}0-9%,.:;!?()\\[\\]\"'/]"
_SPACE_CJK_LEFT = lazy_compile(f"(?<=[{_IDEO}{_CJK_PUNCT}])[ \t\u00a0\u3000]+(?={_NEAR})")
_SPACE_CJK_RIGHT = lazy_compile(f"(?<={_NEAR})[ \t\u00a0\u3000]+(?=[{_IDEO}{_CJK_PUNCT}])")

# What ends a sentence (or a clause that may end a paragraph line) in Chinese text.
SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）》】\"')"
LINE_FINAL = SENTENCE_END + "；;：:"


def has_cjk(text: str) -> bool:
    """True when ``text`` contains at least one CJK ideograph."""
    return IDEOGRAPH.search(text) is not None


def count_ideographs(text: str) -> int:
    """Number of CJK ideographs (what a Chinese character count means)."""
    return len(IDEOGRAPH.findall(text))


def despace(text: str) -> str:
    """Remove the spaces a PDF export puts inside Chinese words and around numbers.

    >>> despace("可持续消 费 18 场, 共 20 亿")
    '可持续消费18场,共20亿'
    """
    text = _SPACE_CJK_LEFT.sub("", text)
    return _SPACE_CJK_RIGHT.sub("", text)


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends with sentence- or clause-final punctuation (closers allowed)."""
    s = line.rstrip().rstrip(CLOSERS + "*")
    if not s:
        return False
    if s.endswith("……") or s.endswith("..."):
        return True
    return s[-1] in LINE_FINAL


def width(text: str) -> int:
    """Display width: East Asian wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_WS = lazy_compile(r"\s+")


def normalise(text: str) -> str:
    """The unit key: NFC, whitespace runs collapsed to one space, trimmed."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


_NOT_WORD = lazy_compile(r"[\W_]+")


def skeleton(text: str) -> str:
    """Letters and digits only (no spaces, punctuation, quotes): for fuzzy heading matching."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text)).lower()


# -- sentence segmentation ------------------------------------------------------------------
_TERMINALS = "。！？!?"
_CLOSING_QUOTES = "”’」』\"'"
# URLs (the one definition the checker and the publisher use), numbers and versions.
# (?<!\d): a number starts at its first digit; retrying from every digit of a long run is quadratic.
# The e-mail alternative is tried from every character of a long word (a Chinese clause is one),
# so the pattern with it only runs on text with an @.
_NUMBER = r"(?<!\d)\d+(?:\.\d+)+|v\d+(?:\.\d+)*"
_PROTECTED = lazy_compile(rf"{URL}|{_NUMBER}")
_PROTECTED_EMAIL = lazy_compile(rf"{URL}|{EMAIL}|{_NUMBER}")


def sentences(text: str) -> list[str]:
    """Split Chinese text into sentences.

    A sentence ends at a run of 。！？!? or an ellipsis (…… / …), taking trailing closers
    (”’」』）》】"') with it. ；is not an end. URLs, e-mails and numbers (3.5, v1.2) are never
    split. A terminal inside a quotation followed directly by more of the same sentence
    (他说：“好的！”然后离开了。) does not end it.
    """
    pattern = _PROTECTED_EMAIL if "@" in text else _PROTECTED
    protected = [(m.start(), m.end()) for m in pattern.finditer(text)]  # sorted, disjoint
    starts = [a for a, _ in protected]

    def inside(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < protected[k][1]

    out: list[str] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        is_end = (c in _TERMINALS or c == "…") and not inside(i)
        if not is_end:
            i += 1
            continue
        j = i
        while j < n and (text[j] in _TERMINALS or text[j] == "…"):
            j += 1
        k = j
        while k < n and text[k] in CLOSERS:
            k += 1
        quoted = any(ch in _CLOSING_QUOTES for ch in text[j:k])
        if quoted and k < n and IDEOGRAPH.match(text[k]):
            i = k  # the quotation's own terminal; the sentence goes on
            continue
        piece = text[start:k].strip()
        if piece:
            out.append(piece)
        start = k
        i = k
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


_FOLD = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {
    "\u3000": " ",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
}
_FOLD_RE = lazy_compile("[" + "".join(re.escape(c) for c in _FOLD) + "]")


def fold_width(text: str) -> str:
    """Same length as ``text``, with full-width punctuation and letters as ASCII and curly quotes
    straight: the 2025 bulletin writes ,:"() where the others write ，：“”（）. (A regex finds the
    few characters to change; str.translate with a mapping is slow on CJK text.)"""
    return _FOLD_RE.sub(lambda m: _FOLD[m.group()], text)


def text_key(text: str) -> str:
    """Identity of a text across typographic variants (full-width folded, straight quotes; keys
    are NFC already). Used where two bulletins print the same words differently."""
    return fold_width(text)
