"""Inline markup as paired placeholders (<b>…</b>, <i>…</i>), and checking them.

A text utility, below the models: the bulletin parser writes placeholders, the glossary's term
discovery and the units strip them, checks compare them, publishing renders them.
"""

from __future__ import annotations

import re

TAG = re.compile(r"</?(?:b|i)>")
# The same tags as a capturing group: re.split keeps them between the text pieces.
SPLIT = re.compile(r"(</?(?:b|i)>)")


def tags(text: str) -> list[str]:
    """The placeholders of ``text`` in order."""
    return TAG.findall(text)


def problem(source: str, target: str) -> str | None:
    """Why ``target``'s placeholders do not match ``source``'s, or None when they do."""
    if not target:
        return None
    want, got = sorted(tags(source)), sorted(tags(target))
    if want != got:
        has = " ".join(tags(source)) or "none"
        got_text = " ".join(tags(target)) or "none"
        return f"placeholders differ: source has {has}, translation has {got_text}"
    stack: list[str] = []
    for t in tags(target):
        if not t.startswith("</"):
            stack.append(t)
        elif not stack or stack.pop() != t.replace("/", ""):
            return f"placeholder {t} is not paired with its opening tag"
    if stack:
        return f"placeholder {stack[-1]} is never closed"
    return None


def strip(text: str) -> str:
    """Text without placeholders (for matching and counting)."""
    return TAG.sub("", text)
