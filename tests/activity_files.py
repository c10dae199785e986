"""Activity files for the tests, written here: FIT with fit-tool's builder, GPX and TCX as text.

No sample FIT or TCX file ships in a package (shared/field-notes.md), and a file written here
says in the test what it holds.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, Sport, SubSport


@dataclass(frozen=True)
class LapSpec:
    seconds: float
    metres: float


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def fit_file(
    start: datetime,
    *,
    seconds: float = 3600,
    metres: float | None = 10_000,
    heart_rate: int | None = 145,
    sport: Sport = Sport.RUNNING,
    sub_sport: SubSport = SubSport.GENERIC,
    laps: Sequence[LapSpec] = (),
    serial: int = 0x1234,
    records_every: float | None = None,
    session: bool = True,
    file_type: FileType = FileType.ACTIVITY,
) -> bytes:
    """A FIT file of `file_type`: file id, optional records (one every `records_every` seconds),
    laps and, with `session`, the session that sums it up and the activity message."""
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = file_type
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = _ms(start)
    file_id.serial_number = serial
    builder.add(file_id)
    if records_every:
        records = []
        steps = int(seconds // records_every)
        for i in range(steps):
            record = RecordMessage()
            record.timestamp = _ms(start + timedelta(seconds=i * records_every))
            if metres is not None:
                record.distance = metres * i / steps
            if heart_rate is not None:
                record.heart_rate = heart_rate
            records.append(record)
        builder.add_all(records)
    moment = start
    for spec in laps:
        lap = LapMessage()
        lap.start_time = _ms(moment)
        moment += timedelta(seconds=spec.seconds)
        lap.timestamp = _ms(moment)
        lap.total_timer_time = spec.seconds
        lap.total_elapsed_time = spec.seconds
        lap.total_distance = spec.metres
        builder.add(lap)
    if not session:
        return bytes(builder.build().to_bytes())
    end = start + timedelta(seconds=seconds)
    summary = SessionMessage()
    summary.timestamp = _ms(end)
    summary.start_time = _ms(start)
    summary.sport = sport
    summary.sub_sport = sub_sport
    summary.total_timer_time = seconds
    summary.total_elapsed_time = seconds
    if metres is not None:
        summary.total_distance = metres
    if heart_rate is not None:
        summary.avg_heart_rate = heart_rate
        summary.max_heart_rate = heart_rate + 20
    builder.add(summary)
    activity = ActivityMessage()
    activity.timestamp = _ms(end)
    activity.num_sessions = 1
    builder.add(activity)
    return bytes(builder.build().to_bytes())


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def gpx_file(
    start: datetime | None,
    *,
    seconds: float = 3600,
    metres: float = 10_000,
    points: int = 61,
    heart_rate: int | None = None,
    sport: str = "running",
) -> str:
    """A GPX track heading north from (52.5, 13.4) at an even pace; `start` None writes no
    timestamps. Heart rate, when given, goes in the Garmin extension the watches write."""
    degrees = metres / 111_195  # one degree of latitude is 111.195 km
    rows = []
    for i in range(points):
        share = i / (points - 1)
        when = (
            ""
            if start is None
            else f"<time>{_iso(start + timedelta(seconds=seconds * share))}</time>"
        )
        hr = (
            ""
            if heart_rate is None
            else "<extensions><gpxtpx:TrackPointExtension>"
            f"<gpxtpx:hr>{heart_rate}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>"
        )
        rows.append(f'<trkpt lat="{52.5 + degrees * share:.7f}" lon="13.4">{when}{hr}</trkpt>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><name>Run</name><type>{sport}</type><trkseg>{''.join(rows)}</trkseg></trk></gpx>"
    )


def tcx_file(
    start: datetime,
    *,
    laps: Sequence[LapSpec] = (LapSpec(3600, 10_000),),
    heart_rate: int | None = 150,
    sport: str = "Running",
    points_per_lap: int = 2,
) -> str:
    """A TCX activity with the given laps, each with a few track points."""
    out = []
    moment = start
    for spec in laps:
        hr = (
            ""
            if heart_rate is None
            else f"<AverageHeartRateBpm><Value>{heart_rate}</Value></AverageHeartRateBpm>"
        )
        points = "".join(
            "<Trackpoint><Time>"
            f"{_iso(moment + timedelta(seconds=spec.seconds * i / points_per_lap))}"
            "</Time></Trackpoint>"
            for i in range(points_per_lap)
        )
        out.append(
            f'<Lap StartTime="{_iso(moment)}"><TotalTimeSeconds>{spec.seconds}</TotalTimeSeconds>'
            f"<DistanceMeters>{spec.metres}</DistanceMeters>{hr}<Track>{points}</Track></Lap>"
        )
        moment += timedelta(seconds=spec.seconds)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
        'TrainingCenterDatabase/v2"><Activities>'
        f'<Activity Sport="{sport}"><Id>{_iso(start)}</Id>{"".join(out)}</Activity>'
        "</Activities></TrainingCenterDatabase>"
    )


def gz(data: bytes | str) -> bytes:
    return gzip.compress(data.encode() if isinstance(data, str) else data, mtime=0)
