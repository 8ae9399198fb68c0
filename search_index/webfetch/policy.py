"""How politely pages are fetched: who we say we are, how long we wait, how often we retry."""

from __future__ import annotations

from dataclasses import dataclass

from search_index.settings import APP_NAME


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(APP_NAME)
    except PackageNotFoundError:  # pragma: no cover - an uninstalled source tree
        return "0"


#: The product token robots.txt rules are matched against.
ROBOTS_AGENT = APP_NAME
#: Statuses worth asking again after a pause: rate limiting and server trouble.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def user_agent() -> str:
    """`pressroom/<version> (press-briefing archiver; one request at a time per host)`."""
    return f"{APP_NAME}/{_version()} (press-briefing archiver; one request at a time per host)"


@dataclass(frozen=True)
class FetchPolicy:
    """The rules every request follows."""

    delay: float = 1.0
    """Seconds between two requests to the same host (robots.txt's Crawl-delay if longer)."""
    retries: int = 3
    """Further tries after a 429, a 5xx or a network error."""
    backoff: float = 2.0
    """Each retry waits `delay × backoff^try` seconds, or what Retry-After asks."""
    max_wait: float = 300.0
    """A server asking to wait longer than this (Retry-After) is given up on."""
    max_crawl_delay: float = 60.0
    """A robots.txt Crawl-delay is honoured up to this many seconds."""
    timeout: float = 30.0
    """Seconds to wait for a server to answer."""
    max_redirects: int = 5
    max_bytes: int = 20_000_000
    """A page larger than this is not kept."""
    user_agent: str = ""
    """The User-Agent sent (empty: `user_agent()`)."""

    def agent(self) -> str:
        """The User-Agent header to send."""
        return self.user_agent or user_agent()

    def retry_wait(self, attempt: int) -> float:
        """Seconds before try `attempt + 1` when the server did not say (attempt from 0)."""
        return self.delay * self.backoff**attempt
