"""The importer: each export artefact on a minimal fixture, and the whole of every seed."""

import os
import re

import pytest
from click.testing import CliRunner

from sppterm.bulletin.hints import HeadingHint, Hints, load_hints
from sppterm.bulletin.parse import load_bulletins, parse_text
from sppterm.bulletin.seed import import_text
from sppterm.bulletin.sources import recorded_sources
from sppterm.cli import main
from sppterm.errors import InputError
from sppterm.textio import decode
from sppterm.zh import ends_sentence

from .conftest import ROOT, need_shared

TOC_DOC = """\
同一个地球网络

可持续公共采购计划简报

2022年第4期

总第10期

目录

同一个地球网络最新进展

第一篇文章标题
第二篇：文章标题

可持续公共采购计划最新进展

第三篇文章标题

合作伙伴最新进展

第四篇文章标题



第一篇文章标题

{body}
"""


def _blocks(raw: str, hints: Hints | None = None):
    return [(b.kind, b.text) for b in import_text(raw, "2099-01", "raw.txt", hints).blocks]


def test_masthead_gives_year_issue_serial():
    imp = import_text(TOC_DOC.format(body="正文。"), "2022-04", "raw.txt")
    assert (imp.meta["year"], imp.meta["issue"], imp.meta["serial"]) == (2022, 4, 10)
    assert imp.markdown.startswith("---\nid: 2022-04\ntitle: 可持续公共采购计划简报\nyear: 2022\n")


def test_unstated_issue_is_said_in_front_matter():
    imp = import_text("同一个地球网络最新进展\n\n正文。\n", "2023", "raw.txt", Hints(year=2023))
    assert imp.meta["issue"] is None and "does not state" in imp.meta["issue_note"]
    assert imp.meta["year"] == 2023


def test_toc_headings_sections_and_broken_heading_lines():
    body = (
        "第一段。\n\n第二篇\n\n文章标题\n\n第二段。\n\n"
        "第三篇文章标题\n\n第三段。\n\n第四篇 文章 标题\n\n第四段。"
    )
    blocks = _blocks(TOC_DOC.format(body=body))
    assert blocks == [
        ("section", "同一个地球网络最新进展"),
        ("article", "第一篇文章标题"),
        ("para", "第一段。"),
        ("article", "第二篇：文章标题"),  # two lines, matched to the TOC entry, TOC text used
        ("para", "第二段。"),
        ("section", "可持续公共采购计划最新进展"),
        ("article", "第三篇文章标题"),
        ("para", "第三段。"),
        ("section", "合作伙伴最新进展"),
        ("article", "第四篇文章标题"),
        ("para", "第四段。"),
    ]


def test_running_header_repeating_the_article_title_is_dropped():
    body = "第一段。\n\n第一篇文章标题\n\n第二段。"
    assert _blocks(TOC_DOC.format(body=body))[2:] == [("para", "第一段。"), ("para", "第二段。")]


def test_hard_line_breaks_inside_sentences_are_joined():
    raw = (
        "同一个地球网络最新进展\n\n"
        "这是一个很长的句子，它在导出时被硬换行截\n\n至2024年底仍在继续，而且还会继续下去。\n\n"
        "下一段。\n"
    )
    assert _blocks(raw)[1:] == [
        ("para", "这是一个很长的句子，它在导出时被硬换行截至2024年底仍在继续，而且还会继续下去。"),
        ("para", "下一段。"),
    ]


def test_two_headings_are_never_glued():
    raw = "同一个地球网络最新进展\n\n短标题一\n\n短标题二\n\n正文从这里开始。\n"
    assert _blocks(raw)[1:] == [
        ("subheading", "短标题一"),
        ("subheading", "短标题二"),
        ("para", "正文从这里开始。"),
    ]


def test_spaces_removed_inside_chinese_kept_between_latin_words():
    raw = "同一个地球网络最新进展\n\n推动可持续消 费，共有 18 场 Sustainable Public Procurement 活动。\n"
    assert _blocks(raw)[1] == ("para", "推动可持续消费，共有18场 Sustainable Public Procurement 活动。")


def test_page_numbers_links_underline_and_escapes():
    raw = (
        "同一个地球网络最新进展\n\n"
        "《[解锁和扩展\n粮食系统](#)》由<u>气候焦点</u>编写，见[绿色活动工具 \\(GET\\)](#)。\n\n"
        "67\n\n"
        "第二段。\n"
    )
    assert _blocks(raw)[1:] == [
        ("para", "《解锁和扩展粮食系统》由气候焦点编写，见绿色活动工具(GET)。"),
        ("para", "第二段。"),
    ]


def test_urls_kept_intact_and_duplicates_removed():
    url = "https://www.oneplanetnetwork.org/globalstrategy?utm_source=A+-+B&ct=t%28X%29"
    raw = f"同一个地球网络最新进展\n\n正文。\n\n {url}\n{url}\n\nhttps://www.unep.org/\n"
    blocks = _blocks(raw)
    assert blocks[2:] == [("url", url), ("url", "https://www.unep.org/")]
    md = import_text(raw, "2099-01", "raw.txt").markdown
    assert f"<{url}>" in md


def test_lists_attribution_footer_editor():
    raw = (
        "同一个地球网络最新进展\n\n"
        "主要内容：\n\n"
        "⚫ 第一项内容，它很长并且在导出时被\n\n换行了。\n\n"
        "- ※ 第二项；\n\n"
        "01 实施路线图\n\n02 采用恰当的框架\n\n"
        "（摘自：[同一个地球网络网站](#)）\n\n"
        "简报内容来源于“同一个地球网络”和合作伙伴发布的公开信息，由中环联合\n\n认证中心汇编制作。\n\n"
        "编辑：王璟\nwangj@mepcec.com\n<http://www.mepcec.com>\n"
    )
    imp = import_text(raw, "2099-01", "raw.txt")
    assert [(b.kind, b.text, b.number) for b in imp.blocks][1:] == [
        ("para", "主要内容：", 0),
        ("item", "第一项内容，它很长并且在导出时被换行了。", 0),
        ("item", "第二项；", 0),
        ("olitem", "实施路线图", 1),
        ("olitem", "采用恰当的框架", 2),
        ("para", "（摘自：同一个地球网络网站）", 0),
        ("footer", "简报内容来源于“同一个地球网络”和合作伙伴发布的公开信息，由中环联合认证中心汇编制作。", 0),
        ("editor", "编辑：王璟", 0),
        ("contact", "wangj@mepcec.com", 0),
        ("contact", "http://www.mepcec.com", 0),
    ]
    assert imp.meta["publisher"] == "中环联合认证中心"
    b = parse_text(imp.markdown, "t.md")
    roles = [x.role for x in b.blocks()]
    assert roles == [
        "section",
        "paragraph",
        "list-item",
        "list-item",
        "list-item",
        "list-item",
        "attribution",
        "footer",
        "editor",
        "contact",
        "contact",
    ]
    assert [x.number for x in b.blocks() if x.role == "list-item"] == [0, 0, 1, 2]


def test_english_blocks_and_tab_tables():
    raw = (
        "同一个地球网络最新进展\n\n正文。\n\n"
        "Sustainable Public\nProcurement of\nPlastics\n\n"
        "Robert Opp Chief Digital Officer UNDP\t Kurt Stockinger Professor\n"
    )
    assert _blocks(raw)[2:] == [
        ("english", "Sustainable Public Procurement of Plastics"),
        ("english-item", "Robert Opp Chief Digital Officer UNDP"),
        ("english-item", "Kurt Stockinger Professor"),
    ]


def test_hints_move_headings_printed_after_their_text_and_drop_captions():
    raw = (
        "同一个地球网络最新进展\n\n正文第一段。\n\n向巴塞尔公约秘书处\n提交信息简报\n\n"
        "SPP计划最新进展\n\n第二篇正文。\n\n图片说明文字\n"
    )
    hints = Hints(
        headings=[
            HeadingHint("向巴塞尔公约秘书处提交信息简报", before="正文第一段"),
            HeadingHint("SPP计划最新进展", before="第二篇正文", level="section"),
        ],
        drop=["图片说明文字"],
    )
    assert _blocks(raw, hints) == [
        ("section", "同一个地球网络最新进展"),
        ("article", "向巴塞尔公约秘书处提交信息简报"),
        ("para", "正文第一段。"),
        ("section", "SPP计划最新进展"),  # the banner's own words: a hint never changes them
        ("para", "第二篇正文。"),
    ]


def test_a_page_banner_under_another_name_of_the_open_section_is_no_new_section():
    """The section's name as the page prints it, and its page banners (under either of its
    names) repeat it: no second section, no words changed."""
    raw = (
        "SPP计划最新进展\n\n第一篇正文。\n\n可持续公共采购计划最新进展\n\n第二篇正文。\n\n"
        "SPP计划最新进展\n\n第三篇正文。\n"
    )
    assert _blocks(raw) == [
        ("section", "SPP计划最新进展"),
        ("para", "第一篇正文。"),
        ("para", "第二篇正文。"),
        ("para", "第三篇正文。"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings_and_crlf(encoding):
    text = "同一个地球网络最新进展\r\n\r\n可持续消 费和生产。\r\n"
    assert decode(text.encode(encoding)) == text.replace("\r\n", "\n")


def test_undecodable_input_names_file_and_line():
    with pytest.raises(InputError, match=r"raw\.txt:2: neither UTF-8 nor GB18030"):
        decode("第一行\n".encode() + b"\xff\xfe\xfd\x80\x80", "raw.txt")


def test_bad_hints_file_names_file_and_line(tmp_path):
    p = tmp_path / "x.hints.yaml"
    p.write_text("year: 2023\nheadngs: []\n", "utf-8")
    with pytest.raises(InputError, match=r"x\.hints\.yaml:2: unknown key 'headngs'"):
        load_hints(p)


# -- the real seeds --------------------------------------------------------------------------


def test_every_seed_is_imported_and_reproducible(tmp_path):
    """Re-import each seed from its recorded source and compare byte for byte."""
    need_shared()
    recorded = recorded_sources(ROOT / "source_zh", ROOT)
    assert len(recorded) == 5
    seeds = {r.raw.name for r in recorded}
    assert seeds == {p.name for p in (ROOT.parent / "shared" / "seeds").glob("*.txt")}
    result = CliRunner().invoke(main, ["--root", str(ROOT), "import", "--all", "--check"])
    assert result.exit_code == 0, result.output
    assert result.output.count("up to date") == 5


def test_import_command_writes_file_and_is_idempotent(tmp_path, shared):
    (tmp_path / "pyproject.toml").write_text('[tool.sppterm]\nsource = "src_zh"\n')
    raw = shared / "seeds" / "000_4accd9984859c8fd.txt"
    r1 = CliRunner().invoke(main, ["--root", str(tmp_path), "import", str(raw), "--id", "2022-04"])
    assert r1.exit_code == 0, r1.output
    assert "written" in r1.output

    def without_source(text):
        return [line for line in text.splitlines() if not line.startswith("source: ")]

    written = (tmp_path / "src_zh" / "2022-04.md").read_text("utf-8")
    committed = (ROOT / "source_zh" / "2022-04.md").read_text("utf-8")
    assert without_source(written) == without_source(committed)
    assert f"source: {os.path.relpath(raw, tmp_path)}" in written
    r2 = CliRunner().invoke(main, ["--root", str(tmp_path), "import", str(raw), "--id", "2022-04"])
    assert r2.exit_code == 0 and "unchanged" in r2.output


def test_import_usage_errors_exit_2(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.sppterm]\n")
    assert CliRunner().invoke(main, ["--root", str(tmp_path), "import"]).exit_code == 2
    raw = tmp_path / "x.txt"
    raw.write_bytes(b"\xff\xfe\x80\x80\x80")
    r = CliRunner().invoke(main, ["--root", str(tmp_path), "import", str(raw), "--id", "2099-01"])
    assert r.exit_code == 2 and "x.txt:1: neither UTF-8 nor GB18030" in r.output
    assert not (tmp_path / "source_zh" / "x.md").exists()


@pytest.fixture(scope="module")
def bulletins():
    return load_bulletins(ROOT / "source_zh")


def test_no_space_between_chinese_characters(bulletins):
    for b in bulletins:
        for x in b.blocks():
            assert not re.search(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]", x.text), (b.id, x.line, x.text)


# Paragraphs the bulletins print without final punctuation (image captions), by id and start.
UNPUNCTUATED = {("2024-02", "建筑领域旗舰倡议战略组成员由"), ("2025", "GO 4 SDGs")}  # and a logo's words


def test_no_sentence_split_across_paragraphs(bulletins):
    """A paragraph that stops mid-sentence means the importer split a sentence in two."""
    for b in bulletins:
        for x in b.blocks():
            if x.role == "paragraph" and not any(b.id == i and x.text.startswith(s) for i, s in UNPUNCTUATED):
                assert ends_sentence(x.text), (b.id, x.line, x.text[-40:])


def test_structure_of_the_seeds(bulletins):
    by_id = {b.id: b for b in bulletins}
    assert set(by_id) == {"2021-03", "2022-04", "2023", "2024-02", "2025"}
    for b in bulletins:
        names = [s.heading.text for s in b.sections if s.heading]
        # 2023 prints its banners only, the second as SPP计划最新进展: the heading keeps its words.
        spp = "SPP计划最新进展" if b.id == "2023" else "可持续公共采购计划最新进展"
        assert names == ["同一个地球网络最新进展", spp, "合作伙伴最新进展"], b.id
        assert b.meta["publisher"] == "中环联合认证中心"
        assert any(x.role == "footer" for x in b.back)
    counts = {b.id: sum(1 for _ in b.articles()) for b in bulletins}  # 2023: one untitled (a box)
    assert counts == {"2021-03": 12, "2022-04": 10, "2023": 9, "2024-02": 10, "2025": 10}
    assert by_id["2022-04"].meta["serial"] == 10 and by_id["2024-02"].meta["serial"] == 16
    assert by_id["2023"].meta["issue"] is None and by_id["2025"].meta["issue"] is None
