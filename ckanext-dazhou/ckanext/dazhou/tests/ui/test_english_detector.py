"""What the English-text crawl counts as English, and what as data or allowed terms."""
from __future__ import annotations

from ckanext.dazhou.tests.ui import english


def _found(html: str) -> list[str]:
    return english.english_phrases(english.parse(html))


def test_visible_text_and_attributes_users_meet_are_checked():
    page = ('<p>1 Member</p><button aria-label="Submit"></button><input placeholder="Joe Bloggs">'
            '<input type="submit" value="Save"><span title="News feed">动态</span>'
            '<p>来源：dazhou_province</p>')
    assert _found(page) == ["1 Member", "来源：dazhou_province", "[button@] Submit",
                            "[input@] Joe Bloggs", "[input@] Save", "[span@] News feed"]


def test_terms_slugs_codes_and_marked_data_are_not_english():
    page = ('<p>下载 CSV、XLSX 或 DCAT（Turtle），API 文档</p><p>jiaotong-shigu city_zen a@b.cn</p>'
            '<code>ckan dazhou names fix</code><span translate="no">Open Data Day</span>'
            '<button type="submit" value="search">检索</button>')
    assert _found(page) == []


def test_wrong_terms_and_outside_footer_links():
    soup = english.parse('<p>找到2个数据集</p><a>登陆</a><footer><a href="https://ckan.org/">x</a>'
                         '<a href="/about">关于</a></footer>')
    assert english.wrong_terms(soup) == ["数据集: 找到2个数据集", "登陆: 登陆"]
    assert english.outside_links(soup, ("test.ckan.net",)) == ["https://ckan.org/"]
