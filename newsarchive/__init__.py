"""newsarchive: crawl 地方网 (www.yybnet.net) into a searchable SQLite archive."""

__version__ = "0.1.0"
