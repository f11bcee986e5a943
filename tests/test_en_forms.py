"""English form patterns (sppterm.en.form_pattern, forms_pattern): the first letter before its
look-behind, and the class of the characters a match may start with in front of all forms.

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


def test_odd_folds_are_res() -> None:
    """For every ASCII letter, the characters re's IGNORECASE matches to it, over every code
    point, are its two cases and ODD_FOLDS' (the class forms_pattern starts with)."""
    import sys

    every = "".join(map(chr, range(sys.maxunicode + 1)))
    for c in "abcdefghijklmnopqrstuvwxyz":
        assert set(re.findall(f"(?i:{c})", every)) == {c, c.upper(), *en.ODD_FOLDS.get(c, "")}, c


def _series_english() -> list[str]:
    import polib

    return [
        e.msgstr
        for p in sorted((ROOT / "target_en/po").glob("*.po"))
        for e in polib.pofile(str(p))
        if e.msgstr
    ]


def _odd_spellings(text: str) -> list[str]:
    odd = text.replace("i", "ı").replace("s", "ſ").replace("k", "\u212a").replace("I", "İ")
    return [
        text,
        text.upper(),
        text.lower(),
        odd,
        odd.upper(),
        f"x{text}",
        f"({text}s)",
        text.replace(" ", "-"),
    ]


def test_same_matches_on_the_series_the_corpus_and_odd_spellings() -> None:
    """Old and new patterns of every concept's forms on every English text of the series and of
    the labelled corpus (joined, so each pattern runs on all of them at once) and on odd-case
    spellings of the concept's own forms."""
    from sppterm import yamlloc
    from sppterm.textio import read_text

    rows = yamlloc.load(read_text(ROOT / "tests/data/check_corpus.yaml"), "corpus")["units"]
    texts = "\n".join(_series_english() + [r["en"] for r in rows])
    jumped = compared = 0
    for c in GLOSSARY:
        forms = [t.text for t in c.terms if t.lang == "en"] + c.abbr
        if not forms:
            continue
        new, old = en.compile_forms(forms), _old_compile(forms)
        assert new is not None
        jumped += new.pattern.startswith("[")
        own = [x for f in forms for x in _odd_spellings(f)]
        for text in (texts, "\n".join(own), " ".join(own)):
            found = _spans(new, text)
            assert found == _spans(old, text), (c.id, new.pattern)
            compared += bool(found)
    assert compared > len(GLOSSARY)  # the texts hold matches (each concept's own forms at least)
    assert jumped > 0.9 * len(GLOSSARY)  # nearly every concept's pattern starts with its class
