"""Live-portal manners by default; a mirror on this machine is crawled at full speed."""

import subprocess
import sys

from scrapy.crawler import Crawler
from scrapy.settings import Settings

from newsarchive.crawl.runner import CrawlOptions, crawl_settings
from newsarchive.crawl.spiders.portal import PortalSpider, is_loopback


def project_settings() -> Settings:
    settings = Settings()
    settings.setmodule("newsarchive.settings", priority="project")
    return settings


def test_manners_on_the_live_portal():
    settings = project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1
    assert settings.getbool("RETRY_ENABLED") and settings.getint("RETRY_TIMES") >= 2
    assert settings.get("USER_AGENT").startswith("newsarchive/")


def test_remote_control_and_telnet_are_off():
    settings = project_settings()
    assert settings.getbool("REMOTE_CONTROL_ENABLED") is False
    assert settings.getbool("TELNETCONSOLE_ENABLED") is False
    extensions = settings.get_component_priority_dict_with_base("EXTENSIONS")
    assert "scrapy.extensions.remote_control.RemoteControl" not in extensions
    assert "scrapy.extensions.telnet.TelnetConsole" not in extensions
    assert "newsarchive.archive.runs.CrawlRun" in extensions
    assert "scrapy.extensions.logstats.LogStats" in extensions  # Scrapy's others are kept


def test_the_components_a_local_crawl_loads_import_neither_aiohttp_tldextract_nor_redis():
    """Scrapy imports every listed component, a None one too: those the archive never runs
    are left out of the base lists, and their imports (a quarter of a second) with them.
    Redis is loaded by a frontier crawl only."""
    code = """
import sys
from scrapy.settings import Settings
from scrapy.utils.misc import load_object
settings = Settings()
settings.setmodule("newsarchive.settings", priority="project")
for name in ("EXTENSIONS", "DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "ITEM_PIPELINES"):
    for path in settings.get_component_priority_dict_with_base(name):
        load_object(path)
import newsarchive.crawl.runner, newsarchive.crawl.spiders.portal
print(sorted(m for m in ("aiohttp", "tldextract", "redis", "scrapy.extensions.remote_control") if m in sys.modules))
"""
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_contact_goes_into_the_user_agent(tmp_path):
    options = CrawlOptions(base_url="https://www.yybnet.net", channels=[], db=tmp_path / "a.db",
                           contact="archive@example.org")
    settings = crawl_settings(options)
    assert "+archive@example.org" in settings.get("USER_AGENT")
    assert settings.get("NEWSARCHIVE_WARC_DIR") == str(tmp_path / "warc")


def test_a_loopback_base_url_drops_the_delays_but_the_portal_keeps_them():
    assert is_loopback("http://127.0.0.1:8000") and is_loopback("http://localhost:1")
    assert not is_loopback("https://www.yybnet.net")
    for base_url, delay, throttle in (("http://127.0.0.1:9", 0, False), ("https://www.yybnet.net", 1.0, True)):
        crawler = Crawler(PortalSpider, project_settings())
        PortalSpider.from_crawler(crawler, base_url=base_url, channels="jining/qufu")
        assert crawler.settings.getfloat("DOWNLOAD_DELAY") == delay
        assert crawler.settings.getbool("AUTOTHROTTLE_ENABLED") is throttle


def test_spider_arguments_from_scrapy_crawl():
    spider = PortalSpider(channels="jining/qufu, /jining/zoucheng/", base_url="http://h:1/", full="true")
    assert spider.channels == ["jining/qufu", "jining/zoucheng"]
    assert spider.base_url == "http://h:1" and spider.full and not spider.refresh
