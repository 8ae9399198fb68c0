"""Bringing briefings in from the web: fetch, check it is a transcript, keep it, say what happened.

`fetch_pages(urls, into)` fetches each page; with `follow`, each address is a listing
whose matching links are fetched instead, newest first, stopping at `since`. A page is kept
only if it parses as a transcript: its bytes exactly as served, and beside it a record of
its address and validators (see `search_index.provenance`). A second run asks the server
whether each page changed (If-None-Match / If-Modified-Since) and leaves unchanged ones be.
Each page is written as soon as it is fetched, through a temporary file and a rename, so
nothing fetched is lost when the network (or the user) stops the run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from search_index.errors import InputError, NotATranscriptError, PressroomError
from search_index.models import Transcript
from search_index.provenance import Provenance, read_provenance, write_atomically, write_provenance
from search_index.webfetch.client import FetchError, PoliteClient, RobotsForbidden
from search_index.webfetch.listing import ListedLink, listed_links
from search_index.webfetch.naming import existing_copy, path_for, suffix_for

Outcome = Literal["fetched", "updated", "unchanged", "skipped", "failed"]
"""What became of one address: kept (new or changed), already up to date, left alone on
purpose (not a transcript, forbidden by robots.txt, older than --since), or failed."""


@dataclass(frozen=True)
class PageResult:
    """What became of one address."""

    url: str
    outcome: Outcome
    path: Path | None = None
    reason: str = ""
    title: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class FetchProgress:
    """Where a fetch run is: reported before and after each page."""

    done: int
    total: int
    url: str
    result: PageResult | None = None


@dataclass
class FetchReport:
    """Everything a fetch run did."""

    pages: list[PageResult] = field(default_factory=list)
    listings: list[PageResult] = field(default_factory=list)
    """The listing pages read (with --follow): only failures are kept here."""
    not_followed: int = 0
    """Links left unfetched because they are older than --since."""
    cancelled: bool = False

    def of(self, outcome: Outcome) -> list[PageResult]:
        """The pages with that outcome."""
        return [page for page in self.pages if page.outcome == outcome]

    @property
    def kept(self) -> list[Path]:
        """Files written by this run."""
        return [p.path for p in self.pages if p.outcome in {"fetched", "updated"} and p.path]

    @property
    def failed(self) -> list[PageResult]:
        """Pages and listings that could not be fetched."""
        return [*self.listings, *self.of("failed")]

    def summary(self) -> str:
        """One line: how many pages were fetched, unchanged, skipped and failed."""
        fetched = len(self.of("fetched")) + len(self.of("updated"))
        line = (
            f"{fetched} fetched, {len(self.of('unchanged'))} unchanged, "
            f"{len(self.of('skipped'))} skipped, {len(self.failed)} failed"
        )
        if self.not_followed:
            line += f"; {self.not_followed} older link(s) not followed"
        if self.cancelled:
            line += " (stopped early: run again to fetch the rest)"
        return line


ProgressCallback = Callable[[FetchProgress], None]


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """The --follow pattern as a regular expression; InputError if it is not one."""
    try:
        return re.compile(pattern)
    except re.error as error:
        raise InputError(f"--follow {pattern!r} is not a valid pattern: {error}") from None


def fetch_pages(
    urls: Sequence[str],
    into: Path,
    *,
    client: PoliteClient,
    follow: re.Pattern[str] | None = None,
    since: dt.date | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> FetchReport:
    """Fetch `urls` (or, with `follow`, the matching links of those listings) into `into`."""
    report = FetchReport()
    targets: list[ListedLink] = []
    if follow is None:
        targets = [ListedLink(url) for url in dict.fromkeys(urls)]
    else:
        for listing in dict.fromkeys(urls):
            links, failure = _read_listing(client, listing, follow)
            if failure is not None:
                report.listings.append(failure)
            known = {target.url for target in targets}
            targets.extend(link for link in links if link.url not in known)
    total = len(targets)
    for done, target in enumerate(targets):
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            break
        if follow is not None and since and target.date and target.date < since:
            report.not_followed = total - done
            break
        if progress is not None:
            progress(FetchProgress(done, total, target.url))
        result = fetch_page(client, target.url, into, since=since)
        report.pages.append(result)
        if progress is not None:
            progress(FetchProgress(done + 1, total, target.url, result))
        if follow is not None and result.reason.startswith(_OLDER):
            # A listing goes newest first: what comes after is older still.
            report.not_followed = total - done - 1
            break
    return report


def _read_listing(
    client: PoliteClient, url: str, pattern: re.Pattern[str]
) -> tuple[list[ListedLink], PageResult | None]:
    try:
        fetched = client.get(url)
    except FetchError as error:
        return [], PageResult(url, "failed", reason=f"listing: {error}")
    response = fetched.response
    if response.status_code != 200:
        return [], PageResult(url, "failed", reason=f"listing: {_status(response)}")
    links = listed_links(response.text, fetched.url, pattern)
    if not links:
        return [], PageResult(url, "failed", reason="listing: no link matches the pattern")
    return links, None


_OLDER = "older than"


def fetch_page(
    client: PoliteClient, url: str, into: Path, *, since: dt.date | None = None
) -> PageResult:
    """Fetch one page and keep it if it is a transcript (and changed since the last run)."""
    previous = existing_copy(url, into)
    record = read_provenance(previous) if previous is not None else None
    headers: dict[str, str] = {}
    if previous is not None and record is not None:
        if record.etag:
            headers["If-None-Match"] = record.etag
        if record.last_modified:
            headers["If-Modified-Since"] = record.last_modified
    try:
        fetched = client.get(url, headers)
    except RobotsForbidden as error:
        return PageResult(url, "skipped", reason=str(error))
    except FetchError as error:
        return PageResult(url, "failed", reason=str(error))
    response = fetched.response
    if response.status_code == 304 and previous is not None:
        return PageResult(url, "unchanged", previous, "not modified since the last fetch")
    if response.status_code != 200:
        return PageResult(url, "failed", reason=_status(response))
    content_type = response.headers.get("content-type")
    suffix = suffix_for(content_type)
    if suffix is None:
        kind = (content_type or "").split(";")[0].strip()
        return PageResult(url, "skipped", reason=f"not a transcript (served as {kind})")
    data = response.content
    if len(data) > client.policy.max_bytes:
        return PageResult(url, "skipped", reason=f"too large ({len(data):,} bytes)")
    target = path_for(url, into, suffix)
    provenance = Provenance(
        url=url,
        final_url=fetched.url if fetched.url != url else None,
        fetched_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        content_type=content_type,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    if previous == target and _same_bytes(previous, data):
        write_provenance(target, provenance)
        return PageResult(url, "unchanged", target, "the same bytes as the copy kept")
    try:
        transcript = _parse(data, target)
    except NotATranscriptError:
        return PageResult(url, "skipped", reason="not a transcript (no speaker turns found)")
    except PressroomError as error:
        return PageResult(url, "skipped", reason=f"not a transcript ({_short(error, target)})")
    if since is not None and transcript.date is not None and transcript.date < since:
        return PageResult(
            url,
            "skipped",
            reason=f"{_OLDER} --since ({transcript.date.isoformat()})",
            date=transcript.date,
        )
    write_atomically(target, data)
    write_provenance(target, provenance)
    outcome: Outcome = "updated" if previous is not None else "fetched"
    return PageResult(url, outcome, target, title=transcript.title, date=transcript.date)


def _parse(data: bytes, target: Path) -> Transcript:
    from search_index.parser import parse_bytes

    return parse_bytes(data, source=str(target))


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _short(error: PressroomError, target: Path) -> str:
    message = error.message
    for prefix in (f"{target}: ", f"{target.name}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def _status(response: object) -> str:
    code = getattr(response, "status_code", 0)
    phrase = getattr(response, "reason_phrase", "")
    return f"HTTP {code} {phrase}".strip()
