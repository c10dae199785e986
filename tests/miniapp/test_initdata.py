"""The Mini App's initData check (bot.initdata): only what Telegram signed for this bot, recently,
for the user it names, gets through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

import pytest

from bot.initdata import MAX_AGE, MAX_BYTES, InitDataRefused, claimed_language, sign, verify
from bot.standin.local_api import stand_in_token
from conversations.i18n import language_of_accept
from tests.remote import TOKEN

NOW = datetime(2026, 1, 13, 6, 30, tzinfo=UTC)
OTHER_BOTS_TOKEN = stand_in_token("another-bot")


def header(init_data: str) -> str:
    return f"tma {init_data}"


def fields(init_data: str) -> dict[str, str]:
    return dict(parse_qsl(init_data, keep_blank_values=True))


def refused(value: str | bytes | None, at: datetime = NOW) -> str:
    with pytest.raises(InitDataRefused) as caught:
        verify(value, TOKEN, at)
    return caught.value.reason


def test_a_valid_signature_names_the_user() -> None:
    user = verify(header(sign(1001, "Ana", "de", TOKEN, NOW)), TOKEN, NOW)
    assert (user.id, user.first_name, user.language_code) == (1001, "Ana", "de")


def test_the_scheme_is_read_case_insensitively_and_bytes_work_too() -> None:
    init_data = sign(1001, "Ana", None, TOKEN, NOW)
    assert verify(f"TMA {init_data}".encode(), TOKEN, NOW).id == 1001


def test_one_changed_field_breaks_the_signature() -> None:
    signed = fields(sign(1001, "Ana", "en", TOKEN, NOW))
    signed["user"] = signed["user"].replace('"Ana"', '"Eve"')
    assert refused(header(urlencode(signed))) == "initData signature does not match"


def test_a_later_auth_date_breaks_the_signature() -> None:
    signed = fields(sign(1001, "Ana", "en", TOKEN, NOW - timedelta(days=3)))
    signed["auth_date"] = str(int(NOW.timestamp()))  # stale data made to look fresh
    assert refused(header(urlencode(signed))) == "initData signature does not match"


def test_a_missing_hash_is_malformed() -> None:
    signed = fields(sign(1001, "Ana", "en", TOKEN, NOW))
    del signed["hash"]
    assert refused(header(urlencode(signed))) == "initData malformed"


def test_initdata_is_good_for_24_hours_and_not_a_second_more() -> None:
    signed = header(sign(1001, "Ana", "en", TOKEN, NOW))
    assert verify(signed, TOKEN, NOW + MAX_AGE).id == 1001
    assert refused(signed, NOW + MAX_AGE + timedelta(seconds=1)) == "initData expired"


def test_initdata_signed_far_in_the_future_is_refused() -> None:
    signed = header(sign(1001, "Ana", "en", TOKEN, NOW + timedelta(hours=1)))
    assert refused(signed) == "initData from the future"
    # A client clock a minute ahead is still a clock.
    assert verify(header(sign(1001, "Ana", "en", TOKEN, NOW + timedelta(minutes=1))), TOKEN, NOW)


def test_another_bots_token_does_not_sign_for_this_bot() -> None:
    signed = header(sign(1001, "Ana", "en", OTHER_BOTS_TOKEN, NOW))
    assert refused(signed) == "initData signature does not match"


def test_another_users_signature_does_not_open_the_first_users_data() -> None:
    ana = fields(sign(1001, "Ana", "en", TOKEN, NOW))
    ben = fields(sign(2002, "Ben", "en", TOKEN, NOW))
    # Ben's valid hash and signature on Ana's user object: a forgery.
    spliced = {**ana, "hash": ben["hash"]}
    assert refused(header(urlencode(spliced))) == "initData signature does not match"
    # Ben replaying his own initData is Ben, never Ana.
    assert verify(header(urlencode(ben)), TOKEN, NOW).id == 2002


def test_non_utf8_is_refused_as_bytes_and_as_latin1_text() -> None:
    raw = b"tma user=%7B%22id%22%3A1%7D&auth_date=1&hash=" + b"a" * 63 + b"\xff"
    assert refused(raw) == "initData is not UTF-8"
    assert refused(raw.decode("latin-1")) == "initData is not UTF-8"  # as tornado hands it over


def test_percent_encoded_bytes_that_are_not_utf8_are_refused() -> None:
    signed = sign(1001, "Ana", "en", TOKEN, NOW)
    assert refused(header(signed.replace("Ana", "An%FF"))) in {
        "initData malformed",
        "initData signature does not match",
    }


def test_an_oversized_header_is_refused_before_it_is_parsed() -> None:
    signed = sign(1001, "Ana", "en", TOKEN, NOW)
    padded = header(signed + "&start_param=" + "x" * MAX_BYTES)
    assert refused(padded) == "initData too large"


@pytest.mark.parametrize(
    "value",
    [None, "", "tma", "tma ", "Bearer abc", "tma ===", "tma user=1&user=2", "tma auth_date=x"],
)
def test_missing_or_malformed_headers_are_refused(value: str | None) -> None:
    assert refused(value)


def test_initdata_without_a_user_is_refused() -> None:
    import init_data_py

    signed = init_data_py.sign({"query_id": "AAE"}, TOKEN, auth_date=NOW)
    assert refused(header(signed)) == "initData names no user"


@pytest.mark.parametrize(
    ("value", "claimed"),
    [
        (header(sign(7, "Ana", "de", OTHER_BOTS_TOKEN, NOW)), "de"),  # forged: only its language
        (header(sign(7, "Ana", None, TOKEN, NOW)), None),
        (header("user=%7B%22language_code%22%3A%22ru%22%7D"), "ru"),  # no hash at all
        (header("user=%7Bnot+json"), None),
        (header('user=["de"]'), None),
        ("Bearer " + sign(7, "Ana", "de", TOKEN, NOW), None),
        (b"tma user=\xff", None),
        ("tma " + "x" * MAX_BYTES, None),
        (None, None),
    ],
    ids=[
        "forged",
        "no language",
        "unsigned",
        "broken",
        "not an object",
        "bearer",
        "bytes",
        "oversized",
        "none",
    ],
)
def test_the_claimed_language_is_read_without_trusting_anything_else(
    value: str | bytes | None, claimed: str | None
) -> None:
    """For the words of a refusal only: the language the data claims, verified or not."""
    assert claimed_language(value) == claimed


@pytest.mark.parametrize(
    ("accept", "language"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "de"),
        ("fr-FR,fr;q=0.9,es;q=0.8,en;q=0.1", "es"),
        ("en;q=0.2, ru", "ru"),
        ("de;q=0, en;q=0.5", "en"),
        ("pt-BR", None),
        ("", None),
        (None, None),
    ],
)
def test_accept_language_picks_the_most_wanted_of_ours(
    accept: str | None, language: str | None
) -> None:
    assert language_of_accept(accept) == language
