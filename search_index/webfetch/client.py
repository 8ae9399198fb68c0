"""A polite HTTP client: robots.txt, one request at a time per host, retries with back-off.

Every request goes through `PoliteClient.get`: it waits until the host's delay has passed
since the last request there, asks again after a 429 or a 5xx (waiting what Retry-After
says, or longer each time), and follows redirects itself so that robots.txt is checked for
every address on the way. `sleep` and `clock` can be given, so tests never really wait.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from search_index.webfetch.policy import RETRY_STATUSES, ROBOTS_AGENT, FetchPolicy


class FetchError(Exception):
    """A page could not be fetched; the message says why in a few words."""


class RobotsForbidden(FetchError):
    """robots.txt asks us not to fetch this address."""


@dataclass(frozen=True)
class Fetched:
    """A final response (after redirects) and the address it came from."""

    response: httpx.Response
    url: str


def host_of(url: str) -> str:
    """`scheme://host[:port]` of an address."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def retry_after(response: httpx.Response, now: dt.datetime | None = None) -> float | None:
    """Seconds the server asks to wait (Retry-After as seconds or as a date), or None."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    moment = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - moment).total_seconds())


class PoliteClient:
    """Fetches pages one at a time, keeping to each host's delay and robots.txt."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """A client following `policy`; `sleep` and `clock` are injectable for tests."""
        self.policy = policy or FetchPolicy()
        self.sleep = sleep
        self.clock = clock
        self._client = httpx.Client(
            headers={"User-Agent": self.policy.agent()},
            timeout=self.policy.timeout,
            follow_redirects=False,
            transport=transport,
        )
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._robots_problem: dict[str, str] = {}
        self._crawl_delay: dict[str, float] = {}

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ requests

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """GET `url`, following redirects; robots.txt is checked at every hop.

        Raises RobotsForbidden or FetchError (network trouble, too many redirects, a
        server that keeps failing); any other HTTP status is returned as it is.
        """
        current = url
        for _ in range(self.policy.max_redirects + 1):
            self.check_robots(current)
            response = self._send(current, headers)
            if not response.is_redirect:
                return Fetched(response, current)
            location = response.headers.get("location")
            if not location:
                return Fetched(response, current)
            current = urljoin(current, location)
        raise FetchError(f"more than {self.policy.max_redirects} redirects")

    def _send(self, url: str, headers: Mapping[str, str] | None) -> httpx.Response:
        """One request, asked again after a 429, a 5xx or a network error."""
        host = host_of(url)
        policy = self.policy
        problem = ""
        for attempt in range(policy.retries + 1):
            self._wait_turn(host)
            response: httpx.Response | None = None
            try:
                response = self._client.get(url, headers=dict(headers or {}))
            except httpx.TransportError as error:
                problem = _network_problem(error)
            finally:
                self._last[host] = self.clock()
            if response is not None:
                if response.status_code not in RETRY_STATUSES:
                    return response
                problem = f"HTTP {response.status_code} {response.reason_phrase}".strip()
            if attempt == policy.retries:
                break
            asked = retry_after(response) if response is not None else None
            wait = asked if asked is not None else policy.retry_wait(attempt)
            if wait > policy.max_wait:
                raise FetchError(f"{problem}; the server asks to wait {wait:.0f} s")
            if wait > 0:
                self.sleep(wait)
        tries = policy.retries + 1
        raise FetchError(f"{problem} ({tries} tries)" if tries > 1 else problem)

    def _wait_turn(self, host: str) -> None:
        """Sleep until the host's delay has passed since its last request."""
        last = self._last.get(host)
        if last is None:
            return
        delay = max(self.policy.delay, self._crawl_delay.get(host, 0.0))
        wait = delay - (self.clock() - last)
        if wait > 0:
            self.sleep(wait)

    # ------------------------------------------------------------------ robots.txt

    def check_robots(self, url: str) -> None:
        """Raise RobotsForbidden unless robots.txt lets us fetch `url`."""
        host = host_of(url)
        if host not in self._robots:
            self._read_robots(host)
        rules = self._robots[host]
        if rules is None:
            raise RobotsForbidden(self._robots_problem[host])
        if not rules.can_fetch(ROBOTS_AGENT, url):
            raise RobotsForbidden("robots.txt forbids it")

    def _read_robots(self, host: str) -> None:
        """Read a host's robots.txt (RFC 9309: a 4xx allows all, a 5xx forbids all)."""
        rules = urllib.robotparser.RobotFileParser(f"{host}/robots.txt")
        try:
            response = self._send_following(f"{host}/robots.txt")
        except FetchError as error:
            self._robots[host] = None
            self._robots_problem[host] = f"robots.txt could not be read ({error})"
            return
        status = response.status_code
        if 200 <= status < 300:
            rules.parse(response.text.splitlines())
        elif 400 <= status < 500:
            rules.parse([])  # no rules: everything allowed
        else:
            self._robots[host] = None
            self._robots_problem[host] = f"robots.txt could not be read (HTTP {status})"
            return
        crawl_delay = rules.crawl_delay(ROBOTS_AGENT)
        if crawl_delay is not None:
            self._crawl_delay[host] = min(float(crawl_delay), self.policy.max_crawl_delay)
        self._robots[host] = rules

    def _send_following(self, url: str) -> httpx.Response:
        """GET with redirects followed (robots.txt itself is not subject to robots.txt)."""
        current = url
        response = self._send(current, None)
        for _ in range(self.policy.max_redirects):
            location = response.headers.get("location")
            if not response.is_redirect or not location:
                break
            current = urljoin(current, location)
            response = self._send(current, None)
        return response


def _network_problem(error: httpx.TransportError) -> str:
    if isinstance(error, httpx.TimeoutException):
        return "timed out"
    if isinstance(error, httpx.ConnectError):
        return "could not connect"
    detail = " ".join(str(error).split())[:80]
    return f"network error ({type(error).__name__}{': ' + detail if detail else ''})"
