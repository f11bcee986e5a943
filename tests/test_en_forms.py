"""English form patterns (sppterm.en.form_pattern): the first letter before its look-behind.

``c(?<![\\w]c)…`` is how form_pattern now says "no word character before the form" (issue 13: a
pattern starting with a letter is searched for by it, not tried at every position). Held here
to the old spelling, ``(?<![\\w])c…``, on the glossary's own forms and on fuzzed texts made of
them, with the characters re folds to ASCII letters (İ ı ſ K) and underscores.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm import en
from sppterm.glossary import load_glossary
from tests.conftest import ROOT


def _old_compile(forms: list[str]) -> re.Pattern[str]:
    """compile_forms as it was written before: the look-behind first."""
    parts = []
    for f in sorted(set(forms), key=len, reverse=True):
        words = [w for w in re.split(r"[\s\-‐‑–—]+", f.strip()) if w]
        body = en._SEP.join(re.escape(w.strip(":,")) for w in words)
        p = rf"(?<![\w]){body}{en._PLURAL_END}(?![\w])"
        parts.append(p if en._case_sensitive(f) else f"(?i:{p})")
    return re.compile("|".join(parts))


def _spans(p: re.Pattern[str] | None, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in p.finditer(text)] if p is not None else []


GLOSSARY = load_glossary(ROOT / "glossary")
FORMS = sorted(
    {t.text for c in GLOSSARY for t in c.terms if t.lang == "en"} | {a for c in GLOSSARY for a in c.abbr}
)
ODD = ["İ", "ı", "ſ", "\u212a", "_", "-", "–", " ", "s", "'s", "’", ".", "x", "é", "1", "(", ")"]


def test_the_glossary_forms_start_with_a_letter_or_digit_mostly() -> None:
    """The new spelling applies to nearly every form (else it would change nothing)."""
    starts = [en.form_pattern(f)[:1].isalnum() for f in FORMS]
    assert sum(starts) > 0.9 * len(starts)


def test_same_matches_on_the_forms_themselves() -> None:
    for f in FORMS:
        new, old = en.compile_forms([f]), _old_compile([f])
        for text in (f, f" {f}s.", f"x{f}", f"_{f}", f.upper(), f.lower(), f"{f}{f}", f"({f})"):
            assert _spans(new, text) == _spans(old, text), (f, text)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    st.lists(st.sampled_from(FORMS), min_size=1, max_size=3),
    st.lists(st.one_of(st.sampled_from(FORMS), st.sampled_from(ODD), st.text(max_size=2)), max_size=8),
)
def test_same_matches_on_fuzzed_texts(forms: list[str], pieces: list[str]) -> None:
    new, old = en.compile_forms(forms), _old_compile(forms)
    for text in ("".join(pieces), " ".join(pieces)):
        assert _spans(new, text) == _spans(old, text), (forms, text)
