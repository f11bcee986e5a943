"""GitHub Actions workflow commands, and the full list for $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import os

from sppterm.checks.base import Finding
from sppterm.report.text import sentence, summary


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(findings: list[Finding]) -> str:
    cmd = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for f in findings:
        props = ",".join(
            [f"file={escape_property(f.path)}", *position(f), f"title={escape_property(f.rule)}"]
        )
        msg = sentence(f.message) + (f" Suggestion: “{f.suggestion}”." if f.suggestion else "")
        lines.append(f"::{cmd[f.severity]} {props}::{escape_data(msg)}")
    return "\n".join(lines)


def position(f: Finding) -> list[str]:
    """line/endLine, and col/endColumn when the span is on one line: the runner drops columns
    of a multi-line annotation (actions/runner#2082). GitHub's endColumn is the last column
    (inclusive), SARIF's and the finding's the one after it."""
    if f.end_line <= 0 or f.end_line < f.line:
        return [f"line={f.line}", f"col={f.column}"]
    if f.end_line != f.line:
        return [f"line={f.line}", f"endLine={f.end_line}"]
    return [
        f"line={f.line}",
        f"endLine={f.line}",
        f"col={f.column}",
        f"endColumn={max(f.end_column - 1, f.column)}",
    ]


def step_summary(findings: list[Finding]) -> str:
    """Markdown with every finding (annotations show only 10 per type and step)."""
    out = ["## sppterm check", "", summary(findings), ""]
    if findings:
        out += ["| file | line | rule | severity | message |", "|---|---|---|---|---|"]
        for f in findings:
            msg = f.message.replace("|", "\\|").replace("\n", " ")
            out.append(f"| {f.path} | {f.line} | {f.rule} | {f.severity} | {msg} |")
    return "\n".join(out) + "\n"


def append_step_summary(findings: list[Finding], path: str | None = None) -> None:
    """Append :func:`step_summary` to ``path`` (default: ``$GITHUB_STEP_SUMMARY``; nothing
    outside GitHub Actions), where the job's summary page shows every finding."""
    path = path or os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(step_summary(findings))
