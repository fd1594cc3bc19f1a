"""Which number a customer gets, the breakdown, duplicates and the suppression list.

On SQLite and on MariaDB, with hand-made shops.
"""

from __future__ import annotations

import datetime as dt

import pytest
from support.shop_builder import ShopBuilder

from isend_tui.segments.basis import Basis, BasisRule, ImportedConsent, Proof, ProofSource
from isend_tui.segments.counting import (
    Recipient,
    RecipientCount,
    iter_recipients,
)
from isend_tui.segments.exclusions import Exclusion
from isend_tui.segments.model import Segment
from isend_tui.segments.segment_file import segment_from_dict

TODAY = dt.date(2025, 6, 16)
EVERYONE = Segment("Tous")


@pytest.fixture
def shop(variant_shop: ShopBuilder) -> ShopBuilder:
    """Every PrestaShop version on SQLite and MariaDB (support.shop_builder.shop_variants)."""
    return variant_shop


def numbers(shop: ShopBuilder, segment: Segment = EVERYONE) -> dict[int, tuple[str, str | None]]:
    """id_customer -> (class code, number) for every customer of the segment."""
    return {cid: (cls, num) for cid, cls, num, _c in shop.classify(segment, today=TODAY)}


def counted(shop: ShopBuilder, segment: Segment = EVERYONE, **kwargs: object) -> RecipientCount:
    result: RecipientCount = shop.count(segment, today=TODAY, **kwargs)  # type: ignore[arg-type]
    return result


def listed(shop: ShopBuilder, segment: Segment = EVERYONE, **kwargs: object) -> list[Recipient]:
    with shop.connect() as conn:
        return list(iter_recipients(conn, segment, today=TODAY, **kwargs))  # type: ignore[arg-type]


def test_the_latest_valid_orders_delivery_address_comes_first_even_soft_deleted(
    shop: ShopBuilder,
) -> None:
    cid = shop.customer()
    delivered = shop.address(cid, phone_mobile="06 11 11 11 11", date_upd="2023-01-01 10:00:00")
    shop.order(cid, date_add="2024-01-01 10:00:00", id_address_delivery=delivered)
    shop.w.execute(
        f"UPDATE {shop.t('address')} SET deleted = 1 WHERE id_address = %s", (delivered,)
    )
    shop.address(cid, phone_mobile="06 22 22 22 22", date_upd="2025-01-01 10:00:00")
    assert numbers(shop)[cid] == ("3", "33611111111")


def test_a_soft_deleted_address_is_not_used_otherwise(shop: ShopBuilder) -> None:
    cid = shop.customer()
    shop.address(cid, phone_mobile="06 11 11 11 11", deleted=1, date_upd="2025-05-01")
    shop.address(cid, phone_mobile="06 22 22 22 22", date_upd="2020-01-01")
    assert numbers(shop)[cid] == ("3", "33622222222")


def test_an_invalid_latest_order_does_not_count_the_latest_valid_one_does(
    shop: ShopBuilder,
) -> None:
    cid = shop.customer()
    first = shop.address(cid, phone_mobile="06 11 11 11 11", date_upd="2020-01-01")
    second = shop.address(cid, phone_mobile="06 22 22 22 22", date_upd="2021-01-01")
    third = shop.address(cid, phone_mobile="06 33 33 33 33", date_upd="2022-01-01")
    shop.order(cid, date_add="2024-01-01 10:00:00", id_address_delivery=first)
    shop.order(cid, date_add="2024-06-01 10:00:00", id_address_delivery=second, state="PS_OS_ERROR")
    assert third  # the most recently updated address loses to the latest valid order's
    assert numbers(shop)[cid] == ("3", "33611111111")


def test_other_addresses_most_recently_updated_first_then_highest_id(shop: ShopBuilder) -> None:
    cid = shop.customer()
    shop.address(cid, phone_mobile="06 11 11 11 11", date_upd="2024-01-01 10:00:00")
    shop.address(cid, phone_mobile="06 22 22 22 22", date_upd="2025-01-01 10:00:00")
    shop.address(cid, phone_mobile="06 33 33 33 33", date_upd="2023-01-01 10:00:00")
    tie = shop.customer()
    shop.address(tie, phone_mobile="06 44 44 44 44", date_upd="2025-01-01 10:00:00")
    shop.address(tie, phone_mobile="06 55 55 55 55", date_upd="2025-01-01 10:00:00")
    found = numbers(shop)
    assert found[cid] == ("3", "33622222222")
    assert found[tie] == ("3", "33655555555")


def test_phone_mobile_before_phone_and_the_first_usable_wins(shop: ShopBuilder) -> None:
    both = shop.customer()
    shop.address(both, phone="07 99 99 99 99", phone_mobile="06 12 34 56 78")
    landline_mobile_field = shop.customer()
    shop.address(landline_mobile_field, phone="06 87 65 43 21", phone_mobile="01 23 45 67 89")
    newest_unusable = shop.customer()
    shop.address(newest_unusable, phone="01 23 45 67 80", date_upd="2025-01-01")
    shop.address(newest_unusable, phone="+33 7 55 44 33 22", date_upd="2020-01-01")
    found = numbers(shop)
    assert found[both] == ("3", "33612345678")
    assert found[landline_mobile_field] == ("3", "33687654321")
    assert found[newest_unusable] == ("3", "33755443322")


def test_the_breakdown_explains_every_customer(shop: ShopBuilder) -> None:
    ok = shop.customer()
    shop.address(ok, phone="06 12 34 56 78")
    landline = shop.customer()
    shop.address(landline, phone="01 45 67 89 10")
    garbage = shop.customer()
    shop.address(garbage, phone="pas de téléphone", phone_mobile="N/A")
    garbage_and_landline = shop.customer()
    shop.address(garbage_and_landline, phone="123", phone_mobile="04 72 00 00 00")
    empty = shop.customer()
    shop.address(empty, phone="", phone_mobile=None)
    blanks = shop.customer()
    shop.address(blanks, phone="   ")
    no_address = shop.customer()
    foreign = shop.customer()  # a Belgian mobile with its code, on a French address
    shop.address(foreign, country="FR", phone="+32 470 12 34 56")
    national = shop.customer()  # the same without its code: a French landline
    shop.address(national, country="FR", phone="0470 12 34 56")
    found = numbers(shop)
    assert found == {
        ok: ("3", "33612345678"),
        landline: ("2", None),
        garbage: ("1", None),
        garbage_and_landline: ("2", None),
        empty: ("0", None),
        blanks: ("0", None),
        no_address: ("0", None),
        foreign: ("3", "32470123456"),
        national: ("2", None),
    }
    assert counted(shop) == RecipientCount(
        customers=9,
        recipients=2,
        no_number=3,
        invalid_number=1,
        landline=3,
        duplicate_number=0,
        suppressed=0,
    )


def test_cross_border_mobiles_are_usable_and_counted_under_the_address_country(
    shop: ShopBuilder,
) -> None:
    french_in_germany = shop.customer()
    shop.address(french_in_germany, country="DE", phone="+33 6 12 34 56 78")
    swiss_in_france = shop.customer()
    shop.address(swiss_in_france, country="FR", phone_mobile="0041 79.123.45.67")
    belgian_in_spain = shop.customer()
    shop.address(belgian_in_spain, country="ES", phone="+32-470-12-34-56")
    french_landline_in_germany = shop.customer()  # not a mobile anywhere
    shop.address(french_landline_in_germany, country="DE", phone="+33 1 45 67 89 10")
    found = numbers(shop)
    assert found == {
        french_in_germany: ("3", "33612345678"),
        swiss_in_france: ("3", "41791234567"),
        belgian_in_spain: ("3", "32470123456"),
        french_landline_in_germany: ("1", None),
    }
    in_france = segment_from_dict(
        {"version": 1, "name": "FR", "criteria": [{"criterion": "country", "value": ["FR"]}]}
    )
    assert set(numbers(shop, in_france)) == {swiss_in_france}
    in_switzerland = segment_from_dict(
        {"version": 1, "name": "CH", "criteria": [{"criterion": "country", "value": ["CH"]}]}
    )
    assert numbers(shop, in_switzerland) == {}
    assert counted(shop).recipients == 3


def test_a_shared_number_goes_to_the_lowest_id_the_others_are_duplicates(
    shop: ShopBuilder,
) -> None:
    first = shop.customer(firstname="Anne")
    shop.address(first, phone="06 12 34 56 78")
    second = shop.customer(firstname="Bruno")
    shop.address(second, phone="+33 6 12 34 56 78")  # the same number written otherwise
    third = shop.customer(firstname="Chloé")
    shop.address(third, phone_mobile="0033612345678")
    other = shop.customer(firstname="Denis")
    shop.address(other, phone="07 50 00 00 01")
    assert counted(shop) == RecipientCount(
        customers=4,
        recipients=2,
        no_number=0,
        invalid_number=0,
        landline=0,
        duplicate_number=2,
        suppressed=0,
    )
    people = listed(shop)
    assert [(r.id_customer, r.number, r.firstname) for r in people] == [
        (first, "33612345678", "Anne"),
        (other, "33750000001", "Denis"),
    ]


def test_suppressed_numbers_are_counted_apart_and_left_out_of_the_list(
    shop: ShopBuilder,
) -> None:
    kept = shop.customer(firstname="Anne", email="anne@example.test")
    shop.address(kept, phone="06 12 34 56 78")
    stopped = shop.customer(firstname="Bruno")
    shop.address(stopped, phone="06 99 99 99 99")
    twin = shop.customer(firstname="Bruno bis")
    shop.address(twin, phone="06 99 99 99 99")
    stop = ["33699999999", "33600000000"]
    assert counted(shop, suppressed=stop) == RecipientCount(
        customers=3,
        recipients=1,
        no_number=0,
        invalid_number=0,
        landline=0,
        duplicate_number=1,
        suppressed=1,
    )
    assert [r.id_customer for r in listed(shop, suppressed=stop)] == [kept]
    everyone = listed(shop, suppressed=stop, include_suppressed=True)
    assert [(r.id_customer, r.suppressed) for r in everyone] == [(kept, False), (stopped, True)]


def test_a_suppression_list_longer_than_sqlites_parameter_limit_still_counts(
    shop: ShopBuilder,
) -> None:
    kept = shop.customer(firstname="Anne")
    shop.address(kept, phone="06 12 34 56 78")
    stopped = shop.customer(firstname="Bruno")
    shop.address(stopped, phone="06 99 99 99 99")
    # 300,000 numbers: SQLite refuses more than 250,000 parameters in one statement
    stop = [f"3361{i:07d}" for i in range(300_000)] + ["33699999999"]
    count = counted(shop, suppressed=stop)
    assert (count.recipients, count.suppressed) == (1, 1)


def test_a_recipient_carries_what_a_campaign_needs(shop: ShopBuilder) -> None:
    cid = shop.customer(firstname="Hélène", lastname="Dupré", email="h@example.test", id_lang=2)
    shop.address(cid, country="BE", phone="0470 12 34 56")
    no_lang = shop.customer(firstname="Jean", id_lang=None)
    shop.address(no_lang, country="LU", phone_mobile="621 123 456")
    people = {r.id_customer: r for r in listed(shop)}
    assert people[cid] == Recipient(
        id_customer=cid,
        number="32470123456",
        firstname="Hélène",
        lastname="Dupré",
        email="h@example.test",
        country_iso="BE",
        id_lang=2,
        suppressed=False,
    )
    assert people[no_lang].number == "352621123456"
    assert people[no_lang].country_iso == "LU"
    assert people[no_lang].id_lang == 1  # PS_LANG_DEFAULT


def test_the_breakdown_follows_the_criteria(shop: ShopBuilder) -> None:
    fan = shop.customer(newsletter=1)
    shop.address(fan, phone="06 12 34 56 78")
    fan_landline = shop.customer(newsletter=1)
    shop.address(fan_landline, phone="01 12 34 56 78")
    other = shop.customer(newsletter=0)
    shop.address(other, phone="06 12 34 56 79")
    segment = segment_from_dict(
        {"version": 1, "name": "n", "criteria": [{"criterion": "newsletter", "value": True}]}
    )
    assert counted(shop, segment) == RecipientCount(
        customers=2,
        recipients=1,
        no_number=0,
        invalid_number=0,
        landline=1,
        duplicate_number=0,
        suppressed=0,
    )


def test_an_empty_shop_counts_zero(shop: ShopBuilder) -> None:
    assert counted(shop) == RecipientCount(0, 0, 0, 0, 0, 0, 0)
    assert listed(shop) == []


# --------------------------------------------------------------------------- lawful basis

IMPORTED = ImportedConsent("2024-05-02T10:00:00", "forms.csv:2")
CONSENT = BasisRule.of(
    Basis.CONSENT,
    numbers={"33611000005": IMPORTED},
    emails={"marie.curie@example.test": IMPORTED},
)
CUSTOMER = BasisRule.of(Basis.CUSTOMER, soft_optin_months=36)  # since 2022-06-16


def _basis_shop(shop: ShopBuilder) -> dict[str, int]:
    """Customers with and without each basis (names: what they have)."""

    def person(name: str, mobile: str | None, **kwargs: object) -> int:
        cid = shop.customer(firstname=name, **kwargs)  # type: ignore[arg-type]
        shop.address(cid, phone_mobile=mobile, phone="01 45 67 89 10" if not mobile else None)
        ids[name] = cid
        return cid

    ids: dict[str, int] = {}
    person("newsletter", "06 11 00 00 01", newsletter=1)
    person("nothing", "06 11 00 00 02")
    shop.gdpr_log(person("psgdpr", "06 11 00 00 03"), request_type=1)
    shop.gdpr_log(person("psgdpr_export", "06 11 00 00 04"), request_type=2)
    person("imported_number", "06 11 00 00 05")
    person("imported_email", "06 11 00 00 06", email="Marie.Curie@Example.test")
    shop.order(person("recent_order", "06 11 00 00 07"), date_add="2024-01-01 10:00:00")
    shop.order(person("old_order", "06 11 00 00 08"), date_add="2020-01-01 10:00:00")
    shop.order(
        person("recent_invalid_order", "06 11 00 00 09"),
        date_add="2025-01-01 10:00:00",
        state="PS_OS_ERROR",
    )
    person("newsletter_landline", None, newsletter=1)
    person("shared_without", "06 11 00 00 11")  # the lower id, no basis
    person("shared_with", "06 11 00 00 11", newsletter=1)
    person("suppressed_with", "06 11 00 00 12", newsletter=1)
    person("suppressed_without", "06 11 00 00 13")
    shop.order(person("order_on_first_day", "06 11 00 00 14"), date_add="2022-06-16 00:00:00")
    shop.order(person("order_day_before", "06 11 00 00 15"), date_add="2022-06-15 23:59:59")
    return ids


STOP = ["33611000012", "33611000013"]


def test_the_consent_basis_leaves_out_customers_without_one(shop: ShopBuilder) -> None:
    ids = _basis_shop(shop)
    assert counted(shop, suppressed=STOP, basis=CONSENT) == RecipientCount(
        customers=16,
        recipients=5,
        no_number=0,
        invalid_number=0,
        landline=1,
        no_consent=9,
        duplicate_number=0,
        suppressed=1,
        basis="consent",
    )
    kept = {r.id_customer for r in listed(shop, suppressed=STOP, basis=CONSENT)}
    names = ("newsletter", "psgdpr", "imported_number", "imported_email", "shared_with")
    assert kept == {ids[n] for n in names}


def test_the_customer_basis_needs_a_valid_order_in_the_last_months(shop: ShopBuilder) -> None:
    ids = _basis_shop(shop)
    assert counted(shop, suppressed=STOP, basis=CUSTOMER) == RecipientCount(
        customers=16,
        recipients=2,
        no_number=0,
        invalid_number=0,
        landline=1,
        no_consent=13,
        duplicate_number=0,
        suppressed=0,
        basis="customer",
    )
    kept = {r.id_customer for r in listed(shop, basis=CUSTOMER)}
    assert kept == {ids["recent_order"], ids["order_on_first_day"]}


def test_shared_and_suppressed_numbers_with_a_basis_each_count_once(shop: ShopBuilder) -> None:
    """A number shared by customers with the basis is one recipient, or one suppressed
    number when listed; one only a customer without the basis has is neither."""
    for mobile, newsletter in (
        ("06 11 00 00 21", 1),  # alone, suppressed
        ("06 11 00 00 22", 1),  # shared, kept
        ("06 11 00 00 22", 1),
        ("06 11 00 00 23", 1),  # shared, suppressed
        ("06 11 00 00 23", 1),
        ("06 11 00 00 24", 1),  # alone, kept
        ("06 11 00 00 25", 0),  # suppressed, but no basis
    ):
        shop.address(shop.customer(newsletter=newsletter), phone_mobile=mobile)
    stop = ["33611000021", "33611000023", "33611000025"]
    count = counted(shop, suppressed=stop, basis=CONSENT)
    assert (count.recipients, count.suppressed, count.duplicate_number) == (2, 2, 2)
    assert count.no_consent == 1


def test_without_a_basis_nobody_is_left_out_for_want_of_one(shop: ShopBuilder) -> None:
    _basis_shop(shop)
    count = counted(shop, suppressed=STOP)
    assert count == RecipientCount(
        customers=16,
        recipients=12,
        no_number=0,
        invalid_number=0,
        landline=1,
        duplicate_number=1,
        suppressed=2,
    )
    assert Exclusion.NO_CONSENT not in dict(count.breakdown())
    assert len(listed(shop, suppressed=STOP)) == 12


def test_a_consent_logged_after_the_last_count_is_seen(shop: ShopBuilder) -> None:
    """psgdpr logs a consent without saving the customer: the local copy's refresh must
    still see it, and on a shop without the module the newsletter flag alone counts."""
    fan = shop.customer(newsletter=1)
    shop.address(fan, phone_mobile="06 11 00 00 01")
    late = shop.customer()
    shop.address(late, phone_mobile="06 11 00 00 02")
    rule = BasisRule.of(Basis.CONSENT)
    before = counted(shop, basis=rule)
    assert (before.recipients, before.no_consent) == (1, 1)
    after = counted(shop, basis=rule, refresh_after=lambda: shop.gdpr_log(late))
    assert (after.recipients, after.no_consent) == (2, 0)


def test_each_recipient_comes_with_the_proof_of_its_basis(shop: ShopBuilder) -> None:
    """What a campaign keeps per recipient: the strongest proof found, its date and its
    reference (imported file:line, psgdpr log id, newsletter IP, order id)."""
    fan = shop.customer(newsletter=1, date_add="2023-03-04 05:06:07")
    shop.address(fan, phone_mobile="06 11 00 00 01")
    shop.w.execute(
        f"UPDATE {shop.t('customer')} SET ip_registration_newsletter = %s WHERE id_customer = %s",
        ("203.0.113.9", fan),
    )
    logged = shop.customer(newsletter=1)  # psgdpr first: it names the form consented on
    shop.address(logged, phone_mobile="06 11 00 00 03")
    log_id = shop.gdpr_log(logged, date_add="2024-02-03 04:05:06")
    imported = shop.customer(email="Marie.Curie@Example.test", newsletter=1)
    shop.address(imported, phone_mobile="06 11 00 00 06")
    buyer = shop.customer()
    shop.address(buyer, phone_mobile="06 11 00 00 07")
    shop.order(buyer, date_add="2023-01-01 10:00:00")
    latest = shop.order(buyer, date_add="2024-01-01 10:00:00")
    shop.order(buyer, date_add="2024-06-01 10:00:00", state="PS_OS_ERROR")  # not valid

    proofs = {r.id_customer: r.proof for r in listed(shop, basis=CONSENT)}
    assert proofs[fan] == Proof(
        Basis.CONSENT, ProofSource.NEWSLETTER, "2023-03-04 05:06:07", "203.0.113.9"
    )
    assert proofs[logged] == Proof(
        Basis.CONSENT, ProofSource.PSGDPR, "2024-02-03 04:05:06", str(log_id)
    )
    assert proofs[imported] == Proof(
        Basis.CONSENT, ProofSource.IMPORT, IMPORTED.given_at, IMPORTED.ref
    )
    assert buyer not in proofs
    bought = {r.id_customer: r.proof for r in listed(shop, basis=CUSTOMER)}
    assert bought == {
        buyer: Proof(Basis.CUSTOMER, ProofSource.ORDER, "2024-01-01 10:00:00", str(latest))
    }
    assert all(r.proof is None for r in listed(shop))  # no basis asked: no proof read
