"""Each segment criterion on hand-made shops, on SQLite and on MariaDB.

Every test builds a small shop, names its customers and writes the ids it expects. The
customers all have a usable French mobile unless the test is about numbers, so the set of
customers in the segment is what the criteria select.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from support.shop_builder import ShopBuilder

from isend_tui.segments.counting import count_recipients
from isend_tui.segments.model import SegmentError
from isend_tui.segments.segment_file import segment_from_dict

TODAY = dt.date(2025, 6, 16)


@pytest.fixture
def shop(variant_shop: ShopBuilder) -> ShopBuilder:
    """Every PrestaShop version on SQLite and MariaDB (support.shop_builder.shop_variants)."""
    return variant_shop


_serial = iter(range(10**6))


def person(shop: ShopBuilder, **kwargs: Any) -> int:
    """A customer with one French address and a distinct usable mobile."""
    kwargs.setdefault("date_add", "2020-01-01 10:00:00")
    cid = shop.customer(**kwargs)
    shop.address(cid, phone_mobile=f"06{next(_serial):08d}")
    return cid


def members(shop: ShopBuilder, *criteria: dict[str, Any], today: dt.date = TODAY) -> set[int]:
    segment = segment_from_dict({"version": 1, "name": "test", "criteria": list(criteria)})
    return {row[0] for row in shop.classify(segment, today=today)}


# --------------------------------------------------------------------------- always


def test_deleted_and_inactive_customers_are_never_in_a_segment_guests_are(
    shop: ShopBuilder,
) -> None:
    kept = person(shop)
    guest = person(shop, is_guest=1)
    person(shop, deleted=1)
    person(shop, active=0)
    assert members(shop) == {kept, guest}


def test_an_empty_criteria_list_is_every_active_customer(shop: ShopBuilder) -> None:
    a, b = person(shop), person(shop, newsletter=1)
    assert members(shop) == {a, b}


# --------------------------------------------------------------------------- newsletter


def test_newsletter(shop: ShopBuilder) -> None:
    yes = person(shop, newsletter=1)
    no = person(shop, newsletter=0)
    assert members(shop, {"criterion": "newsletter", "value": True}) == {yes}
    assert members(shop, {"criterion": "newsletter", "value": False}) == {no}


# --------------------------------------------------------------------------- age


def test_age_counts_whole_years_like_prestashop(shop: ShopBuilder) -> None:
    thirty_today = person(shop, birthday="1995-06-16")
    thirty_yesterday = person(shop, birthday="1995-06-15")
    twenty_nine = person(shop, birthday="1995-06-17")  # 30 tomorrow
    forty = person(shop, birthday="1985-01-01")
    twenty_four = person(shop, birthday="2000-12-31")
    person(shop, birthday=None)
    person(shop, birthday="0000-00-00")

    def age(operator: str, value: Any) -> set[int]:
        return members(shop, {"criterion": "age", "operator": operator, "value": value})

    assert age("=", 30) == {thirty_today, thirty_yesterday}
    assert age(">", 29) == {thirty_today, thirty_yesterday, forty}
    assert age("<", 30) == {twenty_nine, twenty_four}
    assert age("between", [25, 30]) == {thirty_today, thirty_yesterday, twenty_nine}
    assert age("between", [24, 24]) == {twenty_four}
    assert age(">", 0) == {thirty_today, thirty_yesterday, twenty_nine, forty, twenty_four}


def test_a_29_february_birthday_comes_on_1_march_in_other_years(shop: ShopBuilder) -> None:
    leap = person(shop, birthday="2000-02-29")

    def aged(years: int, today: dt.date) -> bool:
        found = members(shop, {"criterion": "age", "operator": "=", "value": years}, today=today)
        return leap in found

    assert aged(24, dt.date(2025, 2, 28))  # not yet 25 on 28 February 2025
    assert aged(25, dt.date(2025, 3, 1))
    assert aged(23, dt.date(2024, 2, 28))  # a leap year: still 23 on the 28th
    assert aged(24, dt.date(2024, 2, 29))  # …and the 29th is the 24th birthday
    assert aged(24, dt.date(2024, 3, 1))


def test_age_on_29_february_of_a_leap_year_for_birthdays_around_it(shop: ShopBuilder) -> None:
    feb_28 = person(shop, birthday="2001-02-28")  # 23 on 2024-02-29
    mar_1 = person(shop, birthday="2001-03-01")  # still 22 on 2024-02-29
    today = dt.date(2024, 2, 29)
    assert members(shop, {"criterion": "age", "operator": "=", "value": 23}, today=today) == {
        feb_28
    }
    assert members(shop, {"criterion": "age", "operator": "=", "value": 22}, today=today) == {mar_1}


# --------------------------------------------------------------------------- shop, group


def test_shop(shop: ShopBuilder) -> None:
    paris = person(shop, id_shop=1)
    lyon = person(shop, id_shop=2)
    person(shop, id_shop=3)
    assert members(shop, {"criterion": "shop", "value": [1, 2]}) == {paris, lyon}
    assert members(shop, {"criterion": "shop", "value": [2]}) == {lyon}


def test_group_membership_is_any_chosen_group_not_only_the_default_one(
    shop: ShopBuilder,
) -> None:
    vip_by_default = person(shop, groups=["VIP"])
    client_and_vip = person(shop, groups=["Client", "VIP"])  # default group: Client
    pro = person(shop, groups=["Professionnels"])
    person(shop, groups=["Client"])
    person(shop, groups=[])
    assert members(shop, {"criterion": "group", "value": [4]}) == {vip_by_default, client_and_vip}
    assert members(shop, {"criterion": "group", "value": [4, 5]}) == {
        vip_by_default,
        client_and_vip,
        pro,
    }


# --------------------------------------------------------------------------- gender


def test_gender_goes_through_gender_type(shop: ShopBuilder) -> None:
    man = person(shop, gender_type=0)
    woman = person(shop, gender_type=1)
    person(shop, gender_type=2)  # neutral title
    person(shop)  # id_gender 0: not given
    assert members(shop, {"criterion": "gender", "value": "men"}) == {man}
    assert members(shop, {"criterion": "gender", "value": "women"}) == {woman}
    assert members(shop, {"criterion": "gender", "value": "both"}) == {man, woman}


# --------------------------------------------------------------------------- status


def test_status_professional_means_company_or_siret(shop: ShopBuilder) -> None:
    company = person(shop, company="ACME")
    siret = person(shop, siret="12345678901234")
    blank = person(shop, company="   ", siret="")
    nothing = person(shop)
    assert members(shop, {"criterion": "status", "value": "professional"}) == {company, siret}
    assert members(shop, {"criterion": "status", "value": "individual"}) == {blank, nothing}


# --------------------------------------------------------------------------- dates


def test_registration_before_after_between(shop: ShopBuilder) -> None:
    # today 2025-06-16: {"months_ago": 6} is 2024-12-16
    before = person(shop, date_add="2024-12-15 23:59:59")
    on_day = person(shop, date_add="2024-12-16 00:00:00")
    end_of_day = person(shop, date_add="2024-12-16 23:59:59")
    after = person(shop, date_add="2024-12-17 00:00:00")
    six = {"months_ago": 6}

    def reg(operator: str, value: Any) -> set[int]:
        return members(shop, {"criterion": "registration", "operator": operator, "value": value})

    assert reg("before", six) == {before}
    assert reg("after", six) == {after}
    assert reg("between", [six, six]) == {on_day, end_of_day}
    assert reg("between", ["2024-12-15", "2024-12-16"]) == {before, on_day, end_of_day}
    assert reg("after", "2024-12-15") == {on_day, end_of_day, after}
    assert reg("before", {"days_ago": 181}) == {before, on_day, end_of_day}  # 2024-12-17
    assert reg("before", {"days_ago": 182}) == {before}  # 2024-12-16


def test_last_order_uses_the_most_recent_valid_order(shop: ShopBuilder) -> None:
    old = person(shop)
    shop.order(old, date_add="2024-12-15 23:59:59")
    boundary = person(shop)
    shop.order(boundary, date_add="2024-12-01 10:00:00")
    shop.order(boundary, date_add="2024-12-16 00:00:00")
    cancelled_later = person(shop)
    shop.order(cancelled_later, date_add="2024-06-01 10:00:00")
    shop.order(cancelled_later, date_add="2025-06-01 10:00:00", state="PS_OS_CANCELED")
    recent = person(shop)
    shop.order(recent, date_add="2025-06-15 12:00:00")
    only_cancelled = person(shop)
    shop.order(only_cancelled, date_add="2024-01-01 10:00:00", state="PS_OS_CANCELED")
    person(shop)  # never ordered
    six = {"months_ago": 6}

    def last(operator: str, value: Any) -> set[int]:
        return members(shop, {"criterion": "last_order", "operator": operator, "value": value})

    assert last("before", six) == {old, cancelled_later}
    assert last("after", six) == {recent}
    assert last("between", [six, "2025-06-15"]) == {boundary, recent}
    assert last("before", "2030-01-01") == {old, boundary, cancelled_later, recent}


# --------------------------------------------------------------------------- orders_count


def test_orders_count_over_the_last_months(shop: ShopBuilder) -> None:
    # today 2025-06-16, 12 months: since 2024-06-16 00:00:00
    three = person(shop)
    for day in ("2024-06-16 00:00:00", "2024-09-01 10:00:00", "2025-06-15 10:00:00"):
        shop.order(three, date_add=day)
    two_and_one_too_old = person(shop)
    shop.order(two_and_one_too_old, date_add="2024-06-15 23:59:59")
    shop.order(two_and_one_too_old, date_add="2024-07-01 10:00:00")
    shop.order(two_and_one_too_old, date_add="2024-08-01 10:00:00")
    one_valid_one_cancelled = person(shop)
    shop.order(one_valid_one_cancelled, date_add="2025-01-01 10:00:00")
    shop.order(one_valid_one_cancelled, date_add="2025-02-01 10:00:00", state="PS_OS_CANCELED")
    never = person(shop)

    def count(operator: str, value: int, months: int = 12) -> set[int]:
        return members(
            shop,
            {"criterion": "orders_count", "operator": operator, "value": value, "months": months},
        )

    assert count(">", 2) == {three}
    assert count("=", 2) == {two_and_one_too_old}
    assert count("=", 1) == {one_valid_one_cancelled}
    assert count("<", 1) == {never}
    assert count("=", 0) == {never}
    assert count("<", 3) == {two_and_one_too_old, one_valid_one_cancelled, never}
    assert count(">", 2, months=13) == {three, two_and_one_too_old}


def test_two_order_criteria_with_different_periods(shop: ShopBuilder) -> None:
    loyal = person(shop)
    for day in ("2023-01-10 10:00:00", "2024-03-10 10:00:00", "2025-05-10 10:00:00"):
        shop.order(loyal, date_add=day)
    lapsed = person(shop)
    shop.order(lapsed, date_add="2023-01-10 10:00:00")
    shop.order(lapsed, date_add="2024-01-10 10:00:00")
    found = members(
        shop,
        {"criterion": "orders_count", "operator": ">", "value": 1, "months": 36},
        {"criterion": "orders_count", "operator": "=", "value": 1, "months": 3},
    )
    assert found == {loyal}


# --------------------------------------------------------------------------- orders_sum


def test_orders_sum_in_the_default_currency_is_exact(shop: ShopBuilder) -> None:
    exactly_100 = person(shop)
    shop.order(exactly_100, date_add="2025-05-01 10:00:00", total_paid_tax_incl="59.90")
    shop.order(exactly_100, date_add="2025-05-02 10:00:00", total_paid_tax_incl="40.10")
    swiss = person(shop)  # 94.21 CHF at 0.9421 = 100.00 EUR
    shop.order(
        swiss,
        date_add="2025-05-01 10:00:00",
        total_paid_tax_incl="94.21",
        currency="CHF",
        conversion_rate="0.9421",
    )
    pounds = person(shop)  # 50 GBP at 0.8465 = 59.066…; + 41 EUR = 100.066…
    shop.order(
        pounds,
        date_add="2025-05-01 10:00:00",
        total_paid_tax_incl="50.00",
        currency="GBP",
        conversion_rate="0.8465",
    )
    shop.order(pounds, date_add="2025-05-03 10:00:00", total_paid_tax_incl="41.00")
    cancelled = person(shop)
    shop.order(cancelled, date_add="2025-05-01 10:00:00", total_paid_tax_incl="500.00")
    shop.change_state(
        shop.order(cancelled, date_add="2025-05-02 10:00:00", total_paid_tax_incl="900"),
        "PS_OS_CANCELED",
    )
    old = person(shop)
    shop.order(old, date_add="2024-12-15 23:59:59", total_paid_tax_incl="300.00")
    shop.order(old, date_add="2024-12-16 00:00:00", total_paid_tax_incl="1.00")
    never = person(shop)

    def total(operator: str, value: Any, months: int = 6) -> set[int]:
        return members(
            shop,
            {"criterion": "orders_sum", "operator": operator, "value": value, "months": months},
        )

    assert total("=", 100) == {exactly_100, swiss}
    assert total("=", 100.07) == {pounds}
    assert total(">", 100) == {pounds, cancelled}
    assert total(">", 99.99) == {exactly_100, swiss, pounds, cancelled}
    assert total("<", 100) == {old, never}
    assert total("<", 1.01) == {old, never}
    assert total("=", 1) == {old}
    assert total("=", 0) == {never}
    assert total(">", 300, months=7) == {cancelled, old}


# --------------------------------------------------------------------------- country


def test_country_is_the_country_of_the_number_used(shop: ShopBuilder) -> None:
    french = shop.customer()
    shop.address(french, phone_mobile="06 11 22 33 44")
    belgian = shop.customer()
    shop.address(belgian, country="BE", phone="0470 12 34 56")
    # newest address: a French landline; the usable number is on the older Belgian one
    mixed = shop.customer()
    shop.address(mixed, country="BE", phone="0471 12 34 56", date_upd="2024-01-01 10:00:00")
    shop.address(mixed, country="FR", phone="01 23 45 67 89", date_upd="2025-01-01 10:00:00")
    # no usable number: the first candidate address (the newest) decides
    landline_only = shop.customer()
    shop.address(landline_only, country="CH", phone="022 123 45 67")
    shop.address(landline_only, country="FR", phone="01 23 45 67 88", date_upd="2020-01-01")
    no_address = shop.customer()

    assert members(shop, {"criterion": "country", "value": ["BE"]}) == {belgian, mixed}
    assert members(shop, {"criterion": "country", "value": ["FR"]}) == {french}
    assert members(shop, {"criterion": "country", "value": ["ch", "BE"]}) == {
        belgian,
        mixed,
        landline_only,
    }
    assert members(shop, {"criterion": "country", "value": ["IT"]}) == set()
    assert no_address not in members(shop, {"criterion": "country", "value": ["FR", "BE", "CH"]})


# --------------------------------------------------------------------------- combined


def test_four_criteria_combined(shop: ShopBuilder) -> None:
    target = person(shop, newsletter=1, birthday="1980-05-05", groups=["VIP"])
    shop.order(target, date_add="2025-01-01 10:00:00", total_paid_tax_incl="120")
    person(shop, newsletter=0, birthday="1980-05-05", groups=["VIP"])
    young = person(shop, newsletter=1, birthday="2005-05-05", groups=["VIP"])
    shop.order(young, date_add="2025-01-01 10:00:00", total_paid_tax_incl="120")
    small = person(shop, newsletter=1, birthday="1980-05-05", groups=["VIP"])
    shop.order(small, date_add="2025-01-01 10:00:00", total_paid_tax_incl="20")
    found = members(
        shop,
        {"criterion": "newsletter", "value": True},
        {"criterion": "age", "operator": ">", "value": 30},
        {"criterion": "group", "value": [4]},
        {"criterion": "orders_sum", "operator": ">", "value": 100, "months": 12},
    )
    assert found == {target}


def test_between_dates_resolving_backwards_is_refused_at_count_time(shop: ShopBuilder) -> None:
    segment = segment_from_dict(
        {
            "version": 1,
            "name": "x",
            "criteria": [
                {"criterion": "newsletter", "value": True},
                {
                    "criterion": "last_order",
                    "operator": "between",
                    "value": [{"days_ago": 10}, {"months_ago": 1}],
                },
            ],
        }
    )
    with shop.connect() as conn, pytest.raises(SegmentError) as err:
        count_recipients(conn, segment, today=TODAY)
    assert str(err.value).startswith("Critère 2 (last_order) : ")
    assert "inversez" in str(err.value)


def test_both_plans_of_the_count_agree(shop: ShopBuilder) -> None:
    from isend_tui.segments.compiler import compile_count
    from isend_tui.segments.shop_meta import shop_meta

    vip = person(shop, groups=["VIP"], newsletter=1)
    shop.order(vip, date_add="2025-01-01 10:00:00")
    other = person(shop, groups=["VIP"])
    shop.address(other, phone_mobile="06 99 99 99 01", deleted=1)
    person(shop, groups=["Client"], newsletter=1)
    segment = segment_from_dict(
        {
            "version": 1,
            "name": "x",
            "criteria": [
                {"criterion": "group", "value": [4]},
                {"criterion": "orders_count", "operator": "<", "value": 5, "months": 12},
            ],
        }
    )
    with shop.connect() as conn:
        meta = shop_meta(conn)
        rows = [
            conn.query_one(q.sql, q.params)
            for q in (
                compile_count(meta, segment, today=TODAY, per_customer=False),
                compile_count(meta, segment, today=TODAY, per_customer=True),
            )
        ]
        via_api = count_recipients(conn, segment, today=TODAY)
    assert rows[0] == rows[1]
    assert (via_api.customers, via_api.recipients) == (2, 2)
