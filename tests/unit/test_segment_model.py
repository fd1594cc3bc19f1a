"""The segment JSON format: every criterion round-trips, every mistake is named."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from isend_tui import i18n
from isend_tui.segments.dates import DateValue, months_before
from isend_tui.segments.model import (
    Age,
    Country,
    Gender,
    Group,
    LastOrder,
    Newsletter,
    OrdersCount,
    OrdersSum,
    Registration,
    Segment,
    SegmentError,
    Shop,
    Status,
)
from isend_tui.segments.segment_file import (
    load_segment_file,
    save_segment_file,
    segment_from_dict,
    segment_to_dict,
)

EVERY_CRITERION: list[dict[str, Any]] = [
    {"criterion": "newsletter", "value": True},
    {"criterion": "age", "operator": ">", "value": 30},
    {"criterion": "age", "operator": "between", "value": [25, 40]},
    {"criterion": "shop", "value": [1, 2]},
    {"criterion": "last_order", "operator": "before", "value": {"months_ago": 6}},
    {"criterion": "last_order", "operator": "between", "value": ["2025-01-01", "2025-03-31"]},
    {"criterion": "registration", "operator": "after", "value": {"days_ago": 30}},
    {"criterion": "gender", "value": "women"},
    {"criterion": "group", "value": [3, 4]},
    {"criterion": "orders_count", "operator": ">", "value": 2, "months": 12},
    {"criterion": "country", "value": ["FR", "BE"]},
    {"criterion": "orders_sum", "operator": ">", "value": 99.9, "months": 6},
    {"criterion": "orders_sum", "operator": "=", "value": 100, "months": 6},
    {"criterion": "status", "value": "professional"},
]


def doc(*criteria: dict[str, Any]) -> dict[str, Any]:
    return {"version": 1, "name": "Fidèles", "criteria": list(criteria)}


def test_every_criterion_round_trips() -> None:
    document = doc(*EVERY_CRITERION)
    segment = segment_from_dict(document)
    assert segment_to_dict(segment) == document
    assert segment.criteria == (
        Newsletter(True),
        Age(">", 30),
        Age("between", (25, 40)),
        Shop((1, 2)),
        LastOrder("before", DateValue(months_ago=6)),
        LastOrder(
            "between", (DateValue(day=dt.date(2025, 1, 1)), DateValue(day=dt.date(2025, 3, 31)))
        ),
        Registration("after", DateValue(days_ago=30)),
        Gender("women"),
        Group((3, 4)),
        OrdersCount(">", 2, 12),
        Country(("FR", "BE")),
        OrdersSum(">", Decimal("99.9"), 6),
        OrdersSum("=", Decimal("100"), 6),
        Status("professional"),
    )


def test_the_documented_example_file_is_valid() -> None:
    text = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    blocks = text.split("```json")[1:]
    assert blocks, "the README has json examples"
    kinds: set[str] = set()
    for block in blocks:
        document = json.loads(block.split("```")[0])
        if "version" in document:
            kinds |= segment_from_dict(document).kinds()
        else:
            kinds |= segment_from_dict(doc(document)).kinds()
    assert kinds == {c["criterion"] for c in EVERY_CRITERION}


def test_files_are_saved_and_loaded_exactly(tmp_path: Path) -> None:
    segment = segment_from_dict(doc(*EVERY_CRITERION))
    path = tmp_path / "fideles.json"
    save_segment_file(segment, path)
    assert load_segment_file(path) == segment
    assert json.loads(path.read_text(encoding="utf-8"))["name"] == "Fidèles"
    assert [p.name for p in tmp_path.iterdir()] == ["fideles.json"]


def test_amounts_read_from_a_file_are_exact(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        '{"version": 1, "name": "x", "criteria": [{"criterion": "orders_sum", '
        '"operator": ">", "value": 0.1, "months": 1}]}',
        encoding="utf-8",
    )
    assert load_segment_file(path).criteria == (OrdersSum(">", Decimal("0.1"), 1),)


def test_an_empty_criteria_list_is_everyone() -> None:
    assert segment_from_dict(doc()) == Segment("Fidèles", ())


def test_country_codes_are_upper_cased_and_lists_deduplicated() -> None:
    segment = segment_from_dict(
        doc(
            {"criterion": "country", "value": ["fr", "FR", "be"]},
            {"criterion": "shop", "value": [2, 2]},
        )
    )
    assert segment.criteria == (Country(("FR", "BE")), Shop((2,)))


def test_months_before_clamps_to_the_end_of_the_month() -> None:
    assert months_before(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)
    assert months_before(dt.date(2025, 6, 16), 6) == dt.date(2024, 12, 16)
    assert months_before(dt.date(2025, 1, 15), 13) == dt.date(2023, 12, 15)
    assert DateValue(months_ago=6).resolve(dt.date(2025, 8, 31)) == dt.date(2025, 2, 28)


@pytest.mark.parametrize(
    ("criterion", "message"),
    [
        ({"criterion": "colour", "value": "red"}, "Critère 2 (colour) : critère inconnu"),
        ({"value": 1}, "Critère 2 (null) : critère inconnu"),
        ({"criterion": "age", "operator": ">=", "value": 3}, "Critère 2 (age) : opérateur"),
        ({"criterion": "age", "value": 3}, "Critère 2 (age) : la clé « operator » manque"),
        ({"criterion": "age", "operator": ">", "value": -1}, "ne peut pas être négatif"),
        ({"criterion": "age", "operator": ">", "value": "30"}, "doit être un nombre entier"),
        ({"criterion": "age", "operator": ">", "value": True}, "doit être un nombre entier"),
        ({"criterion": "age", "operator": "between", "value": [40, 25]}, "écrivez [25, 40]"),
        ({"criterion": "age", "operator": "between", "value": 30}, "attend deux âges"),
        ({"criterion": "newsletter", "value": "yes"}, "Critère 2 (newsletter) : la valeur doit"),
        ({"criterion": "newsletter", "value": True, "extra": 1}, "clé inconnue « extra »"),
        ({"criterion": "shop", "value": []}, "Critère 2 (shop) : la liste est vide"),
        ({"criterion": "shop", "value": 1}, "doit être une liste"),
        ({"criterion": "group", "value": [0]}, "Critère 2 (group) : 0 n'est pas un identifiant"),
        ({"criterion": "group", "value": ["VIP"]}, "n'est pas un identifiant"),
        ({"criterion": "country", "value": []}, "Critère 2 (country) : la liste est vide"),
        ({"criterion": "country", "value": ["France"]}, "n'est pas un code pays"),
        ({"criterion": "gender", "value": "male"}, 'Critère 2 (gender) : valeur "male" inconnue'),
        ({"criterion": "status", "value": 1}, "Critère 2 (status) : valeur 1 inconnue"),
        (
            {"criterion": "orders_count", "operator": ">", "value": 2, "months": 0},
            "Critère 2 (orders_count) : le nombre de mois doit être d'au moins 1",
        ),
        (
            {"criterion": "orders_count", "operator": ">", "value": 2, "months": -3},
            "d'au moins 1 (-3 donné)",
        ),
        (
            {"criterion": "orders_count", "operator": "between", "value": 2, "months": 3},
            'Critère 2 (orders_count) : opérateur "between" inconnu',
        ),
        ({"criterion": "orders_count", "operator": ">", "value": 2}, "la clé « months » manque"),
        (
            {"criterion": "orders_sum", "operator": ">", "value": -5, "months": 3},
            "Critère 2 (orders_sum) : le montant ne peut pas être négatif",
        ),
        (
            {"criterion": "orders_sum", "operator": ">", "value": "100", "months": 3},
            "le montant doit être un nombre",
        ),
        (
            {"criterion": "last_order", "operator": "before", "value": "2025-02-30"},
            "Critère 2 (last_order) : date invalide « 2025-02-30 »",
        ),
        (
            {"criterion": "last_order", "operator": "before", "value": "31/01/2025"},
            "date invalide « 31/01/2025 »",
        ),
        (
            {"criterion": "registration", "operator": "after", "value": {"weeks_ago": 2}},
            "Critère 2 (registration) : date relative invalide",
        ),
        (
            {"criterion": "registration", "operator": "after", "value": {"months_ago": 0}},
            "months_ago doit être d'au moins 1",
        ),
        (
            {"criterion": "registration", "operator": "after", "value": {"days_ago": -1}},
            "days_ago doit être d'au moins 1",
        ),
        (
            {
                "criterion": "last_order",
                "operator": "between",
                "value": ["2025-03-01", "2025-01-01"],
            },
            "Critère 2 (last_order) : la première date de « between » est après la seconde",
        ),
        (
            {
                "criterion": "last_order",
                "operator": "between",
                "value": [{"months_ago": 1}, {"months_ago": 6}],
            },
            "est après la seconde",
        ),
        (
            {"criterion": "last_order", "operator": "between", "value": "2025-01-01"},
            "« between » attend deux dates",
        ),
        (
            {"criterion": "registration", "operator": "since", "value": "2025-01-01"},
            'choisissez parmi "before", "after", "between"',
        ),
        (7, "Critère 2 : un objet"),
    ],
)
def test_each_mistake_names_the_criterion_and_the_fix(criterion: Any, message: str) -> None:
    with pytest.raises(SegmentError) as err:
        segment_from_dict(doc({"criterion": "newsletter", "value": True}, criterion))
    assert message in str(err.value)
    assert str(err.value).startswith("Critère 2")
    assert err.value.position == 2
    assert err.value.field == "segment"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "Le segment doit être un objet JSON"),
        ({"name": "x", "criteria": []}, "Version de segment null non prise en charge"),
        ({"version": 2, "name": "x", "criteria": []}, 'écrivez "version": 1'),
        ({"version": 1, "criteria": []}, "Le segment n'a pas de nom"),
        ({"version": 1, "name": " ", "criteria": []}, "Le segment n'a pas de nom"),
        ({"version": 1, "name": "x", "criteria": {}}, '"criteria" doit être une liste'),
        ({"version": 1, "name": "x", "criteria": [], "x": 1}, "Clé inconnue « x »"),
    ],
)
def test_document_mistakes(document: Any, message: str) -> None:
    with pytest.raises(SegmentError) as err:
        segment_from_dict(document)
    assert message in str(err.value)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(SegmentError, match="introuvable"):
        load_segment_file(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": 1,\n "name": }', encoding="utf-8")
    with pytest.raises(SegmentError) as err:
        load_segment_file(broken)
    assert "broken.json" in str(err.value) and "ligne 2" in str(err.value)


def test_errors_are_translated() -> None:
    i18n.set_language("en")
    try:
        with pytest.raises(SegmentError) as err:
            segment_from_dict(doc({"criterion": "shop", "value": []}))
    finally:
        i18n.set_language("fr")
    assert str(err.value).startswith("Criterion 1 (shop): the list is empty")
