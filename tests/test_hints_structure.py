"""Structural hints on the real seeds (issue 16): untitled articles, lines that are not headings,
banners moved under their heading, and hints that would change words refused (file:line)."""

from __future__ import annotations

import pytest

from sppterm.bulletin.hints import load_hints
from sppterm.bulletin.parse import parse_text
from sppterm.bulletin.seed import import_file
from sppterm.errors import InputError

from .conftest import ROOT, need_shared

SEED_2023 = "002_2380499397e0f17a.txt"
SEED_2025 = "001_7c83ec3266c4df0c.txt"
SEED_2024 = "004_f47ae672d6ab28ae.txt"
SEED_2021 = "003_9a06d765edc311a0.txt"


def _import(seed: str, hints_text: str, tmp_path):
    hints_file = tmp_path / "x.hints.yaml"
    hints_file.write_text(hints_text, "utf-8")
    imported = import_file(need_shared() / "seeds" / seed, "2099-01", load_hints(hints_file))
    return parse_text(imported.markdown, "x.md"), hints_file


def _article_of(bulletin, start: str):
    return next(a for _, a in bulletin.articles() if any(b.text.startswith(start) for b in a.blocks))


def test_2023_factsheets_box_is_an_untitled_article(tmp_path):
    hints = (ROOT / "source_zh" / "2023.hints.yaml").read_text("utf-8")
    bulletin, _ = _import(SEED_2023, hints, tmp_path)
    box = _article_of(bulletin, "《可持续公共采购国别报告》是")
    assert box.heading is None
    assert [b.text[:10] for b in box.blocks if b.role != "url"] == [
        "《可持续公共采购国别",
        "经批准，中环联合依据",
    ]  # the survey too
    before = _article_of(bulletin, "旨在推进")
    assert before.heading is not None and before.heading.text.startswith("启动策划")
    assert all(not b.text.startswith("《可持续公共采购国别报告》") for b in before.blocks)
    # Without the hint the box trails the previous article, as the issue reported.
    plain = hints.split("untitled_articles:")[0]
    bulletin, _ = _import(SEED_2023, plain, tmp_path)
    assert _article_of(bulletin, "《可持续公共采购国别报告》是").heading.text.startswith("启动策划")


def test_2023_links_move_to_the_article_they_name(tmp_path):
    """The export prints the Factsheets and tourism-report links under later articles; the
    ``links`` hint puts each after its own article's paragraph, and only a URL moves."""
    hints = (ROOT / "source_zh" / "2023.hints.yaml").read_text("utf-8")
    bulletin, _ = _import(SEED_2023, hints, tmp_path)

    def urls(start: str) -> list[str]:
        return [
            b.text.split("?")[0].rsplit("/", 1)[-1]
            for b in _article_of(bulletin, start).blocks
            if b.role == "url"
        ]

    assert urls("《可持续公共采购国别报告》是") == [
        "factsheets-sustainable-public-procurement-national-governments-1"
    ]
    assert urls("《旅游业气候行动基线报告》介绍了") == ["baseline-report-climate-action-tourism"]
    assert "baseline-report-climate-action-tourism" not in urls("数字化工作场所对员工和组织至关重要")
    plain, _ = _import(SEED_2023, hints.split("links:")[0], tmp_path)  # without the hint: misplaced
    assert not any(b.role == "url" for b in _article_of(plain, "《旅游业气候行动基线报告》介绍了").blocks)


def test_2025_logo_text_is_text_and_banner_follows_its_heading(tmp_path):
    hints = (ROOT / "source_zh" / "2025.hints.yaml").read_text("utf-8")
    bulletin, _ = _import(SEED_2025, hints, tmp_path)
    go = _article_of(bulletin, "GO 4 SDGs")
    assert [b.role for b in go.blocks[:2]] == ["paragraph", "paragraph"]
    mac = _article_of(bulletin, "Sustainable Public Procurement")
    assert mac.heading.text == "可持续公共采购计划召开联合领导和咨询委员会会议"
    assert mac.blocks[0].text == "Sustainable Public Procurement"


def test_every_unit_is_kept_by_the_structure_hints(tmp_path):
    """The hints move structure only: the same texts with and without them (headings aside)."""
    for seed, bid in (
        (SEED_2023, "2023"),
        (SEED_2025, "2025"),
        (SEED_2024, "2024-02"),
        (SEED_2021, "2021-03"),
    ):
        hints = (ROOT / "source_zh" / f"{bid}.hints.yaml").read_text("utf-8")
        with_hints, _ = _import(seed, hints, tmp_path)
        committed = parse_text((ROOT / "source_zh" / f"{bid}.md").read_text("utf-8"), "x.md")
        assert sorted(b.text for b in with_hints.blocks()) == sorted(b.text for b in committed.blocks())


def test_2024_event_banner_is_one_caption_and_keeps_its_words(tmp_path):
    """The WSIS+20 banner (title, place, participation, date, six speakers) is one run of
    caption blocks in its article, written as a block quote; the same blocks, in the same
    order and words, as without the hint, where they are paragraphs and a list."""
    hints = (ROOT / "source_zh" / "2024-02.hints.yaml").read_text("utf-8")
    bulletin, _ = _import(SEED_2024, hints, tmp_path)
    plain, _ = _import(SEED_2024, "", tmp_path)
    art = _article_of(bulletin, "The Future of Digital Public Infrastructure")
    flags = [b.caption for b in art.blocks]
    first = flags.index(True)
    assert flags[first : first + 10] == [True] * 10 and not any(flags[first + 10 :])
    assert art.blocks[first + 9].text.startswith("Noémie Bürki")
    assert not any(b.caption for b in plain.blocks())
    assert [(b.role, b.text) for b in bulletin.blocks()] == [(b.role, b.text) for b in plain.blocks()]
    md = (ROOT / "source_zh" / "2024-02.md").read_text("utf-8")
    assert "> - Golestan (Salhy) Radwan Chief Digital Officer UNEP\n> - Robert Opp" in md
    committed = parse_text(md, "x.md")
    assert sum(b.caption for b in committed.blocks()) == 12  # the banner, a logo, a photo caption


@pytest.mark.parametrize(
    ("hints", "line", "message"),
    [
        ("captions:\n  - 没有这样的段落\n", 2, "captions: no block starts with '没有这样的段落'"),
        ("captions:\n  - 旅游业气候行动基线报告\n", 2, "is not text (a subheading block)"),
        ("captions:\n  - first: 旨在推进\n", 2, "caption hint: the text of a block, or first and last"),
        ("captions:\n  - first: 旨在推进\n    last: 没有这样的段落\n", 2, "captions: no block starts with"),
        (
            "untitled_articles:\n  - 没有这样的段落\n",
            2,
            "untitled_articles: no block starts with '没有这样的段落'",
        ),
        ("not_headings:\n  - 没有这一行\n", 2, "not_headings: no line reads '没有这一行'"),
        ("untitled_articles: 旨在推进\n", 1, "untitled_articles must be a list of texts"),
        ("links:\n  - url: https://nowhere.example/\n    after: 旨在推进\n", 2, "links: no URL starts with"),
        (
            "links:\n  - url: https://www.mvicriteria.nl/\n    after: 没有这样的段落\n",
            2,
            "links: no block starts with '没有这样的段落'",
        ),
        ("links:\n  - url: https://www.mvicriteria.nl/\n", 2, "link hint: url, after"),
        ("untitled_articles:\n  - 3\n", 2, "untitled_articles: each entry is the text of a block"),
        (
            "headings:\n  - text: 旅游业气候行动基线报告\n  - text: SPP计划最新进展\n    level: section\n"
            "  - text: 印度发起环境友好生活方式（LiFE）倡议！\n",
            5,
            "changes words: the seed reads '印度发起环境友好生活方式（LiFE）倡议'",
        ),
    ],
)
def test_bad_hints_are_refused_with_file_and_line(tmp_path, hints, line, message):
    with pytest.raises(InputError) as e:
        _import(SEED_2023, hints, tmp_path)
    (problem,) = e.value.problems
    assert problem.path.endswith("x.hints.yaml") and problem.line == line, problem
    assert message in problem.message


def test_untitled_article_in_the_edition():
    """The committed 2023 edition shows the box as an article of its own, without a heading."""
    html = (ROOT / "target_en" / "2023.html").read_text("utf-8")
    start = html.index("Factsheets on Sustainable Public Procurement in National Governments")
    article = html.rfind("<article", 0, start)
    assert html[article : html.index(">", article) + 1] == '<article class="untitled">'
