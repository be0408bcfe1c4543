"""What a run may skip: paging stops early only after a complete run; settled URLs."""

from newsarchive.store import ArchiveDB

SITE = "http://127.0.0.1:9"


def start(archive: ArchiveDB, *channels: str) -> int:
    return archive.start_run(base_url=SITE, channels=list(channels), version="test", options={})


def test_a_channel_is_complete_only_if_the_last_run_asking_for_it_paged_it_to_the_end(tmp_path):
    with ArchiveDB(tmp_path / "a.db") as archive:
        assert not archive.channel_complete("jining/qufu", SITE)
        first = start(archive, "jining/qufu")
        archive.set_channel_complete("jining/qufu", SITE, first)
        assert archive.channel_complete("jining/qufu", SITE)
        start(archive, "jining/zoucheng")  # another channel's run changes nothing here
        assert archive.channel_complete("jining/qufu", SITE)
        start(archive, "jining/qufu")  # killed while paging: never marked complete
        assert not archive.channel_complete("jining/qufu", SITE)
        assert not archive.channel_complete("jining/qufu", "http://127.0.0.1:10")


def test_a_city_run_counts_for_its_counties(tmp_path):
    with ArchiveDB(tmp_path / "a.db") as archive:
        run = start(archive, "jining")
        archive.set_channel_complete("jining/qufu", SITE, run)
        assert archive.channel_complete("jining/qufu", SITE)
        start(archive, "jining")
        assert not archive.channel_complete("jining/qufu", SITE)


def test_skipped_pages_are_remembered_across_connections(tmp_path):
    with ArchiveDB(tmp_path / "a.db") as archive:
        run = start(archive, "jining/qufu")
        archive.mark_skipped(f"{SITE}/jining/news/201805/1.html", "not an article: no body", run)
        archive.mark_skipped(f"{SITE}/jining/news/201805/1.html", "http_404", run)
    with ArchiveDB(tmp_path / "a.db") as archive:
        assert archive.is_skipped(f"{SITE}/jining/news/201805/1.html")
        assert not archive.is_skipped(f"{SITE}/jining/news/201805/2.html")
        row = archive.conn.execute("SELECT reason FROM skipped_pages").fetchall()
        assert row == [("http_404",)]
