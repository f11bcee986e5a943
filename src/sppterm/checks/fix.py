"""``sppterm check --fix``: apply the findings' safe fixes (:class:`~sppterm.checks.base.Fix`).

Rules attach a fix only where the replacement is certain (a style substitution, a forbidden
English form written exactly as the glossary has it, a doubled space). Here the fixes of each
unit are applied together, the earlier of two overlapping ones winning, and written through the
project's PO writer (:func:`sppterm.units.po.po_text`, no rewrapping) with an atomic write, so
the diff shows the changed msgstr lines only. A fix never touches a fuzzy unit, a unit whose
flags suppress the rule (``#, ignore-<id>``), an obsolete entry, or the <b>/<i> placeholders.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sppterm.checks.base import CheckUnit, Finding, Fix
from sppterm.placeholders import TAG
from sppterm.textio import read_text, write_atomic
from sppterm.units.po import parse_po, po_text

if TYPE_CHECKING:
    from sppterm.checks.project import CheckRun
    from sppterm.config import Config


@dataclass(frozen=True)
class Change:
    """One unit's translation as the fixes change it."""

    path: str  # as reports name it
    line: int
    rules: tuple[str, ...]
    before: str
    after: str


@dataclass
class FixResult:
    changes: list[Change] = field(default_factory=list)
    diff: str = ""  # unified diff of every changed file
    files: list[str] = field(default_factory=list)  # the files changed (written unless a dry run)

    def summary(self) -> str:
        """One line per changed unit, then the totals."""
        lines = [
            f"{c.path}:{c.line}: {', '.join(c.rules)}: {_clip(c.before)!r} → {_clip(c.after)!r}"
            for c in self.changes
        ]
        lines.append(f"fixed {len(self.changes)} units in {len(self.files)} files")
        return "\n".join(lines)


def apply(text: str, fixes: Iterable[Fix]) -> str:
    """``text`` with ``fixes`` applied: by start; one overlapping an earlier one is dropped (the
    next check reports it again), and so is one that would cut into a placeholder or change the
    placeholders it spans."""
    tags = [m.span() for m in TAG.finditer(text)]
    out: list[str] = []
    pos = 0
    for f in sorted(set(fixes), key=lambda f: (f.start, f.end, f.text)):
        if f.start < pos or not 0 <= f.start <= f.end <= len(text):
            continue
        if any(a < f.start < b or a < f.end < b for a, b in tags):
            continue
        if TAG.findall(text, f.start, f.end) != TAG.findall(f.text):
            continue
        out += [text[pos : f.start], f.text]
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


ROUNDS = 10  # at most this many fix-and-recheck rounds per unit
Recheck = Callable[[CheckUnit, str], list[Finding]]  # the findings on a unit with this target


def fix_text(unit: CheckUnit, fixes: Iterable[Fix], recheck: Recheck | None = None) -> str:
    """The unit's target with ``fixes`` applied, then (with ``recheck``) the fixes the rules find
    on the result, until none is left: a fix dropped for overlapping another, or a second
    doubled space, is fixed in the next round. Rules the unit's flags suppress are not fixed."""
    text = apply(unit.target or "", fixes)
    if recheck is None:
        return text
    for _ in range(ROUNDS):
        more = [f.fix for f in recheck(unit, text) if f.fix is not None and f.rule not in _ignored(unit)]
        new = apply(text, more)
        if new == text:
            break
        text = new
    return text


def rechecker(cfg: Config, run: CheckRun) -> Recheck:
    """Re-running a check's per-unit rules on one unit with a new target (series rules carry
    no fixes), with the project's glossary, style rules and bulletin dates."""
    from sppterm.bulletin.dates import read_periods
    from sppterm.checks import project, runner
    from sppterm.glossary import load_glossary

    glossary = load_glossary(cfg.glossary)
    opts = runner.Options(
        rules=[r.id for r in run.rules if not r.series],
        styles=project.styles(cfg),
        dates=read_periods(cfg.source),
    )

    def again(unit: CheckUnit, target: str) -> list[Finding]:
        return runner.run([replace(unit, target=target, file="")], glossary, opts)

    return again


def _ignored(unit: CheckUnit) -> set[str]:
    return {fl[len("ignore-") :] for fl in unit.flags if fl.startswith("ignore-")}


def planned(findings: Iterable[Finding], units: Iterable[CheckUnit]) -> dict[tuple[str, int], list[Finding]]:
    """The fixable findings by unit (its path and line): on a PO unit that is not fuzzy and does
    not suppress the rule."""
    by_unit = {(u.path, u.line): u for u in units}
    out: dict[tuple[str, int], list[Finding]] = {}
    for f in findings:
        u = by_unit.get((f.path, f.unit_line or f.line))
        if f.fix is None or u is None or u.fuzzy or not u.file.endswith(".po") or f.rule in _ignored(u):
            continue
        if u.target != f.target:
            continue
        out.setdefault((u.path, u.line), []).append(f)
    return out


def fix_findings(
    findings: list[Finding], units: list[CheckUnit], write: bool = True, recheck: Recheck | None = None
) -> FixResult:
    """Apply the fixes of ``findings`` to the PO files of ``units`` (see :func:`fix_text`);
    ``write=False`` only computes the changes and the diff (``--fix --diff``)."""
    plan = planned(findings, units)
    by_unit = {(u.path, u.line): u for u in units}
    per_file: dict[str, dict[tuple[str, str], tuple[CheckUnit, str, tuple[str, ...]]]] = {}
    for at, fs in sorted(plan.items()):
        u = by_unit[at]
        target = u.target or ""
        new = fix_text(u, (f.fix for f in fs if f.fix is not None), recheck)
        if new != target and TAG.findall(new) == TAG.findall(target):
            rules = tuple(sorted({f.rule for f in fs}))
            per_file.setdefault(u.file, {})[(u.key, target)] = (u, new, rules)
    result = FixResult()
    diffs: list[str] = []
    for file in sorted(per_file):
        old_text = read_text(file)
        po = parse_po(old_text, file)
        todo = per_file[file]
        for e in po:
            hit = todo.get((e.msgid, e.msgstr))
            if hit is None or e.obsolete or "fuzzy" in e.flags:
                continue
            u, new, rules = hit
            result.changes.append(Change(u.path, u.line, rules, e.msgstr, new))
            e.msgstr = new
        new_text = po_text(po, file)
        if new_text == old_text:
            continue
        rel = next(iter(todo.values()))[0].path
        diffs.append(
            "".join(
                difflib.unified_diff(
                    old_text.splitlines(keepends=True),
                    new_text.splitlines(keepends=True),
                    f"a/{rel}",
                    f"b/{rel}",
                )
            )
        )
        result.files.append(rel)
        if write:
            write_atomic(Path(file), new_text)
    result.diff = "".join(diffs)
    result.changes.sort(key=lambda c: (c.path, c.line))
    return result


def _clip(s: str, n: int = 70) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
