"""``sppterm extract``: bulletin → units → PO, merged with earlier work and the series memory.

Never drops a translation: unchanged units keep theirs, edited units get the closest earlier one
as a fuzzy suggestion (old file first, then the memory), removed units become obsolete entries.

Imported memory (``memory/*.tmx``, a team's legacy translations from OmegaT, Trados, po2tmx):
its matches are suggestions, ``#, fuzzy`` with the origin in the comment (``memory: legacy.tmx
(SDL Language Platform), 92 %``), even when exact. Nobody in the series reviewed them, against
this glossary or at all, and a fuzzy unit cannot reach a release edition, so a reviewer confirms
each one (removing the flag) before it is published. The series' own translations come first:
an exact series match fills the unit as final and the imported memory is not asked; the earlier
version of the unit in its own file comes next; then the best-scoring of the series' fuzzy match
and the imported matches (exact, fuzzy, or assembled sentence by sentence), the series' on a tie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
from rapidfuzz.distance import Levenshtein

from sppterm import placeholders
from sppterm.bulletin.model import TRANSLATABLE_ROLES, Bulletin
from sppterm.glossary.matcher import ZhMatcher
from sppterm.glossary.model import Glossary, Status
from sppterm.glossary.validity import dated_hint
from sppterm.ids import bulletin_file
from sppterm.units.fuzzy import FuzzyIndex
from sppterm.units.memory import ImportedMemory, Match, SeriesMemory
from sppterm.units.po import HeaderFields, header, po_text
from sppterm.zh import has_cjk

_PROVENANCE = ("memory: ", "suggestion: ", "suggested: ")
OLD_FILE_CUTOFF = 50.0  # same bulletin: an edit keeps at least half the characters
MEMORY_CUTOFF = 75.0  # other bulletins: only close matches are worth a suggestion
NEGATIONS = ("没有", "不", "未", "非", "无", "没")


@dataclass
class Unit:
    key: str  # msgid: the normalised block text
    role: str
    refs: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # extracted comments after the role line

    @property
    def english(self) -> bool:
        return self.role == "english" or not has_cjk(self.key)


def term_notes(text: str, matcher: ZhMatcher) -> list[str]:
    """One extracted-comment line per glossary concept found in ``text`` (longest match).
    ``matcher`` is of the bulletin's dated glossary view (:class:`~sppterm.glossary.validity.DatedViews`):
    a name valid at another time says when it was valid and what to use."""
    out: list[str] = []
    seen: set[str] = set()
    for hit in matcher.find(text):
        c = hit.concept
        key = f"{hit.text}/{c.id}"
        if key in seen:
            continue
        seen.add(key)
        english = c.english_label()
        tag = "" if c.verified else " [unverified]"
        dated = dated_hint(hit.term, c)  # a name not valid at the bulletin's date (matcher's view)
        if dated:
            out.append(f"! {hit.text}: {dated} = {english}{tag}")
        elif hit.term.status is Status.DEPRECATED:
            out.append(f"! {hit.text}: deprecated variant of {c.zh} = {english}{tag}")
        else:
            out.append(f"term: {hit.text} = {english}{tag}")
    return out


def units_of(bulletin: Bulletin, matcher: ZhMatcher, path_label: str) -> list[Unit]:
    """Translatable units of a bulletin in document order; repeated text is one unit."""
    by_key: dict[str, Unit] = {}
    for block in bulletin.blocks():
        if block.role not in TRANSLATABLE_ROLES:
            continue
        key = block.key  # normalised on each access: once per block
        if not key:
            continue
        unit = by_key.get(key)
        if unit is None:
            unit = by_key[key] = Unit(key, block.role, notes=term_notes(key, matcher))
        unit.refs.append((path_label, block.line))
    return list(by_key.values())


_NEGATION_RUN = re.compile("^(?:" + "|".join(NEGATIONS) + ")+$")


def negation_only(a: str, b: str) -> bool:
    """True when two texts differ only by negation (不, 未, 非, 无, 没有 added, removed or
    swapped for a one-character affirmative such as 已 or 有)."""
    if abs(len(a) - len(b)) > 2 * max(map(len, NEGATIONS)):
        return False
    ops = [
        (a[o.src_start : o.src_end], b[o.dest_start : o.dest_end])
        for o in Levenshtein.opcodes(a, b)
        if o.tag != "equal"
    ]

    def negation(x: str, y: str) -> bool:
        return bool(_NEGATION_RUN.match(x)) and len(y) <= 1

    return bool(ops) and all(negation(x, y) or negation(y, x) for x, y in ops)


@dataclass
class Report:
    kept: int = 0
    memory_exact: int = 0
    english: int = 0
    fuzzy_old: int = 0
    fuzzy_memory: int = 0
    imported_exact: int = 0  # suggestions (fuzzy) from the imported memory
    imported_fuzzy: int = 0
    new: int = 0
    obsolete: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        imported = self.imported_exact + self.imported_fuzzy
        text = (
            f"{self.kept} kept, {self.memory_exact} from memory, {self.english} English, "
            f"{self.fuzzy_old + self.fuzzy_memory + imported} fuzzy, {self.new} new, {self.obsolete} obsolete"
        )
        if imported:
            text += f"; imported memory: {self.imported_exact} exact, {self.imported_fuzzy} fuzzy (to review)"
        return text


def _comment(unit: Unit, also_in: list[str]) -> str:
    lines = [f"role: {unit.role}" + (" (already English in the source)" if unit.english else "")]
    lines += unit.notes
    if also_in:
        lines.append("also in: " + ", ".join(also_in))
    return "\n".join(lines)


def merge(
    bulletin_id: str,
    units: list[Unit],
    old: polib.POFile | None,
    memory: SeriesMemory,
    also_in: dict[str, list[str]] | None = None,
    imported: ImportedMemory | None = None,
    header_fields: HeaderFields | None = None,
) -> tuple[polib.POFile, Report]:
    """Build the new PO for ``units`` from the old file, the series memory and the imported one."""
    report = Report()
    po = polib.POFile(wrapwidth=0)
    po.header = (
        f"English translation of the SPP Programme bulletin {bulletin_id}.\n"
        "Written by sppterm extract: edit msgstr and translator comments only."
    )
    units_changed = old is None or {e.msgid for e in old if not e.obsolete} != {u.key for u in units}
    configured, defaults = header_fields or ({}, {})
    po.metadata = header(bulletin_id, old.metadata if old else None, configured, defaults, units_changed)

    old_active = {e.msgid: e for e in old if not e.obsolete} if old else {}
    old_obsolete = {e.msgid: e for e in old.obsolete_entries()} if old else {}
    new_keys = {u.key for u in units}
    # Old translated units whose text is gone: candidates for fuzzy suggestions.
    gone = [e for e in (old or []) if e.msgid not in new_keys and e.msgstr and e.msgid]
    gone_index = FuzzyIndex([e.msgid for e in gone], partial=True) if gone else None

    for unit in units:
        entry = polib.POEntry(msgid=unit.key, msgstr="")
        entry.occurrences = [(path, str(line)) for path, line in unit.refs]
        entry.comment = _comment(unit, (also_in or {}).get(unit.key, []))
        prev = old_active.get(unit.key) or old_obsolete.get(unit.key)
        if prev is not None:
            entry.flags = list(prev.flags)
            entry.tcomment = prev.tcomment
        if prev is not None:
            # Where a unit's translation came from stays on record (post-editing statistics).
            entry.comment += "".join(
                f"\n{line}" for line in prev.comment.splitlines() if line.startswith(_PROVENANCE)
            )
        if prev is not None and prev.msgstr:
            entry.msgstr = prev.msgstr
            # #| msgid belongs to a fuzzy suggestion; once reviewed it is history.
            entry.previous_msgid = prev.previous_msgid if "fuzzy" in prev.flags else None
            report.kept += 1
            if why := placeholders.problem(unit.key, prev.msgstr):
                report.warnings.append(f"{unit.refs[0][0]}:{unit.refs[0][1]}: translation kept, but {why}")
        elif (hit := memory.exact(unit.key)) is not None:
            entry.msgstr = hit.target
            entry.comment += f"\nmemory: exact match from {hit.origin}\nsuggested: {hit.target}"
            report.memory_exact += 1
        elif unit.english:
            entry.msgstr = unit.key
            report.english += 1
        else:
            suggestion = None
            best = None
            if gone_index is not None:
                found = gone_index.best(unit.key, OLD_FILE_CUTOFF)
                if found:
                    e = gone[found[0]]
                    suggestion = (e.msgid, e.msgstr, "the earlier version of this file", found[1])
                    report.fuzzy_old += 1
            if suggestion is None and (best := memory_suggestion(unit.key, memory, imported)):
                m, from_import = best
                suggestion = (m.source, m.target, m.origin, m.score)
                if not from_import:
                    report.fuzzy_memory += 1
                elif m.score >= 100:
                    report.imported_exact += 1
                else:
                    report.imported_fuzzy += 1
            if suggestion:
                src, tgt, origin, score = suggestion
                entry.msgstr = tgt
                entry.flags = [*(f for f in entry.flags if f != "fuzzy"), "fuzzy"]
                entry.previous_msgid = src if src != unit.key else None
                if best and best[1]:
                    entry.comment += f"\n{imported_provenance(best[0])}\nsuggested: {tgt}"
                else:
                    entry.comment += f"\nsuggestion: {score:.0f}% match from {origin}\nsuggested: {tgt}"
                if src != unit.key and negation_only(src, unit.key):
                    msg = (
                        "the suggestion's source differs only by a negation (不/未/非/无/没有): "
                        "check the meaning"
                    )
                    entry.comment += f"\n! {msg}"
                    report.warnings.append(f"{unit.refs[0][0]}:{unit.refs[0][1]}: {msg}")
            else:
                report.new += 1
        entry.comment = "\n".join(dict.fromkeys(entry.comment.splitlines()))  # no repeated lines
        po.append(entry)

    # Removed units stay as obsolete entries, translations intact (translated ones only).
    kept_obsolete = [e for e in (old or []) if e.msgid not in new_keys and e.msgstr and e.msgid]
    for e in kept_obsolete:
        ob = polib.POEntry(
            msgid=e.msgid, msgstr=e.msgstr, obsolete=True, flags=list(e.flags), tcomment=e.tcomment
        )
        po.append(ob)
    report.obsolete = len(kept_obsolete)
    return po, report


def memory_suggestion(
    key: str, memory: SeriesMemory, imported: ImportedMemory | None
) -> tuple[Match, bool] | None:
    """The best memory match for a unit the series has no exact translation of, and whether it
    comes from the imported memory: the highest score wins, the series' own on a tie."""
    found: list[tuple[Match, bool]] = []
    if (m := memory.fuzzy(key, MEMORY_CUTOFF)) is not None:
        found.append((m, False))
    if imported is not None and len(imported):
        whole = imported.exact(key) or imported.fuzzy(key, MEMORY_CUTOFF)
        if whole is not None:
            found.append((whole, True))
        parts = imported.by_sentence(key, MEMORY_CUTOFF) if whole is None or whole.score < 100 else None
        if parts is not None:
            found.append((parts, True))
    return max(found, key=lambda f: f[0].score) if found else None


def imported_provenance(m: Match) -> str:
    """The comment line naming an imported suggestion's origin: ``memory: legacy.tmx (OmegaT),
    92 %`` (a score under 100 never shows as 100)."""
    score = "100" if m.score >= 100 else f"{min(m.score, 99.0):.0f}"
    how = f" by sentence ({m.sentences} sentences)" if m.sentences else ""
    return f"memory: {m.origin}, {score} %{how}"


def extract_text(
    bulletin: Bulletin,
    glossary: Glossary,
    old: polib.POFile | None,
    memory: SeriesMemory,
    path_label: str,
    also_in: dict[str, list[str]] | None = None,
    matcher: ZhMatcher | None = None,
    imported: ImportedMemory | None = None,
    header_fields: HeaderFields | None = None,
) -> tuple[str, Report]:
    """The PO text for a bulletin, merged with ``old``, the series memory and the imported one;
    ``header_fields``: the configured and the default people and dates (see ``po.header``)."""
    units = units_of(bulletin, matcher or ZhMatcher(glossary), path_label)
    po, report = merge(bulletin.id, units, old, memory, also_in, imported, header_fields)
    return po_text(po), report


def shared_texts(bulletins: list[Bulletin]) -> dict[str, dict[str, list[str]]]:
    """For each bulletin id: unit key → the other bulletins that have the same text."""
    where: dict[str, list[str]] = {}
    for b in bulletins:
        for block in b.blocks():
            if block.role in TRANSLATABLE_ROLES and (key := block.key):
                ids = where.setdefault(key, [])
                if b.id not in ids:
                    ids.append(b.id)
    out: dict[str, dict[str, list[str]]] = {}
    for key, ids in where.items():
        if len(ids) > 1:
            for bid in ids:
                out.setdefault(bid, {})[key] = [i for i in ids if i != bid]
    return out


def po_path(po_dir: Path, bulletin_id: str) -> Path:
    return bulletin_file(po_dir, bulletin_id, ".po")
