"""Item pipelines, in the order data flows: extract -> place -> validate -> store.

Each stage is a thin adapter: the work lives in newsarchive.extract and
newsarchive.store, which know nothing of Scrapy. The extraction worker runs the pure
part of every stage (extract.prepare: the article, its place, its checks, its rows),
so that on the reactor the stages only report what it found and write the rows.
"""
