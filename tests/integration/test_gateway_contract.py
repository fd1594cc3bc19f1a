"""The iSendPro client against the sandbox served on a real localhost socket.

What the gateway received is read back from the sandbox's SQLite log (sandbox_log), the
way a merchant would check the campaign report.
"""

from __future__ import annotations

import asyncio
import logging
import random
import socket
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from isend_tui.gateway import (
    SMSLONG_AUTO,
    ConnectionLost,
    Credit,
    GatewayTimeout,
    GatewayUnavailable,
    InsufficientCredit,
    InvalidSender,
    IpNotAllowed,
    IsendClient,
    MalformedReply,
    NetworkUnreachable,
    OutcomeUnknown,
    ReadFailed,
    RequestRejected,
    ServerFailure,
    UnexpectedReply,
    WrongKeyid,
)
from isend_tui.gateway.sandbox.faults import FaultKind
from isend_tui.gateway.sandbox.server import SandboxThread

Log = Callable[[], list[dict[str, Any]]]
MOBILE = "0612345678"
MOBILE_2 = "0761234567"
BELGIAN = "32470123456"


@pytest.fixture
async def client(sandbox_server: SandboxThread) -> AsyncIterator[IsendClient]:
    async with IsendClient(sandbox_server.account.keyid, sandbox_server.url, timeout=5) as c:
        yield c


# --- account ----------------------------------------------------------------------------


async def test_credit_gives_euros_and_how_many_french_sms_they_buy(
    client: IsendClient, sandbox_server: SandboxThread
) -> None:
    assert await client.credit() == Credit(Decimal("50.0"), 1000)
    sandbox_server.account.set_credit("10.04")
    assert await client.credit() == Credit(Decimal("10.04"), 200)
    assert await client.credit_euros() == Decimal("10.04")


# --- sending ------------------------------------------------------------------------------


async def test_one_sms_is_logged_exactly_as_sent_and_debited(
    client: IsendClient, sandbox_server: SandboxThread, sandbox_log: Log
) -> None:
    results = await client.send_sms(
        MOBILE, "Bonjour Roy, -20% ce week-end", sender="MaBoutique", tracker="camp12r1"
    )
    assert [(r.tel, r.code, r.accepted) for r in results] == [(MOBILE, "0", True)]
    assert results[0].message == "Votre message a bien ete envoye"
    [row] = sandbox_log()
    assert row["endpoint"] == "sms"
    assert (row["num"], row["text"], row["sender"], row["tracker"]) == (
        MOBILE,
        "Bonjour Roy, -20% ce week-end",
        "MaBoutique",
        "camp12r1",
    )
    assert (row["parts"], row["encoding"], row["cost"], row["code"]) == (1, "GSM-7", "0.05", "0")
    assert sandbox_server.account.credit == Decimal("49.95")


async def test_smsmulti_one_text_per_number_with_per_number_codes(
    client: IsendClient, sandbox_server: SandboxThread, sandbox_log: Log
) -> None:
    sandbox_server.account.blacklist_add(MOBILE_2)
    sandbox_server.account.mark_unassigned("0698765432")
    nums = [MOBILE, MOBILE_2, "0698765432", "0145678901", BELGIAN]
    texts = [f"Bonjour client {i}" for i in range(len(nums))]
    results = await client.send_multi(nums, texts, trackers=[f"t{i}" for i in range(len(nums))])
    assert [(r.tel, r.code) for r in results] == [
        (MOBILE, "0"),
        (MOBILE_2, "11"),  # blacklisted: marketing refused
        ("0698765432", "21"),  # unassigned
        ("0145678901", "21"),  # a landline is not a mobile
        (BELGIAN, "0"),
    ]
    assert [r.accepted for r in results] == [True, False, False, False, True]
    log = sandbox_log()
    assert [(r["num"], r["text"], r["tracker"], r["cost"]) for r in log] == [
        (MOBILE, "Bonjour client 0", "t0", "0.05"),
        (BELGIAN, "Bonjour client 4", "t4", "0.08"),  # Belgium costs more
    ]
    assert sandbox_server.account.credit == Decimal("50") - Decimal("0.13")


async def test_smsmulti_one_text_for_all(client: IsendClient, sandbox_log: Log) -> None:
    results = await client.send_multi([MOBILE, MOBILE_2], ["Soldes !"], sender="MaBoutique")
    assert all(r.accepted for r in results)
    assert [(r["num"], r["text"], r["endpoint"]) for r in sandbox_log()] == [
        (MOBILE, "Soldes !", "smsmulti"),
        (MOBILE_2, "Soldes !", "smsmulti"),
    ]


async def test_transactional_sms_still_reaches_a_blacklisted_number(
    client: IsendClient, sandbox_server: SandboxThread, sandbox_log: Log
) -> None:
    sandbox_server.account.blacklist_add(MOBILE)
    [refused] = await client.send_sms(MOBILE, "Promo", sender="MaBoutique")
    assert refused.code == "11"
    [sent] = await client.send_sms(MOBILE, "Commande expédiée", sender="MaBoutique", nostop=True)
    assert sent.accepted
    assert [r["text"] for r in sandbox_log()] == ["Commande expédiée"]


async def test_ucs2_is_refused_to_a_french_number_and_allowed_abroad_with_ucs2(
    client: IsendClient, sandbox_log: Log
) -> None:
    [french] = await client.send_sms(MOBILE, "Fête des mères", ucs2=True)
    assert (french.code, french.accepted) == ("905", False)
    [foreign_plain] = await client.send_sms(BELGIAN, "Fête des mères")
    assert foreign_plain.code == "910"
    [foreign] = await client.send_sms(BELGIAN, "Fête des mères", ucs2=True)
    assert foreign.accepted
    assert [(r["num"], r["encoding"]) for r in sandbox_log()] == [(BELGIAN, "UCS-2")]


async def test_a_long_message_needs_smslong(client: IsendClient, sandbox_log: Log) -> None:
    text = "x" * 161
    [refused] = await client.send_sms(MOBILE, text)
    assert refused.code == "904"
    [sent] = await client.send_sms(MOBILE, text, smslong=SMSLONG_AUTO)
    assert sent.accepted
    [too_long] = await client.send_sms(MOBILE, "x" * 919, smslong=SMSLONG_AUTO)
    assert too_long.code == "904"  # 7 parts: more than iSendPro's 6
    assert [(r["parts"], r["cost"]) for r in sandbox_log()] == [(2, "0.10")]


async def test_the_stop_mention_counts_12_characters_for_marketing_with_a_sender(
    client: IsendClient, sandbox_log: Log
) -> None:
    [one] = await client.send_sms(MOBILE, "a" * 148, sender="MaBoutique")
    [refused] = await client.send_sms(MOBILE, "b" * 149, sender="MaBoutique")
    [transactional] = await client.send_sms(MOBILE, "c" * 160, sender="MaBoutique", nostop=True)
    assert (one.code, refused.code, transactional.code) == ("0", "904", "0")


async def test_date_envoi_and_gmt_zone(client: IsendClient, sandbox_log: Log) -> None:
    with pytest.raises(RequestRejected) as bad_date:
        await client.send_sms(MOBILE, "Demain", date_envoi="2030-01-02T10:00")
    assert bad_date.value.code == "907"
    assert bad_date.value.nothing_sent
    with pytest.raises(RequestRejected) as paris:
        await client.send_sms(
            MOBILE, "Demain", date_envoi="2030-01-02 10:00", gmt_zone="Europe/Paris"
        )
    assert paris.value.code == "909"  # not in iSendPro's zone list
    [ok] = await client.send_sms(
        MOBILE, "Demain", date_envoi="2030-01-02 10:00", gmt_zone="Europe/Brussels"
    )
    assert ok.accepted
    assert [(r["date_envoi"], r["gmt_zone"]) for r in sandbox_log()] == [
        ("2030-01-02 10:00", "Europe/Brussels")
    ]


async def test_count_as_the_gateway_counts(client: IsendClient, sandbox_log: Log) -> None:
    counts = await client.count([MOBILE, BELGIAN], "a" * 149, sender="MaBoutique")
    assert [(c.tel, c.characters, c.parts) for c in counts] == [
        (MOBILE, 161, 2),
        (BELGIAN, 161, 2),
    ]
    [plain] = await client.count(MOBILE, "a" * 160)
    assert (plain.characters, plain.parts) == (160, 1)
    assert sandbox_log() == []  # counting sends nothing


async def test_hlr(client: IsendClient) -> None:
    results = await client.hlr([MOBILE, "12"])
    assert results[0].tel == MOBILE and results[0].operator and results[0].code == "0"
    assert (results[1].operator, results[1].code) == ("", "21")


# --- directories, blacklist, report ------------------------------------------------------


async def test_directory_create_add_with_names_and_fields_then_remove(
    client: IsendClient, sandbox_server: SandboxThread
) -> None:
    directory = await client.create_directory("Clients fidèles")
    added = await client.add_to_directory(
        directory,
        [MOBILE, MOBILE_2, "12"],
        names=["Roy", "Delacroix", "X"],
        fields={2: ["Lyon", "Paris", "?"]},
    )
    assert [(r.tel, r.code) for r in added] == [(MOBILE, "0"), (MOBILE_2, "0"), ("12", "21")]
    assert sandbox_server.account.directory_contacts(directory) == [
        (MOBILE, {1: "Roy", 2: "Lyon"}),
        (MOBILE_2, {1: "Delacroix", 2: "Paris"}),
    ]
    removed = await client.remove_from_directory(directory, [MOBILE])
    assert [r.accepted for r in removed] == [True]
    assert sandbox_server.account.directory_contacts(directory) == [
        (MOBILE_2, {1: "Delacroix", 2: "Paris"})
    ]
    with pytest.raises(RequestRejected) as unknown:
        await client.add_to_directory(directory + 100, [MOBILE])
    assert unknown.value.code == "908"


async def test_blacklist_set_get_del(client: IsendClient) -> None:
    assert await client.blacklist() == []
    added = await client.blacklist_add(MOBILE)
    assert added.accepted
    await client.blacklist_add("33761234567")
    assert sorted(await client.blacklist()) == ["33612345678", "33761234567"]
    [refused] = await client.send_sms(MOBILE, "Promo")
    assert refused.code == "11"
    await client.blacklist_remove(MOBILE)
    assert await client.blacklist() == ["33761234567"]


async def test_campaign_report_lists_what_was_sent(client: IsendClient) -> None:
    await client.send_multi([MOBILE, BELGIAN], ["Soldes d'été"], sender="MaBoutique")
    now = datetime.now(UTC)  # aware: the client converts to French time
    rows = await client.campaign_report(now - timedelta(hours=1), now + timedelta(hours=1))
    assert [(r["tel"], r["message"], r["emetteur"], r["nb_sms"]) for r in rows] == [
        (MOBILE, "Soldes d'été", "MaBoutique", "1"),
        (BELGIAN, "Soldes d'été", "MaBoutique", "1"),
    ]
    assert await client.campaign_report(now - timedelta(days=2), now - timedelta(days=1)) == []


# --- request-level refusals ---------------------------------------------------------------


async def test_wrong_keyid(sandbox_server: SandboxThread, sandbox_log: Log) -> None:
    wrong = "ffffffffffffffffffffffffffffffff"
    async with IsendClient(wrong, sandbox_server.url) as client:
        with pytest.raises(WrongKeyid) as err:
            await client.send_sms(MOBILE, "Bonjour")
    assert err.value.nothing_sent and err.value.field == "keyid"
    assert wrong not in str(err.value) and wrong not in repr(err.value)
    assert sandbox_log() == []


async def test_ip_whitelist_refuses_the_caller_ip(
    client: IsendClient, sandbox_server: SandboxThread, sandbox_log: Log
) -> None:
    sandbox_server.account.set_ip_whitelist(True, ["192.0.2.10"])
    with pytest.raises(IpNotAllowed) as err:
        await client.send_multi([MOBILE], ["Bonjour"])
    assert err.value.ip == "127.0.0.1"
    assert "127.0.0.1" in str(err.value) and err.value.nothing_sent
    sandbox_server.account.set_ip_whitelist(True, ["127.0.0.1"])
    assert (await client.credit()).euros == Decimal("50.0")
    assert sandbox_log() == []


async def test_insufficient_credit_sends_nothing(
    client: IsendClient, sandbox_server: SandboxThread, sandbox_log: Log
) -> None:
    sandbox_server.account.set_credit("0.12")  # 2 SMS to France, the request holds 3
    with pytest.raises(InsufficientCredit) as err:
        await client.send_multi([MOBILE, MOBILE_2, "0611111111"], ["Bonjour"])
    assert err.value.nothing_sent
    assert sandbox_log() == []
    assert sandbox_server.account.credit == Decimal("0.12")


@pytest.mark.parametrize("sender", ["AB", "0612345678", "Ma-Boutique", "MaBoutiqueXYZ"])
async def test_invalid_sender(client: IsendClient, sandbox_log: Log, sender: str) -> None:
    with pytest.raises(InvalidSender) as err:
        await client.send_sms(MOBILE, "Bonjour", sender=sender)
    assert err.value.nothing_sent and err.value.field == "sender"
    assert sandbox_log() == []


# --- faults -------------------------------------------------------------------------------


async def test_latency_is_added_before_processing(
    client: IsendClient, sandbox_server: SandboxThread, sandbox_log: Log
) -> None:
    sandbox_server.faults.configure(latency_ms=150)
    started = time.monotonic()
    [sent] = await client.send_sms(MOBILE, "Bonjour")
    assert sent.accepted and time.monotonic() - started >= 0.15
    sandbox_server.faults.configure(latency_ms=3000)
    async with IsendClient(sandbox_server.account.keyid, sandbox_server.url, timeout=0.3) as hasty:
        with pytest.raises(GatewayTimeout):
            await hasty.send_sms(MOBILE_2, "Bonjour")
    assert [r["num"] for r in sandbox_log()] == [MOBILE]  # the late one was never processed


async def test_503_before_processing_nothing_sent(
    client: IsendClient, sandbox_server: SandboxThread, sandbox_log: Log
) -> None:
    sandbox_server.faults.fail_next(FaultKind.UNAVAILABLE)
    with pytest.raises(GatewayUnavailable) as err:
        await client.send_multi([MOBILE, MOBILE_2], ["Bonjour"])
    assert err.value.nothing_sent and not isinstance(err.value, OutcomeUnknown)
    assert sandbox_log() == []
    assert sandbox_server.account.credit == Decimal("50")
    assert all(r.accepted for r in await client.send_multi([MOBILE], ["Bonjour"]))  # retry


async def test_500_after_processing_outcome_unknown_but_sent(
    client: IsendClient, sandbox_server: SandboxThread, sandbox_log: Log
) -> None:
    sandbox_server.faults.fail_next(FaultKind.SERVER_ERROR)
    with pytest.raises(ServerFailure) as err:
        await client.send_multi([MOBILE, MOBILE_2], ["Bonjour"])
    assert err.value.status == 500
    assert not err.value.nothing_sent and isinstance(err.value, OutcomeUnknown)
    assert [r["num"] for r in sandbox_log()] == [MOBILE, MOBILE_2]  # they did go out


@pytest.mark.parametrize(
    ("kind", "logged"), [(FaultKind.DROP_BEFORE, []), (FaultKind.DROP_AFTER, [MOBILE])]
)
async def test_dropped_connection_outcome_unknown(
    client: IsendClient,
    sandbox_server: SandboxThread,
    sandbox_log: Log,
    kind: FaultKind,
    logged: list[str],
) -> None:
    sandbox_server.faults.fail_next(kind)
    with pytest.raises(ConnectionLost) as err:
        await client.send_sms(MOBILE, "Bonjour")
    # Whether the drop came before or after processing, the client cannot tell.
    assert not err.value.nothing_sent
    assert isinstance(err.value.__cause__, httpx.TransportError)
    assert [r["num"] for r in sandbox_log()] == logged
    assert (await client.credit()).quantity is not None  # the client recovers


async def test_malformed_body_after_processing(
    client: IsendClient, sandbox_server: SandboxThread, sandbox_log: Log
) -> None:
    sandbox_server.faults.fail_next(FaultKind.MALFORMED)
    with pytest.raises(UnexpectedReply) as err:
        await client.send_sms(MOBILE, "Bonjour")
    assert isinstance(err.value, MalformedReply) and not err.value.nothing_sent
    assert [r["num"] for r in sandbox_log()] == [MOBILE]


async def test_slow_reply_past_the_timeout(sandbox_server: SandboxThread, sandbox_log: Log) -> None:
    sandbox_server.faults.configure(slow_seconds=30)
    sandbox_server.faults.fail_next(FaultKind.SLOW)
    async with IsendClient(sandbox_server.account.keyid, sandbox_server.url, timeout=0.5) as c:
        with pytest.raises(GatewayTimeout) as err:
            await c.send_sms(MOBILE, "Bonjour")
        assert not err.value.nothing_sent and err.value.seconds == 0.5
        assert [r["num"] for r in sandbox_log()] == [MOBILE]
        assert (await c.credit()).euros == Decimal("49.95")


async def test_network_unreachable_on_a_closed_port(sandbox_server: SandboxThread) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with IsendClient(sandbox_server.account.keyid, f"http://127.0.0.1:{port}") as client:
        with pytest.raises(NetworkUnreachable) as err:
            await client.send_sms(MOBILE, "Bonjour")
    assert err.value.nothing_sent and "127.0.0.1" in str(err.value)


async def test_random_faults_are_reproducible_with_a_seed(
    client: IsendClient, sandbox_server: SandboxThread, sandbox_log: Log
) -> None:
    sandbox_server.faults.configure(server_error_rate=0.3, unavailable_rate=0.2, seed=7)
    draws = random.Random(7)
    expected = []
    for _ in range(20):
        r = draws.random()
        expected.append("503" if r < 0.2 else "500" if r < 0.5 else "ok")
    seen = []
    for i in range(20):
        try:
            await client.send_sms(MOBILE, f"n{i}")
            seen.append("ok")
        except GatewayUnavailable:
            seen.append("503")
        except ServerFailure:
            seen.append("500")
    assert seen == expected
    # 500s come after processing, 503s before: the log holds exactly the non-503 ones.
    assert [r["text"] for r in sandbox_log()] == [
        f"n{i}" for i, outcome in enumerate(expected) if outcome != "503"
    ]


async def test_faults_and_state_over_http(
    client: IsendClient, sandbox_server: SandboxThread
) -> None:
    async with httpx.AsyncClient(base_url=sandbox_server.url) as control:
        reply = await control.post(
            "/_sandbox/faults", json={"fail_next": {"kind": "unavailable", "count": 1}}
        )
        assert reply.json()["pending"] == ["unavailable"]
        with pytest.raises(GatewayUnavailable):  # a send is never retried by the client
            await client.send_sms(MOBILE, "Bonjour")
        await client.send_sms(MOBILE, "Bonjour")
        await control.post("/_sandbox/state", json={"credit": "3", "unassigned": [MOBILE_2]})
        state = (await control.get("/_sandbox/state")).json()
    assert (state["credit"], state["quantite"], state["sms_count"]) == ("3", 60, 1)
    [refused] = await client.send_sms(MOBILE_2, "Bonjour")
    assert refused.code == "21"


async def test_the_keyid_never_reaches_the_logs(
    client: IsendClient, sandbox_server: SandboxThread, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="httpx")  # the CLI quietens httpx globally
    keyid = sandbox_server.account.keyid
    await client.credit()
    await client.send_sms(MOBILE, "Bonjour")
    await client.blacklist_add(MOBILE)  # keyid in the query string
    await client.blacklist()
    now = datetime.now(UTC)  # aware: the client converts to French time
    await client.campaign_report(now - timedelta(hours=1), now)  # GET with the keyid
    sandbox_server.faults.fail_next(FaultKind.DROP_AFTER)
    with pytest.raises(ConnectionLost):
        await client.send_sms(MOBILE, "Bonjour")
    assert any(r.name == "httpx" for r in caplog.records)  # httpx did log the URLs
    assert keyid not in caplog.text
    assert keyid not in repr(client)


# --- the credit as published, retried; every request bounded as a whole -----------------------


async def test_the_credit_travels_as_a_query_or_a_form_never_as_json(
    sandbox_server: SandboxThread, client: IsendClient
) -> None:
    keyid = sandbox_server.account.keyid
    async with httpx.AsyncClient(base_url=sandbox_server.url + "/") as http:
        as_json = await http.post("credit", json={"keyid": keyid, "credit": "2"})
        as_form = await http.post("credit", data={"keyid": keyid, "credit": "2"})
        as_query = await http.get("credit", params={"keyid": keyid, "credit": "2"})
    # The published contract has no JSON body for /credit: the keyid is not read from one.
    assert as_json.json()["etat"]["etat"][0]["code"] == "3"
    assert as_form.json()["etat"]["quantite"] == as_query.json()["etat"]["quantite"] == "1000"
    assert await client.credit() == Credit(Decimal("50.0"), 1000)


async def test_the_credit_is_retried_after_a_transient_failure(
    sandbox_server: SandboxThread,
) -> None:
    account = sandbox_server.account
    sandbox_server.faults.fail_next(FaultKind.UNAVAILABLE, 2, paths=("/credit",))
    sandbox_server.faults.fail_next(FaultKind.DROP_AFTER, 1, paths=("/credit",))
    async with IsendClient(
        account.keyid, sandbox_server.url, timeout=5, read_retry_delays=(0.01, 0.01, 0.01)
    ) as c:
        assert await c.credit() == Credit(Decimal("50.0"), 1000)
        sandbox_server.faults.fail_next(FaultKind.SERVER_ERROR, 4, paths=("/credit",))
        with pytest.raises(ReadFailed) as caught:
            await c.credit()
    # A read cannot have sent anything: the advice is to retry, not to check a report.
    assert caught.value.nothing_sent and isinstance(caught.value.cause, ServerFailure)
    assert "rapport de campagne" not in str(caught.value)


async def test_a_reply_that_drips_is_cut_at_the_timeout() -> None:
    """Headers, then one byte every 50 ms: each read is quick, the whole is not."""
    done = asyncio.Event()

    async def drip(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
        writer.write(b"Content-Length: 400\r\n\r\n")
        try:
            for _ in range(400):  # 20 s in all: far past the client's 1 s
                if done.is_set():
                    break
                writer.write(b" ")
                await writer.drain()
                await asyncio.sleep(0.05)
        except ConnectionError:
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(drip, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with IsendClient("k" * 32, f"http://127.0.0.1:{port}/cgi-bin", timeout=1) as c:
            with pytest.raises(GatewayTimeout) as caught:
                await c.send_sms(MOBILE, "Bonjour")
        assert not caught.value.nothing_sent and caught.value.seconds == 1
    finally:
        done.set()
        server.close()
        await server.wait_closed()
