"""JSON findings, documented by ``findings.schema.json`` beside this module."""

from __future__ import annotations

import json
from collections import Counter

from sppterm import __version__
from sppterm.checks.base import Finding


def render(findings: list[Finding]) -> str:
    data = {
        "version": 1,
        "tool": {"name": "sppterm", "version": __version__},
        "summary": {
            "total": len(findings),
            "by_severity": dict(sorted(Counter(f.severity for f in findings).items())),
            "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
        },
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "end_line": f.end_line,
                "end_column": f.end_column,
                "unit_line": f.unit_line or f.line,
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "unit": f.key,
                "target": f.target,
                "term": f.term,
                "suggestion": f.suggestion,
                "fingerprint": f.fingerprint,
            }
            for f in findings
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
