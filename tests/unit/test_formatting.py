"""Numbers, money, dates and plurals in the merchant's language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from isend_tui import formatting as f
from isend_tui import i18n

NBSP = "\u00a0"


@pytest.fixture(params=["fr", "en"])
def language(request: pytest.FixtureRequest) -> str:
    i18n.set_language(request.param)
    return str(request.param)


def test_counts_group_thousands_and_never_wrap(language: str) -> None:
    assert f.count(2000) == ("2" + NBSP + "000" if language == "fr" else "2,000")
    assert f.count(12_344_000).count(NBSP if language == "fr" else ",") == 2
    assert " " not in f.count(1129)  # an ordinary space would let the number wrap


def test_money_is_decimal_rounded_half_up_to_the_cent(language: str) -> None:
    expected = {"fr": "0,15" + NBSP + "€", "en": "€0.15"}[language]
    assert f.money(Decimal("0.145")) == expected
    assert f.money(0.145) == expected  # a float is read through its shortest repr
    assert f.money(Decimal("1234.5")) == (
        "1" + NBSP + "234,50" + NBSP + "€" if language == "fr" else "€1,234.50"
    )
    assert f.money(Decimal("-5")) == ("-5,00" + NBSP + "€" if language == "fr" else "-€5.00")


def test_dates_and_times_are_in_the_shop_zone_not_the_machine_zone(language: str) -> None:
    utc_evening = datetime(2026, 12, 2, 18, 31, 52, tzinfo=UTC)  # 19:31:52 in Paris
    assert f.clock_time(utc_evening) == "19:31:52"
    assert f.moment(utc_evening) == ("02/12/2026 19:31" if language == "fr" else "2026-12-02 19:31")
    assert f.day(date(2026, 7, 14)) == ("14/07/2026" if language == "fr" else "2026-07-14")


def test_plurals_follow_the_language(language: str) -> None:
    forms = ("{n} destinataire", "{n} destinataires")
    assert f.plural(1, *forms) == forms[0]
    assert f.plural(2, *forms) == forms[1]
    assert f.plural(0, *forms) == (forms[0] if language == "fr" else forms[1])


def test_a_counted_piece_carries_its_grouped_number(language: str) -> None:
    forms = ("{n} refusé", "{n} refusés")
    assert f.counted(1, *forms) == "1 refusé"
    assert f.counted(1200, *forms) == (
        "1" + NBSP + "200 refusés" if language == "fr" else "1,200 refusés"
    )


def test_percent(language: str) -> None:
    assert f.percent(0.975) == ("97,5" + NBSP + "%" if language == "fr" else "97.5%")


def test_a_price_per_sms_keeps_its_fraction_of_a_cent(language: str) -> None:
    assert f.unit_price(Decimal("0.045")) == (
        "0,045" + NBSP + "€" if language == "fr" else "€0.045"
    )
    assert f.unit_price(Decimal("0.05")) == ("0,05" + NBSP + "€" if language == "fr" else "€0.05")
    assert f.unit_price(Decimal("10") / Decimal("223")) == (  # 0.044843…
        "0,0448" + NBSP + "€" if language == "fr" else "€0.0448"
    )


def test_a_stored_moment_reads_in_paris_time(language: str) -> None:
    # stored in UTC by the notifications, with Paris' offset by the campaigns
    assert f.stored_moment("2026-12-02T18:29:00+00:00") == (
        "02/12/2026 19:29" if language == "fr" else "2026-12-02 19:29"
    )
    assert f.stored_moment("2026-07-14 08:00") == (  # naive: already Paris time
        "14/07/2026 08:00" if language == "fr" else "2026-07-14 08:00"
    )
    assert f.stored_moment("not a date") == "not a date"


def test_a_sending_slot_names_its_day_in_the_language(language: str) -> None:
    from isend_tui.campaigns.window import PARIS, format_slot

    slot = datetime(2025, 6, 16, 9, 30, tzinfo=PARIS)
    assert format_slot(slot) == (
        "lundi 16/06/2025 09:30" if language == "fr" else "Monday 2025-06-16 09:30"
    )
