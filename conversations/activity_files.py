"""Reading activity files (FIT, TCX, GPX, each maybe gzipped) into `coach.activities.Activity`.

Well-kept parsers, not hand-written ones: fitdecode (MIT) for FIT, gpxpy (Apache-2.0) for GPX,
and for TCX the standard library's parser behind defusedxml (PSF), which refuses entity
declarations, so a "billion laughs" file costs nothing. Every way a file can be wrong ends in
`ActivityFileError` with a `Problem`, which the chat turns into one line (conversations.activities).
`read_in_worker` runs the parse in a worker process under a time cap, so the event loop never
waits on it; the sizes are capped before and while decompressing.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import multiprocessing
import struct
import zlib
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import fitdecode
import gpxpy
import gpxpy.gpx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from conversations.coach.activities import Activity, Lap, Sport

# The Bot API lets a bot download files of up to 20 MB (core.telegram.org/bots/api#getfile):
# anything larger is refused before asking for it.
MAX_FILE_BYTES = 20 * 1024 * 1024
# An hour's run at one point a second is about 0.2 MB of FIT and 1 MB of GPX or TCX; a
# 24-hour ultra in GPX stays under 30 MB. More than this once unzipped is a zip bomb.
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024
# An hour at 1 Hz parses in about 0.1-0.3 s here (bench activity_parse_ms_1h); a file that
# takes 20 s is hostile or broken, and the user gets an answer instead of waiting on it.
PARSE_SECONDS = 20.0

SUFFIXES = (".fit", ".fit.gz", ".tcx", ".tcx.gz", ".gpx", ".gpx.gz")


class Problem(StrEnum):
    NOT_ACTIVITY = "not_activity"
    CORRUPT_FIT = "corrupt_fit"
    MALFORMED_XML = "malformed_xml"
    NO_TIMES = "no_times"
    # A GPX or TCX file as such, but with nothing recorded in it: an empty or planned route, a
    # course. Its own answer: "not an activity file" reads as wrong for a .gpx (issue 13).
    NO_POINTS = "no_points"
    # A FIT activity with its recorded points but no session message, the summary of what was
    # done (a workout the watch did not finish saving): not "not an activity file" either.
    NO_SESSION = "no_session"
    TOO_BIG = "too_big"
    ZIP_BOMB = "zip_bomb"
    BAD_GZIP = "bad_gzip"
    TOO_SLOW = "too_slow"


class ActivityFileError(Exception):
    def __init__(self, problem: Problem | str) -> None:
        # Also rebuilt from its value: it comes back pickled from the worker process.
        self.problem = Problem(problem)
        super().__init__(self.problem.value)


@dataclass(frozen=True)
class Parsed:
    """An activity and the file's own id: the FIT file id (maker, product, serial number, time
    created) when it has one, else a hash of the unzipped content; either way a second upload of
    the same file, zipped or not, gets the same id."""

    activity: Activity
    source_id: str


def kind_of(file_name: str | None) -> str | None:
    """'fit', 'tcx' or 'gpx' by the name's ending (gzipped or not), None for anything else."""
    name = (file_name or "").lower()
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return suffix.split(".")[1]
    return None


def parse(file_name: str, data: bytes) -> Parsed:
    """Raises ActivityFileError for every file that is not a readable activity."""
    kind = kind_of(file_name)
    if kind is None:
        raise ActivityFileError(Problem.NOT_ACTIVITY)
    if len(data) > MAX_FILE_BYTES:
        raise ActivityFileError(Problem.TOO_BIG)
    if file_name.lower().endswith(".gz"):
        data = gunzip(data)
    if kind == "fit":
        activity, own_id = _fit(data)
    elif kind == "tcx":
        activity, own_id = _tcx(data), None
    else:
        activity, own_id = _gpx(data), None
    return Parsed(activity, own_id or "sha256:" + hashlib.sha256(data).hexdigest())


def gunzip(data: bytes, limit: int = MAX_UNZIPPED_BYTES) -> bytes:
    """Unzips at most `limit` bytes: a bomb is stopped there, not after filling the memory."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as error:
        raise ActivityFileError(Problem.BAD_GZIP) from error
    if len(out) > limit:
        raise ActivityFileError(Problem.ZIP_BOMB)
    if not inflater.eof:
        raise ActivityFileError(Problem.BAD_GZIP)
    return out


# Parsing is CPU work that holds the GIL, in long single C calls too (expat reads a whole GPX
# file in one): in a thread it stalled the event loop by up to 90 ms for a one-hour GPX
# (bench activity_parse_event_loop_stall_ms). One worker process reads every file, one after
# another, as conversations.chart draws charts; it starts with the first file.
_workers: ProcessPoolExecutor | None = None


def _started() -> ProcessPoolExecutor:
    """The worker, started and ready (its imports take a moment)."""
    workers = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    workers.submit(int).result()
    return workers


async def read_in_worker(file_name: str, data: bytes, seconds: float = PARSE_SECONDS) -> Parsed:
    """`parse` in the worker process. Past `seconds` the user is answered TOO_SLOW and the
    worker is let go (a new one reads the next file; the old one ends when its capped input
    is read). A worker that died is replaced once."""
    global _workers
    loop = asyncio.get_running_loop()
    for attempt in (1, 2):
        if _workers is None:
            _workers = await asyncio.to_thread(_started)  # not on the event loop's time
        workers = _workers
        try:
            return await asyncio.wait_for(
                loop.run_in_executor(workers, parse, file_name, data), seconds
            )
        except TimeoutError as error:
            _workers = None
            workers.shutdown(wait=False, cancel_futures=True)
            raise ActivityFileError(Problem.TOO_SLOW) from error
        except BrokenProcessPool:
            _workers = None
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def stop_reading() -> None:
    """End the worker process, if one was started (it is started again when needed)."""
    global _workers
    if _workers is not None:
        _workers.shutdown(wait=True)
        _workers = None


# FIT


FIT_SPORTS = {"running": Sport.RUN, "cycling": Sport.CYCLE, "swimming": Sport.SWIM}


def _fit(data: bytes) -> tuple[Activity, str | None]:
    session: dict[str, Any] | None = None
    file_id: dict[str, Any] = {}
    laps: list[Lap] = []
    first_record: datetime | None = None
    recorded = False
    try:
        with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.ENABLED) as reader:
            for frame in reader:
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                if frame.name == "session" and session is None:
                    session = _fields(frame)
                elif frame.name == "file_id":
                    file_id = _fields(frame)
                elif frame.name == "lap":
                    lap = _fields(frame)
                    laps.append(
                        Lap(
                            float(lap.get("total_timer_time") or 0),
                            float(lap.get("total_distance") or 0),
                        )
                    )
                elif frame.name == "record" and first_record is None:
                    recorded = True
                    stamp = _fields(frame).get("timestamp")
                    first_record = stamp if isinstance(stamp, datetime) else None
    # fitdecode checks part of a file's framing with `assert` (a record running past the
    # header's stated body size, seen with a flipped byte): for a file that is a corrupt FIT.
    except (
        fitdecode.FitError,
        ValueError,
        KeyError,
        TypeError,
        EOFError,
        struct.error,
        AssertionError,
        IndexError,
    ) as error:
        raise ActivityFileError(Problem.CORRUPT_FIT) from error
    if session is None:
        # A course, a workout plan, settings: a FIT file, but no activity. A course has
        # recorded-looking points too, so only a file that says it is an activity (or does not
        # say) is an activity without its summary.
        activity = file_id.get("type") in (None, "activity")
        raise ActivityFileError(
            Problem.NO_SESSION if recorded and activity else Problem.NOT_ACTIVITY
        )
    start = session.get("start_time") or first_record
    if not isinstance(start, datetime):
        raise ActivityFileError(Problem.NO_TIMES)
    sport = FIT_SPORTS.get(str(session.get("sport")), Sport.OTHER)
    if session.get("sport") == "training" and session.get("sub_sport") == "strength_training":
        sport = Sport.STRENGTH
    moving = session.get("total_timer_time") or session.get("total_elapsed_time") or 0
    distance = session.get("total_distance")
    own_id = None
    if file_id.get("serial_number") is not None and file_id.get("time_created") is not None:
        own_id = "fit:{}:{}:{}:{}".format(
            file_id.get("manufacturer"),
            file_id.get("product"),
            file_id["serial_number"],
            int(file_id["time_created"].timestamp()),
        )
    return (
        Activity(
            sport=sport,
            start=start.astimezone(UTC),
            moving_seconds=float(moving),
            distance_metres=float(distance) if distance else None,
            avg_heart_rate=_int(session.get("avg_heart_rate")),
            max_heart_rate=_int(session.get("max_heart_rate")),
            laps=tuple(laps),
        ),
        own_id,
    )


def _fields(frame: fitdecode.FitDataMessage) -> dict[str, Any]:
    return {f.name: f.value for f in frame.fields}


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, int | float) and value > 0 else None


# TCX

TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
TCX_SPORTS = {"running": Sport.RUN, "biking": Sport.CYCLE}


def _xml(data: bytes) -> Element:
    try:
        root: Element = fromstring(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise ActivityFileError(Problem.MALFORMED_XML) from error
    return root


def _tcx(data: bytes) -> Activity:
    root = _xml(data)
    activity = root.find(f"{TCX}Activities/{TCX}Activity")
    if activity is None:
        tcx = root.tag == f"{TCX}TrainingCenterDatabase"
        raise ActivityFileError(Problem.NO_POINTS if tcx else Problem.NOT_ACTIVITY)
    laps: list[Lap] = []
    rates: list[tuple[float, int]] = []
    starts: list[datetime] = []
    for lap in activity.iter(f"{TCX}Lap"):
        seconds = _number(lap.findtext(f"{TCX}TotalTimeSeconds"))
        metres = _number(lap.findtext(f"{TCX}DistanceMeters"))
        laps.append(Lap(seconds, metres))
        hr = _number(lap.findtext(f"{TCX}AverageHeartRateBpm/{TCX}Value"))
        if hr > 0:
            rates.append((seconds, round(hr)))
        start = _when(lap.get("StartTime")) or _when(lap.findtext(f".//{TCX}Time"))
        if start is not None:
            starts.append(start)
    start = min(starts, default=None) or _when(activity.findtext(f"{TCX}Id"))
    if start is None:
        raise ActivityFileError(Problem.NO_TIMES)
    moving = sum(lap.moving_seconds for lap in laps)
    distance = sum(lap.distance_metres for lap in laps)
    weight = sum(seconds for seconds, _ in rates)
    avg_hr = round(sum(s * hr for s, hr in rates) / weight) if weight > 0 else None
    return Activity(
        sport=TCX_SPORTS.get((activity.get("Sport") or "").lower(), Sport.OTHER),
        start=start,
        moving_seconds=moving,
        distance_metres=distance or None,
        avg_heart_rate=avg_hr,
        laps=tuple(laps),
    )


def _number(text: str | None) -> float:
    try:
        value = float(text or 0)
    except ValueError as error:
        raise ActivityFileError(Problem.MALFORMED_XML) from error
    return value if value == value and value >= 0 else 0.0  # NaN and negatives: nothing


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


# GPX

GPX_SPORTS = {"running": Sport.RUN, "run": Sport.RUN, "cycling": Sport.CYCLE, "biking": Sport.CYCLE}
GPX_HR_TAGS = ("hr", "heartrate")


def _gpx(data: bytes) -> Activity:
    root = _xml(data)  # defusedxml first: gpxpy's own parser would expand entities
    if not root.tag.endswith("gpx"):
        raise ActivityFileError(Problem.NOT_ACTIVITY)
    try:
        gpx = gpxpy.parse(data.decode("utf-8", errors="replace"))
    except (gpxpy.gpx.GPXException, ValueError) as error:
        raise ActivityFileError(Problem.MALFORMED_XML) from error
    points = [p for track in gpx.tracks for s in track.segments for p in s.points]
    if not points:
        raise ActivityFileError(Problem.NO_POINTS)
    bounds = gpx.get_time_bounds()
    if bounds.start_time is None or bounds.end_time is None:
        raise ActivityFileError(Problem.NO_TIMES)
    moving = gpx.get_moving_data()
    moving_seconds = float(moving.moving_time) if moving else 0.0
    if moving_seconds <= 0:
        moving_seconds = (bounds.end_time - bounds.start_time).total_seconds()
    distance = gpx.length_2d()
    rates = [hr for p in points if (hr := _gpx_hr(p)) is not None]
    track_type = (gpx.tracks[0].type or "").lower() if gpx.tracks else ""
    return Activity(
        sport=GPX_SPORTS.get(track_type, Sport.RUN if not track_type else Sport.OTHER),
        start=_aware(bounds.start_time),
        moving_seconds=moving_seconds,
        distance_metres=distance or None,
        avg_heart_rate=round(sum(rates) / len(rates)) if rates else None,
        max_heart_rate=max(rates) if rates else None,
    )


def _gpx_hr(point: gpxpy.gpx.GPXTrackPoint) -> int | None:
    """Heart rate in the Garmin TrackPointExtension (gpxpy gives extensions as raw XML)."""
    for extension in point.extensions:
        for element in extension.iter():
            if element.tag.split("}")[-1].lower() in GPX_HR_TAGS:
                try:
                    return int(float(element.text or ""))
                except ValueError:
                    return None
    return None


def _aware(moment: datetime) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
