"""English left on a page a Chinese user reads: visible text and the attributes a user meets.

Latin words are English unless they are proper nouns or technical terms users know (ALLOWED), or
data: words inside <code>/<pre>/<kbd>/<samp>, elements marked `translate="no"` or `data-dz-value`,
and tokens shaped like slugs, e-mail addresses, URLs, codes or file names.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString

ALLOWED = {
    "api", "csv", "dcat", "dcat-ap", "html", "http", "https", "id", "json", "json-ld", "jsonld",
    "rdf", "shacl", "turtle", "ttl", "url", "xls", "xlsx", "xml", "ckan", "pdf", "zip", "doc",
    "docx", "txt", "markdown", "sparql", "wms", "wfs", "geojson", "ftp", "ftps", "utf",
    "english", "ip", "ok", "n3", "jsonl", "skos", "iana", "eu", "utc", "css",
    # formats and products of the catalog's code lists (proper nouns)
    "png", "jpg", "gif", "bmp", "tiff", "wav", "avi", "flv", "ofd", "wps", "et", "shapefile",
    "mysql", "oracle", "postgresql", "sql", "server", "access", "kingbasees", "dm", "excel",
}
ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")
_DATA_TAGS = ("code", "pre", "kbd", "samp", "script", "style", "noscript", "template")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# tokens that are data, not words: slugs, names with digits, mails, paths, dotted names, urls
_DATA_TOKEN = re.compile(r"[-_@/\\.:=#0-9]|^[A-Z0-9]+-[A-Z0-9]+$")
# spaces, CJK characters and full-width punctuation separate words
_SENTENCE_SPLIT = re.compile(r"[\s\u00a0\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")


def _is_data(element) -> bool:
    for parent in [element, *element.parents]:
        if getattr(parent, "name", None) in _DATA_TAGS:
            return True
        attrs = getattr(parent, "attrs", None) or {}
        if attrs.get("translate") == "no" or "data-dz-value" in attrs or \
                attrs.get("id") == "metadata_diff":  # the stored JSON, for who asks for it
            return True
    return False


def english_words(text: str) -> list[str]:
    """The Latin words of a text that are neither allowed terms nor data-shaped tokens."""
    words = []
    for token in _SENTENCE_SPLIT.split(text):
        token = token.strip("()[]{}<>,;!?\"'“”‘’«»·:：，。；、（）…|*")
        if token.startswith("dazhou_"):  # an internal name shown raw
            words.append(token)
            continue
        if not token or _DATA_TOKEN.search(token.rstrip(".")):
            continue
        for word in _WORD.findall(token):
            if word.lower() not in ALLOWED and len(word) > 1:
                words.append(word)
    return words


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def english_phrases(soup: BeautifulSoup) -> list[str]:
    """Each text node or attribute value that has English words, trimmed, in page order."""
    found: list[str] = []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            continue
        if node.parent is None or _is_data(node.parent):
            continue
        text = " ".join(node.split())
        if text and english_words(text):
            found.append(text[:120])
    for element in soup.find_all(True):
        if _is_data(element):
            continue
        values = [element.get(name) for name in ATTRIBUTES]
        if element.name == "input" and element.get("type") in ("submit", "button", "reset"):
            values.append(element.get("value"))
        for value in values:
            if isinstance(value, str) and english_words(value):
                found.append(f"[{element.name}@] {value[:120]}")
    return list(dict.fromkeys(found))


# words the platform does not use: its terms are 信息资源 and 部门 (the measures), 登录, 注册
WRONG_TERMS = ("数据集", "登陆", "组件", "组织", "登记账号", "追随")


def wrong_terms(soup: BeautifulSoup) -> list[str]:
    """The wrong Chinese terms in the visible text (data such as titles excepted)."""
    found = []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or node.parent is None or _is_data(node.parent):
            continue
        text = " ".join(node.split())
        found.extend(f"{term}: {text[:80]}" for term in WRONG_TERMS if term in text)
    return list(dict.fromkeys(found))


def outside_links(soup: BeautifulSoup, site_hosts: tuple[str, ...]) -> list[str]:
    """Footer links that leave the platform (the government network cannot reach them)."""
    links = []
    for footer in soup.select("footer, .site-footer"):
        for anchor in footer.find_all("a", href=True):
            href = anchor["href"]
            if re.match(r"^(https?:)?//", href) and not any(h in href for h in site_hosts):
                links.append(href)
    return links
