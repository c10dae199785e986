"""Benchmark part for the Mini App: /app/api/history for a user with a year of daily check-ins,
50 requests at a time, against the bot's own web server in its own event loop."""

from __future__ import annotations

import asyncio
import multiprocessing
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import tornado.web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bench.field import _longest_step, _running, _stop
from bench.parts import PUSH_AT, TOKEN, stand_in_elsewhere
from bot.initdata import sign
from bot.webapp import API_PATH, webapp_server
from conversations.coach.timing import WARM_UP, local_date
from storage.models import JogStatus

USER = 900_000
CONCURRENT = 50


def _client(base: str, authorization: str, requests: int) -> list[float]:
    """Seconds each request took, `CONCURRENT` in flight at once."""

    async def run() -> list[float]:
        took: list[float] = []
        limits = httpx.Limits(max_connections=CONCURRENT)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
            queue = iter(range(requests))

            async def worker() -> None:
                for _ in queue:
                    begin = time.perf_counter()
                    answer = await client.get(API_PATH, headers={"Authorization": authorization})
                    took.append(time.perf_counter() - begin)
                    if answer.status_code != 200:
                        raise RuntimeError(f"answered {answer.status_code}")

            await asyncio.gather(*(worker() for _ in range(CONCURRENT)))
        return took

    return asyncio.run(run())


async def _drive(client: ProcessPoolExecutor, base: str, authorization: str, n: int) -> None:
    await _timed(client, base, authorization, n)


async def _timed(
    client: ProcessPoolExecutor, base: str, authorization: str, requests: int
) -> list[float]:
    """The client runs in a process of its own (started before anything is measured): in a
    thread it would hold the GIL the bot's loop needs, and its work would count as the bot's."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(client, _client, base, authorization, requests)


class _Canned(tornado.web.RequestHandler):
    """The answer a record gets, with no work at all: what the client and HTTP cost alone."""

    def initialize(self, body: bytes) -> None:
        self.body = body

    def get(self) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(self.body)


async def _floor(client: ProcessPoolExecutor, body: bytes, requests: int) -> list[float]:
    """Seconds each request took against a server that answers `body` at once, in this loop:
    the least any server code could give with this client on this machine."""
    server = HTTPServer(tornado.web.Application([(API_PATH, _Canned, {"body": body})]))
    sockets = bind_sockets(0, "127.0.0.1")
    server.add_sockets(sockets)
    try:
        base = f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
        return await _timed(client, base, "tma -", requests)
    finally:
        server.stop()
        await server.close_all_connections()


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
        server = webapp_server(app)
        sockets = bind_sockets(0, "127.0.0.1")
        server.add_sockets(sockets)
        base = f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
        authorization = "tma " + sign(USER, "Bench", "en", TOKEN, PUSH_AT)
        client = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        try:
            await _drive(client, base, authorization, CONCURRENT)  # start-up and warm-up
            took = await _timed(client, base, authorization, requests)
            # A second round in asyncio's debug mode (slower), for the longest single step.
            stall = await _longest_step(_drive(client, base, authorization, requests))
            async with httpx.AsyncClient(base_url=base) as one:
                body = (await one.get(API_PATH, headers={"Authorization": authorization})).content
            floor = await _floor(client, body, requests)
        finally:
            client.shutdown()
            server.stop()
            await server.close_all_connections()
            await _stop(app)
    took.sort()
    floor.sort()
    return {
        "webapp_history_p99_ms": took[int(len(took) * 0.99) - 1] * 1000,
        "webapp_history_median_ms": statistics.median(took) * 1000,
        "webapp_event_loop_block_ms": stall * 1000,
        # The same client against a server that only answers the same bytes: the p99 no code
        # could beat here, as the 50 requests' client in one Python process queues too.
        "webapp_floor_p99_ms": floor[int(len(floor) * 0.99) - 1] * 1000,
        "webapp_floor_median_ms": statistics.median(floor) * 1000,
        "webapp_requests": requests,
        "webapp_days": days,
    }


def webapp(database: Path, requests: int, days: int = 365) -> dict[str, Any]:
    return asyncio.run(_webapp(database, requests, days))
