"""The archive in a real browser (Debian's headless chromium), as a researcher uses it.

Types 曲阜 into the articles table's search box, opens the seed article, goes on to a
credited person's page and to the raw capture, and loads the chart at desktop and
phone widths. Screenshots are kept in artifacts/ (search, article, person, capture,
chart-1400, chart-400).
"""

from __future__ import annotations

import itertools
import random
import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from newsarchive.store import ArchiveDB
from tests.test_datasette import REPO, SEED_HEADLINE, build_archive, serve_archive
from tests.test_store import BASE, seed_article, start

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
ARTIFACTS = REPO / "artifacts"
SCREENSHOT = ARTIFACTS / "search.png"

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
        SCREENSHOT.parent.mkdir(exist_ok=True)
        browser.save_screenshot(str(SCREENSHOT))
    assert SEED_HEADLINE in headlines
    # 曲阜 occurs in two of the four articles; the others are not shown.
    assert len(headlines) == 2
    assert Path(SCREENSHOT).stat().st_size > 0


def shot(browser, name: str) -> Path:
    """A screenshot of the whole page (the window fitted to it, up to 2,000 px)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = browser.get_window_size()
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(size["width"], min(max(height, 300), 2000))
    browser.save_screenshot(str(path))
    browser.set_window_size(size["width"], size["height"])
    return path


def test_from_a_search_to_the_article_its_people_and_its_capture(tmp_path, browser):
    archive = build_archive(tmp_path / "archive.db")
    wait = WebDriverWait(browser, 30)
    browser.set_window_size(1400, 1000)
    with serve_archive(archive) as base:
        browser.get(f"{base}/archive/articles")
        box = browser.find_element(By.NAME, "_search")
        # the search box is on the first screen, above the folded descriptions
        assert box.location["y"] < 700
        box.send_keys("曲阜", Keys.ENTER)
        wait.until(expected_conditions.url_contains("_search="))
        # the same search ranked, with the hit marked in a snippet
        browser.find_element(By.CSS_SELECTOR, "a.ranked-search").click()
        wait.until(expected_conditions.url_contains("search_articles"))
        marks = browser.find_elements(By.CSS_SELECTOR, "td.col-snippet mark")
        assert marks and {m.text for m in marks} == {"曲阜"}
        shot(browser, "ranked-search")
        browser.back()
        wait.until(expected_conditions.url_contains("_search="))
        browser.find_element(By.LINK_TEXT, SEED_HEADLINE).click()

        wait.until(expected_conditions.title_is(SEED_HEADLINE))
        assert browser.find_element(By.CSS_SELECTOR, "h1").text == SEED_HEADLINE
        paragraphs = [p.text for p in browser.find_elements(By.CSS_SELECTOR, ".body p")]
        assert paragraphs == ["每户农户门口都要悬挂联系卡。", "规范管理,建立完善工作机制",
                              "…责令限期进行整改。"]
        credits = browser.find_element(By.CSS_SELECTOR, ".credits").text
        assert all(name in credits for name in ("梅花", "宋思亮", "陈宏如", "孔丽"))
        # the body is a readable column, not one character wide
        assert browser.find_element(By.CSS_SELECTOR, ".body p").size["width"] > 400
        shot(browser, "article")

        browser.find_element(By.LINK_TEXT, "梅花").click()
        wait.until(expected_conditions.title_contains("梅花"))
        assert SEED_HEADLINE in [a.text for a in
                                 browser.find_elements(By.CSS_SELECTOR, "td a")]
        shot(browser, "person")

        browser.find_element(By.LINK_TEXT, SEED_HEADLINE).click()
        wait.until(expected_conditions.title_is(SEED_HEADLINE))
        browser.find_element(By.LINK_TEXT, "Raw capture").click()
        wait.until(expected_conditions.title_contains("Capture of"))
        assert "HTTP/1.1 200 OK" in browser.find_element(By.CSS_SELECTOR, "table").text
        shot(browser, "capture")
        frame = browser.find_element(By.TAG_NAME, "iframe")
        browser.switch_to.frame(frame)
        assert browser.find_element(By.ID, "archived").text == "驻村联户 as archived"
        # the archived page's script never ran
        assert browser.execute_script("return document.title") == "archived"
        browser.switch_to.default_content()


def add_months_of_articles(archive: Path, seed: int = 5) -> None:
    """Two years of articles in five channels, some months empty, as a crawl of
    several counties leaves them."""
    rng = random.Random(seed)
    channels = ["曲阜新闻", "泗水新闻", "邹城新闻", "兖州新闻", "微山新闻"]
    with ArchiveDB(archive) as db:
        run = start(db)
        n = 0
        for year, month in itertools.product((2015, 2016), range(1, 13)):
            if (year, month) < (2015, 6) or rng.random() < 0.25:
                continue  # a month nobody published (or before the seed)
            for channel in rng.sample(channels, rng.randint(1, len(channels))):
                for _ in range(rng.randint(1, 9)):
                    n += 1
                    url = f"{BASE}jining/news/{year}{month:02d}/{8000000 + n}.html"
                    db.save(seed_article(url=url, pages=[url], headline=f"新闻{n}",
                                         channel=channel, images=[], body=[f"正文{n}。"],
                                         published_at=f"{year}-{month:02d}-15"),
                            run_id=run, fetched_at="2026-01-01T00:00:00+00:00")


@pytest.mark.parametrize("width", [1400, 400])
def test_chart_reads_at_desktop_and_phone_width(tmp_path, browser, width):
    archive = build_archive(tmp_path / "archive.db")
    add_months_of_articles(archive)
    browser.set_window_size(width, 1000)
    with serve_archive(archive) as base:
        browser.get(f"{base}/-/chart/archive")
        svg = browser.find_element(By.CSS_SELECTOR, "svg.newsarchive-chart")
        viewport = browser.execute_script("return document.documentElement.clientWidth")
        box = browser.execute_script(
            "var r = arguments[0].getBoundingClientRect(); return [r.left, r.right];", svg)
        # the whole chart is on screen, and big enough to read
        assert 0 <= box[0] and box[1] <= viewport and box[1] - box[0] > viewport * 0.6
        bars = browser.find_elements(By.CSS_SELECTOR, "svg.newsarchive-chart rect title")
        assert any(t.get_attribute("textContent").startswith("2015-06 · 曲阜新闻: ")
                   for t in bars)
        # month labels never overlap, at either width
        labels = [label.rect for label in browser.find_elements(
            By.CSS_SELECTOR, "svg.newsarchive-chart text") if label.is_displayed()
            and label.text.startswith("20")]
        assert len(labels) >= 4
        assert all(a["x"] + a["width"] <= b["x"] for a, b in itertools.pairwise(labels))
        assert min(label["height"] for label in labels) >= 9  # readable text
        # no horizontal scrolling of the page
        assert browser.execute_script(
            "return document.documentElement.scrollWidth") <= viewport + 1
        shot(browser, f"chart-{width}")
