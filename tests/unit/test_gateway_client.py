"""The client's reading of replies, its error mapping and its secrecy, with MockTransport."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from isend_tui import i18n
from isend_tui.gateway import (
    ConnectionLost,
    Credit,
    GatewayError,
    GatewayTimeout,
    GatewayUnavailable,
    InsufficientCredit,
    InvalidSender,
    IpNotAllowed,
    IsendClient,
    MalformedReply,
    NetworkUnreachable,
    NumberResult,
    OutcomeUnknown,
    ReadFailed,
    RequestRejected,
    ServerFailure,
    UnexpectedReply,
    WrongKeyid,
)
from isend_tui.gateway import errors as gateway_errors

KEYID = "5f3a9c0d1e2b4a6f8c7d9e0a1b2c3d4e"
Handler = Callable[[httpx.Request], httpx.Response]


def make_client(
    handler: Handler, timeout: float = 5.0, read_retry_delays: tuple[float, ...] = ()
) -> IsendClient:
    return IsendClient(
        KEYID,
        "https://gw.test/cgi-bin",
        timeout=timeout,
        transport=httpx.MockTransport(handler),
        read_retry_delays=read_retry_delays,
    )


def replying(payload: Any, status: int = 200) -> Handler:
    return lambda request: httpx.Response(status, json=payload)


def zipped(name: str, text: str, encoding: str = "utf-8") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, text.encode(encoding))
    return buffer.getvalue()


# --- tolerant parsing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "etat",
    [
        {"etat": [{"code": "0", "tel": "0612345678", "message": "ok"}]},
        {"etat": {"code": "0", "tel": "0612345678", "message": "ok"}},  # a single object
        {"etat": [{"code": 0, "tel": "0612345678", "message": "ok"}]},  # numeric code
        {"etat": [{"code": 0.0, "tel": 612345678, "message": "ok"}]},
    ],
)
async def test_send_reply_as_list_or_object_with_string_or_number_code(etat: Any) -> None:
    async with make_client(replying({"etat": etat})) as client:
        [result] = await client.send_sms("0612345678", "Bonjour")
    assert result.accepted and result.code == "0"
    assert result.tel in ("0612345678", "612345678")


async def test_per_number_codes_are_results_not_errors() -> None:
    items = [
        {"code": 0, "tel": "0612345678", "message": "Votre message a bien ete envoye"},
        {"code": "11", "tel": "0761234567", "message": "liste noire"},
        {"code": 21, "tel": "0100000000"},  # no message
    ]
    async with make_client(replying({"etat": {"etat": items}})) as client:
        results = await client.send_multi(["0612345678", "0761234567", "0100000000"], ["Hi"])
    assert results == [
        NumberResult("0612345678", "0", "Votre message a bien ete envoye"),
        NumberResult("0761234567", "11", "liste noire"),
        NumberResult("0100000000", "21", ""),
    ]
    assert [r.accepted for r in results] == [True, False, False]


async def test_missing_tel_is_filled_from_the_request_when_aligned() -> None:
    reply = {"etat": {"etat": [{"code": "0"}, {"code": "0"}]}}
    async with make_client(replying(reply)) as client:
        results = await client.send_multi(["0612345678", "0761234567"], ["a", "b"])
    assert [r.tel for r in results] == ["0612345678", "0761234567"]


@pytest.mark.parametrize(
    ("etat", "expected"),
    [
        ({"credit": "10.0", "quantite": "200"}, Credit(Decimal("10.0"), 200)),
        ({"credit": 10.5, "quantite": 210}, Credit(Decimal("10.5"), 210)),
        ({"credit": "7,25"}, Credit(Decimal("7.25"), None)),
        ({"etat": {"credit": "3.0", "quantite": "60"}}, Credit(Decimal("3.0"), 60)),
    ],
)
async def test_credit_reply_variants(etat: Any, expected: Credit) -> None:
    seen: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        # The published contract: a query string or a form body (never JSON) for /credit.
        assert request.method == "POST"
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        seen.append(dict(parse_qsl(request.content.decode())))
        return httpx.Response(200, json={"etat": etat})

    async with make_client(handler) as client:
        assert await client.credit() == expected
    assert seen == [{"keyid": KEYID, "credit": "2"}]


@pytest.mark.parametrize(
    "etat",
    [
        {"credit": "NaN", "quantite": "10"},
        {"credit": "10", "quantite": "1e99999"},
        {"credit": "Infinity"},
        {"credit": "1e400"},
    ],
)
async def test_an_absurd_credit_is_unreadable_and_says_nothing_was_sent(etat: Any) -> None:
    async with make_client(replying({"etat": etat}), read_retry_delays=(0, 0)) as client:
        with pytest.raises(ReadFailed) as caught:
            await client.credit()
    assert caught.value.nothing_sent
    assert "Rien n'a été envoyé" in str(caught.value)
    assert "rapport de campagne" not in str(caught.value)


async def test_a_negative_balance_buys_no_sms() -> None:
    reply = {"etat": {"credit": "-5", "quantite": "-100"}}
    async with make_client(replying(reply)) as client:
        assert await client.credit() == Credit(Decimal("-5"), 0)


async def test_a_reply_nested_absurdly_deep_is_malformed_not_a_crash() -> None:
    body = b'{"etat":' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    handler: Handler = lambda request: httpx.Response(200, content=body)  # noqa: E731
    async with make_client(handler) as client:
        with pytest.raises(MalformedReply):
            await client.send_multi(["0612345678"], ["Bonjour"])


@pytest.mark.parametrize("timeout", [float("nan"), -1.0, 0.0, 1e9])
def test_an_absurd_timeout_is_refused_naming_the_option(timeout: float) -> None:
    from isend_tui.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        IsendClient(KEYID, timeout=timeout)
    assert caught.value.field == "timeout"


async def test_request_bodies_follow_the_api() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/repertoire") and request.method == "POST":
            return httpx.Response(200, json={"etat": {"etat": [{"code": 0, "repertoireId": 12}]}})
        return httpx.Response(200, json={"etat": {"etat": []}})

    async with make_client(handler) as client:
        await client.send_multi(
            ["0612345678", "0761234567"],
            ["a", "b"],
            sender="MaBoutique",
            date_envoi=datetime(2030, 1, 2, 9, 5),
            gmt_zone="Europe/Brussels",
            smslong=999,
            nostop=True,
            trackers=["t1", "t2"],
        )
        assert await client.create_directory("VIP") == 12
        await client.add_to_directory(12, ["0612345678"], names=["Roy"], fields={3: ["x"]})
        await client.blacklist_add("0612345678")
    multi = json.loads(seen[0].content)
    assert (seen[0].method, seen[0].url.path) == ("POST", "/cgi-bin/smsmulti")
    assert multi == {
        "keyid": KEYID,
        "num": ["0612345678", "0761234567"],
        "sms": ["a", "b"],
        "emetteur": "MaBoutique",
        "date_envoi": "2030-01-02 09:05",
        "gmt_zone": "Europe/Brussels",
        "smslong": "999",
        "nostop": "1",
        "tracker": ["t1", "t2"],
    }
    assert json.loads(seen[1].content) == {
        "keyid": KEYID,
        "repertoireEdit": "create",
        "repertoireNom": "VIP",
    }
    add = json.loads(seen[2].content)
    assert seen[2].method == "PUT"
    assert (add["repertoireEdit"], add["repertoireId"], add["champ1"], add["champ3"]) == (
        "add",
        "12",
        ["Roy"],
        ["x"],
    )
    blacklist = seen[3]
    assert blacklist.url.path == "/cgi-bin/setlistenoire" and not blacklist.content
    assert dict(blacklist.url.params) == {
        "keyid": KEYID,
        "setlisteNoire": "1",
        "num": "0612345678",
    }


# --- zipped CSV -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "csv_text",
    [
        "numero;date_ajout\r\n33612345678;2024-01-01\r\n33761234567;2024-01-02\r\n",
        "date,Téléphone\n2024-01-01,33612345678\n2024-01-02,33761234567\n",
        "33612345678\n33761234567\n",  # no header
        "id;ajout;x\n1;2024;33612345678\n2;2024;33761234567\n",  # unnamed: first digit column
    ],
)
async def test_blacklist_csv_layouts(csv_text: str) -> None:
    # "1" and "2024" are too short to be numbers; the third column is picked.
    body = zipped("liste.csv", csv_text, "cp1252" if "é" in csv_text else "utf-8")
    handler: Handler = lambda request: httpx.Response(200, content=body)  # noqa: E731
    async with make_client(handler) as client:
        assert await client.blacklist() == ["33612345678", "33761234567"]


async def test_campaign_report_rows_and_dates() -> None:
    csv_text = "tel;message;statut\r\n0612345678;Bonjour;ok\r\n0761234567;Salut\r\n"
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=zipped("rapport.csv", csv_text))

    async with make_client(handler) as client:
        rows = await client.campaign_report(datetime(2030, 1, 1, 8, 0), datetime(2030, 1, 2, 20, 0))
    assert rows == [
        {"tel": "0612345678", "message": "Bonjour", "statut": "ok"},
        {"tel": "0761234567", "message": "Salut", "statut": ""},
    ]
    assert seen[0].method == "GET"
    assert seen[0].url.params["date_deb"] == "2030-01-01 08:00"
    assert seen[0].url.params["date_fin"] == "2030-01-02 20:00"


async def test_a_json_refusal_instead_of_a_zip_raises() -> None:
    reply = {"etat": {"etat": [{"code": "3", "message": "Your credentials are incorrect"}]}}
    async with make_client(replying(reply, 400)) as client:
        with pytest.raises(WrongKeyid):
            await client.blacklist()


async def test_a_broken_zip_is_malformed() -> None:
    handler: Handler = lambda request: httpx.Response(200, content=b"PK\x03\x04garbage")  # noqa: E731
    async with make_client(handler) as client:
        with pytest.raises(ReadFailed) as caught:  # a read: nothing can have been sent
            await client.blacklist()
    assert isinstance(caught.value.cause, MalformedReply) and caught.value.nothing_sent


# --- error mapping ----------------------------------------------------------------------------


def refusal(code: Any, message: str, **extra: str) -> dict[str, Any]:
    return {"etat": {"etat": [{"code": code, "message": message, **extra}]}}


@pytest.mark.parametrize(
    ("reply", "error", "field"),
    [
        (refusal(3, "Your credentials are incorrect"), WrongKeyid, "keyid"),
        (refusal("901", "L'adresse IP n'est pas autorisée! IP : 10.1.2.3"), IpNotAllowed, None),
        (refusal("902", "Crédit insuffisant!"), InsufficientCredit, "credit"),
        (refusal("903", "L'émetteur est invalide!"), InvalidSender, "sender"),
        (refusal("907", "Le format de date_envoi est invalide!"), RequestRejected, None),
        # The live API's codes for these are unknown: recognised by their message too.
        (refusal("77", "L'adresse IP n'est pas autorisée!"), IpNotAllowed, None),
        (refusal("78", "Credit insuffisant"), InsufficientCredit, "credit"),
    ],
)
async def test_request_level_refusals(
    reply: dict[str, Any], error: type[RequestRejected], field: str | None
) -> None:
    async with make_client(replying(reply, 400)) as client:
        with pytest.raises(error) as caught:
            await client.send_sms("0612345678", "Bonjour")
    assert type(caught.value) is error
    assert caught.value.nothing_sent and caught.value.field == field
    assert caught.value.code == str(reply["etat"]["etat"][0]["code"])


async def test_ip_not_allowed_names_the_ip_from_the_message_or_field() -> None:
    reply = refusal("901", "L'adresse IP n'est pas autorisée! IP : 203.0.113.9")
    async with make_client(replying(reply, 400)) as client:
        with pytest.raises(IpNotAllowed) as caught:
            await client.credit()
    assert caught.value.ip == "203.0.113.9" and "203.0.113.9" in str(caught.value)
    reply = refusal("901", "refused", ip="198.51.100.4")
    async with make_client(replying(reply, 400)) as client:
        with pytest.raises(IpNotAllowed) as caught:
            await client.credit()
    assert caught.value.ip == "198.51.100.4"


async def test_a_refusal_in_a_200_reply_still_raises() -> None:
    async with make_client(replying(refusal("3", "Your credentials are incorrect"))) as client:
        with pytest.raises(WrongKeyid):
            await client.credit()


@pytest.mark.parametrize(
    ("status", "body", "error", "nothing_sent"),
    [
        (503, b"<html>busy</html>", GatewayUnavailable, True),
        (500, b"<html>oops</html>", ServerFailure, False),
        (502, b"", ServerFailure, False),
        (504, b"", ServerFailure, False),
        (302, b"", ServerFailure, False),
        (404, b"<html>not found</html>", UnexpectedReply, True),
        (400, b'{"unexpected": 1}', UnexpectedReply, True),
        (200, b'{"etat": {"etat": [', MalformedReply, False),
        (200, b"<html>ok</html>", MalformedReply, False),
        (200, b'{"status": "ok"}', MalformedReply, False),
        (200, b'{"etat": {"etat": ["x"]}}', MalformedReply, False),
    ],
)
async def test_http_statuses_and_bodies(
    status: int, body: bytes, error: type[GatewayError], nothing_sent: bool
) -> None:
    handler: Handler = lambda request: httpx.Response(status, content=body)  # noqa: E731
    async with make_client(handler) as client:
        with pytest.raises(error) as caught:
            await client.send_multi(["0612345678"], ["Bonjour"])
    assert type(caught.value) is error
    assert caught.value.nothing_sent is nothing_sent
    assert isinstance(caught.value, OutcomeUnknown) is (not nothing_sent)


@pytest.mark.parametrize(
    ("exc", "error", "nothing_sent"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), NetworkUnreachable, True),
        (httpx.ConnectError("[Errno -2] Name or service not known"), NetworkUnreachable, True),
        (httpx.ConnectTimeout("timed out"), NetworkUnreachable, True),
        (httpx.PoolTimeout("timed out"), NetworkUnreachable, True),
        (httpx.ReadTimeout("timed out"), GatewayTimeout, False),
        (httpx.WriteTimeout("timed out"), GatewayTimeout, False),
        (httpx.RemoteProtocolError("peer closed connection"), ConnectionLost, False),
        (httpx.ReadError("connection reset"), ConnectionLost, False),
        (httpx.WriteError("broken pipe"), ConnectionLost, False),
        (httpx.DecodingError("bad gzip"), MalformedReply, False),
    ],
)
async def test_transport_failures(
    exc: Exception, error: type[GatewayError], nothing_sent: bool
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    async with make_client(handler, timeout=2.5) as client:
        with pytest.raises(error) as caught:
            await client.send_sms("0612345678", "Bonjour")
    assert caught.value.nothing_sent is nothing_sent
    assert isinstance(caught.value, OutcomeUnknown) is (not nothing_sent)
    if isinstance(caught.value, GatewayTimeout):
        assert "2.5" in str(caught.value)
    if isinstance(caught.value, NetworkUnreachable):
        assert "gw.test" in str(caught.value)


def test_every_error_class_says_whether_something_may_have_been_sent() -> None:
    classes = [
        c
        for c in vars(gateway_errors).values()
        if isinstance(c, type) and issubclass(c, GatewayError)
    ]
    assert len(classes) >= 14
    for cls in classes:
        assert cls.nothing_sent is (not issubclass(cls, OutcomeUnknown)), cls


async def test_messages_are_translated() -> None:
    i18n.set_language("en")
    try:
        async with make_client(replying(refusal("3", "Your credentials are incorrect"))) as client:
            with pytest.raises(WrongKeyid) as caught:
                await client.credit()
        assert "Nothing was sent" in str(caught.value)
    finally:
        i18n.set_language("fr")


# --- the keyid stays secret -------------------------------------------------------------------


def test_repr_masks_the_keyid() -> None:
    client = make_client(replying({}))
    assert KEYID not in repr(client) and KEYID not in str(client)
    assert client.masked_keyid == "****3d4e"


def test_an_empty_keyid_is_a_config_error() -> None:
    from isend_tui.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        IsendClient("  ")
    assert caught.value.field == "keyid"


async def test_the_keyid_never_appears_in_errors_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="httpx")  # the CLI quietens httpx globally
    echo = refusal("99", f"keyid {KEYID} inconnu")  # a gateway echoing the key back
    errors: list[BaseException] = []
    async with make_client(replying(echo, 400)) as client:
        for call in (client.credit(), client.blacklist_add("0612345678"), client.blacklist()):
            try:
                await call
            except GatewayError as exc:
                errors.append(exc)

    def failing(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    async with make_client(failing) as client:
        with pytest.raises(GatewayTimeout) as timeout:
            await client.campaign_report(datetime(2030, 1, 1), datetime(2030, 1, 2))
        errors.append(timeout.value)
    assert len(errors) == 4
    for error in errors:
        assert KEYID not in str(error) and KEYID not in repr(error)
        assert KEYID not in repr(vars(error))
    assert any(r.name == "httpx" for r in caplog.records)
    assert KEYID not in caplog.text
