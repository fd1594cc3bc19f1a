"""Hostile segment files (deep nesting, huge numbers, 200,000 ids): `count` and `campaign
send` answer with one line naming the field and the fix, never "erreur inattendue"."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.shop_builder import ShopBuilder, new_shop_dsn

from isend_tui.cli import main
from isend_tui.segments.model import SegmentError
from isend_tui.segments.segment_file import load_segment_file

BACKENDS = ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)]
TODAY = "2025-06-16"


@pytest.fixture(params=BACKENDS)
def shop(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ShopBuilder]:
    dsn = new_shop_dsn(request.param, tmp_path, request)
    with ShopBuilder(dsn).create() as builder:
        builder.address(builder.customer(), phone_mobile="06 12 34 56 78")
        yield builder


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "segment.json"
    path.write_text(text, encoding="utf-8")
    return path


def with_criterion(tmp_path: Path, criterion: str) -> Path:
    return write(tmp_path, '{"version": 1, "name": "x", "criteria": [' + criterion + "]}")


def one_line_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    err = capsys.readouterr().err.strip()
    assert code not in (0, 70), err
    assert len(err.splitlines()) == 1, err
    assert "inattendue" not in err
    assert len(err) < 400, err
    return err


DEEP = {
    "lists": "[" * 100_000 + "]" * 100_000,
    "objects": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "inside a criterion": '{"version": 1, "name": "x", "criteria": [{"criterion": "group", '
    '"value": ' + "[" * 60_000 + "]" * 60_000 + "}]}",
}


@pytest.mark.parametrize("kind", list(DEEP))
def test_deeply_nested_json_is_one_line(
    kind: str, shop: ShopBuilder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, DEEP[kind])
    url = shop.dsn.url(with_password=True)
    err = one_line_error(capsys, "count", str(path), "--shop-db", url)
    assert "trop de niveaux" in err and "corrigez" in err
    data = tmp_path / "data"
    err = one_line_error(
        capsys, "--data-dir", str(data), "campaign", "send", str(path), "--message", "Promo",
        "--shop-db", url, "--yes",
    )  # fmt: skip
    assert "trop de niveaux" in err


HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("criterion", "field"),
    [
        ('{"criterion": "age", "operator": ">", "value": ' + HUGE + "}", "l'âge"),
        ('{"criterion": "group", "value": [' + HUGE + "]}", "identifiant"),
        ('{"criterion": "group", "value": [' + "1" + "0" * 26 + "]}", "identifiant"),
        ('{"criterion": "shop", "value": [4294967296]}', "4294967295"),
        (
            '{"criterion": "orders_count", "operator": ">", "value": 1, "months": ' + HUGE + "}",
            "le nombre de mois",
        ),
        ('{"criterion": "orders_sum", "operator": ">", "value": ' + HUGE + ', "months": 1}',
         "montant"),
        ('{"criterion": "last_order", "operator": "before", "value": {"months_ago": -' + HUGE
         + "}}", "months_ago"),
    ],
)  # fmt: skip
def test_huge_numbers_name_their_field(
    criterion: str,
    field: str,
    shop: ShopBuilder,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = with_criterion(tmp_path, criterion)
    url = shop.dsn.url(with_password=True)
    err = one_line_error(capsys, "count", str(path), "--shop-db", url, "--today", TODAY)
    assert "Critère 1" in err and field in err, err
    assert "99999999999999999999" not in err  # the number is shown cut, with its length


def test_a_huge_version_or_a_huge_string_is_shown_cut(tmp_path: Path) -> None:
    path = write(tmp_path, '{"version": ' + HUGE + ', "name": "x", "criteria": []}')
    with pytest.raises(SegmentError, match="5000 chiffres") as caught:
        load_segment_file(path)
    assert len(caught.value.message) < 200
    path = with_criterion(tmp_path, '{"criterion": "gender", "value": "' + "w" * 10**6 + '"}')
    with pytest.raises(SegmentError, match="Critère 1 \\(gender\\)") as caught:
        load_segment_file(path)
    assert len(caught.value.message) < 300


def test_200000_ids_are_read_in_linear_time_and_counted(
    shop: ShopBuilder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = list(range(1, 200_001)) + list(range(1, 1001))  # with duplicates
    path = with_criterion(tmp_path, json.dumps({"criterion": "shop", "value": ids}))
    started = time.monotonic()
    segment = load_segment_file(path)
    assert time.monotonic() - started < 5  # was quadratic: more than 120 s
    assert segment.criteria[0].value[:3] == (1, 2, 3)  # type: ignore[attr-defined]
    assert len(segment.criteria[0].value) == 200_000  # type: ignore[attr-defined]
    url = shop.dsn.url(with_password=True)
    code = main(["count", str(path), "--json", "--shop-db", url, "--today", TODAY])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert json.loads(out.out)["recipients"] == 1
