"""Search in a real browser: results, filters, suggestions by keyboard, and no axe violations."""

import re

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_search_page_and_glossary_have_no_axe_violations(site_server, page):
    for path in [
        "/search/",
        "/search/?q=participatory+budgeting",
        "/search/?q=colaborative+action+reserch",  # corrected results, with "Search instead for"
        "/search/?q=%2A",  # a query of punctuation alone: the error summary
        "/glossary/",
    ]:
        page.goto(f"{site_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path


def test_an_abbreviation_finds_what_it_stands_for_and_filters_narrow(site_server, page):
    page.goto(f"{site_server.url}/search/")
    page.get_by_label("Search case studies, evidence, guides and discussions").fill("PB")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]q=PB"))
    results = page.locator(".ds_search-result")
    assert results.count() >= 2
    assert "participatory budgeting" in results.first.inner_text().lower()
    total = int(page.get_by_role("status").first.inner_text().split()[0])
    page.locator("fieldset", has_text="Type").locator("label").first.click()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"[?&]type="))
    narrowed = int(page.get_by_role("status").first.inner_text().split()[0])
    assert 0 < narrowed <= total


def test_a_practitioners_long_question_finds_the_thread_that_answers_it(site_server, page):
    # The thread says only some of the question's content words (frontline, room, locality plan), fewer than
    # the three in five a shorter query needs; half of them is enough for a question this long.
    question = "we want frontline workers in the room before a word of the locality plan is drafted"
    page.goto(f"{site_server.url}/search/")
    page.get_by_label("Search case studies, evidence, guides and discussions").fill(question)
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]q=we\+want"))
    first = page.locator(".ds_search-result").first
    assert "Locality plans: how do you involve frontline staff from the start?" in first.inner_text()
    first.get_by_role("link").first.click()
    page.wait_for_load_state()
    assert (
        page.locator("h1").inner_text().strip() == "Locality plans: how do you involve frontline staff from the start?"
    )


def test_suggestions_work_by_keyboard(site_server, page):
    page.goto(f"{site_server.url}/search/")
    box = page.get_by_role("combobox")
    box.focus()
    page.keyboard.type("Particip", delay=30)
    options = page.get_by_role("option")
    options.first.wait_for(timeout=5000)
    assert box.get_attribute("aria-expanded") == "true"
    titles = options.all_inner_texts()
    # Themes and glossary terms say what they are ("· glossary term") and open a search; pick a page.
    wanted = next(i for i, title in enumerate(titles) if "articipatory" in title and "·" not in title)
    for _ in range(wanted + 1):
        page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.nth(wanted).get_attribute("id")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == titles[wanted].strip()


def test_a_misspelt_search_shows_corrected_results_and_can_search_as_typed(site_server, page):
    page.goto(f"{site_server.url}/search/")
    page.get_by_label("Search case studies, evidence, guides and discussions").fill("colaborative action reserch")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]q=colaborative"))
    assert "Showing results for collaborative action research." in page.locator(".cop-search-corrected").inner_text()
    assert page.locator(".ds_search-result").count() >= 3
    assert "collaborative action research" in page.locator(".ds_search-result mark").first.inner_text().lower() + (
        " " + page.locator(".ds_search-result").first.inner_text().lower()
    )
    page.get_by_role("link", name="Search instead for colaborative action reserch").click()
    page.wait_for_url(re.compile(r"original=1"))
    assert page.get_by_role("status").first.inner_text().startswith("0 results")


def test_an_abbreviation_is_suggested_as_what_it_stands_for(site_server, page):
    page.goto(f"{site_server.url}/search/")
    box = page.get_by_role("combobox")
    box.focus()
    page.keyboard.type("sds", delay=30)
    first = page.get_by_role("option").first
    first.wait_for(timeout=5000)
    assert first.inner_text().startswith("Self-directed support (SDS)")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=self-directed"))
    assert page.locator(".ds_search-result").count() >= 2


def test_an_editor_adds_an_everyday_phrase_to_the_glossary_and_search_understands_it(browser, start_server):
    from tests.e2e.test_editorial_workflow import sign_in_to_admin

    server = start_server()
    editor = sign_in_to_admin(browser, server, "editor")
    editor.goto(f"{server.url}/admin/")
    editor.get_by_role("button", name="Taxonomy").click()
    editor.get_by_role("link", name="Glossary terms").click()
    editor.get_by_role("link", name="PB", exact=True).click()
    related = editor.get_by_role("textbox", name="Related")
    related.fill(related.input_value() + "\nkitty for the glen")
    editor.get_by_role("button", name="Save").first.click()
    editor.wait_for_url(re.compile(r".*/admin/snippets/learning/glossaryterm/$"))

    visitor = browser.new_page()
    visitor.goto(f"{server.url}/search/")
    visitor.get_by_label("Search case studies, evidence, guides and discussions").fill("a kitty for the glen")
    visitor.get_by_role("button", name="Search", exact=True).click()
    visitor.wait_for_url(re.compile(r"[?&]q=a\+kitty"))
    results = visitor.locator(".ds_search-result")
    assert results.count() >= 2
    assert "participatory budgeting" in results.first.inner_text().lower()
    visitor.close()
