"""Updating after a source change: no translation is ever lost."""

import re

import polib
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sppterm.cli import main
from sppterm.units.extract import Unit, merge, negation_only
from sppterm.units.memory import SeriesMemory
from sppterm.units.po import po_text, read_po

EMPTY = SeriesMemory([])


def _translate_all(po_path):
    """Give every unit a recognisable translation, as a translator would."""
    po = read_po(po_path)
    for e in po:
        if not e.msgstr:
            e.msgstr = "EN " + e.msgid
    po_path.write_text(po_text(po), "utf-8")
    return {e.msgid: e.msgstr for e in po if e.msgstr}


def _all_translations(po_path):
    po = read_po(po_path)
    return {e.msgstr for e in po if e.msgstr}


def _edit_source(project, bid, fn):
    p = project / "source_zh" / f"{bid}.md"
    p.write_text(fn(p.read_text("utf-8")), "utf-8")


def test_edit_insert_delete_reorder_split_keep_every_translation(project):
    po_path = project / "target_en/po/2022-04.po"
    before = _translate_all(po_path)
    para1 = "据预测，截止到2023年底，将有20亿人采用网络消费形式"
    split_at = "这一数据释放了"
    deleted = "支柱4：促进全球运动并采取行动承诺。"

    def change(text):
        text = text.replace("支柱2：通过跨高影响系统", "支柱2：通过跨越高影响系统")  # edit
        text = text.replace(deleted + "\n\n", "")  # delete
        text = text.replace("支柱1：", "新增的一段话。\n\n支柱1：")  # insert
        text = text.replace(split_at, "\n\n" + split_at)  # split a paragraph in two
        a = "（摘自：同一个地球网络全球战略网页）"
        b = "支柱3：借助联合国发展系统"
        j = text.index(b)
        line_b = text[j : text.index("\n", j)]
        text = text.replace(line_b + "\n\n", "")  # reorder: move 支柱3 after the attribution
        return text.replace(a + "\n", a + "\n\n" + line_b + "\n")

    _edit_source(project, "2022-04", change)
    r = CliRunner().invoke(main, ["--root", str(project), "extract", "2022-04"])
    assert r.exit_code == 0, r.output
    after = read_po(po_path)
    assert set(before.values()) <= _all_translations(po_path)
    by_id = {e.msgid: e for e in after}
    # edited: fuzzy suggestion from the old text
    edited = next(e for e in after if e.msgid.startswith("支柱2：通过跨越"))
    assert "fuzzy" in edited.flags and edited.previous_msgid.startswith("支柱2：通过跨高影响")
    assert edited.msgstr == before[edited.previous_msgid]
    # deleted: obsolete, translation intact
    gone = next(e for e in after.obsolete_entries() if e.msgid == deleted)
    assert gone.msgstr == before[deleted]
    # reordered: unchanged units keep their translation, not fuzzy
    moved = next(e for e in after if e.msgid.startswith("支柱3："))
    assert moved.msgstr == before[moved.msgid] and "fuzzy" not in moved.flags
    # split: both halves get the whole old translation as a suggestion
    halves = [
        e for e in after if not e.obsolete and (e.msgid.startswith(para1) or e.msgid.startswith(split_at))
    ]
    assert len(halves) == 2 and all("fuzzy" in e.flags for e in halves)
    # inserted: new and empty
    assert by_id["新增的一段话。"].msgstr == ""


def test_negation_warning(project):
    po_path = project / "target_en/po/2022-04.po"
    _translate_all(po_path)
    _edit_source(
        project,
        "2022-04",
        lambda t: t.replace("该研究报告拟于2023年1月发布", "该研究报告不拟于2023年1月发布"),
    )
    r = CliRunner().invoke(main, ["--root", str(project), "extract", "2022-04"])
    assert "differs only by a negation" in r.output
    e = next(e for e in read_po(po_path) if "不拟于" in e.msgid)
    assert "fuzzy" in e.flags and "! the suggestion's source differs only by a negation" in e.comment
    assert negation_only("会议取得进展。", "会议没有取得进展。")
    assert not negation_only("会议取得进展。", "会议取得重大进展。")


def test_memory_fills_repeats_from_other_bulletins(project):
    """The footer and section names translated once are filled everywhere else."""
    po_dir = project / "target_en/po"
    po = read_po(po_dir / "2022-04.po")
    footer = next(e for e in po if e.msgid.startswith("简报内容来源于"))
    section = next(e for e in po if e.msgid == "合作伙伴最新进展")
    footer.msgstr, section.msgstr = "The bulletin compiles public information.", "Partner updates"
    (po_dir / "2022-04.po").write_text(po_text(po), "utf-8")
    for bid in ("2021-03", "2023"):
        (po_dir / f"{bid}.po").unlink()
    r = CliRunner().invoke(main, ["--root", str(project), "extract"])
    assert r.exit_code == 0, r.output
    for bid in ("2021-03", "2023", "2024-02", "2025"):
        other = {e.msgid: e for e in read_po(po_dir / f"{bid}.po")}
        assert other["合作伙伴最新进展"].msgstr == "Partner updates", bid
        assert "memory: exact match from 2022-04" in other["合作伙伴最新进展"].comment
    f2023 = next(e for e in read_po(po_dir / "2023.po") if e.msgid.startswith("简报内容来源于"))
    # the 2023 footer differs only by full-width brackets: still the same text, filled exactly
    assert f2023.msgid != footer.msgid and "fuzzy" not in f2023.flags
    assert f2023.msgstr == "The bulletin compiles public information."
    f2021 = next(e for e in read_po(po_dir / "2021-03.po") if e.msgid.startswith("简报内容来源于"))
    # the 2021 footer has different words: a fuzzy suggestion from the memory
    assert "fuzzy" in f2021.flags and f2021.msgstr == "The bulletin compiles public information."


def test_translator_comments_and_flags_survive(project):
    po_path = project / "target_en/po/2022-04.po"
    po = read_po(po_path)
    po[5].tcomment = "checked with the editor"
    po[5].flags.append("ignore-term-missing")
    po[5].msgstr = "Pillar 3"
    po_path.write_text(po_text(po), "utf-8")
    CliRunner().invoke(main, ["--root", str(project), "extract", "2022-04"])
    e = read_po(po_path)[5]
    assert (e.tcomment, e.msgstr) == ("checked with the editor", "Pillar 3")
    assert "ignore-term-missing" in e.flags


# -- property: random edit sequences never lose a translation ------------------------------

CHARS = "可持续公共采购计划联合国环境规划署同一个地球网络不未非无年月日报告发布会议"
paragraph = st.text(alphabet=CHARS, min_size=4, max_size=30).map(lambda s: s + "。")


def _units(texts):
    seen, out = set(), []
    for t in texts:
        if t not in seen:
            seen.add(t)
            out.append(Unit(t, "paragraph", [("x.md", len(out) + 1)]))
    return out


edit = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 50), st.text(alphabet=CHARS, min_size=1, max_size=3)),
    st.tuples(st.just("insert"), st.integers(0, 50), paragraph),
    st.tuples(st.just("delete"), st.integers(0, 50), st.just("")),
    st.tuples(st.just("move"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("split"), st.integers(0, 50), st.integers(1, 10)),
    st.tuples(st.just("merge"), st.integers(0, 50), st.just("")),
)


def _apply(texts, op):
    kind, i, arg = op
    if not texts:
        return [arg] if kind == "insert" else texts
    i %= len(texts)
    t = list(texts)
    if kind == "edit":
        s = t[i]
        k = len(arg) % len(s)
        t[i] = s[:k] + arg + s[k:]
    elif kind == "insert":
        t.insert(i, arg)
    elif kind == "delete":
        del t[i]
    elif kind == "move":
        t.insert(arg % len(t), t.pop(i))
    elif kind == "split" and len(t[i]) > 2:
        k = 1 + arg % (len(t[i]) - 1)
        t[i : i + 1] = [t[i][:k] + "。", t[i][k:]]
    elif kind == "merge" and i + 1 < len(t):
        t[i : i + 2] = [t[i] + t[i + 1]]
    return t


@pytest.mark.slow  # ~12 s: 1,000 examples
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(paragraph, min_size=1, max_size=12), st.lists(st.lists(edit, max_size=6), min_size=1, max_size=4)
)
def test_random_edit_sequences_never_lose_a_translation(texts, rounds):
    po, _ = merge("x", _units(texts), None, EMPTY)
    for e in po:
        e.msgstr = "EN:" + e.msgid
    po = polib.pofile(po_text(po), wrapwidth=0)
    ever = {e.msgstr for e in po if e.msgstr}
    for edits in rounds:
        for op in edits:
            texts = _apply(texts, op)
        po, _ = merge("x", _units(texts), po, EMPTY)
        po = polib.pofile(po_text(po), wrapwidth=0)  # through the file format, as on disk
        present = {e.msgstr for e in po if e.msgstr}
        assert ever <= present
        # translators keep working: new units get translated too
        for e in po:
            if not e.obsolete and not e.msgstr:
                e.msgstr = "EN:" + e.msgid
                ever.add(e.msgstr)
        assert not any(re.search(r"\n", e.msgid) for e in po)


def test_placeholder_mismatch_in_kept_translation_is_reported(project):
    po_path = project / "target_en/po/2022-04.po"
    po = read_po(po_path)
    bold = next(e for e in po if "<b>" in e.msgid)
    bold.msgstr = "The strategy acts through four pillars (bold lost)."
    po_path.write_text(po_text(po), "utf-8")
    r = CliRunner().invoke(main, ["--root", str(project), "extract", "2022-04"])
    assert r.exit_code == 0
    assert "translation kept, but placeholders differ: source has <b> </b>, translation has none" in r.output
    assert next(e for e in read_po(po_path) if "<b>" in e.msgid).msgstr == bold.msgstr
