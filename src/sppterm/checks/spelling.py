"""The spelling rule: English words that neither Hunspell's en_GB dictionary nor the project knows.

The dictionary is Debian's ``hunspell-en-gb`` read through Enchant's Hunspell provider
(pyenchant; bench/spelling_process.py has the measurements that chose it over pyhunspell and
spylls). The project dictionary is every English form in the glossary (terms of any status and
abbreviations, split into words) and the word list ``glossary/wordlist.txt``. Each distinct word
is looked up once per process; suggestions are asked only for words that are reported.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sppterm.checks.base import WARNING, CheckUnit, Context, Finding, Rule
from sppterm.checks.locations import unstripped
from sppterm.checks.wordfiles import DICTIONARY, WORDLIST  # noqa: F401 (also read from here)
from sppterm.errors import InputError, Problem
from sppterm.glossary.model import Glossary
from sppterm.patterns import EMAIL_RE, URL_RE
from sppterm.placeholders import strip
from sppterm.textio import read_text

LANGUAGE = "en_GB"

_LATIN = "A-Za-zÀ-ÖØ-öø-ɏ"  # Basic Latin, Latin-1, Latin Extended-A and -B letters
# A word as the rule reads it: letters and digits joined by inner apostrophes or hyphens
# (don’t, life-cycle). Tokens with digits (COP27, 10YFP, 2030s) are not words of a dictionary.
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_LATIN_WORD = re.compile(f"[{_LATIN}]+(?:['’-][{_LATIN}]+)*")
# One scan for both: a token (as _TOKEN) whose group 1 is set when it is all Latin (as
# _LATIN_WORD). The atomic group takes the longest Latin word; it is the whole token when no
# letter, digit or joined part follows, else the second branch reads the token to skip it.
_WORD_OR_TOKEN = re.compile(rf"(?>([{_LATIN}]+(?:['’-][{_LATIN}]+)*))(?![^\W_]|['’-][^\W_])|{_TOKEN.pattern}")
_PART = re.compile(f"[{_LATIN}]+(?:['’][{_LATIN}]+)*")
# Host names and file names written without www. or a scheme (oneplanetnetwork.org, report.pdf):
# a dotted run with no space whose last part is letters only.
_DOTTED = re.compile(r"(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?:/\S*)?(?![\w])")
_CODE = re.compile(r"`[^`\n]*`")
_POSSESSIVE = re.compile(r"['’]s?$")
_MAX_SUGGESTED = 40  # Hunspell's suggestion search grows with the word's length: long ones get none
# Longer tokens are no dictionary word, and Hunspell's compound search on a long hyphenated run
# (a-a-a-…) is quadratic: they are never looked up whole (a compound is judged by its parts).
_MAX_WORD = 60
# Hunspell needs some 30 ms to suggest for one word. Past this many distinct unknown words in
# one run the findings come without suggestions: a wall of unknown words is a missing word list
# or another language, not typos, and the cap bounds the run's cost (about 6 s).
MAX_SUGGESTED_WORDS = 200


class Dictionary(Protocol):
    """What the rule needs of a spelling dictionary (pyenchant's ``Dict`` has both)."""

    def check(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...


class SpellingUnavailable(InputError):
    """No en_GB dictionary can be loaded: the spelling rule cannot run (exit 2)."""


@functools.cache
def hunspell_en_gb() -> Dictionary:
    """Hunspell's en_GB dictionary through Enchant, loaded once per process."""
    fix = (
        "install Debian's libenchant-2-2 and hunspell-en-gb (bash .ci/setup does), "
        'or turn the rule off: [tool.sppterm.check] ignore = ["spelling"]'
    )
    try:
        import enchant  # type: ignore[import-untyped]  # (pyenchant ships no types)
    except ImportError as e:  # pyenchant installed, the C library not
        raise SpellingUnavailable.at(str(DICTIONARY), None, f"spelling: {e}; {fix}") from None
    broker = enchant.Broker()
    broker.set_ordering(LANGUAGE, "hunspell")  # never aspell's list, whatever else is installed
    try:
        d = broker.request_dict(LANGUAGE)
    except enchant.errors.DictNotFoundError:
        raise SpellingUnavailable.at(
            str(DICTIONARY), None, f"spelling: no {LANGUAGE} dictionary; {fix}"
        ) from None
    if d.provider.name != "hunspell":
        raise SpellingUnavailable.at(
            str(DICTIONARY), None, f"spelling: {LANGUAGE} comes from {d.provider.name}, not Hunspell; {fix}"
        )
    return d


# -- words ------------------------------------------------------------------------------------
def _masked(text: str) -> str:
    """``text`` with URLs, e-mail addresses, host names and `code` blanked out (same length,
    so spans stay the text's)."""
    for pattern, needed in _MASKS:
        if needed(text):  # a literal every match holds, looked for first (most texts lack it)
            text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


_DOT_LETTERS = re.compile(r"\.[A-Za-z]{2}")  # in every host or file name _DOTTED blanks
_MASKS: tuple[tuple[re.Pattern[str], Callable[[str], object]], ...] = (
    (URL_RE, lambda t: "://" in t or "www." in t or "mailto:" in t),  # URL's three beginnings
    (EMAIL_RE, lambda t: "@" in t),
    (_DOTTED, lambda t: _DOT_LETTERS.search(t)),
    (_CODE, lambda t: "`" in t),
)


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word of ``text`` a dictionary can judge, in order.

    Skipped: URLs, e-mails, host names, `code`, tokens with a digit or an underscore, words
    in a script other than Latin (Chinese left in the English is the untranslated rule's) and
    single letters. A hyphenated compound is one word (``life-cycle``); the rule checks its
    parts when the whole is unknown."""
    for m in _WORD_OR_TOKEN.finditer(_masked(text)):
        w = m.group(1)
        if w is not None and len(w) > 1:
            yield m.start(), m.end(), w


def _forms(text: str) -> Iterator[str]:
    """The words of a glossary form, and the parts of its hyphenated words."""
    for _, _, w in words(text):
        yield w
        if "-" in w:
            yield from (p for p in w.split("-") if len(p) > 1)


# -- the word list ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    word: str
    line: int


def read_wordlist(path: Path) -> list[Entry]:
    """The project word list: one word per line, ``#`` starts a comment (a whole line or after
    the word), blank lines allowed. Refused with file:line (exit 2): a line of two words, a word
    with a digit or a character no word has, a duplicate, an entry out of order (sorted without
    case, then as written: ``sort -f`` order)."""
    problems: list[Problem] = []
    entries: list[Entry] = []
    for n, raw in enumerate(read_text(path).split("\n"), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if _LATIN_WORD.fullmatch(line) is None or len(line) < 2:
            why = "one word per line" if " " in line or "\t" in line else "not a word"
            problems.append(Problem(str(path), n, f"{why}: {line!r} (letters, inner ' or -)"))
            continue
        entries.append(Entry(line, n))
    for prev, e in itertools.pairwise(entries):
        if e.word == prev.word:
            problems.append(Problem(str(path), e.line, f"{e.word!r} is listed twice (line {prev.line})"))
        elif _order(e.word) < _order(prev.word):
            problems.append(
                Problem(
                    str(path), e.line, f"not sorted: {e.word!r} comes before {prev.word!r} (line {prev.line})"
                )
            )
    if problems:
        raise InputError(problems)
    return entries


def _order(word: str) -> tuple[str, str]:
    return word.casefold(), word


def glossary_words(glossary: Glossary) -> set[str]:
    """Every word of the glossary's English: terms of any status (a forbidden form is still
    spelt right: term-forbidden reports it) and abbreviations."""
    out: set[str] = set()
    for c in glossary:
        for t in c.terms:
            if t.lang == "en":
                out.update(_forms(t.text))
        for a in c.abbr:
            out.update(_forms(a))
    return out


def redundant_entries(path: Path, glossary: Glossary, dictionary: Dictionary | None = None) -> list[Problem]:
    """Word list entries that are not needed: the dictionary or the glossary knows the word.
    A reviewed list holds only what nothing else provides (tests/test_spelling.py keeps the
    project's list so)."""
    d = dictionary or hunspell_en_gb()
    known = Speller(glossary_words(glossary), d)
    out = []
    for e in read_wordlist(path):
        if d.check(e.word):
            out.append(Problem(str(path), e.line, f"{e.word!r} is in the {LANGUAGE} dictionary"))
        elif known.known(e.word):
            out.append(Problem(str(path), e.line, f"{e.word!r} is in the glossary"))
    return out


# -- checking ---------------------------------------------------------------------------------
class Speller:
    """The dictionary and the project's words, with each distinct word looked up once.

    Case as Hunspell treats its own entries: a lower-case project word is also accepted
    capitalised and in capitals (ecolabelling, Ecolabelling, ECOLABELLING), any other only as
    written or in capitals (Wuppertal, WUPPERTAL; GovStack, GOVSTACK)."""

    def __init__(self, project: Iterable[str], dictionary: Dictionary) -> None:
        self.exact = set(project)
        self.upper = {w.upper() for w in self.exact}
        self.dictionary = dictionary
        self._seen: dict[str, bool] = {}
        self._hints: dict[tuple[str, int], tuple[str, ...]] = {}

    def known(self, word: str) -> bool:
        ok = self._seen.get(word)
        if ok is None:
            ok = self._seen[word] = self._lookup(word)
        return ok

    def _project(self, w: str) -> bool:
        if w in self.exact or (w.isupper() and w in self.upper):
            return True
        return w[:1].isupper() and w[1:].islower() and w.lower() in self.exact

    def _lookup(self, w: str) -> bool:
        if self._project(w) or (len(w) <= _MAX_WORD and self.dictionary.check(w)):
            return True
        stem = _POSSESSIVE.sub("", w)  # UNEP’s, countries’: the owner is the word to know
        if stem != w and len(stem) > 1 and self.known(stem):
            return True
        # A plural of capitals (SDGs, NDCs, MEAs): the abbreviation is the word to know.
        if len(w) > 2 and w.endswith("s") and w[:-1].isupper() and self.known(w[:-1]):
            return True
        if "-" in w:  # a compound the dictionary lacks is right when each part is a word
            return all(self.known(p) for p in w.split("-") if len(p) > 1)
        return False

    def unknown(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, word) of each word of ``text`` that neither knows; of a hyphenated
        compound, only the unknown parts."""
        for start, end, w in words(text):
            if self.known(w) or (text[end : end + 1] == "." and self.known(w + ".")):
                continue  # (the dictionary has abbreviations with their stop: etc., vol.)
            if "-" not in w:
                yield start, end, w
                continue
            for m in _PART.finditer(w):
                if len(m.group(0)) > 1 and not self.known(m.group(0)):
                    yield start + m.start(), start + m.end(), m.group(0)

    def suggest(self, word: str, n: int = 3) -> tuple[str, ...]:
        """Up to ``n`` of the dictionary's suggestions, asked once per word (none for very long
        words, whose search costs most and helps least)."""
        hints = self._hints.get((word, n))
        if hints is None:
            split = " " if "-" in word else " -"  # Hunspell's word splits (fur-nature) are noise
            found = () if len(word) > _MAX_SUGGESTED else self.dictionary.suggest(word)
            hints = self._hints[(word, n)] = tuple(h for h in found if not any(c in h for c in split))[:n]
        return hints


class Spelling(Rule):
    id = "spelling"
    title = "English word unknown to the en_GB dictionary and the project"
    severity = WARNING
    never_error = True  # a release build does not run it (30 ms a suggestion)
    # A unit's suggestions depend on the words asked before it in the run (MAX_SUGGESTED_WORDS):
    # the results cache (checks.runner) never keeps a unit this rule reports on.
    run_dependent = True
    severity_why = """
        Warning: an unknown word is as often a right name the word list lacks as a typo, and
        only a reader can tell which (Hunspell knows few organisations, places and acronyms).
        A reviser corrects the word or adds it to glossary/wordlist.txt; CI does not block on
        it. The five editions are kept at no spelling findings, so a new one stands out.
        """
    what = """
        Words of the English that Hunspell's en_GB dictionary (Debian's hunspell-en-gb, which
        accepts both -ize and -ise: the house -ize is a style rule's) does not know and the
        project does not either: the project's words are every English form in the glossary
        (terms of any status, abbreviations; multiword terms word by word) and
        glossary/wordlist.txt. Each finding gives up to three suggestions (for the first 200
        distinct unknown words of a run: past that the list or the language is wrong). Not read:
        URLs, e-mails, host names, `code`, placeholders, tokens with digits (COP27), single
        letters, words in other scripts, and blocks that are English in the source (the
        publisher's text, printed as it is). A possessive or a plural of capitals is known when
        its word is (UNEP’s, SDGs); a hyphenated compound when the dictionary has it or has each
        part. Words of other languages are not skipped, quoted or not: a foreign name the series
        uses belongs in the glossary or the word list, where it is reviewed once, and a one-off
        quotation takes `#, ignore-spelling` on its unit.
        """
    why = """
        A misspelt word is the slip a reader notices first, and neither the term rules nor the
        consistency rule see it: "procurment" is no glossary term and may be spelt that way
        everywhere. Spell checking every unit by hand is what revisers skip under time pressure.
        """
    example = """
        "The Programme supports sustainable public procurment.":

            x.po:8:43: spelling unknown word 'procurment' (procurement, procumbent?)

        Fix: "procurement". A right word the dictionary lacks (a name, an acronym) goes in
        glossary/wordlist.txt, one per line, sorted.
        """

    def __init__(self) -> None:
        self._spellers: dict[tuple[int, str], tuple[Glossary, Speller]] = {}
        self._run: tuple[Context | None, set[str]] = (None, set())  # the words suggested for

    def _suggest(self, speller: Speller, word: str, ctx: Context) -> tuple[str, ...]:
        """Suggestions for the first MAX_SUGGESTED_WORDS distinct words of a run, the same in a
        fresh process as in one that checked before (the count is the run's)."""
        if self._run[0] is not ctx:
            self._run = (ctx, set())
        asked = self._run[1]
        if word not in asked and len(asked) >= MAX_SUGGESTED_WORDS:
            return ()
        asked.add(word)
        return speller.suggest(word)

    def speller(self, ctx: Context) -> Speller:
        """The speller of this run's glossary and word list (``ctx.options['wordlist']``)."""
        path = ctx.options.get("wordlist")
        key = (id(ctx.glossary), str(path or ""))
        hit = self._spellers.get(key)
        if hit is None or hit[0] is not ctx.glossary:
            project = glossary_words(ctx.glossary)
            if isinstance(path, Path) and path.is_file():
                project.update(e.word for e in read_wordlist(path))
            if len(self._spellers) > 8:
                self._spellers.clear()
            hit = self._spellers[key] = (ctx.glossary, Speller(project, hunspell_en_gb()))
        return hit[1]

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source:
            return
        speller = self.speller(ctx)
        text = strip(unit.target)
        for start, end, word in speller.unknown(text):
            hints = self._suggest(speller, word, ctx)
            shown = f" ({', '.join(hints)}?)" if hints else ""
            shown_word = word if len(word) <= _MAX_WORD else word[: _MAX_WORD - 1] + "…"
            yield self.finding(
                unit,
                f"unknown word {shown_word!r}{shown}",
                term=shown_word,
                suggestion=hints[0] if hints else "",
                side="target",
                span=unstripped(unit.target, start, end),
            )
