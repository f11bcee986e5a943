"""The english-source rule: a block that is already English in the source keeps its figures."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable

from sppterm.checks.base import ERROR, CheckUnit, Context, Finding, Rule
from sppterm.checks.locations import unstripped
from sppterm.patterns import EMAIL, HAN, URL
from sppterm.placeholders import strip

# A figure as written: digits with inner separators (15, 2,500, 3.5, 12.7.1, 2021-2022 is two).
_FIGURE = re.compile(r"\d+(?:[.,:]\d+)*")
# A month name, full or abbreviated (3rd July, 21 Sept. 2021): a date is a figure too.
_MONTH = re.compile(
    r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)


class EnglishSource(Rule):
    id = "english-source"
    title = "A block English in the source changed its figures in the translation"
    severity = ERROR
    reads_english = False
    severity_why = """
        Error: the block is copied, not translated, so a different figure is a typing slip
        that changes a fact (a room number, a date, a count), never a choice of wording.
        """
    what = """
        For units whose source is already English (addresses, English titles, pre-filled
        blocks: `role: english`, or a source with no Chinese), the figures of the source —
        digit runs with their inner separators, compared as written — appear in the
        translation as often as in the source, and month names by month (Sept. = September:
        "3rd July" is not "3rd June"). Typography may change (quotes, dashes, spaces); the
        number rule does not read these units.
        """
    why = """
        Pre-filled English is trusted and rarely proofread against the source, so a figure
        retyped wrongly ("Room 15" as "Room 51", a changed postcode or date) reaches the
        edition unseen; every other rule leaves these units alone.
        """
    example = """
        `Room 15, No. 8 Dahuisi Road` translated as "Room 51, No. 8 Dahuisi Road":

            x.po:12:6: english-source figure '51' is not in the source (the source has '15')

        Fix: copy the figure from the source.
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or not unit.english_source:
            return
        source, target = strip(unit.key), strip(unit.target)
        yield from self._compare(unit, source, target, "figure", _FIGURE, lambda m: m.group())
        # Month names compared by month (Sept. = September): "3rd July" as "3rd June".
        yield from self._compare(unit, source, target, "month", _MONTH, lambda m: m.group()[:3])

    def _compare(
        self,
        unit: CheckUnit,
        source: str,
        target: str,
        noun: str,
        pattern: re.Pattern[str],
        key: Callable[[re.Match[str]], str],
    ) -> Iterable[Finding]:
        """The ``pattern`` matches of both sides compared as multisets of ``key``: each one the
        translation adds, and those it drops when it adds none."""
        want = Counter(key(m) for m in pattern.finditer(source))
        have = Counter(key(m) for m in pattern.finditer(target))
        if want == have:
            return
        missing = want - have
        if noun == "figure":
            gone = ", ".join(f"'{f}'" for f in sorted(missing))
        else:
            gone = ", ".join(m.group() for m in pattern.finditer(source) if key(m) in missing)
        extra = have - want
        for m in pattern.finditer(target):
            if extra[key(m)] > 0:
                extra[key(m)] -= 1
                instead = f" (the source has {gone})" if gone else ""
                yield self.finding(
                    unit,
                    f"{noun} '{m.group()}' is not in the source{instead}",
                    term=m.group(),
                    side="target",
                    span=unstripped(unit.target or "", *m.span()),
                )
        if missing and not (have - want):
            yield self.finding(unit, f"{noun} {gone} of the source is not in the translation", term=gone)


# -- English inside the Chinese ---------------------------------------------------------------
# A run of Latin text in a Chinese source: letters, digits and the punctuation a title or a
# name holds, up to a Chinese character, a bracket or a quote.
_LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u024f0-9][A-Za-z\u00c0-\u024f0-9'’.,:;&/+\-–— ]*")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_TOKEN = re.compile(r"[^\W_]+")
# A web or e-mail address is the url-email rule's, markup the placeholders rule's: their words
# are no English to keep.
_ADDRESS = re.compile(
    # markup, the project's own URL and e-mail patterns (ASCII-only: \w would take in the Han
    # characters touching an address), and a bare host name (each alternative starts only where
    # its first character cannot continue: linear time)
    rf"<[^<>]*>|{URL}|{EMAIL}|(?<![A-Za-z0-9.-])[A-Za-z0-9.-]+\.(?:com|org|net|int|gov|edu|cn|nl|de|fr)\b[^\s{HAN}]*",
    re.I,
)
_CAPITALISED = re.compile(r"[A-Z][a-z\u00df-\u00ff]{2,}")  # Eindhoven, Bioregional: a name
_JOINERS = frozenset({"and", "&"})  # "and" / "&", written either way or left out
_MAX_WORDS = 60  # a run longer than this is a pasted English block, not a name or a title


def _fold(text: str) -> str:
    """Lower case without diacritics (Déclaration = Declaration: the Chinese often drops them)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(_fold(text)) if t not in _JOINERS]


def _abbreviation(word: str) -> bool:
    """An abbreviation (two capitals or more, or a digit: UNEP, IenW, GO4SDGs): the term rules'."""
    return sum(c.isupper() for c in word) >= 2 or any(c.isdigit() for c in word)


def latin_runs(source: str) -> list[tuple[int, int]]:
    """Spans of the runs of English in a Chinese ``source`` that a translation must keep: two
    Latin words or more that are not all abbreviations, or one capitalised name (Eindhoven).
    Addresses are blanked first (same length: positions kept)."""
    blanked = _ADDRESS.sub(lambda m: " " * len(m.group()), source)
    out = []
    for m in _LATIN_RUN.finditer(blanked):
        text = m.group().rstrip(" ,.;:&/+-–—")
        words = _LATIN_WORD.findall(text)
        plain = [w for w in words if not _abbreviation(w)]
        name = len(words) == 1 and _CAPITALISED.fullmatch(words[0]) is not None
        if ((len(words) >= 2 and plain) or name) and len(words) <= _MAX_WORDS:
            out.append((m.start(), m.start() + len(text)))
    return out


class _Target:
    """A translation's words, read once for all the runs of its source (a unit may hold
    thousands: every run against the whole text again would be quadratic)."""

    def __init__(self, target: str) -> None:
        self.tokens = _tokens(target)
        self.joined = "".join(self.tokens)
        self._matcher: difflib.SequenceMatcher[str] | None = None

    def missing(self, run: str) -> list[str]:
        want = _tokens(run)
        if "".join(want) in self.joined:
            return []
        if self._matcher is None:  # seq2's index is built once, kept for every run
            self._matcher = difflib.SequenceMatcher(None, autojunk=False)
            self._matcher.set_seq2(self.tokens)
        self._matcher.set_seq1(want)
        matched: set[int] = set()
        for block in self._matcher.get_matching_blocks():
            matched.update(range(block.a, block.a + block.size))
        written = [w for w in _TOKEN.findall(run) if _fold(w) not in _JOINERS]
        return [w for i, w in enumerate(written) if i not in matched and not _abbreviation(w)]


def missing_words(run: str, target: str) -> list[str]:
    """The words of ``run`` (as written) the translation lacks, in order: none when its letters
    and digits, case, diacritics, punctuation, spaces and "and"/"&" aside, are in the target;
    else the run's words outside the longest common stretches (difflib) of the two word lists.
    Abbreviations are left out: the term rules judge them."""
    return _Target(target).missing(run)


class LatinCopy(Rule):
    id = "latin-copy"
    title = "English written in the Chinese source is missing from the translation"
    severity = ERROR
    uses_glossary = True
    severity_why = """
        Error: English the Chinese source gives in brackets (a name, a title, a slogan) is the
        original the Chinese translates; the English edition must print it as written, so a
        word of it missing or changed is a wrong name or title, never a choice of wording.
        """
    what = """
        For a Chinese source holding a run of English — two Latin words or more that are not
        all abbreviations, or one capitalised name (“少买、精买、善用、久用”(Buy Less, Buy
        Better, Use Better, and Use Longer), 埃因霍温(Eindhoven)) — every word of the run
        appears in the translation, in order. Case, diacritics (Declaration = Déclaration),
        punctuation, quotes, dashes, spaces inside a word (GO 4 SDGs = GO4SDGs), "and" / "&"
        and a serial comma are free, and words may be added between. Not checked: web and
        e-mail addresses (url-email), abbreviations (the term rules), a run that is a glossary
        English form (term-missing reports it), and a block that is English throughout
        (english-source).
        """
    why = """
        The Chinese carries the original English of names, titles and slogans so that readers
        can find them; the English edition that retypes or paraphrases them ("Buy Less, Buy
        Better, Use Longer", "Curt Bergfors Trust") misquotes the original, and no other rule
        reads these words.
        """
    example = """
        `该联盟提出“少买、精买、善用、久用”(Buy Less, Buy Better, Use Better, and Use Longer)的理念。`
        translated as "The coalition promotes the idea of “Buy Less, Buy Better, Use Longer”.":

            x.po:3:1: latin-copy 'Better, Use' of the source's English 'Buy Less, Buy Better,
            Use Better, and Use Longer' is not in the translation

        Fix: copy the English of the source.
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source:
            return
        source = strip(unit.key)
        runs = latin_runs(source)
        if not runs:
            return
        target = _Target(strip(unit.target))
        seen: set[str] = set()
        for start, end in runs:
            run = source[start:end]
            if run in seen:
                continue  # the same English again: one finding
            seen.add(run)
            gone = target.missing(run)
            if not gone or self._glossary_form(run, ctx):
                continue
            words = " ".join(gone)
            yield self.finding(
                unit,
                f"'{words}' of the source's English '{run}' is not in the translation",
                term=f"{_fold(run)}:{_fold(words)}",
                side="source",
                span=unstripped(unit.key, start, end),
            )

    @staticmethod
    def _glossary_form(run: str, ctx: Context) -> bool:
        """The run is an English form of a glossary concept (Curt Bergfors Foundation): the
        term rules say whether the translation names it."""
        letters = [i for i, ch in enumerate(run) if ch.isalnum()]
        lo, hi = letters[0], letters[-1] + 1
        whole = [(s, e) for found in ctx.en_terms.spans(run).values() for s, e, _ in found]
        whole += [(s, e) for s, e, _, _ in ctx.en_terms.bad_uses(run)]
        return any(s <= lo and hi <= e for s, e in whole)
