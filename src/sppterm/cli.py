"""The ``sppterm`` command line: parse arguments, call the library, render a report."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sppterm import __version__
from sppterm.config import Config, load_config
from sppterm.errors import InputError
from sppterm.ids import bulletin_file, id_problem
from sppterm.report.drift import FORMATS as DRIFT_FORMATS
from sppterm.report.formats import WRITERS
from sppterm.report.glossary_export import GLOSSARY_FORMATS
from sppterm.report.search import FORMATS as SEARCH_FORMATS
from sppterm.report.suggest import FORMATS as SUGGEST_FORMATS

if TYPE_CHECKING:
    from sppterm.checks.base import Finding
    from sppterm.checks.project import CheckRun


class _BulletinId(click.ParamType):
    """A bulletin id on the command line, checked by the one id rule (:mod:`sppterm.ids`)."""

    name = "ID"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        problem = id_problem(value)
        if problem:
            self.fail(problem, param, ctx)
        assert isinstance(value, str)
        return value


BULLETIN_ID = _BulletinId()


def _config(ctx: click.Context) -> Config:
    return ctx.obj["config"]


class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # one place turns user errors into exit 2
        # SIGTERM unwinds like Ctrl-C, so atomic writers remove their temp files on the way out.
        signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().invoke(ctx)
        except InputError as e:
            click.echo(str(e), err=True)
            ctx.exit(2)
        except OSError as e:  # a file the library did not wrap: still a message, not a traceback
            where = f"{e.filename}: " if e.filename else ""
            click.echo(f"{where}{e.strerror or e}", err=True)
            ctx.exit(2)


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sppterm")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project root (default: nearest pyproject.toml with [tool.sppterm]).",
)
@click.pass_context
def main(ctx: click.Context, root: Path | None) -> None:
    """Terminology-managed translation of the SPP Programme bulletins (zh → en)."""
    ctx.ensure_object(dict)
    ctx.obj["config"] = load_config(root)


# -- import -------------------------------------------------------------------------------
@main.command("import")
@click.argument("raw", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "bulletin_id", type=BULLETIN_ID, help="Bulletin id, e.g. 2022-04 (year-issue) or 2023.")
@click.option(
    "--all", "all_", is_flag=True, help="Re-import every bulletin in source_zh/ from its recorded raw file."
)
@click.option(
    "--hints",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Hints file (default: source_zh/ID.hints.yaml if present).",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a re-import would change a file.")
@click.pass_context
def import_cmd(
    ctx: click.Context, raw: Path | None, bulletin_id: str | None, all_: bool, hints: Path | None, check: bool
) -> None:
    """Import a raw text export of a bulletin PDF into source_zh/ID.md."""
    from sppterm.bulletin.sources import convert, import_one, recorded_sources
    from sppterm.textio import read_text

    cfg = _config(ctx)
    if all_ == bool(raw):
        raise click.UsageError("give either RAW with --id, or --all")
    if raw and not bulletin_id:
        raise click.UsageError("--id is required with RAW")
    jobs = (
        [(raw, bulletin_id)]
        if raw and bulletin_id  # RAW without --id was refused above
        else [(r.raw, r.bulletin_id) for r in recorded_sources(cfg.source, cfg.root)]
    )
    stale = 0
    for path, bid in jobs:
        if not path.is_file():
            raise InputError.at(str(path), None, f"raw file of bulletin {bid} not found")
        if check:
            new = convert(path, bid, cfg.source, cfg.root, hints).markdown
            out = bulletin_file(cfg.source, bid, ".md")
            same = out.is_file() and read_text(out) == new
            stale += not same
            click.echo(f"{out.relative_to(cfg.root)}: {'up to date' if same else 'OUT OF DATE'}")
        else:
            out, imported, changed = import_one(path, bid, cfg.source, cfg.root, hints)
            n = len(imported.blocks)
            click.echo(f"{out.relative_to(cfg.root)}: {n} blocks, {'written' if changed else 'unchanged'}")
    if stale:
        sys.exit(1)


# -- extract ------------------------------------------------------------------------------
@main.command()
@click.argument("ids", nargs=-1, type=BULLETIN_ID)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a PO file would change.")
@click.pass_context
def extract(ctx: click.Context, ids: tuple[str, ...], check: bool) -> None:
    """Extract translation units into target_en/po/ID.po (all bulletins by default).

    Merges with the existing file and the series memory: nothing translated is ever lost.
    """
    from sppterm.workflow import extract_all

    cfg = _config(ctx)
    results = extract_all(cfg, list(ids), write=not check)
    stale = 0
    for r in results:
        if check:
            state = (
                "OUT OF DATE" if r.changed else "up to date" + (" (other layout)" if r.reformatted else "")
            )
        else:
            state = (
                "changed"
                if r.changed
                else ("rewritten in canonical layout" if r.reformatted else "unchanged")
            )
        stale += r.changed
        click.echo(f"{cfg.relative(r.path)}: {r.report.summary()}; {state}")
        for w in r.report.warnings:
            click.echo(f"warning: {cfg.relative(w)}", err=True)
    if check and stale:
        sys.exit(1)


# -- xliff --------------------------------------------------------------------------------
@main.group()
def xliff() -> None:
    """Exchange translations with CAT tools as XLIFF 1.2 or 2.1."""


@xliff.command("export")
@click.argument("bulletin_id", type=BULLETIN_ID)
@click.option("--version", "version", type=click.Choice(["1.2", "2.1"]), default="1.2", show_default=True)
@click.option(
    "--flavour",
    type=click.Choice(["standard", "omegat"]),
    default="standard",
    show_default=True,
    help="omegat: XLIFF 1.2 with the Chinese in <target>, which OmegaT's filter translates.",
)
@click.option(
    "--segments",
    type=click.Choice(["unit", "sentence"]),
    default="unit",
    show_default=True,
    help="2.1: one <segment> per unit, or per Chinese sentence (reassembled on import).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Default: target_en/xliff/ID.VERSION.xlf (omegat: ID.omegat.xlf)",
)
@click.pass_context
def xliff_export(
    ctx: click.Context, bulletin_id: str, version: str, flavour: str, segments: str, output: Path | None
) -> None:
    """Export target_en/po/ID.po as XLIFF for a CAT tool."""
    from sppterm.glossary import load_glossary
    from sppterm.glossary.matcher import ZhMatcher
    from sppterm.textio import write_atomic_bytes
    from sppterm.units.po import read_po
    from sppterm.units.xliff import export_xliff

    cfg = _config(ctx)
    po_file = bulletin_file(cfg.po_dir, bulletin_id, ".po")
    if not po_file.is_file():
        raise InputError.at(
            str(po_file), None, f"no PO file for {bulletin_id}: run 'sppterm extract {bulletin_id}'"
        )
    original = f"source_zh/{bulletin_id}.md"
    if segments == "sentence" and (version != "2.1" or flavour != "standard"):
        raise click.UsageError("--segments sentence is for --version 2.1 (1.2 marks sentences in seg-source)")
    if flavour == "omegat":
        if version != "1.2":
            raise click.UsageError("--flavour omegat is an XLIFF 1.2 flavour")
        from sppterm.units.xliff_omegat import export_omegat

        data, suffix = export_omegat(read_po(po_file), original), ".omegat.xlf"
    else:
        matcher = ZhMatcher(load_glossary(cfg.glossary))
        data, suffix = (
            export_xliff(read_po(po_file), bulletin_id, original, version, matcher, segments),
            f".{version}.xlf",
        )
    out = output or bulletin_file(cfg.target / "xliff", bulletin_id, suffix)
    write_atomic_bytes(out, data)
    click.echo(f"{cfg.relative(out)}: XLIFF {version}" + (" (OmegaT flavour)" if flavour == "omegat" else ""))


@xliff.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--id", "bulletin_id", type=BULLETIN_ID, help="Bulletin id (default: from the file's 'original')."
)
@click.option(
    "--translator",
    metavar="'NAME <EMAIL>'",
    help="Last-Translator to record when units change (default: keep the header's).",
)
@click.pass_context
def xliff_import(ctx: click.Context, file: Path, bulletin_id: str | None, translator: str | None) -> None:
    """Merge an XLIFF file's translations back into target_en/po/ID.po.

    Unknown units, placeholder mismatches, conflicts, and empty targets or copies of the
    source (never a translation) are reported per unit and skipped; the other units are still
    merged, and the exit status is 1. The PO lock is held from reading the PO file to writing it.
    When units change, PO-Revision-Date becomes the import's time (SOURCE_DATE_EPOCH when set)
    and Last-Translator the --translator given; nothing changes otherwise.
    """
    from sppterm.units.xliff import merge_into_po, original_id, read_xliff

    if translator is not None and (not translator.strip() or not translator.isprintable()):
        raise click.BadParameter(
            "one line of printable text, e.g. 'Li Hua <li.hua@example.org>'", param_hint="--translator"
        )
    cfg = _config(ctx)
    version, units = read_xliff(file)
    bid = bulletin_id or original_id(file)
    po_file = bulletin_file(cfg.po_dir, bid, ".po")
    if not po_file.is_file():
        raise InputError.at(str(file), None, f"no PO file {po_file.name} to merge into (use --id)")
    report = merge_into_po(po_file, units, str(file), translator)
    for line in report.messages():
        click.echo(line, err=True)
    click.echo(f"{cfg.relative(po_file)}: XLIFF {version}, {report.summary()}")
    sys.exit(1 if report.problems else 0)


# -- tm -----------------------------------------------------------------------------------
@main.group()
def tm() -> None:
    """Translation memory: the series' own (export) and other tools' (import)."""


@tm.command("export")
@click.option("--format", "fmt", type=click.Choice(["tmx"]), default="tmx", show_default=True)
@click.option("--no-sentences", is_flag=True, help="Block-level entries only.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: target_en/memory.tmx"
)
@click.pass_context
def tm_export(ctx: click.Context, fmt: str, no_sentences: bool, output: Path | None) -> None:
    """Write the memory of every final translation as TMX 1.4b."""
    from sppterm.textio import write_atomic_bytes
    from sppterm.units.tmx import export_tmx

    cfg = _config(ctx)
    data = export_tmx(cfg.po_dir, sentences=not no_sentences)
    out = output or cfg.target / "memory.tmx"
    write_atomic_bytes(out, data)
    click.echo(f"{cfg.relative(out)}: {data.count(b'<tu ')} translation units")


@tm.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help="Store it as memory/NAME.tmx (default: the file's name).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if memory/NAME.tmx would change.")
@click.pass_context
def tm_import(ctx: click.Context, file: Path, name: str | None, check: bool) -> None:
    """Import a TMX file (OmegaT, Trados, po2tmx, ...) into the project's memory.

    Its Chinese–English pairs are kept, normalised, in memory/NAME.tmx (commit it); from then on
    extract offers them as fuzzy suggestions, the origin named, for review. Importing the same
    file again changes nothing.
    """
    from sppterm.workflow import import_memory

    cfg = _config(ctx)
    result = import_memory(cfg, file, name, write=not check)
    if check:
        state = "OUT OF DATE" if result.changed else "up to date"
    else:
        state = "written" if result.changed else "unchanged"
    click.echo(f"{cfg.relative(result.path)}: {result.summary()}; {state}")
    if check and result.changed:
        sys.exit(1)


# -- terms --------------------------------------------------------------------------------
@main.group()
def terms() -> None:
    """Term discovery from the corpus."""


@terms.command("suggest")
@click.option("--format", "fmt", type=click.Choice(list(SUGGEST_FORMATS)), default="text", show_default=True)
@click.option("--min-count", default=3, show_default=True, help="Minimum frequency of a repeated sequence.")
@click.option("--limit", default=50, show_default=True, help="At most this many candidates.")
@click.option(
    "--recovery",
    "show_recovery",
    is_flag=True,
    help="Also measure: share of glossary concepts whose English the aligner finds at rank 1.",
)
@click.pass_context
def terms_suggest(ctx: click.Context, fmt: str, min_count: int, limit: int, show_recovery: bool) -> None:
    """Suggest Chinese terms missing from the glossary, with their likely English.

    Candidates: names followed by an abbreviation in brackets, titles in 《》, frequent
    sequences. English: n-grams of the translated units, ranked by Dice association.
    Nothing is added: --format yaml prints entries for a terminologist to review and paste.
    """
    from sppterm.glossary import load_glossary
    from sppterm.glossary.suggest import suggest
    from sppterm.report.suggest import corpus, recovery_note

    cfg = _config(ctx)
    g = load_glossary(cfg.glossary)
    units, pairs = corpus(cfg)
    click.echo(SUGGEST_FORMATS[fmt](suggest(units, pairs, g, min_count, limit)))
    if show_recovery:
        click.echo(recovery_note(g, pairs), err=True)


@terms.command("drift")
@click.option("--format", "fmt", type=click.Choice(list(DRIFT_FORMATS)), default="text", show_default=True)
@click.option("--min-count", default=3, show_default=True, help="Minimum frequency of a repeated sequence.")
@click.pass_context
def terms_drift(ctx: click.Context, fmt: str, min_count: int) -> None:
    """Chinese terms not in the glossary translated more than one way across the bulletins.

    The English renderings come from alignment evidence (Dice association of English n-grams
    over the units holding the term); ranked by bulletins × renderings.
    """
    from sppterm.glossary import load_glossary
    from sppterm.glossary.drift import drift
    from sppterm.report.drift import drift_units
    from sppterm.report.text import wants_colour

    cfg = _config(ctx)
    found = drift(drift_units(cfg), load_glossary(cfg.glossary), min_count)
    click.echo(DRIFT_FORMATS[fmt](found, wants_colour()))  # a table on a terminal


# -- search -------------------------------------------------------------------------------
@main.command()
@click.argument("pattern")
@click.option(
    "--regex", "is_regex", is_flag=True, help="PATTERN is a regular expression (as written, unit by unit)."
)
@click.option("--side", type=click.Choice(["zh", "en", "both"]), default="both", show_default=True)
@click.option(
    "--bulletin", "bulletins", multiple=True, type=BULLETIN_ID, help="Only this bulletin (repeatable)."
)
@click.option("--translated/--untranslated", "translated", default=None, help="Only (un)translated units.")
@click.option("--rule", default="", help="Only units with findings of this rule (checked on the hits).")
@click.option("--glossary", "in_glossary", is_flag=True, help="Also search the glossary's terms and notes.")
@click.option("--format", "fmt", type=click.Choice(list(SEARCH_FORMATS)), default="text", show_default=True)
@click.pass_context
def search(
    ctx: click.Context,
    pattern: str,
    is_regex: bool,
    side: str,
    bulletins: tuple[str, ...],
    translated: bool | None,
    rule: str,
    in_glossary: bool,
    fmt: str,
) -> None:
    """Find a Chinese or English string in every PO unit of the series (a concordance).

    Literal by default: case and full-width/half-width forms are ignored. Exit 0 with hits,
    1 without, 2 on a bad pattern or input.
    """
    from sppterm.report.text import wants_colour
    from sppterm.search import Query, search_project

    result = search_project(
        _config(ctx), Query(pattern, is_regex, side, bulletins, translated, rule, in_glossary)
    )
    click.echo(SEARCH_FORMATS[fmt](result, fmt == "text" and wants_colour()))
    sys.exit(0 if result.hits or result.glossary else 1)


# -- check --------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(WRITERS)), default="text", show_default=True)
@click.option(
    "--fail-level",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Exit 1 when a finding is at or above this level (default: error).",
)
@click.option("--changed-since", metavar="REF", help="Only units changed since this git revision.")
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Suppress the findings recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    "write_baseline_file",
    type=click.Path(dir_okay=False, path_type=Path),
    is_flag=False,
    flag_value=Path(".sppterm-baseline.json"),
    help="Record the current findings as the baseline (default file .sppterm-baseline.json).",
)
@click.option("--rule", "only", multiple=True, help="Run only this rule (repeatable).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here."
)
@click.option("--fix", "fix", flag_value="write", help="Apply the safe fixes to the PO files, then report.")
@click.option("--diff", "fix", flag_value="diff", help="With --fix: show the fixes as a diff, write nothing.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    envvar="SPPTERM_JOBS",
    help="Processes checking units: 1 serial, 0 one per core when there are enough units "
    "(default: SPPTERM_JOBS, else 0).",
)
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    fail_level: str | None,
    changed_since: str | None,
    baseline_file: Path | None,
    write_baseline_file: Path | None,
    only: tuple[str, ...],
    output: Path | None,
    fix: str | None,
    jobs: int | None,
) -> None:
    """Check translations (PO, XLIFF) and sources (source_zh/*.md) against the glossary and rules.

    Exit 0 when nothing reaches the fail level, 1 when something does, 2 on usage or input errors.
    """
    from sppterm.checks import project
    from sppterm.report import formats, text

    cfg = _config(ctx)
    try:
        done = project.check_project(
            cfg, paths, only, baseline_file, changed_since, use_baseline=not write_baseline_file, jobs=jobs
        )
    except project.UnknownRule as e:
        raise click.UsageError(f"unknown rule {e.args[0]!r} (see 'sppterm rules')") from None
    if fix:
        done = _fixed(cfg, done, fix == "diff", paths, only, baseline_file, changed_since)
    if write_baseline_file:
        _write_baseline(write_baseline_file, done.findings)
    _emit(formats.render(fmt, done, colour=output is None and text.wants_colour()), output, done.findings)
    sys.exit(1 if project.at_or_above(done.findings, project.fail_level(cfg, fail_level)) else 0)


def _write_baseline(path: Path, findings: list[Finding]) -> None:
    """``--write-baseline``: record the findings, say so, exit 0."""
    from sppterm.checks import runner

    runner.write_baseline(path, findings)
    click.echo(f"{path}: baseline of {len(findings)} findings", err=True)
    sys.exit(0)


def _fixed(cfg: Config, done: CheckRun, dry: bool, *again: Any) -> CheckRun:
    """``--fix``: apply the run's safe fixes and check again; ``--diff``: print them, exit 0."""
    from sppterm.checks import fix, project

    result = fix.fix_findings(done.findings, done.units, not dry, fix.rechecker(cfg, done))
    if dry:
        click.echo(result.diff, nl=False)
        sys.exit(0)
    click.echo(result.summary(), err=True)
    return project.check_project(cfg, *again)


def _emit(report: str, output: Path | None, findings: list[Finding]) -> None:
    """The report to ``output`` (and its one-line summary to stderr), else to stdout."""
    from sppterm.report.text import summary
    from sppterm.textio import write_atomic

    if output:
        write_atomic(output, report + "\n")
        click.echo(summary(findings), err=True)
    elif report:
        click.echo(report)


@main.command()
@click.argument("rule_id", required=False)
@click.pass_context
def rules(ctx: click.Context, rule_id: str | None) -> None:
    """List the check rules (with the project's style rules), or explain one."""
    from sppterm.checks.project import styles
    from sppterm.checks.registry import with_styles
    from sppterm.report.rules import explain, rule_table

    by_id = with_styles(styles(_config(ctx)))
    if rule_id:
        rule = by_id.get(rule_id)
        if rule is None:
            raise click.UsageError(f"unknown rule {rule_id!r}; known: {', '.join(by_id)}")
        click.echo(explain(rule))
        return
    click.echo(rule_table(list(by_id.values())))


# -- build --------------------------------------------------------------------------------
@main.command()
@click.argument("ids", nargs=-1, type=BULLETIN_ID)
@click.option("--draft", is_flag=True, help="Build incomplete bulletins too, marking what is missing.")
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 if target_en/ is out of date."
)
@click.option("--pdf", is_flag=True, help="Also print each edition to PDF with headless Chromium.")
@click.pass_context
def build(ctx: click.Context, ids: tuple[str, ...], draft: bool, check_only: bool, pdf: bool) -> None:
    """Assemble the English editions into target_en/ (ID.md, ID.html, index.html).

    A release build refuses a bulletin with untranslated or fuzzy units or error-level check
    findings, lists them and exits 1; --draft builds it anyway, marked as a draft.
    """
    from sppterm.publish import build as builder

    cfg = _config(ctx)
    results, files = builder.build(cfg, list(ids), draft, pdf=pdf and not check_only)
    refused = [r for r in results if r.status == "refused"]
    for r in results:
        done, total = r.edition.progress if r.edition else (0, 0)
        click.echo(f"{r.id}: {r.status} ({done}/{total} units translated)", err=True)
        if r.status == "refused":
            for problem in r.problems[:15]:
                click.echo(f"  {cfg.relative(problem)}", err=True)
            if len(r.problems) > 15:
                click.echo(f"  … and {len(r.problems) - 15} more", err=True)
    if check_only:
        out_of_date = builder.stale(files)
        for p in out_of_date:
            click.echo(f"{cfg.relative(p)}: OUT OF DATE", err=True)
        sys.exit(1 if out_of_date or refused else 0)
    for p in builder.write(files):
        click.echo(f"wrote {cfg.relative(p)}", err=True)
    if pdf:
        builder.print_pdfs(cfg, results, warn=lambda w: click.echo(f"warning: {w}", err=True))
    sys.exit(1 if refused else 0)


# -- review -------------------------------------------------------------------------------
@main.command()
@click.argument("ids", nargs=-1, type=BULLETIN_ID)
@click.pass_context
def review(ctx: click.Context, ids: tuple[str, ...]) -> None:
    """Write the bilingual review page of each bulletin (or of IDS): target_en/review/ID.html.

    Chinese beside English per unit, glossary terms marked, the findings of 'sppterm check'
    under their unit, a filter (all / with findings / untranslated) and links to the PO lines.
    """
    from sppterm.publish import review as reviewer

    cfg = _config(ctx)
    pages = reviewer.review(cfg, list(ids))
    written = set(reviewer.write(pages))
    for p in pages:
        click.echo(f"{'wrote' if p in written else 'unchanged'} {cfg.relative(p)}", err=True)


# -- score --------------------------------------------------------------------------------
@main.command()
@click.argument("hyp", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("ref", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--post-edit",
    "post_edit_ids",
    multiple=False,
    is_flag=False,
    flag_value="*",
    default=None,
    metavar="ID",
    help="Post-editing of memory fills and fuzzy suggestions (TER) for ID, or all (also without ID).",
)
@click.pass_context
def score(ctx: click.Context, hyp: Path | None, ref: Path | None, post_edit_ids: str | None) -> None:
    """Score an edition (.md) or PO file against a reference with sacrebleu (BLEU, chrF, TER)."""
    from sppterm import score as scoring
    from sppterm.report.table import table

    cfg = _config(ctx)
    if post_edit_ids:
        if hyp is not None:
            raise click.UsageError("give HYP and REF, or --post-edit, not both")
        rows, sig = [], ""
        for f in scoring.post_edit_files(cfg.po_dir, post_edit_ids):
            pe = scoring.post_edit(f)
            sig = sig or pe.signature
            rows.append([pe.bulletin, pe.units, pe.unchanged, f"{pe.ter:.1f}" if pe.units else "–"])
        click.echo(table(["bulletin", "suggested units", "kept as is", "TER"], rows))
        if sig:
            click.echo(f"TER signature: {sig}")
        return
    if hyp is None or ref is None:
        raise click.UsageError("give HYP and REF, or --post-edit [ID]")
    results, sigs = scoring.compare(hyp, ref)
    rows = [[r.label[:60], r.segments, f"{r.bleu:.1f}", f"{r.chrf:.1f}", f"{r.ter:.1f}"] for r in results]
    click.echo(table(["article", "segments", "BLEU", "chrF", "TER"], rows))
    for name, sig in sigs.items():
        click.echo(f"{name} signature: {sig}")


# -- status -------------------------------------------------------------------------------
@main.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """List the bulletins: id, year, issue, blocks, Chinese characters, translation progress."""
    from sppterm.report import status as report

    cfg = _config(ctx)
    click.echo(report.render(cfg.source, cfg.po_dir))


# -- glossary -----------------------------------------------------------------------------
@main.group()
def glossary() -> None:
    """Work with the managed glossary (glossary/*.yaml)."""


@glossary.command("lint")
@click.option("--info/--no-info", default=False, help="Also show info-level findings (nesting).")
@click.pass_context
def glossary_lint(ctx: click.Context, info: bool) -> None:
    """Find conflicts and ambiguities; exit 1 on errors or warnings."""
    from sppterm.bulletin.dates import period_of
    from sppterm.bulletin.parse import load_bulletins
    from sppterm.glossary import load_glossary
    from sppterm.glossary.lint import failing, lint

    cfg = _config(ctx)
    g = load_glossary(cfg.glossary)
    bulletins = load_bulletins(cfg.source) if cfg.source.is_dir() else []
    corpus = [b2.text for b in bulletins for b2 in b.blocks()]
    dates = {b.id: p for b in bulletins if (p := period_of(b.id, b.meta)) is not None}
    findings = lint(g, corpus, dates if bulletins else None)
    bad = failing(findings)
    for f in findings:
        if f in bad or info:
            click.echo(cfg.relative(str(f)))
    n_info = len(findings) - len(bad)
    click.echo(f"{len(g)} concepts, {len(bad)} problems ({n_info} info)", err=True)
    sys.exit(1 if bad else 0)


@glossary.command("export")
@click.option("--format", "fmt", required=True, type=click.Choice(list(GLOSSARY_FORMATS)))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Default: standard output (html: target_en/glossary.html).",
)
@click.pass_context
def glossary_export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Export the glossary for CAT tools, MT, spreadsheets or the web."""
    from sppterm.glossary import load_glossary
    from sppterm.report.glossary_export import default_output, export
    from sppterm.textio import write_atomic_bytes

    cfg = _config(ctx)
    g = load_glossary(cfg.glossary)
    data = export(fmt, g)
    output = output or default_output(fmt, cfg.target)
    if output:
        write_atomic_bytes(output, data)
        click.echo(f"{cfg.relative(output)}: {len(g)} concepts ({fmt})", err=True)
    else:
        sys.stdout.buffer.write(data)


@glossary.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def glossary_import(ctx: click.Context, file: Path) -> None:
    """Merge concepts from TBX (TBX-Basic or martif), CSV or TSV into glossary/*.yaml."""
    from sppterm.glossary.imports import import_concepts, read_file

    cfg = _config(ctx)
    incoming = read_file(file)  # the format told by content, whatever the file's name
    report = import_concepts(cfg.glossary, incoming)
    for c in report.conflicts:
        click.echo(f"conflict: {c}", err=True)
    click.echo(
        f"{len(incoming)} concepts read: {len(report.added)} added, {len(report.merged)} merged, "
        f"{report.unchanged} unchanged, {len(report.conflicts)} conflicts"
    )


@glossary.command("impact")
@click.option(
    "--since", "ref", default="HEAD", show_default=True, help="Git revision to compare the glossary with."
)
@click.pass_context
def glossary_impact(ctx: click.Context, ref: str) -> None:
    """Which units a glossary change affects, and which of them now fail the check (exit 1)."""
    from sppterm.checks.impact import glossary_impact as impact_since
    from sppterm.report.table import table

    impact = impact_since(_config(ctx), ref)
    click.echo(impact.headline())
    rows = impact.rows()
    if rows:
        click.echo(table(["file", "affected units", "now failing"], rows))
    for f in impact.findings:
        click.echo(f"{f.path}:{f.line}: {f.rule} {f.message}")
    sys.exit(1 if impact.findings else 0)
