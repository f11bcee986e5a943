"""One URL definition (sppterm.patterns): what the url-email rule checks is what the importer
takes as a URL line, what the number masker hides, what the sentence splitter keeps whole and
what the publisher links. Before, six regexes disagreed: the masker ran on to the next space
through Chinese text (请访问https://a.org。2024年 lost its 2024), the checker kept a closing
bracket the publisher dropped, the importer took https://a.org/报告 for a URL line."""

from __future__ import annotations

import html
import re

import pytest

from sppterm import numerals, zh
from sppterm.bulletin import mdtext, seed
from sppterm.checks.base import CheckUnit, Context
from sppterm.checks.registry import BY_ID
from sppterm.patterns import EMAIL_RE, URL_LINE, URL_LINE_TRAILER, URL_RE, XML_LANG
from sppterm.publish.inline import to_html, to_markdown, untracked

CASES = [
    # (text, the URLs in it)
    ("请访问https://www.oneplanetnetwork.org。", ["https://www.oneplanetnetwork.org"]),
    (
        "详见https://www.oneplanetnetwork.org/globalstrategy?utm_source=A+-+B&ct=t%28X%29，了解更多。",
        ["https://www.oneplanetnetwork.org/globalstrategy?utm_source=A+-+B&ct=t%28X%29"],
    ),
    ("网址为www.oneplanetnetwork.org）和合作伙伴", ["www.oneplanetnetwork.org"]),
    ("(www.oneplanetnetwork.org)和合作伙伴", ["www.oneplanetnetwork.org"]),
    ("“https://a.org/b”发布", ["https://a.org/b"]),
    ("见https://a.org/x?y=1!z。完。", ["https://a.org/x?y=1!z"]),
    ("见https://a.org/2023年报告", ["https://a.org/2023"]),
    ("见https://a.org/x——这是新网站", ["https://a.org/x"]),
    ("发邮件至mailto:spp@unep.org。", ["mailto:spp@unep.org"]),
    ("联系spp@unep.org或www.a.org。", ["www.a.org"]),
    ("联系spp@unep.org。", []),
    ("访问www.。", []),
    ("See https://a.org/x.", ["https://a.org/x"]),
    ("See https://a.org/x?y=1!", ["https://a.org/x?y=1"]),
    (
        "Visit https://a.org/x, https://b.org/y; or http://c.org:",
        ["https://a.org/x", "https://b.org/y", "http://c.org"],
    ),
    ("(see https://a.org/x) and 'https://b.org/y'", ["https://a.org/x", "https://b.org/y"]),
    ("https://en.wikipedia.org/wiki/Foo_(bar)", ["https://en.wikipedia.org/wiki/Foo_(bar)"]),
    ("https://www.unep.org/", ["https://www.unep.org/"]),
    ("https://www.oneplanetnetwork.org。", ["https://www.oneplanetnetwork.org"]),
    ("www.oneplanetnetwork.org", ["www.oneplanetnetwork.org"]),
    ("mailto:spp@unep.org", ["mailto:spp@unep.org"]),
    (
        "https://www.mvicriteria.nl/nl/webtool?criterion=4890#compensatie//7/1//en",
        ["https://www.mvicriteria.nl/nl/webtool?criterion=4890#compensatie//7/1//en"],
    ),
    ("https://a.org/路径", ["https://a.org/"]),
]
IDS = [f"{k:02d}" for k in range(len(CASES))]


def spans(text: str, urls: list[str]) -> list[tuple[int, int]]:
    """Where ``urls`` stand in ``text``, in order."""
    out, pos = [], 0
    for u in urls:
        start = text.index(u, pos)
        out.append((start, start + len(u)))
        pos = start + len(u)
    return out


@pytest.mark.parametrize(("text", "urls"), CASES, ids=IDS)
def test_the_pattern(text: str, urls: list[str]) -> None:
    assert [m.group() for m in URL_RE.finditer(text)] == urls


@pytest.mark.parametrize(("text", "urls"), CASES, ids=IDS)
def test_the_checker(text: str, urls: list[str]) -> None:
    """url-email asks the translation for exactly these URLs."""
    found = BY_ID["url-email"].check(CheckUnit("t.po", 1, text, "x"), Context(None, None, None))
    assert sorted(f.term for f in found if f.message.startswith("URL ")) == sorted(set(urls))


@pytest.mark.parametrize(("text", "urls"), CASES, ids=IDS)
def test_the_importer(text: str, urls: list[str]) -> None:
    """A line is a URL block when it is one URL (and sentence punctuation), and that URL is
    the block; otherwise the URL stays in the paragraph's text."""
    whole = len(urls) == 1 and text.rstrip(URL_LINE_TRAILER) == urls[0]
    assert bool(URL_LINE.match(text)) == whole
    blocks = seed.import_text(f"同一个地球网络最新进展\n\n正文。\n\n{text}\n", "2099-01", "x.txt").blocks
    found = [b.text for b in blocks if b.kind == "url"]
    assert found == (urls if whole else [])
    if not whole:
        assert any(all(u in b.text for u in urls) for b in blocks)


@pytest.mark.parametrize(("text", "urls"), CASES, ids=IDS)
def test_the_number_masker(text: str, urls: list[str]) -> None:
    """Each URL, and nothing after it, is hidden from number extraction."""
    masked, pos = [], 0
    for s, e in spans(text, urls):
        masked += [text[pos:s], " "]
        pos = e
    expected = "".join([*masked, text[pos:]])
    if "@" in expected:
        expected = EMAIL_RE.sub(" ", expected)
    assert numerals._drop_links(text) == expected


def test_digits_after_a_url_are_numbers() -> None:
    assert numerals.zh_numbers("请访问https://www.oneplanetnetwork.org/2023。2024年共举办18场") == {2024, 18}
    assert numerals.en_numbers("see https://a.org/2023/x, 18 events") == {18}


@pytest.mark.parametrize(("text", "urls"), CASES, ids=IDS)
def test_the_sentence_splitter(text: str, urls: list[str]) -> None:
    """No sentence ends inside a URL."""
    ends, pos = [], 0
    for piece in zh.sentences(text):
        pos = text.index(piece, pos) + len(piece)
        ends.append(pos)
    for s, e in spans(text, urls):
        assert not [p for p in ends if s < p < e], (text, zh.sentences(text))


@pytest.mark.parametrize(("text", "urls"), CASES, ids=IDS)
def test_the_publisher(text: str, urls: list[str]) -> None:
    """The HTML edition links exactly these URLs (without a newsletter's tracking parameters:
    publish.inline.untracked); the Markdown edition autolinks the http(s) and mailto ones and
    leaves www. ones readable (never backslash-escaped)."""
    page = str(to_html(text))
    links = [html.unescape(t) for _, t in re.findall(r'<a href="([^"]*)">([^<]*)</a>', page)]
    assert [t for t in links if not EMAIL_RE.fullmatch(t)] == [untracked(u) for u in urls]
    md = to_markdown(text)
    for u in map(untracked, urls):
        assert (f"<{u}>" in md) if u.startswith(("http", "mailto:")) else (u in md), md
        assert u in mdtext.escape(text)


def test_mailto_href_is_not_doubled() -> None:
    assert 'href="mailto:spp@unep.org"' in str(to_html("mailto:spp@unep.org"))
    assert 'href="mailto:spp@unep.org"' in str(to_html("spp@unep.org"))


def test_xml_lang_is_the_xml_namespace() -> None:
    from lxml import etree

    el = etree.fromstring('<a xml:lang="zh-CN"/>')
    assert el.get(XML_LANG) == "zh-CN"
