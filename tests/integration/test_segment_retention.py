"""Data retention: with a lawful basis, a customer whose latest activity (account, valid
order, newsletter subscription, psgdpr consent, imported consent) is older than the last
`retention_months` months is counted "données trop anciennes", not as a recipient.

Every backend and schema variant, the two count plans and the local copy (`variant_shop`).
The lawful basis itself: test_segment_numbers.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from support.shop_builder import ShopBuilder

from isend_tui.segments.basis import Basis, BasisRule, ImportedConsent
from isend_tui.segments.counting import RecipientCount, iter_recipients
from isend_tui.segments.exclusions import Exclusion
from isend_tui.segments.model import Segment

TODAY = dt.date(2025, 6, 16)  # 36 months: activity from 2022-06-16 00:00:00 keeps
EVERYONE = Segment("Tous")
OLD = "2020-01-01 10:00:00"
RECENT = "2024-01-01 10:00:00"

RECENT_IMPORT = ImportedConsent("2024-05-02T10:00:00", "forms.csv:2")
OLD_IMPORT = ImportedConsent("2021-05-02T10:00:00", "forms.csv:3")
CONSENT = BasisRule.of(
    Basis.CONSENT,
    numbers={"33611000007": RECENT_IMPORT, "33611000008": OLD_IMPORT},
    emails={"recent.import@example.test": RECENT_IMPORT},
    retention_months=36,
)


@pytest.fixture
def shop(variant_shop: ShopBuilder) -> ShopBuilder:
    """Every PrestaShop version on SQLite and MariaDB (support.shop_builder.shop_variants)."""
    return variant_shop


def counted(shop: ShopBuilder, **kwargs: object) -> RecipientCount:
    result: RecipientCount = shop.count(EVERYONE, today=TODAY, **kwargs)  # type: ignore[arg-type]
    return result


def listed(shop: ShopBuilder, basis: BasisRule | None) -> set[int]:
    with shop.connect() as conn:
        return {r.id_customer for r in iter_recipients(conn, EVERYONE, today=TODAY, basis=basis)}


def _newsletter_date(shop: ShopBuilder, cid: int, when: str) -> None:
    shop.w.execute(
        f"UPDATE {shop.t('customer')} SET newsletter_date_add = %s WHERE id_customer = %s",
        (when, cid),
    )


def _retention_shop(shop: ShopBuilder) -> dict[str, int]:
    """Customers with the consent basis, old accounts unless told (names: their activity)."""
    ids: dict[str, int] = {}

    def person(name: str, mobile: str, *, date_add: str = OLD, **kwargs: object) -> int:
        cid = shop.customer(firstname=name, date_add=date_add, **kwargs)  # type: ignore[arg-type]
        shop.address(cid, phone_mobile=mobile)
        ids[name] = cid
        return cid

    person("nothing_since", "06 11 00 00 01", newsletter=1)  # subscribed with the account
    shop.order(person("recent_order", "06 11 00 00 02", newsletter=1), date_add=RECENT)
    shop.order(
        person("recent_invalid_order", "06 11 00 00 03", newsletter=1),
        date_add=RECENT,
        state="PS_OS_ERROR",
    )
    _newsletter_date(shop, person("recent_newsletter", "06 11 00 00 04", newsletter=1), RECENT)
    shop.gdpr_log(person("recent_psgdpr", "06 11 00 00 05"), date_add=RECENT)
    shop.gdpr_log(person("old_psgdpr", "06 11 00 00 06"), date_add=OLD)
    person("recent_imported_number", "06 11 00 00 07")
    person("old_imported_number", "06 11 00 00 08")
    person("recent_imported_email", "06 11 00 00 09", email="Recent.Import@Example.test")
    person("recent_account", "06 11 00 00 10", newsletter=1, date_add=RECENT)
    first_day = person("newsletter_on_first_day", "06 11 00 00 11", newsletter=1)
    _newsletter_date(shop, first_day, "2022-06-16 00:00:00")
    day_before = person("newsletter_day_before", "06 11 00 00 12", newsletter=1)
    _newsletter_date(shop, day_before, "2022-06-15 23:59:59")
    person("account_on_first_day", "06 11 00 00 13", newsletter=1, date_add="2022-06-16 00:00:00")
    person("account_day_before", "06 11 00 00 14", newsletter=1, date_add="2022-06-15 23:59:59")
    person("no_basis", "06 11 00 00 15")  # no consent: no_consent, whatever its age
    return ids


KEPT = (
    "recent_order",
    "recent_newsletter",
    "recent_psgdpr",
    "recent_imported_number",
    "recent_imported_email",
    "recent_account",
    "newsletter_on_first_day",
    "account_on_first_day",
)


def test_customers_without_activity_in_the_retention_months_are_left_out(
    shop: ShopBuilder,
) -> None:
    ids = _retention_shop(shop)
    assert counted(shop, basis=CONSENT) == RecipientCount(
        customers=15,
        recipients=8,
        no_number=0,
        invalid_number=0,
        landline=0,
        duplicate_number=0,
        suppressed=0,
        no_consent=1,
        retention=6,
        basis="consent",
    )
    assert listed(shop, CONSENT) == {ids[name] for name in KEPT}


def test_the_breakdown_shows_retention_right_after_no_consent(shop: ShopBuilder) -> None:
    _retention_shop(shop)
    reasons = [reason for reason, _n in counted(shop, basis=CONSENT).breakdown()]
    assert reasons == [
        Exclusion.NO_NUMBER,
        Exclusion.INVALID_NUMBER,
        Exclusion.LANDLINE,
        Exclusion.NO_CONSENT,
        Exclusion.RETENTION,
        Exclusion.DUPLICATE_NUMBER,
        Exclusion.SUPPRESSED,
    ]
    assert dict(counted(shop, basis=CONSENT).breakdown())[Exclusion.RETENTION] == 6


def test_without_a_basis_retention_leaves_nobody_out(shop: ShopBuilder) -> None:
    _retention_shop(shop)
    count = counted(shop)
    assert (count.recipients, count.retention) == (15, 0)
    assert Exclusion.RETENTION not in dict(count.breakdown())


def test_the_retention_months_are_the_setting(shop: ShopBuilder) -> None:
    """Ten years back, every old account is within retention; one month back, only what
    happened since 2025-05-16 keeps a customer."""
    ids = _retention_shop(shop)
    decade = BasisRule.of(Basis.CONSENT, retention_months=120)
    count = counted(shop, basis=decade)
    assert (count.recipients, count.retention) == (11, 0)  # newsletter and psgdpr ones
    month = BasisRule.of(Basis.CONSENT, retention_months=1)
    shop.order(ids["nothing_since"], date_add="2025-05-16 00:00:00")
    shop.order(ids["recent_order"], date_add="2025-05-15 23:59:59")
    count = counted(shop, basis=month)
    assert (count.recipients, count.retention) == (1, 10)
    assert listed(shop, month) == {ids["nothing_since"]}


def test_a_shared_number_goes_to_the_customer_within_retention(shop: ShopBuilder) -> None:
    stale = shop.customer(newsletter=1, date_add=OLD)  # the lower id
    shop.address(stale, phone_mobile="06 11 00 00 01")
    fresh = shop.customer(newsletter=1, date_add=RECENT)
    shop.address(fresh, phone_mobile="06 11 00 00 01")
    count = counted(shop, basis=CONSENT)
    assert (count.recipients, count.retention, count.duplicate_number) == (1, 1, 0)
    assert listed(shop, CONSENT) == {fresh}


def test_the_customer_basis_applies_retention_too(shop: ShopBuilder) -> None:
    """Soft opt-in over 36 months, retention over 12: an order of 2023 is a basis but
    its customer is past retention."""
    rule = BasisRule.of(Basis.CUSTOMER, soft_optin_months=36, retention_months=12)
    older = shop.customer(date_add=OLD)
    shop.address(older, phone_mobile="06 11 00 00 01")
    shop.order(older, date_add="2023-01-01 10:00:00")
    recent = shop.customer(date_add=OLD)
    shop.address(recent, phone_mobile="06 11 00 00 02")
    shop.order(recent, date_add="2025-01-01 10:00:00")
    count = counted(shop, basis=rule)
    assert (count.recipients, count.no_consent, count.retention) == (1, 0, 1)
    assert listed(shop, rule) == {recent}


def test_an_order_placed_after_the_last_count_brings_a_customer_back(shop: ShopBuilder) -> None:
    """The local copy's refresh must see it (in the local-copy variant)."""
    cid = shop.customer(newsletter=1, date_add=OLD)
    shop.address(cid, phone_mobile="06 11 00 00 01")
    assert counted(shop, basis=CONSENT).retention == 1
    after = counted(shop, basis=CONSENT, refresh_after=lambda: shop.order(cid, date_add=RECENT))
    assert (after.recipients, after.retention) == (1, 0)
