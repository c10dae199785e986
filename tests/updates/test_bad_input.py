"""Bad input gets a clear, friendly reply, and nothing already answered is lost."""

from __future__ import annotations

from datetime import date

from bot.runtime import CoachApp
from bot.standin.local_api import LocalBotApi
from conversations import texts
from storage.repository import Repository
from tests.chat import Chat, buttons, check_in, onboard


async def test_free_text_where_a_button_is_expected_re_asks_with_the_buttons(
    ana: Chat, repo: Repository
) -> None:
    await onboard(ana)
    await ana.send("/checkin")
    await ana.press("🦵 Leg day")

    hint, question = await ana.send("pretty heavy I think")

    assert hint.text == str(texts.PICK_A_BUTTON)
    assert question.text == str(texts.INTENSITY_PROMPT)
    assert buttons(question) == [["Light", "Moderate", "Heavy"]]
    draft = await repo.checkins.get_draft(1001)
    assert draft is not None and draft.answers == {"workout": "leg_day"}
    await ana.press("Heavy")  # the dialog goes on from the same question
    assert ana.last.text == str(texts.OVERREACH_PROMPT)


async def test_a_location_where_a_button_is_expected_re_asks(ana: Chat) -> None:
    await onboard(ana)
    await ana.send("/checkin")

    hint, question = await ana.share_location(1.0, 2.0)

    assert hint.text == str(texts.PICK_A_BUTTON)
    assert question.text == str(texts.WORKOUT_PROMPT)


async def test_an_invalid_time_says_what_is_accepted(ana: Chat, repo: Repository) -> None:
    await ana.send("/start")
    await ana.send("Berlin")

    hint, question = await ana.send("25:99")

    assert hint.text == str(texts.TIME_INVALID)
    assert question.text == texts.MORNING_PROMPT.format(example="06:45")
    user = await repo.users.get(1001)
    assert user is not None and user.morning_time is None and user.time_zone == "Europe/Berlin"


async def test_an_unknown_zone_says_what_is_accepted(ana: Chat) -> None:
    await ana.send("/start")

    (reply,) = await ana.send("Atlantis")

    assert reply.text == str(texts.ZONE_INVALID)
    assert buttons(reply) == [["📍 Share my location"]]


async def test_a_button_from_an_earlier_checkin_has_expired(ana: Chat, repo: Repository) -> None:
    await onboard(ana)
    await ana.send("/checkin")
    old_question = ana.last
    await ana.send("/checkin")

    (hint,) = await ana.press("🦵 Leg day", message=old_question)

    assert hint.text == str(texts.EXPIRED_HINT)
    assert ana.alerts()[-1] == str(texts.EXPIRED)
    draft = await repo.checkins.get_draft(1001)
    assert draft is not None and draft.answers == {}
    (question,) = await ana.press("🏃 Easy run")  # the new check-in still works
    assert question.text == str(texts.WALKING_PROMPT)


async def test_forged_or_unknown_button_data_has_expired(ana: Chat) -> None:
    await onboard(ana)
    for data in ("c:deadbeef:workout:leg_day", "p:morning_time:99:99", "nonsense", "s:hack"):
        (hint,) = await ana.press_data(data)
        assert hint.text == str(texts.EXPIRED_HINT)
        assert ana.alerts()[-1] == str(texts.EXPIRED)


async def test_a_forged_value_inside_a_live_checkin_is_refused(ana: Chat, repo: Repository) -> None:
    await onboard(ana)
    await ana.send("/checkin")
    draft = await repo.checkins.get_draft(1001)
    assert draft is not None

    (hint,) = await ana.press_data(f"c:{draft.run_id}:workout:marathon_x3")

    assert hint.text == str(texts.EXPIRED_HINT)
    draft = await repo.checkins.get_draft(1001)
    assert draft is not None and draft.answers == {}


async def test_unknown_command_outside_a_dialog_points_to_help(ana: Chat) -> None:
    (reply,) = await ana.send("/dance")

    assert reply.text == "I don't know /dance. Send /help to see what I can do."


async def test_unknown_command_inside_a_dialog_keeps_the_question(ana: Chat) -> None:
    await onboard(ana)
    await ana.send("/checkin")

    (reply,) = await ana.send("/dance")

    assert reply.text == "I don't know /dance. Send /help to see what I can do."
    (question,) = await ana.press("🏃 Easy run")
    assert question.text == str(texts.WALKING_PROMPT)


async def test_free_text_outside_a_dialog_points_to_help(ana: Chat) -> None:
    """Before set-up, "Send /checkin" would only be told to /start first: /start it is."""
    (reply,) = await ana.send("hello?")
    assert reply.text == str(texts.FREE_TEXT_NOT_SET_UP)

    await onboard(ana)
    (reply,) = await ana.send("hello?")
    assert reply.text == str(texts.FREE_TEXT)


async def test_help_lists_every_command(ana: Chat) -> None:
    (reply,) = await ana.send("/help")

    assert reply.text == str(texts.HELP)
    for command in ("/checkin", "/settings", "/start", "/cancel", "/help"):
        assert command in (reply.text or "")


async def test_help_inside_a_dialog_answers_and_keeps_the_question(ana: Chat) -> None:
    await onboard(ana)
    await ana.send("/checkin")

    (reply,) = await ana.send("/help")

    assert reply.text == str(texts.HELP)
    (question,) = await ana.press("🏃 Easy run")
    assert question.text == str(texts.WALKING_PROMPT)


async def test_group_messages_get_one_line_and_nothing_is_stored(
    app: CoachApp, api: LocalBotApi, repo: Repository
) -> None:
    group = Chat(app, api, user_id=2002, chat_id=-100555, chat_type="group")

    (reply,) = await group.send("/start")

    assert reply.text == str(texts.PRIVATE_ONLY)
    assert await repo.users.get(2002) is None


async def test_edited_messages_are_ignored(ana: Chat) -> None:
    await onboard(ana)
    before = len(ana.history)

    replies = await ana.edit("/checkin")

    assert replies == []
    assert len(ana.history) == before


async def test_cancel_leaves_the_checkin_and_forgets_its_draft(ana: Chat, repo: Repository) -> None:
    await onboard(ana)
    await ana.send("/checkin")
    await ana.press("🦵 Leg day")

    (reply,) = await ana.send("/cancel")

    assert reply.text == str(texts.CANCELLED)
    assert await repo.checkins.get_draft(1001) is None
    (after,) = await ana.send("Light")
    assert after.text == str(texts.FREE_TEXT)  # no dialog is open any more


async def test_cancel_during_setup_keeps_what_was_answered(ana: Chat, repo: Repository) -> None:
    await ana.send("/start")
    await ana.send("Berlin")

    (reply,) = await ana.send("/cancel")

    assert reply.text == str(texts.CANCELLED_SETUP)
    user = await repo.users.get(1001)
    assert user is not None and user.time_zone == "Europe/Berlin" and user.onboarded_at is None


async def test_cancel_with_nothing_open(ana: Chat) -> None:
    (reply,) = await ana.send("/cancel")

    assert reply.text == str(texts.NOTHING_TO_CANCEL)


async def test_a_bot_api_error_mid_checkin_loses_no_answer(
    ana: Chat, api: LocalBotApi, repo: Repository
) -> None:
    await onboard(ana)
    await ana.send("/checkin")
    api.fail_next("sendMessage", 500, "Internal Server Error")

    (sorry,) = await ana.press("🦵 Leg day")

    assert sorry.text == str(texts.ERROR)
    draft = await repo.checkins.get_draft(1001)
    assert draft is not None and draft.answers == {"workout": "leg_day"}
    # The question kept its buttons, and pressing again goes on where it stopped.
    question = ana.history[-2]
    assert question.text == str(texts.WORKOUT_PROMPT) and buttons(question)
    (intensity,) = await ana.press("🦵 Leg day", message=question)
    assert intensity.text == str(texts.INTENSITY_PROMPT)


async def test_a_group_the_bot_may_not_write_to_stores_nothing(
    app: CoachApp, api: LocalBotApi, repo: Repository
) -> None:
    group = Chat(app, api, user_id=2002, chat_id=-100555, chat_type="group")
    api.block_chat(-100555)

    await group.send("/start")
    await group.send("/checkin")

    assert await repo.users.get(2002) is None
    assert await repo.dialogs.load("dialog") == {}


async def test_a_user_who_blocked_the_bot_is_marked_inactive(
    ana: Chat, api: LocalBotApi, repo: Repository
) -> None:
    await onboard(ana)
    api.block_chat(1001)

    await ana.send("/checkin")

    user = await repo.users.get(1001)
    assert user is not None and user.active is False
    assert await repo.checkins.list_for(1001) == []
    api.unblock_chat(1001)
    await ana.send("hi again")  # writing again makes them active
    user = await repo.users.get(1001)
    assert user is not None and user.active is True


async def test_checking_in_twice_keeps_one_row_for_the_day(ana: Chat, repo: Repository) -> None:
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "Normal")
    await check_in(ana, "😴 Rest day", "Normal")

    assert [r.local_date for r in await repo.checkins.list_for(1001)] == [date(2026, 1, 13)]


async def test_a_429_from_the_bot_api_is_retried_not_dropped(ana: Chat, api: LocalBotApi) -> None:
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)

    (reply,) = await ana.send("/help")

    assert reply.text == str(texts.HELP)
    sends = [params for method, params in api.calls if method == "sendMessage"]
    assert len(sends) == 2  # the refused one, then the retry
