"""The soreness chart, drawn headless with matplotlib and sized for a phone screen."""

from __future__ import annotations

import asyncio
import io
import math
import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date, timedelta

import matplotlib
import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox

from conversations import i18n
from conversations.coach.advice import Walking
from conversations.coach.history import PAIN_SHORT, SORENESS, WALKING_SHORT, ChartData
from conversations.i18n import N_, _, format_short_date

SIZE_INCHES = (8.0, 5.0)
DPI = 150  # 1200 x 750 pixels
# What is drawn: walking each day, pain marked apart (pain is not a level of soreness), leg
# days and sessions (newcomer 13: "Dein Muskelkater" read wrong over the pain marks).
TITLE = N_("How your legs felt, last 8 weeks")
# Soreness 0-3, in the words the /history table beside it uses (the check-in's, shortened).
LEVELS = [WALKING_SHORT[walking] for walking in sorted(Walking, key=SORENESS.__getitem__)]
# Pain days get a row of their own above the soreness levels: pain is not a level of soreness.
PAIN_ROW = 4.0


def render_chart(data: ChartData) -> bytes:
    """The PNG of the soreness chart (SIZE_INCHES at DPI), in the current language.

    Built on matplotlib's Figure and its Agg canvas, with no pyplot: nothing global is
    touched. Handlers call `draw_chart`, which runs this in a worker process.
    """
    figure = chart_figure(data)
    with matplotlib.rc_context({"font.size": 14}):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
        return buffer.getvalue()


def chart_figure(data: ChartData) -> Figure:
    """The chart as a matplotlib Figure (tests read its labels; `render_chart` saves it), laid
    out for the current language: the legend and the dates fit the image (`_fit_legend`,
    `_fit_dates`)."""
    # Constrained layout makes room for the legend under the axes and for the labels around
    # them, whatever their length in the user's language.
    figure = Figure(figsize=SIZE_INCHES, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    with matplotlib.rc_context({"font.size": 14}):
        for leg_day in data.leg_days:
            axes.axvline(leg_day, color="#c0392b", alpha=0.35, linewidth=3)  # type: ignore[arg-type]
        # A pain day's walking is drawn like any other day's (the Mini App's chart does so
        # too); the pain itself is marked in a row of its own above the levels.
        axes.plot(
            list(data.days),  # type: ignore[arg-type]
            [float(level) for level in data.soreness],
            color="#2c3e50",
            marker="o",
            linewidth=2.5,
            markersize=6,
            label=_("walking"),
        )
        axes.scatter(
            data.pain_days,  # type: ignore[arg-type]
            [PAIN_ROW] * len(data.pain_days),
            marker="X",
            s=140,
            color="#c0392b",
            label=str(PAIN_SHORT),
            zorder=3,
        )
        axes.scatter(
            data.jog_days,  # type: ignore[arg-type]
            [SESSION_ROW] * len(data.jog_days),
            marker="^",
            s=110,
            color=RUN_COLOUR,
            label=_("easy jog done"),
            zorder=3,
        )
        if data.told_run_days:  # no legend entry for what a record never had
            # The same triangle as a timed run's, hollow: a run, known from the user's answer
            # rather than from the timer (so with no minutes to it).
            axes.scatter(
                data.told_run_days,  # type: ignore[arg-type]
                [SESSION_ROW] * len(data.told_run_days),
                marker="^",
                s=110,
                facecolors="none",
                edgecolors=RUN_COLOUR,
                linewidths=2,
                # What the data holds: a file's run said by a check-in is among them.
                label=_("easy run told or from a file")
                if data.told_runs_from_files
                else _("easy run you told me about"),
                zorder=3,
            )
        if data.cross_days:
            axes.scatter(
                data.cross_days,  # type: ignore[arg-type]
                [SESSION_ROW] * len(data.cross_days),
                marker="s",
                s=90,
                color="#3a7bd5",  # the Mini App's cross-training colour (bot/miniapp/app.css)
                label=_("cross-training done"),
                zorder=3,
            )
        axes.plot([], [], color="#c0392b", alpha=0.35, linewidth=6, label=_("leg day"))
        axes.set_title(str(TITLE), fontsize=20, pad=14)
        axes.set_yticks(
            [*range(4), PAIN_ROW], [*(str(level) for level in LEVELS), str(PAIN_SHORT)], fontsize=13
        )
        axes.set_ylim(-0.6, PAIN_ROW + 0.4)
        axes.set_xlim(data.start - timedelta(days=1), data.end + timedelta(days=1))  # type: ignore[arg-type]
        labels = FuncFormatter(
            lambda value, _position: format_short_date(mdates.num2date(value))  # type: ignore[no-untyped-call]
        )
        axes.xaxis.set_major_formatter(labels)
        axes.tick_params(axis="x", labelsize=12)
        axes.grid(axis="y", alpha=0.3)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        _fit_legend(figure, axes)
        _fit_dates(figure, axes)
    return figure


SESSION_ROW = -0.35  # runs and cross-training: a row under the lowest soreness level
RUN_COLOUR = "#27ae60"
# Mondays this many weeks apart, the closest first whose dates fit side by side: 8 weeks of
# German dates ("19. Okt.") take more room than the axis has for one each week.
DATE_STEPS_WEEKS = (1, 2, 4)
GAP_PIXELS = 16  # the least room between two dates (about two spaces), or legend and edge


def _fit_legend(figure: Figure, axes: Axes) -> None:
    """The legend under the axes, in as few rows as fit the image's width: as many columns as
    its entries in the user's language leave room for (the longer the words, the fewer)."""
    handles, names = axes.get_legend_handles_labels()
    room = figure.bbox.width - 2 * GAP_PIXELS
    # Rows as even as can be: five entries go 3 + 2, not 4 + 1.
    widths = sorted({math.ceil(len(handles) / rows) for rows in range(1, len(handles) + 1)})
    for columns in reversed(widths):
        legend = figure.legend(
            handles,
            names,
            loc="outside lower center",
            fontsize=12,
            frameon=False,
            ncols=columns,
        )
        figure.draw_without_rendering()
        if columns == 1 or legend.get_window_extent().width <= room:
            return
        legend.remove()


def _fit_dates(figure: Figure, axes: Axes) -> None:
    """Dates on the x axis every Monday, or every second or fourth where a week's dates would
    overlap (`DATE_STEPS_WEEKS`); each Monday keeps its tick."""
    # matplotlib.dates ships without type hints for WeekdayLocator.
    axes.xaxis.set_minor_locator(mdates.WeekdayLocator(byweekday=mdates.MO))  # type: ignore[no-untyped-call]
    for weeks in DATE_STEPS_WEEKS:
        locator = mdates.WeekdayLocator(byweekday=mdates.MO, interval=weeks)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        figure.draw_without_rendering()
        if not _overlapping(_shown_extents(axes.get_xticklabels()), GAP_PIXELS):
            return


def _shown_extents(texts: Iterable[Text]) -> list[Bbox]:
    """Where each visible, non-empty text was drawn last, in pixels of the image."""
    return [text.get_window_extent() for text in texts if text.get_visible() and text.get_text()]


def _overlapping(extents: Sequence[Bbox], gap: float = 0) -> bool:
    """Whether any two of these boxes (pixels), each widened by `gap` / 2 on every side,
    overlap."""
    padded = [box.padded(gap / 2) for box in extents]
    return any(
        first.overlaps(second)
        for index, first in enumerate(padded)
        for second in padded[index + 1 :]
    )


# Drawing is CPU work of a few hundred milliseconds that holds the GIL most of the time: in a
# thread it would still stall the event loop (measured: 180 ms with ten /history at once).
# One worker process draws every chart, one after another; it starts with the first chart
# and ends with this process.
_workers: ProcessPoolExecutor | None = None
# The worker runs at a lower priority than the bot: on a machine with fewer free cores than
# busy processes, ten charts in a row took the core from the event loop mid-step (bench
# history_event_loop_block_ms); niced, the worker still has any core the bot leaves idle, so a
# chart is as quick as before when the bot has nothing else to do.
DRAWING_NICENESS = 10


def _lower_priority(niceness: int) -> None:
    """Lower the worker's CPU priority by `niceness` (Unix nice, this process only)."""
    os.nice(niceness)


def _started() -> ProcessPoolExecutor:
    """The worker, started and ready (importing matplotlib there takes a second or two)."""
    workers = ProcessPoolExecutor(
        1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_lower_priority,
        initargs=(DRAWING_NICENESS,),
    )
    workers.submit(int).result()
    return workers


def _draw(language: str, data: ChartData) -> bytes:
    i18n.use(language)
    return render_chart(data)


async def draw_chart(data: ChartData) -> bytes:
    """`render_chart(data)` in the current language, in the worker process: the event loop
    goes on serving other users meanwhile. A worker that died is replaced once."""
    global _workers
    loop = asyncio.get_running_loop()
    for attempt in (1, 2):
        if _workers is None:
            _workers = await asyncio.to_thread(_started)  # not on the event loop's time
        try:
            return await loop.run_in_executor(_workers, _draw, i18n.current(), data)
        except BrokenProcessPool:
            _workers = None
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def stop_drawing() -> None:
    """End the worker process, if one was started (it is started again when needed)."""
    global _workers
    if _workers is not None:
        _workers.shutdown(wait=True)
        _workers = None


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (what a phone will show)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


__all__ = [
    "DPI",
    "SIZE_INCHES",
    "TITLE",
    "chart_figure",
    "date",
    "draw_chart",
    "png_size",
    "render_chart",
]
