"""Every rule, listed explicitly: adding a rule is its class and one entry in :data:`INFOS`
(its id, module, class, severity, title and the flags that differ from Rule's defaults).

The list's order is the order of ``sppterm rules``, of SARIF's rule metadata and of JUnit's
test cases. Nothing here is discovered by reflection or entry points: what runs is what is
written on this page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from sppterm.checks.base import ERROR, INFO, LEVELS, WARNING, Rule
from sppterm.errors import InputError


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule's metadata, readable without importing its module, and where its class lives.

    The runner decides from these what runs where and imports a rule's module only when the
    rule checks something (a check answered by the results cache imports none: their modules
    and their regular expressions cost a warm ``build`` ~250 ms). The values repeat the class's
    attributes; tests/test_rules.py fails when one differs. Flags not given are Rule's defaults.
    """

    id: str
    module: str
    cls: str
    severity: str
    title: str
    source_only: bool = False
    series: bool = False
    precondition: bool = False
    reads_english: bool = True
    once_per_source: bool = False
    uses_glossary: bool = False
    impact_level: str = ERROR
    impact_by_concept: bool = False
    never_error: bool = False
    run_dependent: bool = False  # see the runner: re-checked on every run when it reports

    def load(self) -> Rule:
        """The rule itself (one instance per run of the program), its module imported now."""
        rule = _LOADED.get(self.id)
        if rule is None:
            rule = _LOADED[self.id] = getattr(import_module(self.module), self.cls)()
        return rule


_LOADED: dict[str, Rule] = {}
_C = "sppterm.checks."

INFOS: list[RuleInfo] = [
    RuleInfo(
        "untranslated",
        _C + "text",
        "Untranslated",
        ERROR,
        "Unit not translated, only fuzzy, or with Chinese left in the English",
        precondition=True,
    ),
    RuleInfo(
        "term-missing",
        _C + "terms",
        "TermMissing",
        ERROR,
        "Glossary term in the source, none of its English forms in the target",
        impact_by_concept=True,
        uses_glossary=True,
    ),
    RuleInfo(
        "term-forbidden",
        _C + "terms",
        "TermForbidden",
        ERROR,
        "Deprecated or forbidden English term in the target",
        impact_level=WARNING,
        uses_glossary=True,
    ),
    RuleInfo(  # issue 11: terms
        "term-abbreviation",
        _C + "abbreviations",
        "TermAbbreviation",
        ERROR,
        "Abbreviation and the name beside it that do not go together, or a misspelt abbreviation",
        uses_glossary=True,
    ),
    RuleInfo(
        "term-count",
        _C + "terms",
        "TermCount",
        ERROR,
        "Concept named more often in the source than rendered in the target",
        impact_by_concept=True,
        uses_glossary=True,
    ),
    RuleInfo(
        "source-variant",
        _C + "terms",
        "SourceVariant",
        INFO,
        "Deprecated Chinese variant in the source",
        source_only=True,
        reads_english=False,
        once_per_source=True,
        uses_glossary=True,
    ),
    RuleInfo(
        "number",
        _C + "numbers",
        "Numbers",
        ERROR,
        "Numbers differ between source and target",
        uses_glossary=True,
    ),
    RuleInfo(
        "inconsistent",
        _C + "text",
        "Inconsistent",
        ERROR,
        "Same source translated differently in the series",
        series=True,
        reads_english=False,
    ),
    RuleInfo(
        "url-email",
        _C + "text",
        "UrlEmail",
        ERROR,
        "URL or e-mail of the source missing or changed",
        reads_english=False,
    ),
    RuleInfo(
        "punctuation",
        _C + "text",
        "Punctuation",
        WARNING,
        "Full-width punctuation or unbalanced brackets/quotes in English",
    ),
    RuleInfo(
        "whitespace",
        _C + "text",
        "Whitespace",
        WARNING,
        "Doubled spaces, tabs, invisible characters or edge whitespace unlike the source",
        reads_english=False,
    ),
    RuleInfo(
        "placeholders",
        _C + "text",
        "Placeholders",
        ERROR,
        "Markup placeholders missing or unpaired",
        reads_english=False,
    ),
    RuleInfo(
        "repeated-word", _C + "repeated", "RepeatedWord", ERROR, "The same word twice in a row in the English"
    ),
    RuleInfo(  # issue 11: omission/addition by sentence alignment
        "omission",
        _C + "omission",
        "Omission",
        WARNING,
        "Part of the Chinese has no English (a dropped sentence or clause)",
        uses_glossary=True,
    ),
    RuleInfo(
        "addition",
        _C + "omission",
        "Addition",
        WARNING,
        "Part of the English has no Chinese (an added sentence or clause)",
        uses_glossary=True,
    ),
    RuleInfo(  # issue 15: Hunspell en_GB and the project's words
        "spelling",
        _C + "spelling",
        "Spelling",
        WARNING,
        "English word unknown to the en_GB dictionary and the project",
        never_error=True,
        run_dependent=True,
    ),
    RuleInfo(  # issue 11: pre-filled English keeps its figures
        "english-source",
        _C + "english_copy",
        "EnglishSource",
        ERROR,
        "A block English in the source changed its figures in the translation",
        reads_english=False,
    ),
    RuleInfo(  # issue 11, round 2: the currency of an amount
        "currency",
        _C + "amounts",
        "Currency",
        ERROR,
        "The currency of an amount differs between source and target",
        uses_glossary=True,
    ),
    RuleInfo(  # issue 11, round 2: the order of 数千, 数百万 (thousands, millions)
        "vague-amount",
        _C + "amounts",
        "VagueAmount",
        ERROR,
        "A vague amount changes its order of magnitude",
        uses_glossary=True,
    ),
    RuleInfo(  # issue 11: meaning reversed (a negation dropped or added, an opposite)
        "polarity",
        _C + "polarity",
        "Polarity",
        ERROR,
        "The translation reverses the meaning (a negation dropped or added, an opposite)",
        uses_glossary=True,
    ),
    RuleInfo(  # issue 11, round 2: English inside the Chinese kept in the translation
        "latin-copy",
        _C + "english_copy",
        "LatinCopy",
        ERROR,
        "English written in the Chinese source is missing from the translation",
        uses_glossary=True,
    ),
]

META: dict[str, RuleInfo] = {r.id: r for r in INFOS}

if TYPE_CHECKING:  # made by __getattr__ on first use: importing them imports every rule's module
    RULES: list[Rule]
    BY_ID: dict[str, Rule]


def __getattr__(name: str) -> Any:
    """``RULES`` (every rule, in order) and ``BY_ID``, for what needs the rules themselves (their
    documentation, ``sppterm rules``, SARIF): the first use imports every rule's module."""
    if name in ("RULES", "BY_ID"):
        rules = [r.load() for r in INFOS]
        globals().update(RULES=rules, BY_ID={r.id: r for r in rules})  # one list for the program
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def validate_options(check: dict, where: str, styles: Sequence[Rule] = ()) -> None:
    """Refuse rule ids in ``[tool.sppterm.check]`` (rules, ignore, severity) that no rule has.

    config.py checks the table's shape; the ids are checked here, where the rules are known, so
    that config (a low layer) imports nothing of the checks. ``where`` is the pyproject.toml path
    the error names (exit 2). ``styles``: the project's style rules (checks.style), known too.
    """
    known = set(META) | {r.id for r in styles}
    for key in ("rules", "ignore"):
        for rid in check.get(key, []):
            if rid not in known:
                raise InputError.at(where, None, f"[tool.sppterm.check] {key}: unknown rule {rid!r}")
    for rid, sev in check.get("severity", {}).items():
        if rid not in known or sev not in LEVELS:
            raise InputError.at(where, None, f"[tool.sppterm.check] severity: bad entry {rid} = {sev!r}")


def selected(check: dict, only: Sequence[str] = (), styles: Sequence[Rule] = ()) -> list[str]:
    """The rule ids to run: ``only`` (``--rule``) if given, else the configured ``rules`` (all by
    default, the built-in ones then the ``styles``) minus ``ignore``. Unknown ids in ``only``
    raise :class:`KeyError` with the id."""
    known = [*META, *(r.id for r in styles)]
    for rid in only:
        if rid not in known:
            raise KeyError(rid)
    if only:
        return list(only)
    return [r for r in (check.get("rules") or known) if r not in check.get("ignore", [])]


def with_styles(styles: Sequence[Rule] = ()) -> dict[str, Rule]:
    """Every rule by id: the built-in ones, then a project's style rules (checks.style, whose
    loader refuses ids that collide). The registry itself is never changed."""
    return {**{r.id: r.load() for r in INFOS}, **{r.id: r for r in styles}}
