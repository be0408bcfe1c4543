"""Item pipelines, in the order data flows: extract -> validate -> store.

Each stage is a thin adapter: the work lives in newsarchive.extract and
newsarchive.store, which know nothing of Scrapy.
"""
