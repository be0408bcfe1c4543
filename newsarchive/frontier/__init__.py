"""The distributed crawl: many `newsarchive crawl --frontier redis://…` workers share
one frontier in Redis, and one `newsarchive ingest --from redis://…` writer stores
what they find in the SQLite archive.

    worker ─┐                          ┌─► requests (scrapy-redis queue, leased while in flight)
    worker ─┼─► Redis ─────────────────┼─► records stream ──► ingest ──► SQLite archive
    worker ─┘   (protocol.FrontierKeys) └─◄ settled set, complete channels ◄─┘ (what the archive holds)

`protocol` is the contract between the two sides: the Redis keys and the records on
the stream. Workers never open the SQLite file; the writer never fetches a page.
"""
