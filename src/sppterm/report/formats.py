"""The report formats of ``sppterm check``: one table from format name to writer.

The command line builds its ``--format`` choice from :data:`WRITERS`, so a new format is one
function and one entry here. Every writer takes the whole run (units, rules, findings) and
returns the report text; ``colour`` matters only to the text format.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sppterm.checks.project import CheckRun

# The writers import their modules when called: the command line imports this table to build
# its options, and ``sppterm --help`` should not load the rules, lxml and the glossary matcher.
Writer = Callable[["CheckRun", bool], str]


def _text(run: CheckRun, colour: bool) -> str:
    from sppterm.report import text

    return text.render(run.findings, colour=colour)


def _json(run: CheckRun, colour: bool) -> str:
    from sppterm.report import jsonfmt

    return jsonfmt.render(run.findings)


def _sarif(run: CheckRun, colour: bool) -> str:
    from sppterm.report import sarif

    return sarif.render(run.findings, run.root, run.rules)


def _github(run: CheckRun, colour: bool) -> str:
    from sppterm.report import github

    # Annotations show only 10 of a type per step: the full list goes to the step summary.
    github.append_step_summary(run.findings)
    return github.render(run.findings)


def _junit(run: CheckRun, colour: bool) -> str:
    from sppterm.report import junit

    return junit.render(run.units, run.rules, run.findings)


def _html(run: CheckRun, colour: bool) -> str:
    from sppterm.report import html

    return html.render(run)


WRITERS: dict[str, Writer] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
    "junit": _junit,
    "html": _html,
}


def render(fmt: str, run: CheckRun, colour: bool = False) -> str:
    """The report of ``run`` in format ``fmt`` (a key of :data:`WRITERS`)."""
    return WRITERS[fmt](run, colour)
