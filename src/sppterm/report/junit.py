"""JUnit XML: one testcase per unit × rule, failures for findings (GitLab, Jenkins)."""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from sppterm.checks.base import LEVELS, CheckUnit, Finding, Rule


def render(units: list[CheckUnit], rules: list[Rule], findings: list[Finding]) -> str:
    """One testcase per unit and rule that runs on it: a clean unit passes every rule, so CI
    shows how much was checked, not only what failed."""
    by_case: dict[tuple[str, int, str], list[Finding]] = defaultdict(list)
    for f in findings:
        by_case[(f.path, f.unit_line or f.line, f.rule)].append(f)
    suites = etree.Element("testsuites", name="sppterm check")
    by_file: dict[str, list[CheckUnit]] = defaultdict(list)
    for u in units:
        by_file[u.path].append(u)
    total = failures = 0
    for path, file_units in by_file.items():
        suite = etree.SubElement(suites, "testsuite", name=path)
        n = f_n = 0
        for u in file_units:
            for rule in rules:
                if u.target is None and not rule.source_only:
                    continue
                case = etree.SubElement(
                    suite, "testcase", classname=f"{path}:{u.line}", name=rule.id, file=path, line=str(u.line)
                )
                n += 1
                found = by_case.get((path, u.line, rule.id), [])
                if found:
                    f_n += 1
                    # The case fails as badly as its worst finding: CI dashboards colour by type.
                    worst = max((f.severity for f in found), key=LEVELS.__getitem__)
                    fail = etree.SubElement(
                        case, "failure", type=worst, message="; ".join(f.message for f in found)
                    )
                    fail.text = "\n".join(
                        f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}" for f in found
                    ) + (f"\nzh: {u.key}\nen: {u.target or ''}")
        suite.set("tests", str(n))
        suite.set("failures", str(f_n))
        total, failures = total + n, failures + f_n
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    return etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")
