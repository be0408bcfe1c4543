"""Datasette's own search box in a real browser (Debian's headless chromium).

Types 曲阜 into the articles table's search box, submits, and expects the seed
article among the results. The screenshot is kept as artifacts/search.png.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.test_datasette import REPO, SEED_HEADLINE, build_archive, serve_archive

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
SCREENSHOT = REPO / "artifacts" / "search.png"

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="needs Debian's chromium and chromium-driver: "
    "apt-get install -y chromium chromium-driver",
)


@pytest.fixture()
def browser(tmp_path):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                 "--window-size=1600,2000", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    # An explicit driver path: Selenium Manager would otherwise try to download one.
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER),
                              options=options)
    yield driver
    driver.quit()


def test_search_box_finds_the_seed_article(tmp_path, browser):
    archive = build_archive(tmp_path / "archive.db")
    with serve_archive(archive) as base:
        browser.get(f"{base}/archive/articles")
        box = browser.find_element(By.NAME, "_search")
        box.send_keys("曲阜")
        box.send_keys(Keys.ENTER)
        wait = WebDriverWait(browser, 30)
        wait.until(expected_conditions.url_contains("_search="))
        table = wait.until(expected_conditions.presence_of_element_located(
            (By.CSS_SELECTOR, "table.rows-and-columns")))
        headlines = [cell.text for cell in
                     table.find_elements(By.CSS_SELECTOR, "td.col-headline")]
        # The column descriptions fill the first screen: show the box and the rows.
        browser.execute_script("arguments[0].scrollIntoView();",
                               browser.find_element(By.NAME, "_search"))
        SCREENSHOT.parent.mkdir(exist_ok=True)
        browser.save_screenshot(str(SCREENSHOT))
    assert SEED_HEADLINE in headlines
    # 曲阜 occurs in two of the four articles; the others are not shown.
    assert len(headlines) == 2
    assert Path(SCREENSHOT).stat().st_size > 0
