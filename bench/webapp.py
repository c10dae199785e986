"""Benchmark part for the Mini App: /app/api/history for a user with a year of daily check-ins,
50 requests at a time, against the bot's own web server in the bot's event loop.

The server is this part's process, as `legday-bot run` serves it: the application started
(job queue and all), `bot.webapp.webapp_server` on its loop. The client is a few processes of
their own, each a plain HTTP/1.1 keep-alive client over asyncio streams with the request
bytes built once: a general-purpose client (httpx, 50 requests in one Python process) cost
more CPU per response than the server, and its own queueing was what the p99 showed.

Figures, each round `requests` requests with `CONCURRENT` in flight at once:
- `webapp_history_p99_ms` / `_median_ms`: as the client sees them (request written to the
  last byte of the answer read), so they include waiting for the server's single loop;
- `webapp_server_p99_ms` / `_median_ms`: Tornado's own `request_time()` of each answer, from
  the request's headers read to its response handed to the socket, noted by the handler's
  `on_finish` (a subclass added here, no product code changed);
- `webapp_server_cpu_ms_per_request`: the server process's CPU time over the round, per
  request (everything the bot did to serve it, its threads included);
- `webapp_floor_*`: the same client against a server in the same loop that answers the same
  bytes at once: what HTTP and this client cost with no server code at all;
- `webapp_event_loop_block_ms`: the longest single step of the loop during another round, in
  asyncio's debug mode (see bench.field._longest_step).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import re
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bench.field import _running, _stalls, _stop, run_watched
from bench.parts import PUSH_AT, TOKEN, stand_in_elsewhere
from bot.initdata import sign
from bot.webapp import API_PATH, HistoryApi, webapp_routes, webapp_server
from conversations.coach.timing import WARM_UP, local_date
from storage.models import JogStatus

USER = 900_000
CONCURRENT = 50
# Client processes sharing the CONCURRENT connections. On the 2-core development machine
# (2026-11-30, one run each) one process showed a p99 of 50 ms against a floor of 39 ms, its own
# queue of 50 answers showing through; three took cores the server needed (p99 92 ms); two
# gave 17 ms, as low as the floor.
CLIENTS = 2
_LENGTH = re.compile(rb"\r\ncontent-length: *(\d+)", re.IGNORECASE)


def _request(port: int, authorization: str) -> bytes:
    """The GET the Mini App's page sends, as bytes on the wire (built once per round)."""
    return (
        f"GET {API_PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: {authorization}\r\nAccept: application/json\r\n\r\n"
    ).encode()


async def _load(port: int, request: bytes, connections: int, requests: int) -> list[float]:
    took: list[float] = []
    left = iter(range(requests))
    opened = [await asyncio.open_connection("127.0.0.1", port) for _ in range(connections)]

    async def one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for _ in left:
            begin = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 200 "):
                raise RuntimeError(f"answered {head[:40]!r}")
            length = _LENGTH.search(head)
            if length is None:  # every answer of these servers has its length
                raise RuntimeError(f"no Content-Length in {head!r}")
            await reader.readexactly(int(length.group(1)))
            took.append(time.perf_counter() - begin)

    try:
        await asyncio.gather(*(one(reader, writer) for reader, writer in opened))
    finally:
        for _, writer in opened:
            writer.close()
    return took


async def _body(port: int, request: bytes) -> bytes:
    """The body of one answer to `request`, read here (outside any measured round)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        length = _LENGTH.search(head)
        assert length is not None
        return await reader.readexactly(int(length.group(1)))
    finally:
        writer.close()


def _client(port: int, request: bytes, connections: int, requests: int) -> list[float]:
    """Seconds each request took, `connections` in flight at once (in a client process)."""
    return asyncio.run(_load(port, request, connections, requests))


def _ready() -> int:
    time.sleep(0.2)  # long enough that every process of the pool takes one of these
    return 0


class _Clients:
    """`CLIENTS` processes, started before anything is measured, sharing out each round."""

    def __init__(self) -> None:
        self.pool = ProcessPoolExecutor(CLIENTS, mp_context=multiprocessing.get_context("spawn"))
        for started in [self.pool.submit(_ready) for _ in range(CLIENTS)]:
            started.result()

    async def round(self, port: int, authorization: str, requests: int) -> list[float]:
        """Seconds each of `requests` requests took, CONCURRENT in flight across the clients.
        Run in the pool, not a thread: a client in this process would hold the GIL the bot's
        loop needs, and its work would count as the bot's."""
        loop = asyncio.get_running_loop()
        request = _request(port, authorization)
        shares = [
            loop.run_in_executor(
                self.pool,
                _client,
                port,
                request,
                CONCURRENT // CLIENTS + (n < CONCURRENT % CLIENTS),
                requests // CLIENTS + (n < requests % CLIENTS),
            )
            for n in range(CLIENTS)
        ]
        return [took for share in await asyncio.gather(*shares) for took in share]

    def close(self) -> None:
        self.pool.shutdown()


class _Served:
    """Tornado's request_time() of each answer, noted by the handlers below."""

    def __init__(self) -> None:
        self.took: list[float] = []


class _TimedHistory(HistoryApi):
    """bot.webapp's handler as it is, noting how long each answer took the server."""

    def initialize(self, served: _Served, **kwargs: Any) -> None:  # type: ignore[override]
        super().initialize(**kwargs)
        self.served = served

    def on_finish(self) -> None:
        self.served.took.append(self.request.request_time())


def _timed_server(app: Any, served: _Served) -> HTTPServer:
    """`webapp_server(app)` (the server `legday-bot run` starts) with the history route's
    handler noting its times: the same routes added again ahead of the others, the API's
    handler swapped for `_TimedHistory` with the same arguments."""
    server = webapp_server(app)
    routes = [
        (path, _TimedHistory, {"served": served, **kwargs})
        for path, handler, kwargs in webapp_routes(app)
        if handler is HistoryApi
    ]
    application = server.request_callback
    assert isinstance(application, tornado.web.Application)
    application.add_handlers(r".*", routes)
    return server


class _Canned(tornado.web.RequestHandler):
    """The answer a record gets, with no work at all: what the client and HTTP cost alone."""

    def initialize(self, body: bytes, served: _Served) -> None:
        self.body = body
        self.served = served

    def get(self) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(self.body)

    def on_finish(self) -> None:
        self.served.took.append(self.request.request_time())


def _served_on(server: HTTPServer) -> int:
    sockets = bind_sockets(0, "127.0.0.1")
    server.add_sockets(sockets)
    return int(sockets[0].getsockname()[1])


async def _measured(
    clients: _Clients, port: int, authorization: str, requests: int, served: _Served
) -> tuple[list[float], list[float], float]:
    """Client times, server times (s) and the server's CPU seconds of one round."""
    served.took.clear()
    cpu = time.process_time()
    took = await clients.round(port, authorization, requests)
    cpu = time.process_time() - cpu
    return sorted(took), sorted(served.took), cpu


async def _floor(
    clients: _Clients, body: bytes, requests: int
) -> tuple[list[float], list[float], float]:
    """A round against a server that answers `body` at once, in this loop: the least any
    server code could give with this client on this machine."""
    served = _Served()
    routes = [(API_PATH, _Canned, {"body": body, "served": served})]
    server = HTTPServer(tornado.web.Application(routes))
    try:
        return await _measured(clients, _served_on(server), "tma -", requests, served)
    finally:
        server.stop()
        await server.close_all_connections()


def _p99(times: list[float]) -> float:
    """The 99th percentile of sorted `times` (s), in ms."""
    return times[max(int(len(times) * 0.99) - 1, 0)] * 1000


async def _webapp(database: Path, requests: int, days: int) -> dict[str, Any]:
    with stand_in_elsewhere() as api:
        app = await _running(database, api)
        repo = app.bot_data.repo
        assert repo is not None
        today = local_date("Europe/Berlin", PUSH_AT)
        await repo.users.ensure(USER, USER, PUSH_AT - timedelta(days=400))
        await repo.users.update(USER, PUSH_AT, time_zone="Europe/Berlin", onboarded_at=PUSH_AT)
        for back in range(days):
            day = today - timedelta(days=back)
            workout = "leg_day" if back % 3 == 0 else "easy_run"
            walking = ("normal", "a_bit_sore", "stiff_sore")[back % 3]
            answers = {"workout": workout, "walking": walking}
            await repo.checkins.save(USER, day, answers, 7, "easy_jog", PUSH_AT)
            if back % 3 == 2:
                started = PUSH_AT - timedelta(days=back)
                jog = await repo.jogs.start(USER, "jog", 15, started, WARM_UP)
                await repo.jogs.end(
                    jog.id, JogStatus.COMPLETED, started + timedelta(minutes=20), 15
                )
        served = _Served()
        server = _timed_server(app, served)
        port = _served_on(server)
        authorization = "tma " + sign(USER, "Bench", "en", TOKEN, PUSH_AT)
        clients = _Clients()
        try:
            await clients.round(port, authorization, CONCURRENT)  # warm-up
            took, server_took, cpu = await _measured(clients, port, authorization, requests, served)
            # A second round in asyncio's debug mode (slower), for the longest single step.
            stalls = await _stalls(clients.round(port, authorization, requests))
            body = await _body(port, _request(port, authorization))
            floor, floor_served, floor_cpu = await _floor(clients, body, requests)
        finally:
            clients.close()
            server.stop()
            await server.close_all_connections()
            await _stop(app)
    return {
        "webapp_history_p99_ms": _p99(took),
        "webapp_history_median_ms": statistics.median(took) * 1000,
        "webapp_server_p99_ms": _p99(server_took),
        "webapp_server_median_ms": statistics.median(server_took) * 1000,
        "webapp_server_cpu_ms_per_request": cpu / requests * 1000,
        "webapp_event_loop_block_ms": stalls.step * 1000,
        "webapp_event_loop_turn_ms": stalls.turn * 1000,
        "webapp_event_loop_turn_own_ms": stalls.turn_own * 1000,
        "webapp_event_loop_turn_cpu_ms": stalls.turn_cpu * 1000,
        "webapp_floor_p99_ms": _p99(floor),
        "webapp_floor_median_ms": statistics.median(floor) * 1000,
        "webapp_floor_server_p99_ms": _p99(floor_served),
        "webapp_floor_cpu_ms_per_request": floor_cpu / requests * 1000,
        "webapp_requests": requests,
        "webapp_days": days,
        "webapp_body_bytes": len(body),
        "webapp_client_processes": CLIENTS,
    }


def webapp(database: Path, requests: int, days: int = 365) -> dict[str, Any]:
    return run_watched(_webapp(database, requests, days))
