"""`isend-tui count` and `isend-tui recipients`, on SQLite and MariaDB shops."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.shop_builder import ShopBuilder, new_shop_dsn

from isend_tui.cli import main

BACKENDS = ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)]
TODAY = "2025-06-16"


@pytest.fixture(params=BACKENDS)
def shop(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ShopBuilder]:
    dsn = new_shop_dsn(request.param, tmp_path, request)
    with ShopBuilder(dsn).create() as builder:
        anne = builder.customer(firstname="Anne", lastname="Martin", email="anne@example.test")
        builder.address(anne, phone_mobile="06 12 34 56 78")
        bruno = builder.customer(firstname="Bruno", lastname="Petit", email="bruno@example.test")
        builder.address(bruno, country="BE", phone="0470 12 34 56")
        twin = builder.customer(firstname="Chloé", lastname="Martin")
        builder.address(twin, phone="+33 6 12 34 56 78")
        fixed = builder.customer(firstname="Denis")
        builder.address(fixed, phone="01 45 67 89 10")
        builder.customer(firstname="Emma")  # no address
        yield builder


def url(shop: ShopBuilder) -> str:
    return shop.dsn.url(with_password=True)


def segment_file(tmp_path: Path, criteria: list[dict[str, object]] | None = None) -> Path:
    path = tmp_path / "tous.json"
    path.write_text(
        json.dumps({"version": 1, "name": "Tous", "criteria": criteria or []}), encoding="utf-8"
    )
    return path


def test_count_json(shop: ShopBuilder, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["count", str(segment_file(tmp_path)), "--json", "--shop-db", url(shop), "--today", TODAY]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out) == {
        "segment": "Tous",
        "today": TODAY,
        "counted_on": "shop",  # a small shop: no local copy
        "basis": None,  # no --basis: nobody left out for want of one
        "customers": 5,
        "recipients": 2,
        "no_number": 1,
        "invalid_number": 0,
        "landline": 1,
        "duplicate_number": 1,
        "suppressed": 0,
    }


def test_count_prints_the_breakdown_with_labels(
    shop: ShopBuilder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["count", str(segment_file(tmp_path)), "--shop-db", url(shop), "--today", TODAY])
    assert code == 0
    out = capsys.readouterr().out
    assert "Segment « Tous » au 16/06/2025" in out  # the merchant's date, not ISO
    lines = {
        line.split(":")[0].strip(): line.split(":")[1].strip() for line in out.splitlines()[1:]
    }
    assert lines == {
        "Clients du segment": "5",
        "Destinataires": "2",
        "Sans numéro": "1",
        "Numéro invalide": "0",
        "Fixe": "1",
        "Numéro en double": "1",
        "Liste de suppression": "0",
    }


def test_count_in_english(
    shop: ShopBuilder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(segment_file(tmp_path))
    assert main(["--lang", "en", "count", path, "--shop-db", url(shop), "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert "Recipients" in out and "Duplicate number" in out and "Landline" in out
    assert 'Segment "Tous" on 2025-06-16' in out


def test_recipients_csv_file(shop: ShopBuilder, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    code = main(
        [
            "recipients",
            str(segment_file(tmp_path)),
            "--csv",
            str(target),
            "--shop-db",
            url(shop),
            "--today",
            TODAY,
        ]
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows == [
        ["number", "firstname", "lastname", "email", "country"],
        ["32470123456", "Bruno", "Petit", "bruno@example.test", "BE"],
        ["33612345678", "Anne", "Martin", "anne@example.test", "FR"],
    ]


def test_recipients_to_stdout_with_a_criterion(
    shop: ShopBuilder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = segment_file(tmp_path, [{"criterion": "country", "value": ["BE"]}])
    assert main(["recipients", str(path), "--shop-db", url(shop), "--today", TODAY]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "number,firstname,lastname,email,country",
        "32470123456,Bruno,Petit,bruno@example.test,BE",
    ]


def test_a_bad_segment_exits_non_zero_with_one_line(
    shop: ShopBuilder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = segment_file(tmp_path, [{"criterion": "age", "operator": ">=", "value": 3}])
    assert main(["count", str(path), "--shop-db", url(shop)]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("isend-tui: Critère 1 (age) : opérateur")


def test_a_missing_file_or_shop_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["count", str(tmp_path / "none.json"), "--shop-db", "sqlite:///nowhere"]) != 0
    assert "introuvable" in capsys.readouterr().err
    path = segment_file(tmp_path)
    missing = f"sqlite://{tmp_path / 'absent.sqlite3'}"
    assert main(["count", str(path), "--shop-db", missing]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "absent.sqlite3" in err


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)])
def test_the_shop_url_can_come_from_a_file_so_no_password_shows_in_argv(
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dsn = new_shop_dsn(backend, tmp_path, request)
    with ShopBuilder(dsn).create() as shop:
        shop.address(shop.customer(), phone_mobile="06 12 34 56 01")
    segment = tmp_path / "tous.json"
    segment.write_text(json.dumps({"version": 1, "name": "tous", "criteria": []}))
    url_file = tmp_path / "shop.url"
    url_file.write_text(f"# the shop\n{dsn.url(with_password=True)}\n")
    assert main(["count", str(segment), "--json", "--shop-db-file", str(url_file)]) == 0
    assert json.loads(capsys.readouterr().out)["recipients"] == 1
    empty = tmp_path / "empty.url"
    empty.write_text("\n")
    assert main(["count", str(segment), "--shop-db-file", str(empty)]) == 2
    assert "ne contient pas d'adresse" in capsys.readouterr().err


def test_unknown_countries_groups_and_shops_are_named_not_a_silent_zero(
    shop: ShopBuilder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    criteria: list[dict[str, object]] = [
        {"criterion": "country", "value": ["FR", "XX"]},
        {"criterion": "group", "value": [3, 99]},
        {"criterion": "shop", "value": [42]},
    ]
    path = segment_file(tmp_path, criteria)
    assert main(["count", str(path), "--shop-db", url(shop), "--today", TODAY]) == 0
    warnings = capsys.readouterr().err.splitlines()
    assert warnings == [
        "Attention : Critère 1 (country) : pays inconnu de la boutique : XX ; aucun client "
        "n'y correspond.",
        "Attention : Critère 2 (group) : groupe inconnu de la boutique : 99 ; aucun client "
        "n'y correspond.",
        "Attention : Critère 3 (shop) : boutique inconnue : 42 ; aucun client n'y correspond.",
    ]
    known = segment_file(tmp_path, [{"criterion": "country", "value": ["be"]}])
    assert main(["recipients", str(known), "--shop-db", url(shop), "--today", TODAY]) == 0
    assert capsys.readouterr().err == ""


def test_count_with_the_consent_basis_uses_imported_consents(
    shop: ShopBuilder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    consents = tmp_path / "consents.csv"
    consents.write_text(
        "numero;email;date\n+32 470 12 34 56;;2025-01-01\n;ANNE@example.test;2025-02-01\n",
        encoding="utf-8",
    )
    assert main(["consent", "import", str(consents)]) == 0
    capsys.readouterr()
    args = ["count", str(segment_file(tmp_path)), "--shop-db", url(shop), "--today", TODAY]
    assert main([*args, "--json", "--basis", "consent"]) == 0
    document = json.loads(capsys.readouterr().out)
    keys = ("basis", "recipients", "no_consent", "retention", "duplicate_number")
    assert {k: document[k] for k in keys} == {
        "basis": "consent",
        "recipients": 2,  # Anne by her email, Bruno by his number
        "no_consent": 1,  # Chloé shares Anne's number but never consented
        "retention": 0,
        "duplicate_number": 0,
    }
    assert main([*args, "--basis", "consent"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Base légale : consent" in out and "Sans consentement : 1" in out
    assert main(["--lang", "en", *args, "--basis", "customer"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "No consent : 3" in out  # nobody has ordered


def test_count_shows_customers_past_retention_and_follows_the_setting(
    shop: ShopBuilder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A subscriber of 2020 who has done nothing since: past the 36 months by default,
    back with retention_months set to ten years."""
    old = shop.customer(firstname="Gaston", newsletter=1, date_add="2020-01-01 10:00:00")
    shop.address(old, phone_mobile="06 55 55 55 55")
    args = ["count", str(segment_file(tmp_path)), "--shop-db", url(shop), "--today", TODAY]
    assert main([*args, "--basis", "consent"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Données trop anciennes : 1" in out and "Destinataires : 0" in out
    assert main(["--lang", "en", *args, "--basis", "consent", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["recipients"], document["retention"]) == (0, 1)
    assert main(["settings", "set", "retention_months", "120"]) == 0
    capsys.readouterr()
    assert main([*args, "--basis", "consent", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["recipients"], document["retention"]) == (1, 0)


def test_transactional_is_no_basis_for_a_count(
    shop: ShopBuilder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["count", str(segment_file(tmp_path)), "--shop-db", url(shop), "--basis"]
    assert main([*args, "transactional"]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--basis consent" in err and "transactionnel" in err
    assert main([*args, "opt-in"]) != 0
    assert "base inconnue" in capsys.readouterr().err
