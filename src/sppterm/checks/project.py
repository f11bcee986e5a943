"""``sppterm check`` over a project: which files, which rules and options, and the run.

The command line only parses arguments and renders; everything it used to decide (inputs,
rule selection from ``[tool.sppterm.check]``, baseline, git scoping, the fail level) is here,
so that a script or a test gets the same run as ``sppterm check`` from Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sppterm.bulletin.dates import read_periods
from sppterm.checks import runner
from sppterm.checks.base import CheckUnit, Finding, Rule
from sppterm.checks.registry import BY_ID, selected, validate_options, with_styles
from sppterm.checks.spelling import WORDLIST
from sppterm.config import Config
from sppterm.errors import InputError
from sppterm.glossary import load_glossary

_CHECKABLE = (".po", ".xlf", ".xliff")


@dataclass
class CheckRun:
    """What one check produced: the units read, the rules run and their findings."""

    units: list[CheckUnit]
    rules: list[Rule]
    findings: list[Finding]
    root: Path | None = None  # the project root the paths are relative to (SARIF's SRCROOT)


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
    from sppterm.checks.style import load_styles

    return load_styles(cfg.styles, cfg.root, str(cfg.pyproject), reserved=BY_ID)


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
) -> CheckRun:
    """Check a project's translations and sources as ``sppterm check`` does (see :func:`options`)."""
    house = styles(cfg)
    validate_options(cfg.check, str(cfg.pyproject), house)
    files = check_inputs(cfg, paths)
    opts = options(cfg, files, only, baseline, changed_since, use_baseline, house)
    opts.dates = read_periods(cfg.source)  # terms valid at each bulletin's date
    glossary = load_glossary(cfg.glossary)
    units = runner.load_units(files, cfg.root)
    findings = runner.run(units, glossary, opts)
    by_id = with_styles(opts.styles)
    return CheckRun(units, [by_id[r] for r in opts.rules], findings, cfg.root)


def fail_level(cfg: Config, given: str | None = None) -> str:
    """The level from which findings fail the check: ``--fail-level``, else the config, else error."""
    return given or cfg.check.get("fail-level", "error")
