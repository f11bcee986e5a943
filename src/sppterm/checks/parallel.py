"""The per-unit checks on every core (``sppterm check --jobs N``, ``SPPTERM_JOBS``), as ruff and
``pylint -j`` do: the units the results cache does not answer, in chunks, in worker processes.

Workers are forked from the run's process once it has checked its first units itself: the
glossary, the matchers, the lexicon and the imported rules (everything a rule builds on first
use) are then in memory, and every child shares them copy-on-write instead of building them
again. A chunk's findings come back in unit order and are merged in unit order, so the report
is byte-identical to the serial run's.

Rules whose findings depend on the units checked before them (``run_dependent``: spelling's
suggestions go to the run's first words only) do not run in the workers: the parent runs them
afterwards on every unit, in unit order, as the serial run does, and puts their findings where
the serial run has them. A worker that fails in any way (an exception, a killed process, a
result that cannot be sent back) changes no finding: the units not yet merged are checked
serially, which reports the same error the serial run would.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from sppterm.checks.base import CheckUnit, Finding
from sppterm.errors import InputError

ENV = "SPPTERM_JOBS"

# ``check(unit, held)``: the unit's findings, the rules at the plan positions ``held`` left out,
# and for each held position (ascending) where in those findings the held rule's would go.
Check = Callable[[CheckUnit, frozenset[int]], tuple[list[Finding], list[int]]]

# Below this many units to check, a worker per core saves too little for what it costs (the
# fork, copy-on-write faults, each worker warming its own memos, the findings pickled back: CPU
# +10-15 %). Two cores, results cold (the lexicon cached), fastest of 7: 150 units 0.21 s either
# way, 300 0.32 -> 0.25 s, 600 0.48 -> 0.37 s, 1,200 0.83 -> 0.57 s.
MIN_UNITS = 500
# Translated units checked by the parent before forking, so that what the rules build on first
# use (the lexicon, the matchers, compiled patterns) is built once, not once per worker.
WARM_UNITS = 20
CHUNKS_PER_WORKER = 4  # small enough chunks that one slow chunk does not leave a core idle

_NONE: frozenset[int] = frozenset()
# The job the forked workers read (set before the fork: the children inherit it, nothing of it
# is pickled).
_job: tuple[Sequence[CheckUnit], Check, frozenset[int]] | None = None


def cpu_count() -> int:
    """The cores this process may run on (its affinity mask, as ``os.process_cpu_count``)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def requested(jobs: int | None) -> int:
    """``--jobs`` when given, else ``SPPTERM_JOBS``, else 0 (as many as pay)."""
    if jobs is not None:
        return jobs
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return 0
    try:
        n = int(raw)
    except ValueError:
        n = -1
    if n < 0:
        raise InputError.at(ENV, None, f"not a number of jobs: {raw!r} (0: automatic, 1: serial)")
    return n


def workers(jobs: int | None, units: int) -> int:
    """How many worker processes check ``units`` units (1: none, the parent checks them).

    0 (automatic) uses every core once there are enough units to pay for the fork; N > 1 uses
    N whatever the count. Without fork (Windows; macOS, where it is unsafe), serial."""
    n = requested(jobs)
    if n == 1 or units < 2 or not _can_fork():
        return 1
    if n == 0:
        n = cpu_count() if units >= MIN_UNITS else 1
    return min(n, units)


def _can_fork() -> bool:
    # macOS has fork, but system libraries may crash in a forked child (CPython spawns there).
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def check_units(
    units: Sequence[CheckUnit], check: Check, rules: int, held: Sequence[int], jobs: int | None
) -> list[list[Finding]]:
    """Each unit's findings, in order, as ``[check(u, frozenset())[0] for u in units]`` gives
    them: ``rules`` is the number of plan positions, the rules at positions ``held`` (ascending)
    are run by this process, after the workers, in unit order."""
    n = workers(jobs, len(units))
    warm = _warm_count(units) if n > 1 else len(units)
    out = [check(u, _NONE)[0] for u in units[:warm]]
    rest = units[warm:]
    if not rest:
        return out
    parts = _in_workers(rest, check, frozenset(held), min(n, len(rest)))
    if parts is None:  # a worker failed: the serial run, which reports what it reports
        return out + [check(u, _NONE)[0] for u in rest]
    # Each held rule alone (every other position held), its findings where the serial run has
    # them: at the cut the worker recorded, moved by the findings inserted before it.
    alone = [frozenset(range(rules)) - {i} for i in held]
    for unit, (found, cuts) in zip(rest, parts, strict=True):
        shift = 0
        for cut, others in zip(cuts, alone, strict=True):
            extra = check(unit, others)[0]
            found[cut + shift : cut + shift] = extra
            shift += len(extra)
        out.append(found)
    return out


def _warm_count(units: Sequence[CheckUnit]) -> int:
    """How many units the parent checks first: up to the WARM_UNITS-th with a translation (an
    untranslated unit or a source block runs few rules, so builds little of what they load)."""
    seen = 0
    for i, u in enumerate(units):
        if u.target and u.target.strip() and not u.fuzzy:
            seen += 1
            if seen == WARM_UNITS:
                return i + 1
    return len(units)


def _in_workers(
    units: Sequence[CheckUnit], check: Check, held: frozenset[int], n: int
) -> list[tuple[list[Finding], list[int]]] | None:
    """``check(u, held)`` for each unit by ``n`` forked workers, in order; None if any failed."""
    global _job
    size = max(1, -(-len(units) // (n * CHUNKS_PER_WORKER)))
    spans = [(a, min(a + size, len(units))) for a in range(0, len(units), size)]
    _job = (units, check, held)
    # The parent's objects moved out of the collector's sight: a child's collection would
    # otherwise write to every object's header and copy every page it shares.
    gc.freeze()
    pool = None
    wait = False  # interrupted (Ctrl-C reaches the workers too): do not wait for them
    try:
        pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork"))
        got = [r for part in pool.map(_work, spans) for r in part]
        wait = True
        return got
    except Exception:  # any failure of a worker (BrokenProcessPool too): checked serially
        wait = True
        return None
    finally:
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)
        gc.unfreeze()
        _job = None


def _work(span: tuple[int, int]) -> list[tuple[list[Finding], list[int]]]:
    assert _job is not None  # set by the parent before the fork
    units, check, held = _job
    return [check(u, held) for u in units[span[0] : span[1]]]
