"""The marketing sending window: days, hours, French public holidays, the 22:00 option."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from isend_tui.campaigns.window import PARIS, SendingWindow, format_slot, is_open, next_slot
from isend_tui.config import Settings
from isend_tui.errors import ConfigError


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


DEFAULT = Settings()
LATE = Settings(window_end="22:00")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (paris(2025, 6, 10, 8, 0), True),  # Tuesday, opening minute
        (paris(2025, 6, 10, 7, 59), False),
        (paris(2025, 6, 10, 19, 59), True),
        (paris(2025, 6, 10, 20, 0), False),  # the end is excluded
        (paris(2025, 6, 14, 10, 0), True),  # Saturday
        (paris(2025, 6, 15, 10, 0), False),  # Sunday
        (paris(2025, 7, 14, 10, 0), False),  # 14 July
        (paris(2025, 4, 21, 10, 0), False),  # Easter Monday 2025
        (paris(2025, 6, 9, 10, 0), False),  # Whit Monday 2025
        (paris(2025, 12, 25, 10, 0), False),
    ],
)
def test_default_window(moment: datetime, expected: bool) -> None:
    assert is_open(moment, DEFAULT) is expected


def test_the_22h_option_and_naive_times_read_as_paris() -> None:
    assert is_open(paris(2025, 6, 10, 21, 59), LATE)
    assert not is_open(paris(2025, 6, 10, 22, 0), LATE)
    assert is_open(datetime(2025, 6, 10, 19, 59), DEFAULT)
    # 17:59 UTC is 19:59 in Paris in June, 18:00 UTC is 20:00.
    assert is_open(datetime(2025, 6, 10, 17, 59, tzinfo=UTC), DEFAULT)
    assert not is_open(datetime(2025, 6, 10, 18, 0, tzinfo=UTC), DEFAULT)


@pytest.mark.parametrize(
    ("moment", "slot"),
    [
        (paris(2025, 6, 10, 11, 30), paris(2025, 6, 10, 11, 30)),  # open: itself
        (paris(2025, 6, 10, 6, 0), paris(2025, 6, 10, 8, 0)),
        (paris(2025, 6, 10, 20, 0), paris(2025, 6, 11, 8, 0)),
        (paris(2025, 6, 14, 20, 30), paris(2025, 6, 16, 8, 0)),  # Saturday night -> Monday
        (paris(2025, 7, 13, 12, 0), paris(2025, 7, 15, 8, 0)),  # Sunday then 14 July
        (paris(2025, 4, 19, 21, 0), paris(2025, 4, 22, 8, 0)),  # Easter weekend
        (paris(2025, 12, 24, 20, 0), paris(2025, 12, 26, 8, 0)),
    ],
)
def test_next_slot(moment: datetime, slot: datetime) -> None:
    assert next_slot(moment, DEFAULT) == slot


def test_next_slot_with_custom_days_and_hours() -> None:
    weekdays_morning = Settings(window_days="0,1,2,3,4", window_start="09:30", window_end="12:00")
    assert next_slot(paris(2025, 6, 13, 12, 0), weekdays_morning) == paris(2025, 6, 16, 9, 30)
    assert format_slot(paris(2025, 6, 16, 9, 30)) == "lundi 16/06/2025 09:30"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("window_days", "7"),
        ("window_days", "lundi"),
        ("window_end", "07:00"),
        ("window_start", "8h"),
    ],
)
def test_broken_settings_are_reported(field: str, value: str) -> None:
    with pytest.raises(ConfigError) as refused:
        SendingWindow.from_settings(Settings(**{field: value}))
    assert refused.value.field in (field, "window_end")
