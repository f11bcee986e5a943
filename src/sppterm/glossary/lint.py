"""``sppterm glossary lint``: conflicts and ambiguities a terminologist should resolve."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sppterm.glossary.model import Concept, Glossary, Status, Term

# Severities: errors and warnings fail the lint; info is reported for awareness only.
ERROR, WARNING, INFO = "error", "warning", "info"
FAILING = {ERROR, WARNING}

RULES: dict[str, tuple[str, str]] = {
    "duplicate-id": (ERROR, "two concepts share an id"),
    "zh-shared": (ERROR, "a Chinese term is claimed by two concepts"),
    "status-conflict": (ERROR, "a term is preferred in one place and deprecated/forbidden in another"),
    "no-preferred": (ERROR, "a concept has no preferred term in Chinese or English"),
    "preferred-forbidden": (ERROR, "the preferred English of one concept is forbidden by another"),
    "unknown-related": (WARNING, "a related id names no concept"),
    "shared-en": (WARNING, "two concepts have the same preferred English term"),
    "overlap": (WARNING, "two Chinese terms overlap in the corpus without one containing the other"),
    "overlap-potential": (INFO, "two Chinese terms could overlap (not seen in the corpus)"),
    "nested": (INFO, "a Chinese term lies inside another concept's term (longest match wins)"),
}


@dataclass(frozen=True)
class LintFinding:
    rule: str
    path: str
    line: int
    message: str

    @property
    def severity(self) -> str:
        return RULES[self.rule][0]

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.rule}: {self.message}"


def _overlap(a: str, b: str) -> int:
    """Length of the longest proper suffix of ``a`` that is a prefix of ``b`` (≥ 1 char)."""
    for n in range(min(len(a), len(b)) - 1, 0, -1):
        if a[-n:] == b[:n]:
            return n
    return 0


def lint(glossary: Glossary, corpus: list[str] | None = None) -> list[LintFinding]:
    """All findings, in a stable order (file, line, rule).

    ``corpus`` (the Chinese bulletins' text) turns overlaps that actually occur into warnings;
    overlaps of two or more characters that do not occur are reported as info only.
    """
    corpus_text = "\n".join(corpus or [])
    out: list[LintFinding] = []

    def add(rule: str, where: Concept | Term, concept: Concept, msg: str) -> None:
        out.append(LintFinding(rule, concept.path, getattr(where, "line", 0) or concept.line, msg))

    seen_ids: dict[str, Concept] = {}
    for c in glossary:
        if c.id in seen_ids:
            first = seen_ids[c.id]
            add("duplicate-id", c, c, f"id {c.id!r} already used at {first.path}:{first.line}")
        else:
            seen_ids[c.id] = c
        for lang in ("zh", "en"):
            if c.preferred(lang) is None:
                add("no-preferred", c, c, f"concept {c.id!r} has no preferred {lang} term")
        for rid in c.related:
            if rid not in seen_ids and glossary.get(rid) is None:
                add("unknown-related", c, c, f"concept {c.id!r}: related id {rid!r} not found")

    # Index every term by (language, text).
    by_text: dict[tuple[str, str], list[tuple[Term, Concept]]] = defaultdict(list)
    for c in glossary:
        for t in c.terms:
            by_text[(t.lang, t.text)].append((t, c))

    for (lang, text), uses in by_text.items():
        concepts = {c.id for _, c in uses}
        if lang == "zh" and len({id(c) for _, c in uses}) > 1:
            t, c = uses[-1]
            others = ", ".join(sorted(concepts - {c.id})) or c.id
            add("zh-shared", t, c, f"Chinese term {text!r} of {c.id!r} also belongs to {others}")
        statuses = {t.status for t, _ in uses}
        bad = statuses & {Status.DEPRECATED, Status.FORBIDDEN}
        if Status.PREFERRED in statuses and bad:
            t, c = next((t, c) for t, c in uses if t.status in bad)
            pref = next(c2.id for t2, c2 in uses if t2.status is Status.PREFERRED)
            add(
                "status-conflict",
                t,
                c,
                f"{lang} term {text!r} is preferred in {pref!r} but {t.status.value} in {c.id!r}",
            )

    for c in glossary:
        pref = c.preferred("en")
        if pref is None:
            continue
        for t, other in by_text.get(("en", pref.text), []):
            if other is not c and t.status is Status.FORBIDDEN:
                add(
                    "preferred-forbidden",
                    t,
                    other,
                    f"{other.id!r} forbids {pref.text!r}, the preferred English of {c.id!r}",
                )
            if (
                other is not c
                and t.status is Status.PREFERRED
                and c.line < other.line
                and "shared-en" not in other.lint_ignore + c.lint_ignore
            ):
                add("shared-en", t, other, f"{other.id!r} and {c.id!r} both prefer the English {pref.text!r}")

    # Nesting and overlap of Chinese terms across concepts: ambiguous for matching.
    zh = [(t, c) for t, c in glossary.zh_terms()]
    zh_texts = {t.text for t, _ in zh}
    for i, (ta, ca) in enumerate(zh):
        for tb, cb in zh[i + 1 :]:
            if ca is cb or ta.text == tb.text:
                continue
            for (t1, c1), (t2, c2) in (((ta, ca), (tb, cb)), ((tb, cb), (ta, ca))):
                if t1.text in t2.text and "nested" not in c1.lint_ignore + c2.lint_ignore:
                    add("nested", t1, c1, f"{t1.text!r} ({c1.id}) lies inside {t2.text!r} ({c2.id})")
                elif t1.text not in t2.text and t2.text not in t1.text:
                    n = _overlap(t1.text, t2.text)
                    if not n or "overlap" in c1.lint_ignore + c2.lint_ignore:
                        continue
                    joined = t1.text + t2.text[n:]
                    if joined in zh_texts:
                        continue  # the joined text is itself a term: longest match settles it
                    seen = joined in corpus_text
                    if seen or n >= 2:
                        add(
                            "overlap" if seen else "overlap-potential",
                            t1,
                            c1,
                            f"{t1.text!r} ({c1.id}) ends with {t1.text[-n:]!r}, which starts "
                            f"{t2.text!r} ({c2.id}): in {t1.text + t2.text[n:]!r} only one can match",
                        )

    return sorted(out, key=lambda f: (f.path, f.line, f.rule, f.message))


def failing(findings: list[LintFinding]) -> list[LintFinding]:
    return [f for f in findings if f.severity in FAILING]
