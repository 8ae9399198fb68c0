"""Fetching briefings from a local press office: listing, transcripts, trouble, second runs."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from search_index.library import load_one
from search_index.provenance import sidecar_of
from search_index.webfetch import (
    FetchPolicy,
    FetchProgress,
    FetchReport,
    PoliteClient,
    compile_pattern,
    fetch_pages,
)
from tests.support.webserver import WEB, PressOffice, Route, press_office

#: The briefing pages of the listing (not the listing's own "older" link, nor the site's).
FOLLOW = r"/(briefings|private)/.+\.html$"


@pytest.fixture()
def office() -> PressOffice:
    with press_office() as running:
        yield running  # type: ignore[misc]


def run(
    office: PressOffice,
    into: Path,
    *,
    follow: str | None = FOLLOW,
    urls: list[str] | None = None,
    since: dt.date | None = None,
    cancel: threading.Event | None = None,
    progress: list[FetchProgress] | None = None,
) -> FetchReport:
    with PoliteClient(FetchPolicy(delay=0.0)) as client:
        return fetch_pages(
            urls or [office.url("/briefings/index.html")],
            into,
            client=client,
            follow=compile_pattern(follow) if follow else None,
            since=since,
            cancel=cancel,
            progress=progress.append if progress is not None else None,
        )


def outcomes(report: FetchReport, office: PressOffice) -> list[tuple[str, str, str]]:
    prefix = office.url("")
    return [(p.url.removeprefix(prefix), p.outcome, p.reason) for p in report.pages]


def test_following_a_listing_fetches_every_matching_link_newest_first(
    office: PressOffice, tmp_path: Path
) -> None:
    report = run(office, tmp_path)
    assert outcomes(report, office) == [
        ("/briefings/pboc-2023-04-20.html", "fetched", ""),
        ("/briefings/flaky.html", "fetched", ""),
        ("/briefings/mfa-2023-03-14.html", "fetched", ""),
        ("/briefings/missing.html", "failed", "HTTP 404 Not Found"),
        ("/briefings/about.html", "skipped", "not a transcript (no speaker turns found)"),
        ("/private/draft.html", "skipped", "robots.txt forbids it"),
        ("/briefings/scio-2021-04-25.html", "fetched", ""),
        ("/briefings/moved.html", "fetched", ""),
    ]
    assert report.summary() == "5 fetched, 0 unchanged, 2 skipped, 1 failed"
    # robots.txt first; the forbidden page never asked for; the 500 asked again.
    assert office.paths() == [
        "/robots.txt",
        "/briefings/index.html",
        "/briefings/pboc-2023-04-20.html",
        "/briefings/flaky.html",
        "/briefings/flaky.html",
        "/briefings/mfa-2023-03-14.html",
        "/briefings/missing.html",
        "/briefings/about.html",
        "/briefings/scio-2021-04-25.html",
        "/briefings/moved.html",
        "/archive/scio-2020-04-24.html",
    ]


def test_pages_are_kept_verbatim_with_their_address_beside_them(
    office: PressOffice, tmp_path: Path
) -> None:
    report = run(office, tmp_path)
    host = tmp_path / f"127.0.0.1_{office.port}"
    kept = sorted(path.name for path in host.iterdir())
    assert kept == [
        "briefings_flaky.html",
        "briefings_flaky.html.source.json",
        "briefings_mfa-2023-03-14.html",
        "briefings_mfa-2023-03-14.html.source.json",
        "briefings_moved.html",
        "briefings_moved.html.source.json",
        "briefings_pboc-2023-04-20.html",
        "briefings_pboc-2023-04-20.html.source.json",
        "briefings_scio-2021-04-25.html",
        "briefings_scio-2021-04-25.html.source.json",
    ]
    assert sorted(report.kept) == sorted(host / name for name in kept if name.endswith(".html"))
    # The bytes exactly as served (a windows-1252 page included).
    assert (host / "briefings_flaky.html").read_bytes() == (WEB / "un-2024-10-03.html").read_bytes()
    record = json.loads((host / "briefings_moved.html.source.json").read_text())
    assert record["url"] == office.url("/briefings/moved.html")
    assert record["final_url"] == office.url("/archive/scio-2020-04-24.html")
    assert record["etag"] == '"scio20-1"'
    assert record["content_type"] == "text/html; charset=utf-8"
    mfa = json.loads((host / "briefings_mfa-2023-03-14.html.source.json").read_text())
    assert (mfa["etag"], mfa["last_modified"]) == (None, "Tue, 25 Apr 2023 08:00:00 GMT")


def test_the_address_is_read_back_and_cited(office: PressOffice, tmp_path: Path) -> None:
    from search_index.citation import cite_turn

    run(office, tmp_path)
    page = tmp_path / f"127.0.0.1_{office.port}" / "briefings_moved.html"
    transcript = load_one(page)
    assert transcript.source_url == office.url("/archive/scio-2020-04-24.html")
    citation = cite_turn(transcript, 1, 1)
    address = office.url("/archive/scio-2020-04-24.html")
    assert citation.endswith(f"(briefings_moved.html, turn 1, paragraph 1; {address})")


def test_a_second_run_asks_whether_pages_changed_and_keeps_them_as_they_are(
    office: PressOffice, tmp_path: Path
) -> None:
    run(office, tmp_path)
    host = tmp_path / f"127.0.0.1_{office.port}"
    before = {path.name: path.stat().st_mtime_ns for path in host.glob("*.html")}
    first = len(office.requests)
    report = run(office, tmp_path)
    assert [(url, outcome) for url, outcome, _ in outcomes(report, office)] == [
        ("/briefings/pboc-2023-04-20.html", "unchanged"),
        ("/briefings/flaky.html", "unchanged"),
        ("/briefings/mfa-2023-03-14.html", "unchanged"),
        ("/briefings/missing.html", "failed"),
        ("/briefings/about.html", "skipped"),
        ("/private/draft.html", "skipped"),
        ("/briefings/scio-2021-04-25.html", "unchanged"),
        ("/briefings/moved.html", "unchanged"),
    ]
    assert report.summary() == "0 fetched, 5 unchanged, 2 skipped, 1 failed"
    sent = {path: headers for path, headers in office.requests[first:]}
    assert sent["/briefings/pboc-2023-04-20.html"]["if-none-match"] == '"pboc-1"'
    assert sent["/briefings/mfa-2023-03-14.html"]["if-modified-since"] == (
        "Tue, 25 Apr 2023 08:00:00 GMT"
    )
    assert "if-none-match" not in sent["/briefings/about.html"]  # it was not kept
    # The flaky page has no validators: it came again, the same bytes, and was left be.
    assert report.pages[1].reason == "the same bytes as the copy kept"
    assert {path.name: path.stat().st_mtime_ns for path in host.glob("*.html")} == before


def test_a_changed_page_is_fetched_again(office: PressOffice, tmp_path: Path) -> None:
    url = office.url("/briefings/pboc-2023-04-20.html")
    run(office, tmp_path, follow=None, urls=[url])
    office.routes["/briefings/pboc-2023-04-20.html"] = Route("mfa-2023-03-14.html", etag='"pboc-2"')
    report = run(office, tmp_path, follow=None, urls=[url])
    assert [(p.outcome, p.title) for p in report.pages] == [
        ("updated", "Foreign Ministry Spokesperson's Regular Press Conference")
    ]
    page = tmp_path / f"127.0.0.1_{office.port}" / "briefings_pboc-2023-04-20.html"
    assert page.read_bytes() == (WEB / "mfa-2023-03-14.html").read_bytes()
    assert json.loads(sidecar_of(page).read_text())["etag"] == '"pboc-2"'


def test_since_stops_the_walk_at_the_first_older_briefing(
    office: PressOffice, tmp_path: Path
) -> None:
    report = run(office, tmp_path, since=dt.date(2022, 7, 1))
    assert [url for url, _, _ in outcomes(report, office)] == [
        "/briefings/pboc-2023-04-20.html",
        "/briefings/flaky.html",
        "/briefings/mfa-2023-03-14.html",
        "/briefings/missing.html",
    ]
    assert report.not_followed == 4
    assert report.summary() == (
        "3 fetched, 0 unchanged, 0 skipped, 1 failed; 4 older link(s) not followed"
    )


def test_since_also_skips_a_page_whose_own_date_is_older(
    office: PressOffice, tmp_path: Path
) -> None:
    url = office.url("/archive/scio-2020-04-24.html")
    report = run(office, tmp_path, follow=None, urls=[url], since=dt.date(2021, 1, 1))
    assert [(p.outcome, p.reason, p.path) for p in report.pages] == [
        ("skipped", "older than --since (2020-04-24)", None)
    ]


def test_a_dropped_connection_loses_nothing_already_fetched(
    office: PressOffice, tmp_path: Path
) -> None:
    office.routes["/briefings/mfa-2023-03-14.html"] = Route(drop=True)
    report = run(office, tmp_path)
    by_url = {url: (outcome, reason) for url, outcome, reason in outcomes(report, office)}
    outcome, reason = by_url["/briefings/mfa-2023-03-14.html"]
    assert outcome == "failed"
    assert reason.startswith("network error (RemoteProtocolError")
    assert reason.endswith("(4 tries)")
    assert len(report.kept) == 4
    assert all(path.is_file() for path in report.kept)
    host = tmp_path / f"127.0.0.1_{office.port}"
    assert not list(host.glob(".part-*"))


def test_a_cancelled_run_keeps_the_pages_done(office: PressOffice, tmp_path: Path) -> None:
    cancel = threading.Event()
    steps: list[FetchProgress] = []

    class Stop(list[FetchProgress]):
        def append(self, step: FetchProgress) -> None:
            steps.append(step)
            if step.result is not None:
                cancel.set()

    report = run(office, tmp_path, cancel=cancel, progress=Stop())
    assert report.cancelled
    assert [p.outcome for p in report.pages] == ["fetched"]
    assert report.kept[0].is_file()
    assert [(s.done, s.total) for s in steps] == [(0, 8), (1, 8)]


def test_a_failed_listing_is_reported(office: PressOffice, tmp_path: Path) -> None:
    report = run(office, tmp_path, urls=[office.url("/briefings/gone.html")])
    assert [(p.outcome, p.reason) for p in report.listings] == [
        ("failed", "listing: HTTP 404 Not Found")
    ]
    assert report.pages == []
    report = run(office, tmp_path, follow="no-such-pattern")
    assert [p.reason for p in report.failed] == ["listing: no link matches the pattern"]


def test_a_page_that_is_not_html_or_text_is_not_kept(office: PressOffice, tmp_path: Path) -> None:
    office.routes["/briefings/slides.pdf"] = Route("about.html", content_type="application/pdf")
    report = run(office, tmp_path, follow=None, urls=[office.url("/briefings/slides.pdf")])
    assert [(p.outcome, p.reason) for p in report.pages] == [
        ("skipped", "not a transcript (served as application/pdf)")
    ]
    assert not (tmp_path / f"127.0.0.1_{office.port}").exists()
