"""Benchmark (issue 15): the whole ``sppterm check`` with spelling and the UN pack against without.

    python3 bench/spelling_process.py                  # 20,000 units × 2,000 concepts, 3 rounds
    python3 bench/spelling_process.py --configs 20000x2000 200000x2000 --runs 5
    python3 bench/spelling_process.py --configs --libraries   # only the bindings side by side

The project is bench/harness.py's generated one (seeded), with a typo planted in 1 % of the
translations (so suggestions are paid for); the same files are checked three times,
round-robin in one run: without spelling and styles (``ignore = ["spelling"]``, ``styles = []``),
with spelling, and with spelling and the UN pack (``styles = ["sppterm:un"]``). The target: the
last within 2× of the first.

``--libraries`` times, in this process, the Python bindings of Hunspell's en_GB dictionary that
are installed (pyenchant, which the rule uses; pyhunspell; spylls) on the distinct words of the
five editions: loading the dictionary, looking every word up, suggesting for 20 unknown words.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT, SPPTERM, interleaved, table, write_project

PYPROJECT = (
    '[tool.sppterm]\nglossary = "glossary"\nsource = "source_zh"\ntarget = "target_en"\nstyles = {styles}\n'
    "[tool.sppterm.check]\nignore = {ignore}\n"
)
VARIANTS = {  # label → (styles, ignore)
    "check": ("[]", '["spelling"]'),
    "+ spelling": ("[]", "[]"),
    "+ spelling + UN pack": ('["sppterm:un"]', "[]"),
}
DIC = "/usr/share/hunspell/en_GB"
_LONG_WORD = re.compile(r"\b[a-z]{6,}\b")


def processes(configs: list[str], runs: int) -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for conf in configs:
            units, concepts = (int(x) for x in conf.lower().split("x"))
            base, out = Path(tmp) / f"{conf}-base", Path(tmp) / f"{conf}-out"
            out.mkdir()
            write_project(base, concepts, units)
            planted = plant_typos(base / "target_en" / "po")
            dirs = {}
            for i, (label, (styles, ignore)) in enumerate(VARIANTS.items()):
                d = dirs[label] = Path(tmp) / f"{conf}-{i}"
                shutil.copytree(base, d)
                (d / "pyproject.toml").write_text(PYPROJECT.format(styles=styles, ignore=ignore), "utf-8")
            cmds = {
                label: [*SPPTERM, "--root", str(d), "check", "--format", "json", "-o", str(out / f"{i}.json")]
                for i, (label, d) in enumerate(dirs.items())
            }
            print(f"{units:,} units × {concepts:,} concepts, {planted:,} typos planted", flush=True)
            t = interleaved(cmds, runs)
            counts = []
            for i in range(len(cmds)):
                found = json.loads((out / f"{i}.json").read_text("utf-8"))
                findings = found["findings"] if isinstance(found, dict) else found
                counts.append(f"{sum(1 for f in findings if f['rule'] == 'spelling'):,}/{len(findings):,}")
            a = t["check"].median
            rows.append(
                [
                    f"{units:,} × {concepts:,}",
                    *(f"{t[k].median:.2f} ({t[k].cpu_median:.2f})" for k in VARIANTS),
                    f"{t['+ spelling'].median / a:.2f}×",
                    f"{t['+ spelling + UN pack'].median / a:.2f}×",
                    " · ".join(counts),
                ]
            )
            for d in (base, *dirs.values()):
                shutil.rmtree(d)
    print()
    heads = [f"{k} s (CPU)" for k in VARIANTS]
    print(
        table(
            ["units × concepts", *heads, "spelling ratio", "ratio (target ≤ 2×)", "findings: spelling/all"],
            rows,
        )
    )


def plant_typos(po_dir: Path, every: int = 100) -> int:
    """Misspell one word in every ``every``-th translation (two letters of its first word of six
    or more transposed), so the run also pays for suggestions: 1 % of units, as in a draft."""
    n = planted = 0
    for p in sorted(po_dir.glob("*.po")):
        lines = p.read_text("utf-8").split("\n")
        for i, line in enumerate(lines):
            if not line.startswith('msgstr "') or line == 'msgstr ""':
                continue
            n += 1
            m = _LONG_WORD.search(line, len('msgstr "')) if n % every == 0 else None
            if m:
                w, k = m.group(0), 2 + n // every % 3
                lines[i] = line[: m.start()] + w[:k] + w[k + 1] + w[k] + w[k + 2 :] + line[m.end() :]
                planted += 1
        p.write_text("\n".join(lines), "utf-8")
    return planted


def _series_words() -> list[str]:
    import polib

    words: set[str] = set()
    for p in sorted((ROOT / "target_en" / "po").glob("*.po")):
        for e in polib.pofile(str(p)):
            words.update(re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", e.msgstr))
    return sorted(words)


def libraries() -> None:
    """Each installed binding on the same words (load, lookups, 20 suggestions), in this process."""
    words = _series_words()
    rows = []

    def enchant_dict():
        import enchant

        b = enchant.Broker()
        b.set_ordering("en_GB", "hunspell")
        d = b.request_dict("en_GB")
        return d.check, d.suggest

    def pyhunspell():
        import hunspell

        h = hunspell.HunSpell(DIC + ".dic", DIC + ".aff")
        return h.spell, h.suggest

    def spylls():
        from spylls.hunspell import Dictionary

        d = Dictionary.from_files(DIC)
        return d.lookup, lambda w: list(d.suggest(w))

    for name, load in (("pyenchant", enchant_dict), ("pyhunspell", pyhunspell), ("spylls", spylls)):
        t0 = time.perf_counter()
        try:
            check, suggest = load()
        except ImportError:
            rows.append([name, "not installed", "", "", ""])
            continue
        t1 = time.perf_counter()
        unknown = [w for w in words if not check(w)]
        t2 = time.perf_counter()
        for w in unknown[:20]:
            suggest(w)
        t3 = time.perf_counter()
        rows.append(
            [
                name,
                f"{(t1 - t0) * 1000:.0f}",
                f"{(t2 - t1) / len(words) * 1e6:.1f}",
                f"{(t3 - t2) / min(20, len(unknown)) * 1000:.0f}",
                f"{len(unknown)}",
            ]
        )
    print(f"\n{len(words):,} distinct words of the five editions (before the project's words)")
    print(table(["binding", "load ms", "lookup µs/word", "suggest ms/word", "unknown"], rows))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--configs", nargs="*", default=["20000x2000"], help="UNITSxCONCEPTS (none: skip)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--libraries", action="store_true", help="also time the installed bindings")
    args = ap.parse_args()
    if args.configs:
        processes(args.configs, args.runs)
    if args.libraries:
        libraries()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
