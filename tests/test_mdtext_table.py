"""Direct table tests for the CommonMark text helpers (``mdtext.escape`` and ``mdtext.inline``).

Two checks per row: the exact Markdown written, and what a CommonMark renderer (markdown-it-py,
a dependency of sppterm) makes of it. An escaped text must render as one paragraph showing
exactly the text; an ``inline`` text must render its ``**bold**`` spans as ``<strong>`` and
nothing else as markup. Rows come from the bulletins: headings, numbered items, ``[text](#)``
links and ``<u>`` tags of the raw seeds, tracking URLs of source_zh/2023.md.

Rows that once rendered as something other than the text (indented markers, ``~~~`` fences,
entity references, bold next to CJK punctuation) are kept as render rows.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from sppterm.bulletin import mdtext
from sppterm.bulletin.parse import parse_text

MD = MarkdownIt("commonmark")

TRACKING_URL = (
    "https://www.oneplanetnetwork.org/globalstrategy?utm_source=Secretariat+-+Monthly+Update+Email"
    "+Subscriber+List&utm_campaign=b03e063a69-2022+Year+in+Review&utm_medium=email&utm_term="
    "0_59f427831c-b03e063a69-%5BLIST_EMAIL_ID%5D&ct=t%28Flash+newsletter+-+Global+Strategy+adopted_COPY_01%29"
)


ESCAPE = [
    pytest.param("", "", id="empty"),
    pytest.param("   ", "   ", id="whitespace"),
    pytest.param("同一个地球网络最新进展", "同一个地球网络最新进展", id="plain-chinese"),
    pytest.param("通过**四大支柱行动**将", "通过\\*\\*四大支柱行动\\*\\*将", id="stars"),
    pytest.param("# 同一个地球网络最新进展", "\\# 同一个地球网络最新进展", id="heading-marker"),
    pytest.param("#COP27边会", "#COP27边会", id="hash-without-space-is-text"),
    pytest.param("#", "\\#", id="hash-alone"),
    pytest.param(
        "1. 进一步将可持续消费和生产定位", "1\\. 进一步将可持续消费和生产定位", id="ordered-list-dot"
    ),
    pytest.param("1) 促进全球运动", "1\\) 促进全球运动", id="ordered-list-paren"),
    pytest.param("2022. 年度回顾", "2022\\. 年度回顾", id="year-then-dot"),
    pytest.param("01 同一个地球网络", "01 同一个地球网络", id="seed-numbered-item"),
    pytest.param("- 可持续公共采购", "\\- 可持续公共采购", id="bullet-dash"),
    pytest.param("+ 可持续公共采购", "\\+ 可持续公共采购", id="bullet-plus"),
    pytest.param("-可持续", "-可持续", id="dash-without-space-is-text"),
    pytest.param("> 引用", "\\> 引用", id="blockquote"),
    pytest.param("===", "==\\=", id="setext-underline"),
    pytest.param("= x", "\\= x", id="setext-single"),
    pytest.param("[同一个地球网络](#)", "\\[同一个地球网络\\](#)", id="seed-link"),
    pytest.param("<u>可持续公共采购</u>", "\\<u\\>可持续公共采购\\</u\\>", id="seed-u-tag"),
    pytest.param("`code` and back\\slash", "\\`code\\` and back\\\\slash", id="backtick-backslash"),
    pytest.param("a_b", "a\\_b", id="underscore"),
    pytest.param(
        "Korea Environmental Industry & Technology Institute",
        "Korea Environmental Industry & Technology Institute",
        id="ampersand-as-text",
    ),
    pytest.param(
        "详见 https://www.oneplanetnetwork.org/programmes/sustainable-public-procurement 。",
        "详见 https://www.oneplanetnetwork.org/programmes/sustainable-public-procurement 。",
        id="url-kept",
    ),
    pytest.param("详见" + TRACKING_URL + "。", "详见" + TRACKING_URL + "。", id="tracking-url-kept"),
    pytest.param(
        "www.mepcec.com/a_b，以及", "www.mepcec.com/a_b，以及", id="www-url-kept-up-to-chinese-comma"
    ),
    pytest.param("https://a.org/<script>", "https://a.org/\\<script\\>", id="url-stops-at-angle-bracket"),
]

ESCAPE_RENDERS = [
    pytest.param(" # 非标题", id="indented-heading"),
    pytest.param("   > 非引用", id="indented-quote"),
    pytest.param("~~~", id="tilde-fence"),
    pytest.param("  ~~~~ x", id="indented-tilde-fence"),
    pytest.param("&copy; 2023", id="entity"),
    pytest.param("&#27491; &#x6B63;", id="numeric-references"),
]


@pytest.mark.parametrize(("text", "expected"), ESCAPE)
def test_escape(text: str, expected: str) -> None:
    assert mdtext.escape(text) == expected


@pytest.mark.parametrize("text", [pytest.param(p.values[0], id=p.id) for p in ESCAPE] + ESCAPE_RENDERS)
def test_escape_renders_as_the_text(text: str) -> None:
    shown = text.strip()
    assert MD.render(mdtext.escape(text)) == (f"<p>{escapeHtml(shown)}</p>\n" if shown else "")


INLINE = [
    pytest.param("", "", id="empty"),
    pytest.param(
        "及其成员通过**四大支柱行动**将可持续消费",
        "及其成员通过**四大支柱行动**将可持续消费",
        id="bold-inside-chinese",
    ),
    pytest.param(
        "专家组认为,**仅设定目标是不够的**。法规要求",
        "专家组认为,**仅设定目标是不够的**。法规要求",
        id="bold-before-full-stop",
    ),
    pytest.param(
        "Over **5000** organizations (**1400** certified)",
        "Over **5000** organizations (**1400** certified)",
        id="two-bold-spans",
    ),
    pytest.param("**a_b** <u>", "**a\\_b** \\<u\\>", id="bold-content-escaped"),
    pytest.param("**粗体", "\\*\\*粗体", id="unpaired-stars"),
    pytest.param("****", "\\*\\*\\*\\*", id="empty-bold"),
    pytest.param("# **标题**", "\\# **标题**", id="heading-marker-before-bold"),
    pytest.param("1. **项目**", "1\\. **项目**", id="list-marker-before-bold"),
]

# CommonMark closes ** after punctuation only before space or punctuation, and opens it before
# punctuation only after them: the neighbour outside is written as a numeric reference.
INLINE_RENDERS = [
    pytest.param("**《全球可持续消费和生产战略》**正式启动", id="bold-ending-in-cjk-punctuation"),
    pytest.param("通过**《全球战略》**推进", id="bold-in-cjk-punctuation-both-sides"),
    pytest.param("“**a**”与**“引语”**和", id="bold-and-quotes"),
    pytest.param("**甲》**乙**《丙**", id="one-letter-between-two-spans"),
]


@pytest.mark.parametrize(("text", "expected"), INLINE)
def test_inline(text: str, expected: str) -> None:
    assert mdtext.inline(text) == expected


def _bold_html(text: str) -> str:
    """The HTML a reader should get: **…** spans bold, all other text as text."""
    parts = re.split(r"\*\*(.+?)\*\*", text)
    return "".join(
        f"<strong>{escapeHtml(p)}</strong>" if i % 2 else escapeHtml(p) for i, p in enumerate(parts)
    )


@pytest.mark.parametrize("text", [pytest.param(p.values[0], id=p.id) for p in INLINE] + INLINE_RENDERS)
def test_inline_renders_bold_and_text(text: str) -> None:
    shown = text.strip()
    assert MD.render(mdtext.inline(text)) == (f"<p>{_bold_html(shown)}</p>\n" if shown else "")


@settings(max_examples=300, deadline=1000, derandomize=True, database=None)
@given(st.text(alphabet="**《》“”正式a #~&;1.-\n", max_size=30))
def test_inline_round_trips_through_the_parser(text: str) -> None:
    """What inline writes, the parser reads back as the same text, bold spans as <b>…</b>."""
    text = " ".join(text.split())
    out = mdtext.inline(text)
    bulletin = parse_text("---\nid: 2099-01\ntitle: t\n---\n\n" + out + "\n", "t.md")
    blocks = list(bulletin.blocks())
    expected = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text).strip()
    assert [b.text for b in blocks] == ([expected] if expected else [])
