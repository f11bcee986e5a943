"""Errors that carry a location, so the CLI can print ``file:line: message`` and exit 2."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    """One problem in an input file."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class InputError(Exception):
    """Bad input: one or more problems, each with file and line. Exit status 2."""

    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def at(cls, path: str, line: int | None, message: str) -> InputError:
        return cls([Problem(str(path), line, message)])

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
