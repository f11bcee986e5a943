"""Running the checks: inputs → units → findings, with suppression, baseline and scoping."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from sppterm.bulletin.parse import parse_text
from sppterm.checks.base import LEVELS, CheckUnit, Context, Finding, Rule
from sppterm.checks.locations import place
from sppterm.checks.registry import INFOS, META, RuleInfo
from sppterm.checks.results_cache import UnitCache, at_unit, located_row, stat_of, unit_digest
from sppterm.errors import InputError
from sppterm.glossary.matcher import fast_paths
from sppterm.glossary.model import Glossary
from sppterm.glossary.validity import Period
from sppterm.textio import display_path, read_text
from sppterm.units.po import parse_po
from sppterm.zh import has_cjk

if TYPE_CHECKING:
    from sppterm.checks.terms import EnglishTerms


@dataclass
class Options:
    rules: list[str] = field(default_factory=lambda: list(META))
    severities: dict[str, str] = field(default_factory=dict)  # rule id → severity override
    baseline: set[str] = field(default_factory=set)  # fingerprints to suppress
    changed: dict[str, set[tuple[str, str | None]]] | None = None  # path → changed (key, target)
    # Bulletin id → date (sppterm.bulletin.dates.read_periods): terms are checked as valid then.
    dates: dict[str, Period] = field(default_factory=dict)
    styles: list[Rule] = field(default_factory=list)  # the project's style rules (checks.style)
    wordlist: Path | None = None  # the project's word list (checks.spelling), when it has one
    # Per-unit findings kept between runs (checks.results_cache; checks.project sets it for a
    # project's check). Not used with ``changed`` or on the slow path.
    results: UnitCache | None = None
    jobs: int | None = None  # worker processes for the per-unit rules (checks.parallel); None: auto


_rel = display_path  # the one relative-path helper (sppterm.textio)


def _msgid_lines(text: str, po: polib.POFile) -> dict[int | None, int]:
    """Entry start line (polib's linenum, often a comment) → the line of its msgid."""
    lines = text.split("\n")
    out: dict[int | None, int] = {}
    for e in po:
        if e.linenum is None:  # never for a file polib has read
            continue
        n = e.linenum
        while n - 1 < len(lines) and not lines[n - 1].startswith(("msgid ", "#~ msgid ")):
            n += 1
        out[e.linenum] = n if n - 1 < len(lines) else e.linenum
    return out


_NO_FLAGS: frozenset[str] = frozenset()


def units_from_po(path: Path, root: Path | None = None) -> list[CheckUnit]:
    text = read_text(path)  # once: parsed, then searched for the msgid lines
    po = parse_po(text, str(path))
    rel = _rel(path, root)
    msgid_line = _msgid_lines(text, po)
    bulletin, file = path.stem, str(path)
    # Every unit of a file names the same source and one of a few roles: one string each, not
    # one per unit (a 200,000-unit check holds all units at once).
    same: dict[str, str] = {}
    # Flags likewise: most units have none or the same few, and a frozenset is 216 bytes (a
    # fifth of a unit's memory when each unit had its own).
    flag_sets: dict[tuple[str, ...], frozenset[str]] = {(): _NO_FLAGS}
    out = []
    for e in po:
        if e.obsolete or not e.msgid:
            continue
        ref = e.occurrences[0][0] if e.occurrences else ""
        flags = flag_sets.get(tuple(e.flags))
        if flags is None:
            flags = flag_sets[tuple(e.flags)] = frozenset(e.flags)
        role = next((c[6:].split(" ")[0] for c in e.comment.splitlines() if c.startswith("role: ")), "")
        out.append(
            CheckUnit(
                path=rel,
                line=msgid_line[e.linenum],
                key=e.msgid,
                target=e.msgstr,
                fuzzy="fuzzy" in e.flags,
                flags=flags,
                role=same.setdefault(role, role),
                bulletin=bulletin,
                source_ref=same.setdefault(ref, ref),
                english_source=role == "english" or not has_cjk(e.msgid),
                file=file,
            )
        )
    return out


def units_from_xliff(path: Path, root: Path | None = None) -> list[CheckUnit]:
    from sppterm.units.xliff import read_xliff  # lxml: only a check of XLIFF files pays for it

    _, units = read_xliff(path)
    rel = _rel(path, root)
    return [
        CheckUnit(
            rel,
            u.line,
            u.key,
            u.target or "",
            u.fuzzy,
            frozenset(),
            "",
            path.stem.split(".")[0],
            "",
            not has_cjk(u.key),
            file=str(path),
        )
        for u in units
    ]


def units_from_md(path: Path, root: Path | None = None) -> list[CheckUnit]:
    from sppterm.checks.first_use import remember_source  # (and regex: a build reads no .md here)

    stat = stat_of(path)  # before reading: first_use may reuse the parse while it is unchanged
    b = parse_text(read_text(path), str(path))
    rel = _rel(path, root)
    blocks = list(b.blocks())
    remember_source(path, stat, (blk.text for blk in blocks))
    return [
        CheckUnit(rel, blk.line, blk.text, None, role=blk.role, bulletin=b.id, source_ref=rel, file=str(path))
        for blk in blocks
    ]


def load_units(paths: list[Path], root: Path | None = None) -> list[CheckUnit]:
    units: list[CheckUnit] = []
    for p in paths:
        if p.suffix == ".po":
            units += units_from_po(p, root)
        elif p.suffix in (".xlf", ".xliff"):
            units += units_from_xliff(p, root)
        elif p.suffix == ".md":
            units += units_from_md(p, root)
        else:
            raise InputError.at(str(p), None, "cannot check this kind of file (.po, .xlf/.xliff, .md)")
    return units


def run(units: list[CheckUnit], glossary: Glossary, options: Options | None = None) -> list[Finding]:
    """All findings on ``units``, sorted by file, line, rule.

    What a rule is run on comes from its flags (source_only, series, precondition,
    once_per_source), never from its id."""
    opts = options or Options()
    ctx = _LazyContext(glossary, opts)
    # What a rule is (RuleInfo: its metadata) decides where it runs; its module is imported only
    # when it checks a unit the results cache does not answer.
    by_id: dict[str, RuleInfo | Rule] = {**META, **{r.id: r for r in opts.styles}}
    enabled = [by_id[r] for r in opts.rules if r in by_id]
    findings = _per_unit(units, [r for r in enabled if not r.series], ctx, opts)
    for rule in (r for r in enabled if r.series):
        findings += _series(units, rule, ctx, opts)
    if opts.results is not None and opts.changed is None and fast_paths():
        opts.results.save()
    for f in findings:
        default = by_id[f.rule].severity
        f.severity = opts.severities.get(f.rule, f.severity) if f.severity == default else f.severity
    if opts.baseline:
        findings = [f for f in findings if f.fingerprint not in opts.baseline]
    place(findings, {u.path: u.file for u in units if u.file})  # lines and columns, findings only
    return sorted(findings, key=lambda f: (f.path, f.line, f.rule, f.term, f.message))


def _loaded(rule: RuleInfo | Rule) -> Rule:
    return rule.load() if isinstance(rule, RuleInfo) else rule


class _LazyContext(Context):
    """The run's Context, whose matchers (the Chinese automaton, the English terms: ~20 ms each
    on the series, and checks.terms's imports) are built when a rule first asks for them: a run
    the results cache answers builds neither."""

    def __init__(self, glossary: Glossary, opts: Options) -> None:
        # The matchers are left unset: __getattr__ is called for them on first use only.
        self.glossary, self.options, self.dates = glossary, {"wordlist": opts.wordlist}, opts.dates

    def __getattr__(self, name: str) -> object:
        if name == "zh_matcher":
            from sppterm.glossary.matcher import ZhMatcher

            self.zh_matcher = ZhMatcher(self.glossary)
            return self.zh_matcher
        if name == "en_terms":
            from sppterm.checks.terms import EnglishTerms

            cls = _shared_english_terms() if fast_paths() else EnglishTerms
            self.en_terms = cls(self.glossary, self.dates)
            return self.en_terms
        raise AttributeError(name)


def _shared_english_terms() -> type[EnglishTerms]:
    """EnglishTerms keeping the scans of the last few texts, not only the last one: the rules ask
    about a unit's translation and about its sentences in turn, each scanned once. (A class made
    on first use: its base is in checks.terms, imported only when a rule needs it.)"""
    global _SHARED
    if _SHARED is not None:
        return _SHARED
    from sppterm.checks.terms import EnglishTerms
    from sppterm.glossary.model import Concept, Term

    class _SharedEnglishTerms(EnglishTerms):
        def __init__(self, glossary: Glossary, dates: dict[str, Period] | None = None) -> None:
            super().__init__(glossary, dates)
            self._memo: dict[
                tuple[str, Period | None], tuple[set[str], list[tuple[int, int, Term, Concept]]]
            ] = {}

        def scan(
            self, text: str, when: Period | None = None
        ) -> tuple[set[str], list[tuple[int, int, Term, Concept]]]:
            result = self._memo.get((text, when))
            if result is None:
                if len(self._memo) >= 64:
                    self._memo.clear()
                result = self._memo[(text, when)] = super().scan(text, when)
            return result

    _SHARED = _SharedEnglishTerms
    return _SHARED


_SHARED: type[EnglishTerms] | None = None


def _in_scope(opts: Options, key: str, target: str | None, path: str) -> bool:
    return opts.changed is None or (key, target) in opts.changed.get(path, set())


def _ignored(flags: frozenset[str]) -> set[str]:
    """Rule ids a unit's Weblate-style ``#, ignore-<rule>`` flags suppress."""
    return {f[len("ignore-") :] for f in flags if f.startswith("ignore-")}


def _per_unit(
    units: list[CheckUnit], rules: list[RuleInfo | Rule], ctx: Context, opts: Options
) -> list[Finding]:
    # Preconditions gate the other rules even when not reported themselves (a build that
    # leaves out untranslated still must not check empty units for terms). The rules are
    # imported when a unit the cache does not answer is checked; what decides whether a rule
    # runs on a unit is read then (the plan), once per run, not once per unit and rule.
    md_sources = {u.source_ref for u in units if u.target is None}
    # A rule whose findings on a unit depend on the units before it (spelling: suggestions for
    # the run's first words only): a unit it reports on is checked again on every run, so the
    # run asks what a run without the cache asks, in the same order.
    again = {r.id for r in rules if getattr(r, "run_dependent", False)}  # RuleInfo has it
    cache = opts.results if opts.changed is None and fast_paths() else None
    # Each unit's findings in unit order: the cache's at once, the others' once all are checked
    # (checks.parallel: by worker processes when there are enough of them).
    parts: list[list[Finding]] = []
    missed: list[tuple[int, CheckUnit, bytes]] = []
    for unit in units:
        if opts.changed is not None and not _in_scope(opts, unit.key, unit.target, unit.path):
            continue
        key = b""
        if cache is not None:
            key = cache.digests[id(unit)] = unit_digest(
                unit, opts.dates.get(unit.bulletin), unit.source_ref in md_sources
            )
            rows = cache.get(key)
            if rows is not None:
                parts.append([at_unit(r, unit) for r in rows])
                continue
        missed.append((len(parts), unit, key))
        parts.append([])
    if missed:
        gates = [r.load() for r in INFOS if r.precondition]
        plan = [
            (_loaded(r), r.id, r.precondition, r.reads_english, r.source_only, r.once_per_source)
            for r in rules
        ]
        held = [i for i, r in enumerate(rules) if r.id in again]  # run in this process, in order
        jobs = opts.jobs if fast_paths() else 1  # the slow path: the plain serial loop
        check = partial(_check_unit, plan, gates, md_sources, ctx)
        from sppterm.checks import parallel  # (multiprocessing: ~10 ms a run the cache answers)

        checked = parallel.check_units([u for _, u, _ in missed], check, len(plan), held, jobs)
        for (at, unit, key), found in zip(missed, checked, strict=True):
            if cache is not None:
                located = [located_row(f, unit) for f in found]
                if None not in located and not any(f.rule in again for f in found):
                    cache.put(key, located)  # type: ignore[arg-type]  # (no None: just checked)
            parts[at] = found
    return [f for found in parts for f in found]


def _check_unit(
    plan: list[tuple[Rule, str, bool, bool, bool, bool]],
    gates: list[Rule],
    md_sources: set[str],
    ctx: Context,
    unit: CheckUnit,
    held: frozenset[int],
) -> tuple[list[Finding], list[int]]:
    """The unit's findings of the plan's rules but those at positions ``held``, and where in
    them (for each held position, ascending) the findings of the held rule go."""
    ignored = _ignored(unit.flags) if unit.flags else _NO_IGNORED
    gated = any(g.unmet(unit) for g in gates)
    # Partly unmet (Chinese left in the English): the rules reading English words skip it,
    # unless the precondition's own rule is ignored there (the Chinese is kept on purpose).
    partly = not gated and any(g.id not in ignored and g.partly_unmet(unit) for g in gates)
    source = unit.target is None
    once_skip = not source and unit.source_ref in md_sources  # reported on the source file
    found: list[Finding] = []
    cuts: list[int] = []
    for i, (rule, rid, precondition, reads_english, source_only, once_per_source) in enumerate(plan):
        if held and i in held:
            cuts.append(len(found))
            continue
        if rid in ignored or ((gated or (partly and reads_english)) and not precondition):
            continue
        if (source and not source_only) or (once_per_source and once_skip):
            continue
        found.extend(rule.check(unit, ctx))
    return found, cuts


_NO_IGNORED: frozenset[str] = frozenset()


def _series(units: list[CheckUnit], rule: RuleInfo | Rule, ctx: Context, opts: Options) -> list[Finding]:
    scoped = [u for u in units if u.target is not None or rule.source_only]
    flags: dict[tuple[str, int], frozenset[str]] = {}
    for u in scoped:
        flags.setdefault((u.path, u.line), u.flags)
    cache = opts.results if opts.changed is None and fast_paths() else None
    found = None
    if cache is not None:  # all units as before (a file saved again): the findings as before
        key = cache.series_key(rule.id, units, opts.dates)
        found = cache.series(key)
        if found is None:
            found = list(_loaded(rule).check_series(scoped, ctx))
            cache.put_series(key, found)
    return [
        f
        for f in (found if found is not None else _loaded(rule).check_series(scoped, ctx))
        if _in_scope(opts, f.key, f.target, f.path)
        and rule.id not in _ignored(flags.get((f.path, f.line), frozenset()))
    ]


def at_or_above(findings: list[Finding], level: str) -> list[Finding]:
    return [f for f in findings if LEVELS[f.severity] >= LEVELS[level]]


# -- baseline and changed-since --------------------------------------------------------------
def write_baseline(path: Path, findings: list[Finding]) -> None:
    from sppterm.textio import write_atomic

    rows = sorted({(f.fingerprint, f.rule, f.key[:60], f.term) for f in findings})
    data = {
        "version": 1,
        "tool": "sppterm",
        "findings": [dict(zip(("fingerprint", "rule", "unit", "term"), row, strict=True)) for row in rows],
    }
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def read_baseline(path: Path) -> set[str]:
    try:
        data = json.loads(read_text(path))
        return {row["fingerprint"] for row in data["findings"]}
    except json.JSONDecodeError as e:
        raise InputError.at(str(path), e.lineno, f"invalid baseline JSON: {e.msg}") from None
    except (KeyError, TypeError):
        raise InputError.at(str(path), 1, "not an sppterm baseline (needs findings[].fingerprint)") from None


def changed_since(ref: str, paths: list[Path], root: Path) -> dict[str, set[tuple[str, str | None]]]:
    """For each input file, the (key, target) pairs that are new or different since ``ref``."""
    out: dict[str, set[tuple[str, str | None]]] = {}
    for p in paths:
        rel = _rel(p, root)
        current = load_units([p], root)
        try:
            old_text = subprocess.run(
                ["git", "show", f"{ref}:{rel}"], cwd=root, capture_output=True, text=True, check=True
            ).stdout
        except subprocess.CalledProcessError as e:
            if "exists on disk, but not in" in e.stderr or "does not exist in" in e.stderr:
                old_text = None  # a new file: everything in it is changed
            else:
                raise InputError.at(
                    str(p), None, f"git cannot show {ref}:{rel}: {e.stderr.strip()}"
                ) from None
        old: set[tuple[str, str | None]] = set()
        if old_text is not None:
            if p.suffix == ".po":
                old = {(e.msgid, e.msgstr) for e in parse_po(old_text, f"{ref}:{rel}") if not e.obsolete}
            elif p.suffix == ".md":
                b = parse_text(old_text, rel)
                old = {(blk.text, None) for blk in b.blocks()}
            else:
                old = set()
        out[rel] = {(u.key, u.target) for u in current if (u.key, u.target) not in old}
    return out
