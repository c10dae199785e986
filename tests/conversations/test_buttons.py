"""What a button press carries: every family packs to at most 64 bytes and parses back; anything
no button could have carried is refused, and a forged press gets the "expired" reply."""

from __future__ import annotations

import pytest

from conversations import texts
from conversations.buttons import (
    MAX_BYTES,
    ButtonData,
    ChangeMorningTime,
    CheckinAfresh,
    CheckinAnswer,
    CheckinFixToday,
    CheckinNow,
    CheckinWith,
    CompressionOff,
    DeleteAnswer,
    JogCancel,
    JogFeeling,
    JogFinish,
    JogRan,
    JogRanEarly,
    JogRemind,
    JogSkip,
    JogStart,
    JogStartAnyway,
    MalformedButton,
    PausePushes,
    ProfileAnswer,
    SettingsItem,
    ShowWhy,
    WeeklyOff,
    WhyFor,
)
from tests.chat import Chat, onboard

EVERY_FAMILY: list[tuple[ButtonData, str]] = [
    (ProfileAnswer("morning_time", "07:30"), "p:morning_time:07:30"),
    (ProfileAnswer("quiet_hours", "22:00-06:00"), "p:quiet_hours:22:00-06:00"),
    (CheckinAnswer("0a1b2c3d", "workout", "leg_day"), "c:0a1b2c3d:workout:leg_day"),
    (SettingsItem("done"), "s:done"),
    (ShowWhy(), "why"),
    (WhyFor("pain_rest"), "why:pain_rest"),
    (CheckinNow(), "go:checkin"),
    (CheckinWith("walking", "stiff_sore"), "go:with:walking:stiff_sore"),
    (CheckinAfresh("0a1b2c3d"), "ca:0a1b2c3d"),
    (CheckinFixToday("0a1b2c3d"), "cft:0a1b2c3d"),
    (PausePushes(), "push:pause"),
    (ChangeMorningTime(), "push:time"),
    (WeeklyOff(), "push:weekly_off"),
    (CompressionOff(), "push:gear_off"),
    # The jog offer's buttons as the last release sent them (no day), and with their day.
    (JogStart("cross", 20), "j:go:cross:20"),
    (JogStartAnyway("jog", 15), "j:sure:jog:15"),
    (JogRemind("snooze", "jog"), "j:snooze:jog"),
    (JogSkip("jog"), "j:skip:jog"),
    (JogStart("cross", 20, 739629), "j:go:cross:20:739629"),
    (JogStartAnyway("jog", 15, 739629), "j:sure:jog:15:739629"),
    (JogRemind("at", "cross", 739629), "j:at:cross:739629"),
    (JogSkip("jog", 739629), "j:skip:jog:739629"),
    (JogFinish(12), "j:end:12"),
    (JogCancel(12), "j:stop:12"),
    (JogFeeling(12, "tough"), "j:feel:12:tough"),
    (JogRan(12, 15), "j:ran:12:15"),
    (JogRanEarly(12), "j:ranearly:12"),
    (DeleteAnswer("no"), "del:no"),
]


@pytest.mark.parametrize(("button", "data"), EVERY_FAMILY, ids=[d for _, d in EVERY_FAMILY])
def test_each_family_packs_to_the_format_earlier_releases_sent_and_parses_back(
    button: ButtonData, data: str
) -> None:
    assert button.pack() == data
    assert type(button).parse(data) == button
    assert type(button).pattern()(data)


@pytest.mark.parametrize(
    ("family", "data"),
    [
        (JogStart, "j:go:jog:99"),  # a length we never offer
        (JogStart, "j:go:sprint:15"),
        (JogStart, "j:go:jog"),
        (JogRemind, "j:go:jog:15"),  # another family of the same prefix
        (JogRemind, "j:later:jog"),
        (JogFinish, "j:end:abc"),
        (JogFinish, "j:end:-1"),
        (JogFinish, "j:end:1:2"),
        (JogFeeling, "j:feel:abc:ok"),
        (JogRan, "j:ran:12"),
        (JogRan, "j:ran:12:all"),
        (JogRanEarly, "j:ran:12:15"),
        (JogRemind, "j:ranearly:12"),
        (DeleteAnswer, "del:maybe"),
        (DeleteAnswer, "delete:yes"),
        (CheckinAnswer, "c:run:workout"),
        (CheckinAnswer, "c:run::leg_day"),
        (ProfileAnswer, "p:morning_time:07 30"),
        (ShowWhy, "why:not"),
        (ShowWhy, "whyy"),
        (WhyFor, "why"),
        (WhyFor, "why:"),
        (JogStartAnyway, "j:sure:jog:99"),
        (JogStart, "j:sure:jog:15"),
        (JogRemind, "j:sure:jog"),
        (JogStart, "j:go:jog:15:"),  # a day, if any, is a number
        (JogStart, "j:go:jog:15:monday"),
        (JogStart, "j:go:jog:15:739629:1"),
        (JogSkip, "j:skip:jog:-1"),
        (JogRemind, "j:go:jog:15:739629"),
        (SettingsItem, "s:" + "x" * MAX_BYTES),
        (SettingsItem, None),
        (SettingsItem, ""),
    ],
)
def test_data_no_button_could_carry_is_refused(family: type[ButtonData], data: object) -> None:
    with pytest.raises(MalformedButton):
        family.parse(data)
    assert not family.pattern()(data)


def test_a_pattern_can_ask_for_one_field() -> None:
    walking = CheckinAnswer.pattern(field="walking")

    assert walking("c:0a1b2c3d:walking:normal")
    assert not walking("c:0a1b2c3d:workout:leg_day")


def test_nothing_packs_past_telegrams_64_bytes() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        ProfileAnswer("time_zone", "Ж" * 40).pack()  # Cyrillic takes two bytes each


@pytest.mark.parametrize(
    "data", ["j:go:jog:99", "j:end:abc", "j:feel:7:ecstatic", "del:maybe", "why:not", "push:x"]
)
async def test_a_forged_press_of_any_family_gets_the_expired_reply(ana: Chat, data: str) -> None:
    await onboard(ana)

    (hint,) = await ana.press_data(data)

    assert hint.text == str(texts.EXPIRED_HINT)
    assert ana.alerts()[-1] == str(texts.EXPIRED)
