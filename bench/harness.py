"""What every whole-process benchmark here shares: seeded data, timing of child processes, tables.

A figure is the wall time of a whole process, from ``exec`` to exit (interpreter start-up,
imports, glossary load, parsing, work, output), measured side by side with the peer in the same
run; the ratio between the two is the result. Peak RSS comes from ``wait4()`` (Linux counts in
it the image the child was forked from: keep the benchmark process itself small, hence no
sppterm import at module level here). CPU seconds (user + system, also from ``wait4()``) are
printed beside: on a machine shared with other work they move less than wall time.

Children run with byte-compiled modules, as an installed package has them (pip compiles at
install time): ``PYTHONDONTWRITEBYTECODE`` is dropped for them and the bytecode goes to a cache
directory of this benchmark run (``PYTHONPYCACHEPREFIX``), so an editable checkout's timings do
not include compiling sppterm's sources on every start.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
SPPTERM = [PY, "-m", "sppterm"]
CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 800)]
FILLER = [chr(c) for c in range(0x5000, 0x5000 + 3000)]  # never inside a generated term
TYPES = ["organisation", "programme", "publication", "event", "initiative", "concept", "place", "project"]
WORDS = (  # noqa: SIM905 - a sentence of words is easier to read than a 55-line list
    "sustainable public procurement green purchasing network centre programme policy standard label "
    "criteria market product service energy efficiency circular economy climate environment local "
    "government national council committee forum report guide review index platform initiative "
    "partnership alliance institute office agency ministry bureau fund project action plan strategy "
    "framework system assessment certification training workshop conference summit dialogue week"
).split()


_PYCACHE = tempfile.mkdtemp(prefix="sppbench-pyc-")
# The glossary cache of this run only: the user's cache keeps the 16 entries used last, and
# other sppterm processes on the machine (a test suite writes dozens) evicted a 20,000-concept
# entry between the warm-up and the timed runs, so "warm" checks were timed cold.
_CACHE = tempfile.mkdtemp(prefix="sppbench-cache-")
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "PYTHONPYCACHEPREFIX": _PYCACHE,
    "SPPTERM_CACHE_DIR": os.environ.get("SPPTERM_CACHE_DIR") or _CACHE,
}


@dataclass
class Timing:
    """Wall seconds, CPU seconds and peak RSS (MB) of repeated runs of one command."""

    label: str
    times: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    status: int = 0
    cpu: list[float] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_mb(self) -> float:
        return max(self.rss)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    def add(self, seconds: float, mb: float, cpu: float) -> None:
        self.times.append(seconds)
        self.rss.append(mb)
        self.cpu.append(cpu)

    def line(self) -> str:
        return (
            f"  {self.label}: min {self.min:.3f} s, median {self.median:.3f} s, "
            f"cpu {self.cpu_median:.3f} s, peak {self.peak_mb:.0f} MB"
        )


_LAST_CPU: list[float] = [0.0]


def last_cpu() -> float:
    """CPU seconds (user + system) of the last :func:`run_once`."""
    return _LAST_CPU[0]


def run_once(
    cmd: Sequence[str], cwd: Path | None = None, ok: Sequence[int] = (0, 1)
) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MB, exit status) of one whole process; output discarded."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=CHILD_ENV
    )
    assert proc.stderr is not None
    err = proc.stderr.read()  # drain before waiting: a full pipe would block the child
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    _LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    if code not in ok:
        raise SystemExit(f"{' '.join(cmd)} failed ({code}):\n{err.decode(errors='replace')[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, code


def measure(label: str, cmd: Sequence[str], runs: int, cwd: Path | None = None, **kw) -> Timing:
    t = Timing(label)
    for _ in range(runs):
        s, mb, t.status = run_once(cmd, cwd, **kw)
        t.add(s, mb, last_cpu())
    print(t.line(), flush=True)
    return t


def interleaved(commands: dict[str, Sequence[str]], runs: int, cwd: Path | None = None) -> dict[str, Timing]:
    """Run the commands round-robin, ``runs`` rounds: drift of the machine hits all of them alike."""
    out = {label: Timing(label) for label in commands}
    for cmd in commands.values():  # one untimed warm-up each: bytecode, glossary cache
        run_once(cmd, cwd)
    for _ in range(runs):
        for label, cmd in commands.items():
            s, mb, out[label].status = run_once(cmd, cwd)
            out[label].add(s, mb, last_cpu())
    for t in out.values():
        print(t.line(), flush=True)
    return out


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A Markdown table (the notes and bench/README.md quote them as they are)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


# --- seeded data ----------------------------------------------------------------------------


def _zh(rnd: random.Random, lo: int, hi: int) -> str:
    return "".join(rnd.choice(CJK) for _ in range(rnd.randint(lo, hi)))


def _yaml_str(s: str) -> str:
    return f'"{s}"' if any(c in s for c in ":#,[]{}&*!|>'\"%@`") else s


@dataclass
class GenConcept:
    zh: str
    en: str


def glossary_files(n: int, seed: int = 1) -> tuple[dict[str, str], list[GenConcept]]:
    """File name → YAML text of a glossary of ``n`` concepts shaped like the real one, and the
    concepts' preferred Chinese and English (for generating units that use them)."""
    rnd = random.Random(seed)
    zh_seen: set[str] = set()
    en_seen: set[str] = set()
    prefs: list[str] = []
    concepts: list[GenConcept] = []
    files: dict[str, list[str]] = {t: [] for t in TYPES}

    def fresh_zh(make) -> str:
        while True:
            s = make()
            if s not in zh_seen:
                zh_seen.add(s)
                return s

    def fresh_en() -> str:
        while True:
            s = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(2, 5))).title()
            if s not in en_seen:
                en_seen.add(s)
                return s

    for i in range(n):
        ctype = TYPES[i % len(TYPES)]
        if prefs and rnd.random() < 0.25:
            parent = rnd.choice(prefs)
            zh = fresh_zh(lambda parent=parent: parent + _zh(rnd, 2, 4))
        else:
            zh = fresh_zh(lambda: _zh(rnd, 3, 9))
        prefs.append(zh)
        zh_adm = [fresh_zh(lambda zh=zh: zh[:2] + zh[-2:] + _zh(rnd, 0, 1))] if rnd.random() < 0.4 else []
        zh_dep = [fresh_zh(lambda: _zh(rnd, 4, 8))] if rnd.random() < 0.1 else []
        en = fresh_en()
        concepts.append(GenConcept(zh, en))
        en_adm = [fresh_en()] if rnd.random() < 0.3 else []
        en_forbidden = [fresh_en()] if rnd.random() < 0.1 else []
        cid = f"c{i:05d}-" + "-".join(en.lower().split()[:3])
        lines = [f"  - id: {cid}", f"    type: {ctype}"]
        if rnd.random() < 0.5:
            adm = f", admitted: [{', '.join(zh_adm)}]" if zh_adm else ""
            dep = f", deprecated: [{', '.join(zh_dep)}]" if zh_dep else ""
            lines.append(f"    zh: {{preferred: {zh}{adm}{dep}}}")
        else:
            lines += ["    zh:", f"      preferred: {zh}"]
            lines += [f"      admitted: [{', '.join(zh_adm)}]"] if zh_adm else []
            if zh_dep:
                lines += [
                    "      deprecated:",
                    *(f"        - {{term: {d}, note: variant seen in 2023}}" for d in zh_dep),
                ]
        lines += ["    en:", f"      preferred: {_yaml_str(en)}"]
        lines += [f"      admitted: [{', '.join(map(_yaml_str, en_adm))}]"] if en_adm else []
        lines += [f"      forbidden: [{', '.join(map(_yaml_str, en_forbidden))}]"] if en_forbidden else []
        if rnd.random() < 0.3:
            lines.append(f"    abbr: [{''.join(w[0] for w in en.split()).upper()}{i}]")
        lines += (
            ["    attested:", f"      - example{i % 97}.org"]
            if rnd.random() < 0.6
            else ["    verified: false"]
        )
        if rnd.random() < 0.2:
            lines.append("    note: Generated for the benchmarks; the English is a rendering.")
        files[ctype].append("\n".join(lines))
    header = "# yaml-language-server: $schema=../src/sppterm/glossary/schema.json\nconcepts:\n"
    texts = {f"{t}s.yaml": header + "\n\n".join(body) + "\n" for t, body in files.items() if body}
    return texts, concepts


# Filler English: none of these is in WORDS (no glossary form can arise from them), no digits.
EN_FILLER = (  # noqa: SIM905 - as WORDS
    "delegates discussed measures results countries experts together support further across "
    "regional shared meeting members outcomes practical lessons common steps towards broader "
    "progress several partners during which also their this that were have been will from"
).split()
# sppterm.align's length model of the series (not imported here: the benchmark process stays
# small, and the data must not move when the model is refitted).
EN_PER_IDEOGRAPH = 3.42
EN_PER_LATIN = 0.73
VARIANCE_PER_CHAR = 1.43
VARIANCE_FLOOR = 12.0
# The series' whole-unit deviations from that model (sd): mean +0.17, spread 1.08, extremes
# -2.7 and +4.3 (233 translated units). Generated units draw theirs from a normal law of that
# mean and spread, clipped within the omission/addition thresholds (-3.3, +4.0): a translation
# is as often short as long, as in the series, so the rules' coverage path runs on as many
# units (an English always a word longer than predicted sent 91 % of them there, the series 53 %).
DEVIATION_MEAN = 0.17
DEVIATION_SD = 1.08
DEVIATION_CLIP = 3.0
_BY_LENGTH: dict[int, list[str]] = {}
for _w in EN_FILLER:
    _BY_LENGTH.setdefault(len(_w), []).append(_w)
_SHORTEST, _LONGEST = min(_BY_LENGTH), max(_BY_LENGTH)


def _letters(s: str) -> int:
    return sum(c.isalnum() for c in s)


def _en_words(letters: float, rnd: random.Random) -> str:
    """Filler words of ``letters`` letters in all (rounded; four at least, the shortest word),
    never one word twice in a row (that would be a repeated word)."""
    words: list[str] = []
    left = max(round(letters), _SHORTEST)

    def pick(n: int | None = None) -> None:
        nonlocal left
        pool = _BY_LENGTH[n] if n is not None else EN_FILLER
        choices = [w for w in pool if not words or w != words[-1]]
        w = rnd.choice(choices)
        words.append(w)
        left -= len(w)

    while left > 2 * _LONGEST:
        pick()
    if left > _LONGEST:  # two words to end on: the first leaves the second a length there is
        pick(rnd.randint(max(_SHORTEST, left - _LONGEST), min(_LONGEST, left - _SHORTEST)))
    if _SHORTEST <= left <= _LONGEST:
        pick(left)
    return " ".join(words)


def _sd(zh_len: float) -> float:
    """One standard deviation of the English length, in letters, for ``zh_len`` predicted."""
    return (VARIANCE_PER_CHAR * (zh_len + VARIANCE_FLOOR)) ** 0.5


def _po_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def po_files(n_units: int, concepts: list[GenConcept], per_file: int = 500, seed: int = 7) -> dict[str, str]:
    """File name → PO text: ``n_units`` translated units, each using two concepts and a number.

    One unit in ten leaves its second term out of the English (term-missing), one in twenty has
    a wrong number: a checker has real findings to report, as in a series under translation.
    The English is as long as the series' length model predicts, give or take a deviation
    drawn as the series' units show them (:data:`DEVIATION_MEAN`, :data:`DEVIATION_SD`), so
    the omission and addition rules take their slower paths on as many units as on the series.
    """
    rnd = random.Random(seed)
    en_rnd = random.Random(seed + 1)  # a stream of its own: the Chinese stays as it was
    header = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n\n'
    )
    out: dict[str, str] = {}
    for f, start in enumerate(range(0, n_units, per_file)):
        parts = [header]
        for k in range(start, min(n_units, start + per_file)):
            a, b = rnd.sample(concepts, 2)

            def filler() -> str:
                return "".join(rnd.choice(FILLER) for _ in range(rnd.randint(10, 30)))

            year = rnd.randint(2000, 2060)
            f1, f2, f3 = filler(), filler(), filler()
            zh = f"{f1}{a.zh}{f2}{b.zh}，{year}年{f3}（第{k}项）。"
            # The English length the model predicts (a term counts as its English, the digits
            # copy over), moved by a deviation drawn as the series' are; the filler words make
            # up what the fixed words and the terms leave. Where the second term is missing the
            # filler renders it (a paraphrase, not a gap in the length).
            named = k % 10 != 3
            ideographs = len(f1) + len(f2) + len(f3) + 3 + (0 if named else len(b.zh))  # 年 第 项
            predicted = (
                EN_PER_IDEOGRAPH * ideographs
                + EN_PER_LATIN * (len(str(year)) + len(str(k)))
                + _letters(a.en)
                + (_letters(b.en) if named else 0)
            )
            d = max(-DEVIATION_CLIP, min(DEVIATION_CLIP, en_rnd.gauss(DEVIATION_MEAN, DEVIATION_SD)))
            en_b = f" with the {b.en}" if named else ""
            fixed = _letters(f"on the {a.en}{en_b} in {year} item {k}")
            room = max(predicted + d * _sd(predicted) - fixed, 0.0)
            share = room / (len(f1) + len(f2) + len(f3))
            e1, e2, e3 = (_en_words(len(x) * share, en_rnd) for x in (f1, f2, f3))
            en_year = year + 1 if k % 20 == 7 else year
            en = f"{e1.capitalize()} on the {a.en} {e2}{en_b}, in {en_year}, {e3} (item {k})."
            ref = f"#: source_zh/b{f:04d}.md:{k - start + 1}"
            parts.append(f"{ref}\nmsgid {_po_string(zh)}\nmsgstr {_po_string(en)}\n\n")
        out[f"b{f:04d}.po"] = "".join(parts)
    return out


def write_project(d: Path, n_concepts: int, n_units: int, seed: int = 1, with_sources: bool = False) -> None:
    """A whole sppterm project in ``d``: pyproject, glossary/, target_en/po/ (and the real sources)."""
    if d.exists():
        shutil.rmtree(d)
    (d / "glossary").mkdir(parents=True)
    texts, concepts = glossary_files(n_concepts, seed)
    for name, text in texts.items():
        (d / "glossary" / name).write_text(text, "utf-8")
    po = d / "target_en" / "po"
    po.mkdir(parents=True)
    for name, text in po_files(n_units, concepts, seed=seed + 6).items():
        (po / name).write_text(text, "utf-8")
    if with_sources:
        shutil.copytree(ROOT / "source_zh", d / "source_zh")
    else:
        (d / "source_zh").mkdir()
    (d / "pyproject.toml").write_text(
        '[tool.sppterm]\nglossary = "glossary"\nsource = "source_zh"\ntarget = "target_en"\n', "utf-8"
    )


def write_project_apart(d: Path, n_concepts: int, n_units: int, seed: int = 1) -> None:
    """:func:`write_project` in a child process: ``wait4()``'s peak RSS of the children timed
    afterwards counts the image they were forked from, and a benchmark that had generated
    200,000 units itself would add that to every figure (the polib floor's above all)."""
    code = (
        "from pathlib import Path\nfrom harness import write_project\n"
        f"write_project(Path({str(d)!r}), {n_concepts}, {n_units}, {seed})\n"
    )
    subprocess.run([PY, "-c", code], cwd=Path(__file__).parent, check=True)
