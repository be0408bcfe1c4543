"""The store pipeline awaits each write on the crawl's loop, woken from the writer thread."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from newsarchive.pipelines.store import settled_on_the_loop


def test_a_write_done_on_another_thread_settles_its_waiter_with_its_outcome() -> None:
    def outcome(value: object) -> object:
        if isinstance(value, Exception):
            raise value
        return (value, threading.current_thread().name)

    async def main() -> list[object]:
        with ThreadPoolExecutor(1, "writer") as writer:
            results: list[object] = [await settled_on_the_loop(writer.submit(outcome, "new"))]
            with pytest.raises(OSError, match="disk full"):
                await settled_on_the_loop(writer.submit(outcome, OSError("disk full")))
        return results

    assert asyncio.run(main()) == [("new", "writer_0")]


def test_a_waiter_cancelled_leaves_its_write_to_be_done() -> None:
    started, release = threading.Event(), threading.Event()
    written: list[str] = []

    def write(what: str) -> str:
        started.set()
        release.wait(5)
        written.append(what)
        return what

    async def main() -> Future[str]:
        with ThreadPoolExecutor(1) as writer:
            writer.submit(write, "first")
            second = writer.submit(write, "second")  # still queued behind the first
            waiter = settled_on_the_loop(second)
            started.wait(5)
            waiter.cancel()
            release.set()
        await asyncio.sleep(0.05)  # the writer thread's wake-up reaches the loop
        return second

    second = asyncio.run(main())
    assert written == ["first", "second"] and second.result() == "second"


def test_the_extraction_workers_leave_before_the_reprint_update(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scrapy closes the pipelines last to first: the store's close ends the extraction
    pool itself before the update, which holds a signature of every new article, so the
    idle workers' memory is not held beside it."""
    from newsarchive.pipelines import store
    from newsarchive.pipelines.extract import ExtractPipeline

    events: list[str] = []

    class Extraction:
        async def close_spider(self) -> None:
            await asyncio.sleep(0)
            events.append("extraction workers gone")

    class Archive:
        conn = None

        def flush(self) -> None:
            events.append("last batch committed")

    class Run:
        archive, write_failure = Archive(), None

    class Crawler:
        def get_item_pipeline(self, cls: type) -> Extraction | None:
            return Extraction() if cls is ExtractPipeline else None

    monkeypatch.setattr(store, "update_reprints", lambda conn, presigned: events.append("reprints updated"))
    pipeline = store.StorePipeline(Crawler())  # type: ignore[arg-type]
    pipeline.__dict__["run"] = Run()  # the crawl's run, a cached property
    asyncio.run(pipeline.close_spider())
    assert events == ["extraction workers gone", "last batch committed", "reprints updated"]
