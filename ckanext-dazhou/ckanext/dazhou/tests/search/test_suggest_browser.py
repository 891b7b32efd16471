"""Headless Chromium (Debian's) types into the search boxes: suggestions appear, the keyboard
chooses one (arrows, Enter), Escape closes them, and screen readers are told (ARIA combobox)."""
from __future__ import annotations


import pytest

from ckanext.dazhou.tests.factories import create_dataset

from ckanext.dazhou.tests.browser import live_site, page  # noqa: F401 (fixtures)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestSuggestionsInTheBrowser:
    def test_keyboard_chooses_a_dataset_title(self, live_site, page):
        dataset = create_dataset(title="人口基础信息库")
        create_dataset(title="空气质量监测日报")
        page.goto(f"{live_site}/dataset/")
        box = page.locator("#field-giant-search")
        assert box.get_attribute("role") == "combobox"
        box.press_sequentially("renk", delay=30)
        option = page.locator("[role=listbox] [role=option]", has_text="人口基础信息库")
        option.wait_for()
        assert box.get_attribute("aria-expanded") == "true"
        assert "建议" in page.locator("[role=status]").inner_text()
        titles = page.locator("[role=listbox] [role=option]").all_inner_texts()
        index = next(i for i, t in enumerate(titles) if "人口基础信息库" in t)
        for _ in range(index + 1):
            box.press("ArrowDown")
        assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
        assert option.get_attribute("aria-selected") == "true"
        box.press("Enter")
        page.wait_for_url(f"**/dataset/{dataset['name']}")

    def test_home_page_term_and_escape(self, live_site, page):
        page.goto(f"{live_site}/")
        box = page.locator(".dz-hero-search input[name=q]")
        box.press_sequentially("社保", delay=30)
        term = page.locator("[role=listbox] [role=option]", has_text="社会保险（社保）")
        term.wait_for()
        assert "目录词" in term.inner_text()
        box.press("Escape")
        assert page.locator("[role=listbox]").is_hidden()
        assert box.get_attribute("aria-expanded") == "false"
        box.press("ArrowDown")  # opens again
        term.wait_for()
        box.press("ArrowDown")
        box.press("Enter")
        page.wait_for_url("**/dataset/?q=*")
        assert "社会保险" in page.locator("#field-giant-search").input_value()
