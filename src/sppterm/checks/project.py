"""``sppterm check`` over a project: which files, which rules and options, and the run.

The command line only parses arguments and renders; everything it used to decide (inputs,
rule selection from ``[tool.sppterm.check]``, baseline, git scoping, the fail level) is here,
so that a script or a test gets the same run as ``sppterm check`` from Python.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sppterm.checks.base import LEVELS, CheckUnit, Finding, Rule
from sppterm.config import Config
from sppterm.errors import InputError

if TYPE_CHECKING:
    from sppterm.checks import runner
    from sppterm.checks.results_cache import RunCache, UnitCache

# The rules, the glossary and the PO parser are imported when a check runs them: a check of
# an unchanged project answered from checks.results_cache imports none of them.

_CHECKABLE = (".po", ".xlf", ".xliff")


class CheckRun:
    """What one check produced: the units read, the rules run and their findings.

    A run answered from the results cache has neither units nor rules in hand: they are read
    on first use (the JUnit and HTML reports, ``--fix``), from the same unchanged files."""

    def __init__(
        self,
        units: list[CheckUnit] | None,
        rules: list[Rule] | None,
        findings: list[Finding],
        root: Path | None = None,  # the project root the paths are relative to (SARIF's SRCROOT)
        *,
        load_units: Callable[[], list[CheckUnit]] | None = None,
        load_rules: Callable[[], list[Rule]] | None = None,
    ) -> None:
        self._units, self._rules = units, rules
        self._load_units, self._load_rules = load_units, load_rules
        self.findings, self.root = findings, root
        self.cached = units is None  # answered from the results cache
        self.rechecked: int | None = None  # units the per-unit rules ran on (None: no cache)

    @property
    def units(self) -> list[CheckUnit]:
        if self._units is None:
            self._units = self._load_units() if self._load_units else []
        return self._units

    @property
    def rules(self) -> list[Rule]:
        if self._rules is None:
            self._rules = self._load_rules() if self._load_rules else []
        return self._rules

    def __repr__(self) -> str:
        return f"<CheckRun of {len(self.findings)} findings>"


class UnknownRule(ValueError):
    """A rule id given on the command line that no rule has (a usage error, not a config one)."""


def check_inputs(cfg: Config, paths: Sequence[Path] = ()) -> list[Path]:
    """Files to check: those given (directories expanded), else the configured ``paths``, else
    every PO file and source. A README.md in a directory is documentation, not a bulletin."""
    if not paths:
        paths = [cfg.root / p for p in cfg.check.get("paths", [])] or [cfg.po_dir, cfg.source]
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(
                x
                for x in p.iterdir()
                if x.suffix in _CHECKABLE or (x.suffix == ".md" and x.name != "README.md")
            )
        elif p.exists():
            out.append(p)
        else:
            raise InputError.at(str(p), None, "no such file or directory")
    return out


def styles(cfg: Config) -> list[Rule]:
    """The project's style rules ([tool.sppterm] styles; see :mod:`sppterm.checks.style`)."""
    from sppterm.checks.registry import META
    from sppterm.checks.style import load_styles

    return load_styles(cfg.styles, cfg.root, str(cfg.pyproject), reserved=META)


def options(
    cfg: Config,
    files: list[Path],
    only: Sequence[str] = (),
    baseline: Path | None = None,
    changed_since: str | None = None,
    use_baseline: bool = True,
    house: list[Rule] | None = None,
) -> runner.Options:
    """Runner options from ``[tool.sppterm.check]`` and the command line.

    ``only`` (``--rule``) replaces the configured rules; ``baseline`` replaces the configured
    baseline file, which is ignored when ``use_baseline`` is false (writing a new one)."""
    from sppterm.checks import runner
    from sppterm.checks.registry import selected, validate_options
    from sppterm.checks.wordfiles import WORDLIST

    house = styles(cfg) if house is None else house
    validate_options(cfg.check, str(cfg.pyproject), house)
    try:
        rules = selected(cfg.check, only, house)
    except KeyError as e:
        raise UnknownRule(e.args[0]) from None
    opts = runner.Options(rules=rules, severities=dict(cfg.check.get("severity", {})), styles=house)
    if (cfg.glossary / WORDLIST).is_file():
        opts.wordlist = cfg.glossary / WORDLIST
    path = baseline or (cfg.root / cfg.check["baseline"] if "baseline" in cfg.check else None)
    if use_baseline and path and path.is_file():
        opts.baseline = runner.read_baseline(path)
    if changed_since:
        opts.changed = runner.changed_since(changed_since, files, cfg.root)
    return opts


def check_project(
    cfg: Config,
    paths: Sequence[Path] = (),
    only: Sequence[str] = (),
    baseline: Path | None = None,
    changed_since: str | None = None,
    use_baseline: bool = True,
    jobs: int | None = None,
) -> CheckRun:
    """Check a project's translations and sources as ``sppterm check`` does (see :func:`options`;
    ``jobs``: worker processes, see :mod:`sppterm.checks.parallel`).

    The findings of an unchanged project come from the results cache
    (:mod:`sppterm.checks.results_cache`), those of changed units are computed again."""
    run_cache = None if changed_since else _run_cache(cfg, paths, only, baseline, use_baseline)
    if run_cache is not None:
        hit = run_cache.load()
        if hit is not None:
            rule_ids, findings = hit
            return CheckRun(
                None,
                None,
                findings,
                cfg.root,
                load_units=lambda: _units(cfg, paths),
                load_rules=lambda: _rules(cfg, rule_ids),
            )
    from sppterm.bulletin.dates import read_periods
    from sppterm.checks import runner
    from sppterm.checks.registry import validate_options
    from sppterm.checks.results_cache import source_files
    from sppterm.glossary import load_glossary

    house = styles(cfg)
    validate_options(cfg.check, str(cfg.pyproject), house)
    files = check_inputs(cfg, paths)
    opts = options(cfg, files, only, baseline, changed_since, use_baseline, house)
    opts.dates = read_periods(cfg.source)  # terms valid at each bulletin's date
    opts.jobs = jobs
    glossary = load_glossary(cfg.glossary)
    units = runner.load_units(files, cfg.root)
    if run_cache is not None:
        run_cache.watch([*source_files(units), *_dictionary()])
        opts.results = unit_cache(cfg, opts)
    findings = runner.run(units, glossary, opts)
    # The rules themselves on first use (reports with their documentation): the run imported
    # only those that checked something.
    done = CheckRun(units, None, findings, cfg.root, load_rules=lambda: _rules_of(opts.rules, house))
    if run_cache is not None and opts.results is not None:
        run_cache.save(opts.rules, findings)
        done.rechecked = opts.results.misses
    return done


def _units(cfg: Config, paths: Sequence[Path]) -> list[CheckUnit]:
    from sppterm.checks import runner

    return runner.load_units(check_inputs(cfg, paths), cfg.root)


def _rules(cfg: Config, ids: list[str]) -> list[Rule]:
    return _rules_of(ids, styles(cfg))


def _rules_of(ids: list[str], house: list[Rule]) -> list[Rule]:
    """The rules ``ids`` names, built-in (imported now) or the project's style rules."""
    from sppterm.checks.registry import META

    own = {r.id: r for r in house}
    return [own[r] if r in own else META[r].load() for r in ids]


def _run_cache(
    cfg: Config, paths: Sequence[Path], only: Sequence[str], baseline: Path | None, use_baseline: bool
) -> RunCache | None:
    """The results cache of this check, with every file it reads watched, or None (no cache,
    or inputs that fail: the run reports them as it would without a cache)."""
    from sppterm.checks import results_cache as rc

    where = rc.enabled()
    if where is None:
        return None
    try:
        files = check_inputs(cfg, paths)
    except InputError:
        return None
    base = baseline or (cfg.root / cfg.check["baseline"] if "baseline" in cfg.check else None)
    key = rc.digest(
        rc.code_digest(),
        repr(cfg),
        [str(f) for f in files],
        list(only),
        str(base),
        use_baseline,
        str(Path.cwd()),  # paths given relative to it are shown as given
    )
    cache = rc.RunCache(where, key)
    cache.watch([cfg.pyproject, *files, *([base] if base else [])])
    for folder in (cfg.glossary, cfg.source, cfg.po_dir):
        if folder.is_dir():
            cache.watch(rc.listed(folder))
        else:
            cache.watch([folder])
    cache.watch(_style_files(cfg))
    return cache


def _style_files(cfg: Config) -> list[Path]:
    """The files (and directories) the style entries name, without reading them; a shipped
    pack is package data, in the code digest."""
    out: list[Path] = []
    for entry in cfg.styles:
        if entry.startswith("sppterm:"):
            continue
        p = cfg.root / entry
        out.append(p)
        if p.is_dir():
            out += sorted(p.glob("*.yaml"))
    return out


def unit_cache(cfg: Config, opts: runner.Options) -> UnitCache | None:
    """The per-unit findings kept for runs with ``opts`` on ``cfg``'s project (None: no cache),
    under a key of everything but the unit they depend on: the code, the glossary's bytes, the
    rules, the style files' and word list's bytes, the dictionary. For ``runner.Options.results``
    (``sppterm check`` and ``sppterm build``)."""
    from sppterm.checks import results_cache as rc
    from sppterm.glossary.load import glossary_files

    where = rc.enabled()
    if where is None:
        return None
    parts: list[object] = [rc.code_digest(), list(opts.rules), str(opts.wordlist)]
    for f in [*glossary_files(cfg.glossary), *_style_files(cfg), *([opts.wordlist] if opts.wordlist else [])]:
        try:
            parts += [str(f), f.read_bytes() if f.is_file() else b"\0dir"]
        except OSError:
            parts += [str(f), b"\0unreadable"]
    parts += [rc.stat_of(f) for f in _dictionary()]
    return rc.UnitCache(where, rc.digest(*parts))


def _dictionary() -> list[str]:
    """The spelling dictionary's files (checks.spelling reads them through Enchant)."""
    from sppterm.checks.wordfiles import DICTIONARY

    return [str(DICTIONARY), str(DICTIONARY.with_suffix(".aff"))]


def fail_level(cfg: Config, given: str | None = None) -> str:
    """The level from which findings fail the check: ``--fail-level``, else the config, else error."""
    return given or cfg.check.get("fail-level", "error")


def at_or_above(findings: list[Finding], level: str) -> list[Finding]:
    """The findings at ``level`` or above (what fails the check)."""
    return [f for f in findings if LEVELS[f.severity] >= LEVELS[level]]
