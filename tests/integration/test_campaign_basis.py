"""The lawful basis of a campaign, end to end: every SMS the sandbox accepted has the
proof of its recipient's basis in the store, those without one get nothing, and the
proof comes out as a CSV and on the command line."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from support.sandbox import sms_log
from support.shop_builder import ShopBuilder, new_shop_dsn

from isend_tui.campaigns.errors import MissingBasis
from isend_tui.campaigns.proof import campaign_proof_csv, proof_summary
from isend_tui.campaigns.service import CampaignRequest, dispatch, prepare_from_shop
from isend_tui.campaigns.window import PARIS
from isend_tui.config import Settings
from isend_tui.consent.imported import import_consents
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.segments.basis import Basis
from isend_tui.segments.segment_file import segment_from_dict
from isend_tui.shop.dsn import ShopDsn
from isend_tui.store import Store

TUESDAY = datetime(2025, 6, 10, 10, 0, tzinfo=PARIS)
EVERYONE = segment_from_dict({"version": 1, "name": "tous", "criteria": []})

#: number -> the proof source each basis must record for it (absent: no SMS)
EXPECTED = {
    Basis.CONSENT: {
        "33612340001": "newsletter",
        "33612340002": "psgdpr",
        "33612340003": "import",  # by number
        "33612340004": "import",  # by email
    },
    Basis.CUSTOMER: {"33612340005": "order"},
}


@pytest.fixture
def sandbox_clock() -> Callable[[], datetime]:
    return lambda: TUESDAY


def _shop(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> ShopDsn:
    dsn = new_shop_dsn(backend, tmp_path, request)
    with ShopBuilder(dsn).create() as shop:

        def person(mobile: str, **kwargs: object) -> int:
            customer = shop.customer(**kwargs)  # type: ignore[arg-type]
            shop.address(customer, phone_mobile=mobile)
            return customer

        person("06 12 34 00 01", newsletter=1)
        shop.gdpr_log(person("06 12 34 00 02"), date_add="2024-02-03 04:05:06")
        person("06 12 34 00 03")
        person("06 12 34 00 04", email="Lea.Roux@Example.test")
        shop.order(person("06 12 34 00 05"), date_add="2025-01-15 10:00:00")
        shop.order(person("06 12 34 00 06"), date_add="2019-01-15 10:00:00")  # too old
        person("06 12 34 00 07")  # nothing at all
    return dsn


def _import(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "salon.csv"
    path.write_text(
        "numero;email;date;source\n06 12 34 00 03;;2025-03-01;salon\n;lea.roux@example.test;"
        "2025-03-02;salon\n",
        "utf-8",
    )
    import_consents(store, path)


@pytest.mark.parametrize("basis", list(Basis))
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)])
async def test_every_sms_sent_has_its_recipients_proof(
    basis: Basis,
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    store: Store,
    sandbox: SandboxThread,
) -> None:
    dsn = _shop(backend, tmp_path, request)
    _import(store, tmp_path)
    settings = Settings(keyid=DEMO_KEYID, gateway_url=sandbox.url, sender="MaBoutique")
    campaign_id = prepare_from_shop(
        store, dsn, EVERYONE, CampaignRequest(message="Promo -10 %", basis=basis),
        settings=settings, clock=lambda: TUESDAY,
    )  # fmt: skip
    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        await dispatch(store, client, campaign_id, settings, clock=lambda: TUESDAY)

    sent = {row["num"] for row in sms_log(sandbox)}
    assert sent == set(EXPECTED[basis])  # nobody without the basis got anything
    stored = {
        number: (source, date, ref)
        for number, source, date, ref in store.db.execute_sql(
            "SELECT number, proof_source, proof_date, proof_ref FROM campaign_recipient "
            "WHERE campaign_id = ?",
            (campaign_id,),
        )
    }
    for number in sent:  # each accepted SMS against its stored proof
        source, date, ref = stored[number]
        assert source == EXPECTED[basis][number] and date and (ref or source == "newsletter")
    summary = proof_summary(store, campaign_id)
    assert summary.basis == basis.value and summary.without == 0
    assert sum(summary.by_source.values()) == len(sent)

    path = tmp_path / "preuve.csv"
    assert campaign_proof_csv(store, campaign_id, path) == len(sent)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle, delimiter=";"))
    assert {line["numero"]: line["source"] for line in lines} == EXPECTED[basis]
    assert {line["base"] for line in lines} == {basis.value}
    assert path.stat().st_mode & 0o077 == 0  # personal data: the owner's only
    if basis is Basis.CONSENT:
        by_number = {line["numero"]: line for line in lines}
        assert by_number["33612340003"]["reference"] == "salon.csv:2 (salon)"
        assert by_number["33612340002"]["date_preuve"] == "2024-02-03 04:05:06"


def test_a_campaign_from_the_shop_without_a_basis_is_refused(
    tmp_path: Path, request: pytest.FixtureRequest, store: Store
) -> None:
    dsn = _shop("sqlite", tmp_path, request)
    with pytest.raises(MissingBasis, match="--basis consent"):
        prepare_from_shop(
            store, dsn, EVERYONE, CampaignRequest(message="Promo"), settings=Settings(),
            clock=lambda: TUESDAY,
        )  # fmt: skip
    assert store.db.execute_sql("SELECT count(*) FROM campaign").fetchone()[0] == 0


async def _send(store: Store, dsn: ShopDsn, sandbox: SandboxThread, **request: object) -> int:
    settings = Settings(keyid=DEMO_KEYID, gateway_url=sandbox.url, sender="MaBoutique")
    campaign_id = prepare_from_shop(
        store, dsn, EVERYONE,
        CampaignRequest(message="Promo", basis=Basis.CONSENT, **request),  # type: ignore[arg-type]
        settings=settings, clock=lambda: TUESDAY,
    )  # fmt: skip
    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        await dispatch(store, client, campaign_id, settings, clock=lambda: TUESDAY)
    return campaign_id


async def test_a_second_campaign_the_same_day_leaves_out_who_reached_the_cap(
    tmp_path: Path, request: pytest.FixtureRequest, store: Store, sandbox: SandboxThread
) -> None:
    """1 marketing SMS per 24 h by default: the second campaign of the day reaches nobody
    already texted, says so, and sends to them only when the merchant sets the cap aside."""
    from isend_tui.campaigns.plan import plan_campaign

    dsn = _shop("sqlite", tmp_path, request)
    _import(store, tmp_path)
    await _send(store, dsn, sandbox)
    first = len(sms_log(sandbox))
    assert first == 4

    second = await _send(store, dsn, sandbox)
    assert len(sms_log(sandbox)) == first  # nobody twice in a day
    plan = plan_campaign(store, second, settings=Settings(), credit=None, clock=lambda: TUESDAY)
    assert "Exclus, plafond atteint : 4." in plan.lines
    assert any(line.startswith("Plafond de fréquence : 1 SMS par 24 h") for line in plan.lines)

    third = await _send(store, dsn, sandbox, ignore_cap=True)
    assert len(sms_log(sandbox)) == 2 * first
    plan = plan_campaign(store, third, settings=Settings(), credit=None, clock=lambda: TUESDAY)
    assert "Plafond de fréquence ignoré à votre demande : 4 destinataires le dépassent." in (
        plan.lines
    )
