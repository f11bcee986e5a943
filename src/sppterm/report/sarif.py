"""SARIF 2.1.0 output: rule metadata, results with stable partial fingerprints."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from sppterm import __version__
from sppterm.checks.base import Finding, Rule
from sppterm.checks.registry import RULES
from sppterm.report.text import sentence

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "SRCROOT"  # the base id the result paths are relative to


def rule_metadata(rule: Rule) -> dict:
    """SARIF's reportingDescriptor of a rule, from the rule's own documentation: the title is the
    short description, What the full one, and the whole What / Why / Example page the help."""
    return {
        "id": rule.id,
        "name": "".join(p.capitalize() for p in rule.id.split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": " ".join(rule.sections()[0][1].split())},
        "help": {"text": _plain(rule), "markdown": rule.doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }


def _plain(rule: Rule) -> str:
    return "\n\n".join(f"{head}:\n{body}" for head, body in rule.sections())


def render(findings: list[Finding], root: Path | None = None, extra: Sequence[Rule] = ()) -> str:
    """The SARIF log. Paths are relative to the base id SRCROOT, which ``originalUriBaseIds``
    resolves to ``root`` (an absolute file URI ending in "/", as SARIF 2.1.0 §3.14.14 asks);
    without a root it is left unresolved, and consumers (GitHub code scanning) use the
    repository's. ``extra``: rules beyond the built-in ones (a project's style rules) whose
    metadata follows theirs. A finding with a fix carries it as SARIF ``fixes``."""
    known = [*RULES, *(r for r in extra if r.id not in {b.id for b in RULES})]
    index = {r.id: i for i, r in enumerate(known)}
    rules = [rule_metadata(r) for r in known]
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _LEVEL[f.severity],
            "message": {"text": message(f)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(f.path), "uriBaseId": SRCROOT},
                        "region": region(f),
                    }
                }
            ],
            "partialFingerprints": {"sppterm/v1": f.fingerprint},
            "properties": {"unit": f.key, "term": f.term, "suggestion": f.suggestion},
            **fixes(f),
        }
        for f in findings
    ]
    base: dict[str, object] = {"description": {"text": "The project root (where pyproject.toml is)."}}
    if root is not None:
        base["uri"] = root.absolute().as_uri().rstrip("/") + "/"
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sppterm",
                        "version": __version__,
                        "informationUri": "https://example.invalid/sppterm",
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {SRCROOT: base},
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def fixes(f: Finding) -> dict[str, list[dict]]:
    """SARIF ``fixes`` (§3.55) of a finding whose fix replaces exactly the words it points at:
    the region deleted is the finding's own, the text inserted is PO-escaped as the file has it."""
    if f.fix is None or f.span != (f.fix.start, f.fix.end) or f.side != "target" or f.end_line != f.line:
        return {}
    text = f.fix.text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    change = {
        "artifactLocation": {"uri": quote(f.path), "uriBaseId": SRCROOT},
        "replacements": [{"deletedRegion": region(f), "insertedContent": {"text": text}}],
    }
    return {
        "fixes": [{"description": {"text": f"Replace with “{f.fix.text}”."}, "artifactChanges": [change]}]
    }


def region(f: Finding) -> dict[str, int]:
    """The finding's region: start, and its end (exclusive column) when it is known."""
    out = {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)}
    if f.end_line >= f.line and f.end_line > 0:
        out["endLine"] = f.end_line
        out["endColumn"] = max(f.end_column, 1)
    return out


def message(f: Finding) -> str:
    """The message as a sentence, and the suggestion as the next one."""
    text = sentence(f.message)
    if f.suggestion:
        text += f" Suggestion: “{f.suggestion}”."
    return text
