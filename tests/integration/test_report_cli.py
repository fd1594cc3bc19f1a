"""`campaign show --json` and `isend-tui report` on a hand-made SQLite shop: the attributed
figures as a user reads them."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from support.shop_builder import ShopBuilder, sqlite_shop_dsn

from isend_tui.campaigns.service import CampaignRequest, Contact, confirm, create_and_prepare
from isend_tui.campaigns.window import PARIS, next_slot
from isend_tui.cli import main
from isend_tui.context import open_context
from isend_tui.gateway.sandbox.account import DEMO_KEYID
from isend_tui.gateway.sandbox.server import SandboxThread


def test_show_and_report_give_the_attributed_revenue(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slot = next_slot(datetime.now(PARIS) + timedelta(days=2)).replace(second=0, microsecond=0)
    dsn = sqlite_shop_dsn(tmp_path)
    url = f"sqlite:///{dsn.path}"
    with ShopBuilder(dsn).create() as shop:
        alice, bruno, carla = (shop.customer(firstname=n) for n in ("Alice", "Bruno", "Carla"))
        after = (slot + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S")
        before = (slot - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S")
        shop.order(alice, date_add=after, total_paid_tax_incl="42.50")
        shop.order(bruno, date_add=before, total_paid_tax_incl="99")  # before the SMS
        shop.order(carla, date_add=after, total_paid_tax_incl="10")  # no recipient
    ctx = open_context()
    people = [Contact("33612345601", id_customer=alice), Contact("33612345602", id_customer=bruno)]
    campaign_id = create_and_prepare(
        ctx.store,
        people,
        CampaignRequest(message="Soldes !", scheduled_for=slot, label="Soldes"),
        settings=ctx.settings,
    )
    confirm(ctx.store, campaign_id)
    ctx.close()
    assert main(["campaign", "resume", str(campaign_id)]) == 0
    capsys.readouterr()

    assert main(["campaign", "show", str(campaign_id), "--json", "--shop-db", url]) == 0
    shown = json.loads(capsys.readouterr().out)["attribution"]
    assert (shown["sms"], shown["orders"], shown["buyers"]) == (2, 1, 1)
    assert Decimal(shown["revenue"]) == Decimal("42.50")
    assert Decimal(shown["revenue_per_sms"]) == Decimal("21.25")
    assert shown["conversion_rate"] == 0.5 and shown["window_open"]

    assert main(["campaign", "show", str(campaign_id), "--shop-db", url]) == 0
    assert "1 commande, 1 acheteur sur 2 SMS ; 42,50" in capsys.readouterr().out

    assert main(["report", "--json", "--shop-db", url]) == 0
    report = json.loads(capsys.readouterr().out)
    (line,) = report["campaigns"]
    assert (line["id"], line["sms"], Decimal(line["revenue"])) == (campaign_id, 2, Decimal("42.5"))
    assert report["days"] == [
        {"day": slot.date().isoformat(), "sms": 2, "delivery_rate": None, "revenue": "42.50"}
    ]
    assert report["credit"] is not None  # from the sandbox

    assert main(["report", "--csv", "--offline"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["label"], r["revenue"]) for r in rows] == [("Soldes", "42.50")]
    assert main(["report", "--since", (slot + timedelta(days=1)).date().isoformat()]) == 0
    assert "Aucune campagne envoyée sur la période." in capsys.readouterr().out


def test_a_holdout_over_half_is_refused(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    segment = tmp_path / "segment.json"
    segment.write_text('{"name": "tous", "criteria": []}', encoding="utf-8")
    code = main(["campaign", "send", str(segment), "--message", "Soldes !", "--holdout", "60"])
    assert code != 0
    assert "Groupe témoin de 60 % refusé" in capsys.readouterr().err


def test_campaign_winner_waits_for_its_delay_and_for_a_significant_winner(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    from isend_tui.campaigns.sending import dispatch
    from isend_tui.gateway.client import IsendClient

    dsn = sqlite_shop_dsn(tmp_path)
    url = f"sqlite:///{dsn.path}"
    with ShopBuilder(dsn).create() as shop:
        customers = [shop.customer(firstname=f"C{i}") for i in range(20)]
    ctx = open_context()
    people = [Contact(f"336123456{i:02d}", id_customer=c) for i, c in enumerate(customers)]
    ab = CampaignRequest(
        message="Soldes !", variants=("Dernier jour !",), remainder_pct=50, winner_after_hours=2
    )
    sent_at = datetime(2025, 6, 17, 10, 0, tzinfo=PARIS)  # a Tuesday, long ago
    campaign_id = create_and_prepare(
        ctx.store, people, ab, settings=ctx.settings, clock=lambda: sent_at
    )

    async def send() -> None:
        async with IsendClient(DEMO_KEYID, sandbox.url, timeout=5) as client:
            await dispatch(ctx.store, client, campaign_id, ctx.settings, clock=lambda: sent_at)

    asyncio.run(send())
    ctx.close()
    capsys.readouterr()
    assert main(["campaign", "winner", str(campaign_id), "--shop-db", url, "--yes"]) == 1
    out = capsys.readouterr().out
    assert "Pas de gagnant" in out and "Aucun texte envoyé" in out
    assert main(["campaign", "show", str(campaign_id), "--recipients", "--state", "held"]) == 0
    assert "gardé pour le texte gagnant" in capsys.readouterr().out
