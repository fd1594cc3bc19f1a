"""Customer data made inert: for the terminal and for spreadsheets."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from isend_tui.safe_text import SafeStream, csv_cell, terminal_safe

HOSTILE = [
    "\x1b[2J\x1b[H\x1b[31mHACKED\x1b[0m",  # clear the screen, draw in red
    "\x1b]0;pwned\x07",  # retitle the terminal
    "\x1b]52;c;Y2F0IC9ldGMvcGFzc3dk\x07",  # write the clipboard
    "\x9b2J",  # 8-bit CSI
    "Dupont\u202egnp.exe",  # right-to-left override
    "a\x00b\x7fc\rd",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_no_control_character_survives(name: str) -> None:
    safe = terminal_safe(name)
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in safe)
    assert "\u202e" not in safe
    assert terminal_safe("\x1b[2J") == "␛[2J"  # visible, so the merchant sees it was there


@given(st.text())
def test_printable_text_is_left_alone_and_the_result_is_always_inert(text: str) -> None:
    safe = terminal_safe(text)
    assert all(ord(ch) >= 0x20 and not 0x7F <= ord(ch) < 0xA0 for ch in safe)
    if all(ch.isprintable() and ch not in "\u202a\u202b\u202c\u202d\u202e" for ch in text):
        assert safe == text


def test_multiline_keeps_newlines_and_tabs_only() -> None:
    assert terminal_safe("a\n\tb\x1b", multiline=True) == "a\n\tb␛"
    assert terminal_safe("a\nb") == "a␊b"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1+1)@x.fr", "'@SUM(1+1)@x.fr"),
        ("\tx", "'␉x"),
        ("Dupont", "Dupont"),
        ("33612345678", "33612345678"),
        (None, ""),
    ],
)
def test_csv_cells_never_run_as_formulas(cell: str | None, expected: str) -> None:
    assert csv_cell(cell) == expected


def test_the_cli_stream_filters_everything_written() -> None:
    target = io.StringIO()
    stream = SafeStream(target)
    print("Alice\x1b]0;x\x07\tok", file=stream)
    assert target.getvalue() == "Alice␛]0;x␇\tok\n"
