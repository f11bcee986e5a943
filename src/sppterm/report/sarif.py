"""SARIF 2.1.0 output: rule metadata, results with stable partial fingerprints."""

from __future__ import annotations

import json

from sppterm import __version__
from sppterm.checks.base import Finding, Rule
from sppterm.checks.registry import RULES

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


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


def render(findings: list[Finding]) -> str:
    index = {r.id: i for i, r in enumerate(RULES)}
    rules = [rule_metadata(r) for r in RULES]
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
                    }
                }
            ],
            "partialFingerprints": {"sppterm/v1": f.fingerprint},
            "properties": {"unit": f.key, "term": f.term},
        }
        for f in findings
    ]
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
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "file:///"}},
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
