"""``sppterm glossary impact``: what a glossary change affects, for pull requests on glossary/."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sppterm.errors import InputError
from sppterm.glossary.load import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from sppterm.glossary.model import Concept, Glossary


def _signature(c: Concept) -> tuple:
    return (c.type, sorted((t.lang, t.text, t.status.value) for t in c.terms), sorted(c.abbr))


def glossary_at(ref: str, root: Path, glossary_dir: Path) -> Glossary:
    """The glossary as it was at git revision ``ref``."""
    rel = glossary_dir.resolve().relative_to(root.resolve()).as_posix()
    try:
        names = subprocess.run(
            ["git", "ls-tree", "--name-only", f"{ref}:{rel}"],
            cwd=root,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    except subprocess.CalledProcessError as e:
        raise InputError.at(
            str(glossary_dir), None, f"git cannot read {ref}:{rel}: {e.stderr.strip()}"
        ) from None
    with tempfile.TemporaryDirectory() as d:
        for name in names:
            if name.endswith((".yaml", ".yml")):
                data = subprocess.run(
                    ["git", "show", f"{ref}:{rel}/{name}"], cwd=root, check=True, capture_output=True
                ).stdout
                (Path(d) / name).write_bytes(data)
        return load_glossary(d)


@dataclass
class Change:
    added: list[Concept] = field(default_factory=list)
    removed: list[Concept] = field(default_factory=list)
    changed: list[tuple[Concept, Concept]] = field(default_factory=list)  # (old, new)

    @property
    def concepts(self) -> list[Concept]:
        return self.added + self.removed + [n for _, n in self.changed] + [o for o, _ in self.changed]

    @property
    def ids(self) -> list[str]:
        return sorted({c.id for c in self.concepts})


def diff(old: Glossary, new: Glossary) -> Change:
    old_by, new_by = {c.id: c for c in old}, {c.id: c for c in new}
    ch = Change()
    ch.added = [c for i, c in new_by.items() if i not in old_by]
    ch.removed = [c for i, c in old_by.items() if i not in new_by]
    ch.changed = [
        (old_by[i], c) for i, c in new_by.items() if i in old_by and _signature(old_by[i]) != _signature(c)
    ]
    return ch


def affected_keys(change: Change, keys: list[str]) -> set[str]:
    """Unit keys whose source contains a Chinese term (old or new form) of a changed concept."""
    concepts = change.concepts
    if not concepts:
        return set()
    matcher = ZhMatcher(Glossary(concepts))
    return {k for k in keys if matcher.find(k)}
