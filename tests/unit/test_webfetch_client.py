"""The polite client: per-host delay, retries with back-off, Retry-After, robots.txt, redirects.

Requests are answered by httpx's MockTransport and time is a fake clock, so nothing waits
and nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import httpx
import pytest

from search_index.webfetch import FetchError, FetchPolicy, PoliteClient, RobotsForbidden
from search_index.webfetch.client import retry_after


class FakeTime:
    """A clock that only moves when something sleeps (or a request takes `cost` seconds)."""

    def __init__(self, cost: float = 0.0) -> None:
        self.now = 100.0
        self.cost = cost
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


Handler = Callable[[httpx.Request], httpx.Response]


def client(handler: Handler, time: FakeTime, **policy: float) -> PoliteClient:
    def timed(request: httpx.Request) -> httpx.Response:
        time.now += time.cost
        return handler(request)

    return PoliteClient(
        FetchPolicy(**policy),  # type: ignore[arg-type]
        transport=httpx.MockTransport(timed),
        sleep=time.sleep,
        clock=time.clock,
    )


def robots_allowing_all(request: httpx.Request) -> httpx.Response | None:
    if request.url.path == "/robots.txt":
        return httpx.Response(404)
    return None


def test_requests_to_one_host_are_spaced_by_the_delay_and_other_hosts_do_not_wait() -> None:
    time = FakeTime(cost=0.25)
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.url.host}{request.url.path}")
        return robots_allowing_all(request) or httpx.Response(200, text="ok")

    with client(handler, time, delay=2.0) as polite:
        polite.get("http://a.example/1")
        polite.get("http://a.example/2")
        polite.get("http://b.example/1")
    assert seen == [
        "a.example/robots.txt",
        "a.example/1",
        "a.example/2",
        "b.example/robots.txt",
        "b.example/1",
    ]
    # 2 s from the end of one request to a host to the start of the next: before a/1,
    # a/2 and b/1; b.example's first request does not wait for a.example's.
    assert time.sleeps == [2.0, 2.0, 2.0]


def test_the_user_agent_names_pressroom() -> None:
    agents: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        agents.append(request.headers["user-agent"])
        return robots_allowing_all(request) or httpx.Response(200, text="ok")

    with client(handler, FakeTime(), delay=0.0) as polite:
        polite.get("http://a.example/")
    assert agents[0] == agents[1]
    assert agents[0].startswith("pressroom/")
    assert "press-briefing archiver" in agents[0]


def test_a_5xx_is_retried_with_growing_waits_then_given_up_with_the_reason() -> None:
    time = FakeTime()

    def handler(request: httpx.Request) -> httpx.Response:
        return robots_allowing_all(request) or httpx.Response(503)

    with (
        client(handler, time, delay=1.0, backoff=2.0, retries=3) as polite,
        pytest.raises(FetchError) as failure,
    ):
        polite.get("http://a.example/page")
    assert str(failure.value) == "HTTP 503 Service Unavailable (4 tries)"
    # The per-host delay before the first try (robots.txt was just read), then back-off.
    assert time.sleeps == [1.0, 1.0, 2.0, 4.0]


def test_retry_after_in_seconds_is_honoured_on_429() -> None:
    time = FakeTime()
    answers = iter([httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200)])

    def handler(request: httpx.Request) -> httpx.Response:
        return robots_allowing_all(request) or next(answers)

    with client(handler, time, delay=0.0) as polite:
        fetched = polite.get("http://a.example/page")
    assert fetched.response.status_code == 200
    assert time.sleeps == [7.0]


def test_a_server_asking_to_wait_too_long_is_given_up_on() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return robots_allowing_all(request) or httpx.Response(429, headers={"Retry-After": "3600"})

    with (
        client(handler, FakeTime(), delay=0.0, max_wait=300.0) as polite,
        pytest.raises(FetchError) as failure,
    ):
        polite.get("http://a.example/page")
    assert str(failure.value) == "HTTP 429 Too Many Requests; the server asks to wait 3600 s"


def test_retry_after_as_an_http_date() -> None:
    response = httpx.Response(503, headers={"Retry-After": "Wed, 21 Oct 2026 07:28:30 GMT"})
    now = dt.datetime(2026, 10, 21, 7, 28, 0, tzinfo=dt.UTC)
    assert retry_after(response, now) == 30.0
    assert retry_after(httpx.Response(503, headers={"Retry-After": "soon"})) is None


def test_network_errors_are_retried_then_reported_in_a_few_words() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        raise httpx.ConnectError("connection refused", request=request)

    with (
        client(handler, FakeTime(), delay=0.0, retries=2) as polite,
        pytest.raises(FetchError) as failure,
    ):
        polite.get("http://a.example/page")
    assert str(failure.value) == "could not connect (3 tries)"


def test_robots_txt_rules_and_crawl_delay_are_honoured() -> None:
    time = FakeTime()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            text = "User-agent: *\nDisallow: /private/\nCrawl-delay: 5\n"
            return httpx.Response(200, text=text)
        return httpx.Response(200, text="ok")

    with client(handler, time, delay=1.0) as polite:
        with pytest.raises(RobotsForbidden) as refused:
            polite.get("http://a.example/private/page")
        assert str(refused.value) == "robots.txt forbids it"
        polite.get("http://a.example/public/page")
    assert time.sleeps == [5.0]


def test_robots_txt_for_pressroom_by_name() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: pressroom\nDisallow: /\n")
        return httpx.Response(200, text="ok")

    with client(handler, FakeTime(), delay=0.0) as polite, pytest.raises(RobotsForbidden):
        polite.get("http://a.example/anything")


def test_a_robots_txt_server_error_forbids_the_host_and_a_404_allows_it() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(500 if request.url.host == "down.example" else 404)
        return httpx.Response(200, text="ok")

    with client(handler, FakeTime(), delay=0.0, retries=1) as polite:
        with pytest.raises(RobotsForbidden) as refused:
            polite.get("http://down.example/page")
        assert str(refused.value) == (
            "robots.txt could not be read (HTTP 500 Internal Server Error (2 tries))"
        )
        assert polite.get("http://up.example/page").response.status_code == 200


def test_redirects_are_followed_and_checked_against_robots_txt_at_each_hop() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new"})
        if request.url.path == "/sneaky":
            return httpx.Response(302, headers={"Location": "/private/page"})
        return httpx.Response(200, text="here")

    with client(handler, FakeTime(), delay=0.0) as polite:
        fetched = polite.get("http://a.example/old")
        assert (fetched.url, fetched.response.text) == ("http://a.example/new", "here")
        with pytest.raises(RobotsForbidden):
            polite.get("http://a.example/sneaky")


def test_a_redirect_loop_stops() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": request.url.path})

    with (
        client(handler, FakeTime(), delay=0.0, max_redirects=3) as polite,
        pytest.raises(FetchError) as failure,
    ):
        polite.get("http://a.example/loop")
    assert str(failure.value) == "more than 3 redirects"
