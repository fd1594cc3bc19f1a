"""`campaign show --json` and `isend-tui report` on a hand-made SQLite shop: the attributed
figures as a user reads them."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from support.shop_builder import ShopBuilder, sqlite_shop_dsn

from isend_tui.automations.flows import FLOWS
from isend_tui.campaigns.service import CampaignRequest, Contact, confirm, create_and_prepare
from isend_tui.campaigns.window import PARIS, next_slot
from isend_tui.cli import main
from isend_tui.context import open_context
from isend_tui.gateway.sandbox.account import DEMO_KEYID
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.notifications.clock import iso
from isend_tui.safe_text import csv_cell
from isend_tui.store import Store


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
    _automation_and_rule_sms(ctx.store, birthday=carla, shipped=bruno)
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

    assert main(["report", "--csv", "--shop-db", url]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows == _csv_lines_of(report)
    assert [(r["kind"], r["id"], r["label"], r["sms"]) for r in rows] == [
        ("campaign", str(campaign_id), "Soldes", "2"),
        ("automation", "birthday", "Anniversaire", "1"),
        ("notification", str(RULE), "'=Expédiée", "1"),  # the rule's name made inert
    ]
    assert (rows[1]["delivery_rate"], rows[1]["cost"], rows[1]["day"]) == ("", "", "")

    assert main(["report", "--csv", "--offline"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["kind"], r["label"], r["revenue"]) for r in rows] == [
        ("campaign", "Soldes", "42.50")
    ]
    assert main(["report", "--since", (slot + timedelta(days=1)).date().isoformat()]) == 0
    assert "Aucune campagne envoyée sur la période." in capsys.readouterr().out


RULE = 7


def _automation_and_rule_sms(store: Store, *, birthday: int, shipped: int) -> None:
    """A birthday SMS and an order notification (rule 7, named as a formula) an hour ago,
    as the watcher leaves them."""
    sent = iso(datetime.now(UTC) - timedelta(hours=1))
    with store.write():
        store.db.execute_sql(
            "INSERT INTO notification_rule (id, event, state_name, text, created_at, "
            "updated_at) VALUES (?, 'client.order_state.shipped', '=Expédiée', 'Colis', ?, ?)",
            (RULE, sent, sent),
        )
        for n, (customer, flow, rule) in enumerate(
            [(birthday, "birthday", None), (shipped, None, RULE)]
        ):
            store.db.execute_sql(
                "INSERT INTO notification (created_at, updated_at, rule_id, flow, event, "
                "occurrence, idempotency_key, number, message, state, id_customer, sent_at) "
                "VALUES (?, ?, ?, ?, 'x', ?, ?, '33612345699', 'Bonjour', 'sent', ?, ?)",
                (sent, sent, rule, flow, f"o:{n}", f"k:{n}", customer, sent),
            )


def _csv_lines_of(report: dict[str, Any]) -> list[dict[str, str]]:
    """`report --json`'s lines as `report --csv` must give them (csv.DictReader's view)."""

    def line(kind: str, key: object, label: object, item: dict[str, Any]) -> dict[str, str]:
        # a campaign's currency and conversion are its attribution's, a flow's its own
        figures = (item["attribution"] or {}) if kind == "campaign" else item
        cells = {
            "kind": kind,
            "id": key,
            "label": csv_cell(label),
            "day": item.get("day"),
            "sms": item["sms"],
            "delivery_rate": item.get("delivery_rate"),
            "stop_rate": item.get("stop_rate"),
            "orders": item["orders"],
            "buyers": item["buyers"],
            "revenue": item["revenue"],
            "cost": item.get("cost"),
            "window_open": item.get("window_open"),
            "currency": figures.get("currency"),
            "conversion_rate": figures.get("conversion_rate"),
        }
        return {name: "" if value is None else str(value) for name, value in cells.items()}

    flows = {flow.value: d.title for flow, d in FLOWS.items()}
    return (
        [line("campaign", c["id"], c["label"], c) for c in report["campaigns"]]
        + [line("automation", k, flows[k], a) for k, a in report["automations"].items()]
        + [line("notification", k, n["label"], n) for k, n in report["notifications"].items()]
    )


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
