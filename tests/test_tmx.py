"""TMX 1.4b export of the series memory, read back by translate-toolkit."""

from click.testing import CliRunner
from translate.storage import tmx as tttmx

from sppterm.cli import main
from sppterm.units.po import po_text, read_po


def test_tmx_export_reads_back_in_translate_toolkit(project):
    po_file = project / "target_en" / "po" / "2022-04.po"
    po = read_po(po_file)
    two = next(e for e in po if e.msgid.startswith("《2022年可持续公共采购全球述评》第一部分"))
    two.msgstr = (
        "Part 1 of the 2022 Global Review gives key insights into the state of sustainable "
        "procurement. It also makes recommendations to policymakers."
    )
    po[0].msgstr = "Latest from the One Planet network"
    fuzzy = po[1]
    fuzzy.msgstr, fuzzy.flags = "a fuzzy guess", ["fuzzy"]
    po_file.write_text(po_text(po), "utf-8")
    out = project / "memory.tmx"
    r = CliRunner().invoke(main, ["--root", str(project), "tm", "export", "--format", "tmx", "-o", str(out)])
    assert r.exit_code == 0, r.output
    store = tttmx.tmxfile.parsefile(str(out))
    pairs = {(u.source, u.target) for u in store.units}
    assert ("同一个地球网络最新进展", "Latest from the One Planet network") in pairs
    assert (two.msgid, two.msgstr) in pairs  # block level
    assert (
        "《2022年可持续公共采购全球述评》第一部分提供了对可持续采购现状的重要见解，以及国家政府在制定可持续公共采购政策、实施活动和监测工作方面的进展。",
        "Part 1 of the 2022 Global Review gives key insights into the state of sustainable procurement.",
    ) in pairs
    assert not any(t == "a fuzzy guess" for _, t in pairs)  # only final translations
    english = [u for u in store.units if u.source.startswith("The CO₂ Performance Ladder")]
    assert english  # pre-filled English blocks are memory too
    assert b'srclang="zh-CN"' in out.read_bytes() and b'version="1.4"' in out.read_bytes()


def test_memory_and_tmx_share_one_filter(tmp_path):
    """What extract propagates (SeriesMemory) and what the TMX offers are one list: final
    translations only (not fuzzy, obsolete or empty), bulletins in id order, first source wins."""
    import polib

    from sppterm.align import sentence_pairs
    from sppterm.units.memory import SeriesMemory, memory_entries
    from sppterm.units.po import load_po_dir
    from sppterm.units.tmx import export_tmx

    def po(*entries: polib.POEntry) -> polib.POFile:
        f = polib.POFile(wrapwidth=0)
        for e in entries:
            f.append(e)
        return f

    files = {
        "2023": po(
            polib.POEntry(msgid="甲", msgstr="A later"),
            polib.POEntry(msgid="乙", msgstr="B guess", flags=["fuzzy"]),
            polib.POEntry(msgid="丙", msgstr=""),
            polib.POEntry(msgid="丁", msgstr="D old", obsolete=True),
        ),
        "2022-04": po(polib.POEntry(msgid="甲", msgstr="A first"), polib.POEntry(msgid="戊", msgstr="E")),
    }
    assert memory_entries(files) == [("甲", "A first", "2022-04"), ("戊", "E", "2022-04")]
    memory = SeriesMemory.from_files(files)
    assert len(memory) == 2 and memory.exact("甲").target == "A first" and memory.exact("乙") is None
    for bid, f in files.items():
        (tmp_path / f"{bid}.po").write_text(po_text(f), "utf-8")
    assert memory_entries(load_po_dir(tmp_path)) == memory_entries(files)
    tmx = export_tmx(tmp_path).decode()
    assert "A first" in tmx and "A later" not in tmx and "B guess" not in tmx and "D old" not in tmx
    assert sentence_pairs("第一句。第二句。", "One. Two.") == [("第一句。", "One."), ("第二句。", "Two.")]
    assert sentence_pairs("<b>一句</b>。", "One.") == []
