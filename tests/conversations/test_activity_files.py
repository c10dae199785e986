"""Reading FIT, TCX and GPX files (gzipped or not), and every way a file can be wrong."""

from __future__ import annotations

import contextlib
import gzip
from datetime import UTC, datetime

import pytest
from fit_tool.profile.profile_type import FileType
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conversations.activity_files import (
    MAX_FILE_BYTES,
    SUFFIXES,
    TCX,
    ActivityFileError,
    Problem,
    gunzip,
    kind_of,
    parse,
    read_in_worker,
)
from conversations.coach.activities import Sport
from tests.activity_files import LapSpec, fit_file, gpx_file, gz, tcx_file

START = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
FIT = fit_file(START, laps=[LapSpec(600, 2000), LapSpec(600, 2100)])


def problem_of(name: str, data: bytes) -> Problem:
    with pytest.raises(ActivityFileError) as caught:
        parse(name, data)
    return caught.value.problem


def test_a_fit_run_gives_sport_start_time_distance_and_heart_rate() -> None:
    laps = [LapSpec(600, 2000), LapSpec(3000, 19_500)]
    found = parse("Morning_Run.FIT", fit_file(START, seconds=3600, metres=21_500, laps=laps))
    activity = found.activity
    assert (activity.sport, activity.start) == (Sport.RUN, START)
    assert (activity.moving_seconds, activity.distance_metres) == (3600, 21_500)
    assert (activity.avg_heart_rate, activity.max_heart_rate) == (145, 165)
    assert [lap.distance_metres for lap in activity.laps] == [2000, 19_500]
    assert found.source_id.startswith("fit:")


def test_a_fit_strength_session_is_told_apart() -> None:
    from fit_tool.profile.profile_type import Sport as FitSport
    from fit_tool.profile.profile_type import SubSport

    data = fit_file(
        START, metres=None, sport=FitSport.TRAINING, sub_sport=SubSport.STRENGTH_TRAINING
    )
    assert parse("gym.fit", data).activity.sport is Sport.STRENGTH


def test_a_fit_file_zipped_or_not_has_one_id() -> None:
    data = fit_file(START)
    assert parse("a.fit", data).source_id == parse("b.fit.gz", gz(data)).source_id
    assert parse("a.fit", data).source_id != parse("a.fit", fit_file(START, serial=9)).source_id


def test_a_gpx_track_with_heart_rate() -> None:
    activity = parse("run.gpx.gz", gz(gpx_file(START, heart_rate=151))).activity
    assert activity.sport is Sport.RUN
    assert activity.start == START
    assert activity.distance_metres == pytest.approx(10_000, rel=0.01)
    assert activity.moving_seconds == pytest.approx(3600, rel=0.02)
    assert activity.avg_heart_rate == 151


def test_a_gpx_ride_is_other_training() -> None:
    assert parse("ride.gpx", gpx_file(START, sport="cycling").encode()).activity.sport is (
        Sport.CYCLE
    )


def test_a_tcx_with_laps() -> None:
    data = tcx_file(START, laps=[LapSpec(600, 2000), LapSpec(600, 2500)], heart_rate=160)
    activity = parse("run.tcx", data.encode()).activity
    assert (activity.sport, activity.start, activity.moving_seconds) == (Sport.RUN, START, 1200)
    assert activity.distance_metres == 4500
    assert activity.avg_heart_rate == 160
    assert len(activity.laps) == 2


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0JFIF", Problem.NOT_ACTIVITY),
        ("report.pdf", b"%PDF-1.7\n", Problem.NOT_ACTIVITY),
        ("run.fit", fit_file(START)[:-40], Problem.CORRUPT_FIT),
        ("run.fit", b"%PDF-1.7 not a fit file at all", Problem.CORRUPT_FIT),
        ("run.tcx", b"<TrainingCenterDatabase><Activities>", Problem.MALFORMED_XML),
        ("run.gpx", b"<gpx><trk>", Problem.MALFORMED_XML),
        ("run.gpx", gpx_file(None).encode(), Problem.NO_TIMES),
        ("run.tcx", b"<a>not tcx</a>", Problem.NOT_ACTIVITY),
        ("run.gpx", b"<gpx></gpx>", Problem.NO_POINTS),
        ("route.gpx", b'<gpx><rte><rtept lat="52.5" lon="13.4"/></rte></gpx>', Problem.NO_POINTS),
        ("run.tcx", f'<TrainingCenterDatabase xmlns="{TCX[1:-1]}"/>'.encode(), Problem.NO_POINTS),
        ("run.fit", fit_file(START, records_every=10, session=False), Problem.NO_SESSION),
        ("run.fit", fit_file(START, session=False), Problem.NOT_ACTIVITY),
        (
            "course.fit",
            fit_file(START, records_every=10, session=False, file_type=FileType.COURSE),
            Problem.NOT_ACTIVITY,
        ),
        ("run.gpx.gz", b"not gzip", Problem.BAD_GZIP),
        ("run.gpx.gz", gzip.compress(b"<gpx>")[:-6], Problem.BAD_GZIP),
        ("run.fit", b"\0" * (MAX_FILE_BYTES + 1), Problem.TOO_BIG),
    ],
    ids=[
        "photo",
        "pdf",
        "truncated fit",
        "fit named pdf",
        "malformed tcx",
        "malformed gpx",
        "gpx without times",
        "xml but not tcx",
        "empty gpx",
        "gpx route only",
        "empty tcx",
        "fit records without a session",
        "fit with nothing recorded",
        "fit course",
        "not gzip",
        "truncated gzip",
        "over 20 MB",
    ],
)
def test_bad_files(name: str, data: bytes, problem: Problem) -> None:
    assert problem_of(name, data) is problem


def test_entities_are_not_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<gpx>&lol2;</gpx>"
    )
    assert problem_of("run.gpx", bomb) is Problem.MALFORMED_XML
    assert problem_of("run.tcx", bomb) is Problem.MALFORMED_XML


def test_a_zip_bomb_stops_at_the_cap() -> None:
    bomb = gzip.compress(b"\0" * (2 * 1024 * 1024))
    assert len(bomb) < 10_000
    with pytest.raises(ActivityFileError) as caught:
        gunzip(bomb, limit=1024 * 1024)
    assert caught.value.problem is Problem.ZIP_BOMB


def test_only_activity_endings_are_read() -> None:
    assert [kind_of(f"a{suffix.upper()}") for suffix in SUFFIXES] == [
        "fit",
        "fit",
        "tcx",
        "tcx",
        "gpx",
        "gpx",
    ]
    assert kind_of("a.fit.zip") is None
    assert kind_of(None) is None


async def test_a_parse_that_takes_too_long_is_given_up() -> None:
    with pytest.raises(ActivityFileError) as caught:
        await read_in_worker("run.fit", fit_file(START), seconds=0.0)
    assert caught.value.problem is Problem.TOO_SLOW


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(SUFFIXES), st.binary(max_size=2048), st.booleans())
def test_random_bytes_are_refused_in_words(suffix: str, data: bytes, zipped: bool) -> None:
    """Any bytes under any ending either parse or raise ActivityFileError, never anything
    else (which the chat would answer with "something went wrong"). Under a .gz ending they
    are zipped half the time, so the readers behind the unzipping see random bytes too."""
    if zipped and suffix.endswith(".gz"):
        data = gz(data)
    with contextlib.suppress(ActivityFileError):
        parse(f"file{suffix}", data)


@pytest.mark.filterwarnings("ignore:invalid field size:UserWarning")  # fitdecode on damage
@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=2000), st.integers(min_value=0, max_value=255))
@example(at=571, byte=1)  # fitdecode raised an AssertionError on it (found by this test)
def test_a_fit_file_cut_or_flipped_anywhere_is_refused_in_words(at: int, byte: int) -> None:
    data = bytearray(FIT)
    with contextlib.suppress(ActivityFileError):
        parse("cut.fit", bytes(data[: at % len(data)]))
    data[at % len(data)] = byte
    with contextlib.suppress(ActivityFileError):
        parse("flipped.fit", bytes(data))
