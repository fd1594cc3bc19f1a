"""The sandbox on its own: rules, codes table, account state, faults, parameters (in process)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from isend_tui.gateway import codes
from isend_tui.gateway.sandbox import rules
from isend_tui.gateway.sandbox.account import DEMO_KEYID, SandboxAccount
from isend_tui.gateway.sandbox.app import create_app
from isend_tui.gateway.sandbox.faults import FaultConfig, FaultKind, Faults

# --- rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stop", "expected"),
    [
        ("", False, ("GSM-7", 0, 0)),
        ("a" * 160, False, ("GSM-7", 160, 1)),
        ("a" * 161, False, ("GSM-7", 161, 2)),
        ("a" * 306, False, ("GSM-7", 306, 2)),
        ("a" * 307, False, ("GSM-7", 307, 3)),
        ("a" * 918, False, ("GSM-7", 918, 6)),
        ("€" * 80, False, ("GSM-7", 160, 1)),  # extension: 2 units each
        ("a" * 152 + "€", False, ("GSM-7", 154, 1)),
        ("a" * 160 + "a" * 152 + "€", False, ("GSM-7", 314, 3)),  # the escape pair moves whole
        ("a" * 148, True, ("GSM-7", 160, 1)),  # STOP mention: 12 more
        ("a" * 149, True, ("GSM-7", 161, 2)),
        ("ê" * 70, False, ("UCS-2", 70, 1)),
        ("ê" * 71, False, ("UCS-2", 71, 2)),
        ("ç", False, ("UCS-2", 1, 1)),  # lowercase ç is not GSM
        ("Ç", False, ("GSM-7", 1, 1)),
        ("a" * 66 + "😀", False, ("UCS-2", 68, 1)),
        ("a" * 70 + "a" * 66 + "😀", False, ("UCS-2", 138, 3)),  # the surrogate pair moves
        ("a\r\nb", False, ("GSM-7", 4, 1)),
    ],
)
def test_count(text: str, stop: bool, expected: tuple[str, int, int]) -> None:
    counted = rules.count(text, stop_mention=stop)
    assert (counted.encoding, counted.units, counted.parts) == expected


@pytest.mark.parametrize(
    ("num", "plausible", "country"),
    [
        ("0612345678", True, "FR"),
        ("0761234567", True, "FR"),
        ("0712345678", False, "FR"),  # 07 must be followed by 3-9
        ("0145678901", False, "FR"),  # landline
        ("33612345678", True, "FR"),
        ("+33 6 12 34 56 78", True, "FR"),
        ("0033612345678", True, "FR"),
        ("32470123456", True, "BE"),
        ("352621123456", True, "LU"),
        ("12025550123", True, ""),
        ("12", False, ""),
        ("06abc", False, "FR"),
    ],
)
def test_numbers(num: str, plausible: bool, country: str) -> None:
    normalised = rules.normalise(num)
    assert rules.is_plausible_mobile(normalised) is plausible
    assert rules.country_of(normalised) == country


@pytest.mark.parametrize(
    ("sender", "ok"),
    [
        ("MaBoutique", True),
        ("Ma Boutique", True),
        ("Shop", True),
        ("ABC", False),
        ("MaBoutique12", False),
        ("123456", False),
        ("12 34", False),
        ("Boutique-1", False),
        ("Boutiqué", False),
    ],
)
def test_sender_rule(sender: str, ok: bool) -> None:
    assert rules.sender_ok(sender) is ok


def test_gmt_zones_follow_the_doc() -> None:
    assert {"Europe/Brussels", "Europe/Amsterdam", "Europe/London", "UTC"} <= rules.GMT_ZONES
    assert "Europe/Paris" not in rules.GMT_ZONES


# --- codes ---------------------------------------------------------------------------------


def test_documented_codes_keep_their_messages() -> None:
    assert codes.CODES["0"].message == "Votre message a bien ete envoye"
    assert codes.CODES["3"].message == "Your credentials are incorrect"
    assert codes.CODES["11"].message == "Le numéro de téléphone est dans la liste noire!"
    assert codes.CODES["21"].message == "Le numéro de téléphone n'est pas attribué!"
    assert not any(codes.CODES[c].invented for c in ("0", "3", "11", "21", "230", "250"))
    invented = {c.code for c in codes.CODES.values() if c.invented}
    assert invented == {str(n) for n in range(901, 912)}
    assert codes.message(codes.IP_NOT_ALLOWED, ip="127.0.0.1").startswith(
        "L'adresse IP n'est pas autorisée!"
    )


def test_the_docstring_shows_the_rendered_table() -> None:
    assert codes.__doc__ is not None
    assert codes.markdown_table() in codes.__doc__


# --- account ---------------------------------------------------------------------------------


def test_quantity_is_the_credit_divided_by_the_french_price() -> None:
    account = SandboxAccount(credit="10.04")
    assert account.quantity_france() == 200
    assert account.price("FR") == Decimal("0.05")
    assert account.price("BE") == Decimal("0.08")
    assert account.price("") == account.price("JP") == Decimal("0.12")


def test_state_file_persists_and_explicit_values_win(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    first = SandboxAccount(path=path, credit="20")
    first.blacklist_add("0612345678")
    directory = first.create_directory("VIP")
    first.directory_add(directory, [("0612345678", {1: "Roy"})])
    first.close()
    again = SandboxAccount(path=path)
    assert again.credit == Decimal("20")
    assert again.keyid == DEMO_KEYID
    assert [n for n, _ in again.blacklist()] == ["33612345678"]
    assert again.directory_contacts(directory) == [("0612345678", {1: "Roy"})]
    again.close()
    third = SandboxAccount(path=path, credit="5", keyid="abcdefabcdefabcdefab")
    assert (third.credit, third.keyid) == (Decimal("5"), "abcdefabcdefabcdefab")
    third.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    columns = [row[1] for row in db.execute("PRAGMA table_info(sms_log)")]
    assert columns == [
        "id",
        "received_at",
        "endpoint",
        "num",
        "text",
        "sender",
        "date_envoi",
        "gmt_zone",
        "parts",
        "encoding",
        "cost",
        "tracker",
        "code",
        "dlr_status",
        "dlr_at",
    ]
    db.close()


def test_repr_shows_no_keyid() -> None:
    account = SandboxAccount(keyid="0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f")
    assert "0f0f0f0f" not in repr(account)


# --- faults ------------------------------------------------------------------------------------


def test_fault_rates_are_validated() -> None:
    with pytest.raises(ValueError):
        FaultConfig(server_error_rate=0.7, unavailable_rate=0.5)
    with pytest.raises(ValueError):
        FaultConfig(latency_ms=-1)
    spread = FaultConfig.with_error_rate(0.5)
    assert spread.unavailable_rate == spread.malformed_rate == 0.1
    assert spread.slow_rate == 0


def test_seeded_draws_repeat() -> None:
    def draws() -> list[FaultKind | None]:
        faults = Faults(unavailable_rate=0.25, server_error_rate=0.25, seed=42)
        return [faults.pick("/sms") for _ in range(50)]

    first = draws()
    assert first == draws()
    assert {FaultKind.UNAVAILABLE, FaultKind.SERVER_ERROR, None} == set(first)


def test_queued_faults_come_first_and_respect_paths() -> None:
    faults = Faults()
    faults.fail_next(FaultKind.SLOW, 2, paths=("/smsmulti",))
    faults.fail_next("malformed")
    assert faults.pick("/credit") is FaultKind.MALFORMED
    assert faults.pick("/credit") is None
    assert faults.pick("/smsmulti") is FaultKind.SLOW
    assert faults.pending() == ["slow"]
    faults.reset()
    assert faults.pending() == [] and faults.config == FaultConfig()


def test_config_paths_limit_random_faults() -> None:
    faults = Faults(server_error_rate=1.0, paths=["/smsmulti"])
    assert faults.pick("/credit") is None
    assert faults.pick("/smsmulti") is FaultKind.SERVER_ERROR


# --- the app in process (ASGITransport) ----------------------------------------------------------


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(SandboxAccount())
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://sandbox"
    ) as client:
        client.app = app  # type: ignore[attr-defined]
        yield client


async def test_parameters_from_query_form_or_json(http: httpx.AsyncClient) -> None:
    by_json = await http.post("/sms", json={"keyid": DEMO_KEYID, "num": "0612345678", "sms": "a"})
    by_form = await http.post(
        "/cgi-bin/sms", data={"keyid": DEMO_KEYID, "num": "0612345678", "sms": "b"}
    )
    by_query = await http.post(
        "/sms", params={"keyid": DEMO_KEYID, "num": "0612345678", "sms": "c"}
    )
    multi_form = await http.post(
        "/smsmulti",
        content="keyid=" + DEMO_KEYID + "&num=0612345678&num=0761234567&sms=d",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    for reply in (by_json, by_form, by_query, multi_form):
        assert reply.status_code == 200, reply.text
        assert all(item["code"] == "0" for item in reply.json()["etat"]["etat"])
    assert len(multi_form.json()["etat"]["etat"]) == 2


async def test_request_level_errors_have_no_tel_and_http_400(http: httpx.AsyncClient) -> None:
    wrong = await http.post("/credit", data={"keyid": "nope", "credit": "2"})
    assert wrong.status_code == 400
    assert wrong.json() == {
        "etat": {"etat": [{"code": "3", "message": "Your credentials are incorrect"}]}
    }
    missing = await http.post("/sms", json={"keyid": DEMO_KEYID, "sms": "a"})
    assert missing.json()["etat"]["etat"][0] == {
        "code": "906",
        "message": "Paramètre manquant : num",
    }
    bad_json = await http.post(
        "/sms", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert bad_json.json()["etat"]["etat"][0]["code"] == "909"


async def test_control_endpoints(http: httpx.AsyncClient) -> None:
    reply = await http.post("/_sandbox/faults", json={"latency_ms": 5, "server_error_rate": 0.5})
    assert reply.json()["latency_ms"] == 5 and reply.json()["server_error_rate"] == 0.5
    bad = await http.post("/_sandbox/faults", json={"server_error_rate": 2})
    assert bad.status_code == 400
    unknown = await http.post("/_sandbox/faults", json={"nonsense": 1})
    assert unknown.status_code == 400
    reset = await http.post("/_sandbox/faults", json={"reset": True})
    assert reset.json()["server_error_rate"] == 0
    state = await http.post(
        "/_sandbox/state", json={"ip_whitelist": True, "allowed_ips": ["1.2.3.4"]}
    )
    assert state.json()["ip_whitelist"] is True
    refused = await http.post("/credit", data={"keyid": DEMO_KEYID})
    item = refused.json()["etat"]["etat"][0]
    assert item["code"] == "901" and item["ip"] == "127.0.0.1"


async def test_zip_replies(http: httpx.AsyncClient) -> None:
    await http.post(
        "/setlistenoire", params={"keyid": DEMO_KEYID, "setlisteNoire": 1, "num": "0612345678"}
    )
    reply = await http.post("/getlistenoire", params={"keyid": DEMO_KEYID, "getListeNoire": 1})
    assert reply.headers["content-type"] == "application/zip"
    assert reply.content.startswith(b"PK")
    report = await http.get(
        "/campagne",
        params={"keyid": DEMO_KEYID, "rapportCampagne": 1, "date_deb": "x", "date_fin": "y"},
    )
    assert report.status_code == 400
    assert json.loads(report.content)["etat"]["etat"][0]["code"] == "909"
