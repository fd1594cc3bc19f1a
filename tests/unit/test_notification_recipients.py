"""Who gets a notification: admin phone, the customer's first usable mobile, encoding."""

from __future__ import annotations

from isend_tui.notifications.recipients import admin_recipient, customer_recipient, for_number
from isend_tui.shop.events import AddressFacts
from isend_tui.sms import check_mobile


def _addr(id: int, mobile: str = "", phone: str = "", country: str = "FR") -> AddressFacts:
    return AddressFacts(
        id, 1, "a", "1 rue", "", "75002", "Paris", country, "", phone, mobile, False
    )


def test_phone_mobile_before_phone_and_delivery_before_invoice() -> None:
    got = customer_recipient(
        [_addr(1, phone="0611111111", mobile="0788888888"), _addr(2, "0633333333")]
    )
    assert got.number is not None and got.number.gateway == "33788888888"
    got = customer_recipient([_addr(1, phone="0144444444"), _addr(2, mobile="0633333333")])
    assert got.number is not None and got.number.gateway == "33633333333"


def test_no_number_and_invalid_numbers_are_told_apart() -> None:
    assert customer_recipient([_addr(1), None]).code == "no_number"
    landline = customer_recipient([_addr(1, phone="01 44 44 44 44")])
    assert landline.code == "invalid_number"
    assert landline.detail.startswith("01 44 44 44 44 : ")
    assert customer_recipient([]).code == "no_number"


def test_admin_phone() -> None:
    assert admin_recipient("").code == "no_admin_phone"
    assert admin_recipient("0142000000").code == "invalid_number"
    ok = admin_recipient("+33 6 11 22 33 44")
    assert ok.number is not None and ok.number.gateway == "33611223344"


def test_french_numbers_are_transliterated_foreign_ones_only_for_customer_data() -> None:
    french = check_mobile("0612345678", "FR").number
    belgian = check_mobile("0470123456", "BE").number
    assert french is not None and belgian is not None
    assert for_number("Benoît ’ça’", french, template=None) == ("Benoit 'ca'", False)
    assert for_number("Cher Noël", french, template=None) == ("Cher Noel", False)
    assert for_number("Cher Hélène", french, template=None) == ("Cher Hélène", False)
    # The accent came from the customer's name into a GSM-7 text: one GSM-7 SMS abroad too.
    template = "Cher {client_surname}, votre commande est partie."
    assert for_number("Cher Benoît, votre commande est partie.", belgian, template=template) == (
        "Cher Benoit, votre commande est partie.",
        False,
    )
    # The merchant typed it in the text: kept, in UCS-2, where the gateway allows it.
    assert for_number("Côté boutique", belgian, template="Côté boutique") == (
        "Côté boutique",
        True,
    )
