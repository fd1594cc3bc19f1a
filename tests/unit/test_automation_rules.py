"""The automations' pure rules: the cart-restore link, 29 February, the settings' checks."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from isend_tui.automations.detect import _birthday_on
from isend_tui.automations.flow_settings import FlowSettingError, check_text, parse_delays
from isend_tui.automations.flows import Flow
from isend_tui.automations.runner import cart_url


def test_cart_url_is_prestashops_recover_cart_link() -> None:
    token = hashlib.md5(b"KEYrecover_cart_42").hexdigest()
    assert cart_url("https://shop.test/", 42, "KEY") == (
        f"https://shop.test/index.php?controller=order&step=1&recover_cart=42&token_cart={token}"
    )
    assert cart_url("https://shop.test/", 42, "") == "https://shop.test/"


def test_february_29_is_celebrated_on_the_28th_only_without_a_29th() -> None:
    assert _birthday_on(dt.date(2027, 2, 28)) == ["02-28", "02-29"]
    assert _birthday_on(dt.date(2028, 2, 28)) == ["02-28"]
    assert _birthday_on(dt.date(2028, 2, 29)) == ["02-29"]
    assert _birthday_on(dt.date(2027, 3, 1)) == ["03-01"]


@pytest.mark.parametrize(
    ("flow", "text", "expected"),
    [
        (Flow.ABANDONED_CART, "2,24", (2, 24)),
        (Flow.ABANDONED_CART, " 1 , 3 , 72 ", (1, 3, 72)),
        (Flow.WINBACK, "90", (90,)),
    ],
)
def test_delays(flow: Flow, text: str, expected: tuple[int, ...]) -> None:
    assert parse_delays(text, flow) == expected


@pytest.mark.parametrize(
    ("flow", "text"),
    [
        (Flow.ABANDONED_CART, "-2"),
        (Flow.ABANDONED_CART, "0"),
        (Flow.ABANDONED_CART, "24,2"),
        (Flow.ABANDONED_CART, "2,2"),
        (Flow.ABANDONED_CART, "deux"),
        (Flow.WINBACK, "30,60"),
        (Flow.BIRTHDAY, "3"),
        (Flow.BACK_IN_STOCK, "1"),
    ],
)
def test_bad_delays_name_the_option(flow: Flow, text: str) -> None:
    with pytest.raises(FlowSettingError) as err:
        parse_delays(text, flow)
    assert err.value.field == "delay" and err.value.message.startswith("Délais (--delay)")


def test_texts_use_only_their_flows_variables() -> None:
    assert check_text("{client_surname} : {cart_url}", Flow.ABANDONED_CART)
    with pytest.raises(FlowSettingError) as err:
        check_text("{client_surname} : {cart_url}", Flow.BIRTHDAY)
    assert "{cart_url}" in err.value.message and err.value.field == "text"
    with pytest.raises(FlowSettingError):
        check_text("   ", Flow.WINBACK)
