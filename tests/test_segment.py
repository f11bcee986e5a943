"""Chinese and English sentence segmentation (table-driven)."""

import pytest

from sppterm import en, zh

ZH_CASES = [
    ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
    ("他说：“好的！”然后离开了。", ["他说：“好的！”然后离开了。"]),  # quoted terminal, sentence goes on
    ("好吗？！你好。", ["好吗？！", "你好。"]),  # a run of terminals is one end
    ("他问：“为什么？”“因为……”", ["他问：“为什么？”", "“因为……”"]),  # an opening quote starts the next
    ("等等……然后呢", ["等等……", "然后呢"]),  # ellipsis ends a sentence
    ("（摘自：网站）下一句。", ["（摘自：网站）下一句。"]),
    ("前一句；后一句。", ["前一句；后一句。"]),  # ；is not a sentence end
    ("增长3.5%。版本v1.2发布。", ["增长3.5%。", "版本v1.2发布。"]),  # no split inside numbers
    ("见https://a.org/x?y=1!z。完。", ["见https://a.org/x?y=1!z。", "完。"]),  # nor inside URLs
    ("联系wangj@mepcec.com！好。", ["联系wangj@mepcec.com！", "好。"]),
    ("报告发布。（全文见网站。）下一段", ["报告发布。", "（全文见网站。）", "下一段"]),
    ("没有结尾", ["没有结尾"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), ZH_CASES)
def test_zh_sentences(text, expected):
    assert zh.sentences(text) == expected


EN_CASES = [
    ("It was launched. It covers 45 countries.", ["It was launched.", "It covers 45 countries."]),
    ("See e.g. France. Done!", ["See e.g. France.", "Done!"]),
    ("Growth was 3.5 per cent. Next.", ["Growth was 3.5 per cent.", "Next."]),
    ("One sentence only", ["One sentence only"]),
]


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_en_sentences(text, expected):
    assert en.sentences(text) == expected
