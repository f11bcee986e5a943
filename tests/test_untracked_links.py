"""Editions link without the newsletter's tracking parameters (utm_*, Mailchimp's ct=…)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html

from sppterm.publish.inline import to_html, to_markdown, untracked

from .conftest import ROOT

MAILCHIMP = (
    "https://www.oneplanetnetwork.org/globalstrategy?utm_source=Secretariat+-+Monthly+Update+Email"
    "&utm_campaign=b03e063a69-2022+Year+in+Review&utm_medium=email&utm_term=0_59f-%5BLIST_EMAIL_ID%5D"
    "&ct=t%28Flash+newsletter%29"
)


def test_tracking_parameters_go_and_the_rest_stays():
    assert untracked(MAILCHIMP) == "https://www.oneplanetnetwork.org/globalstrategy"
    # what a PDF export glued to the end goes with the parameter it ends
    assert (
        untracked("https://a.org/life.htm?utm_source=S&ct=t%28Feb2023%29Sustainable")
        == "https://a.org/life.htm"
    )
    kept = "https://www.mvicriteria.nl/nl/webtool?criterion=4890#compensatie//7/1//en"
    assert untracked(kept) == kept
    assert (
        untracked("https://a.org/x?id=3&utm_medium=email&lang=en#top") == "https://a.org/x?id=3&lang=en#top"
    )
    assert untracked("https://a.org/search?ct=5") == "https://a.org/search?ct=5"  # not Mailchimp's ct


def test_inline_links_are_untracked_in_html_and_markdown():
    text = f"详见{MAILCHIMP}。"
    doc = html.fromstring(f"<p>{to_html(text)}</p>")
    assert [a.get("href") for a in doc.iter("a")] == ["https://www.oneplanetnetwork.org/globalstrategy"]
    assert "utm_" not in to_markdown(text)


def test_committed_editions_carry_no_tracking_parameter():
    """The 2023 source prints four newsletter links with utm_ parameters; no edition keeps one."""
    assert "utm_source=" in (ROOT / "source_zh" / "2023.md").read_text("utf-8")
    for page in sorted(ROOT.joinpath("target_en").glob("*.html")) + sorted(
        ROOT.joinpath("target_en").glob("*.md")
    ):
        text = page.read_text("utf-8")
        assert not re.search(r"[?&](utm_[a-z]+|ct=t(\(|%28))", text), page.name


@settings(deadline=500, max_examples=300)
@given(st.text(alphabet="ab?&#=%_utmc()sourcet0", max_size=80))
def test_untracked_terminates_shrinks_and_is_idempotent(tail):
    url = "https://a.org/p" + tail
    once = untracked(url)
    assert len(once) <= len(url) and untracked(once) == once
    assert once.startswith("https://a.org/p")
