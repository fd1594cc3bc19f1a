"""État des campagnes: the table, its filter and sort, details, CSV, uncertain batches."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from support.pilot import focus, until
from textual.widgets import DataTable, Input, Select, Static

from isend_tui.app import ISendApp
from isend_tui.campaigns.model import CampaignRequest, Contact
from isend_tui.campaigns.service import create_and_prepare, dispatch
from isend_tui.context import AppContext
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.faults import FaultKind
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.ui.screens.campaign_history import COLUMNS

PARIS = ZoneInfo("Europe/Paris")
TUESDAY_10AM = datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)

PEOPLE = [
    Contact("33612345601", "Alice", "Martin", "alice@example.com"),
    Contact("33612345602", "Benoît", "Lefèvre", "benoit@example.com"),
    Contact("33612345603", "Chloé", "Roy", "chloe@example.com"),
]


def clock() -> datetime:
    return TUESDAY_10AM


def _with_keyid(ctx: AppContext, sandbox: SandboxThread) -> None:
    # several campaigns to the same people the same day: no frequency cap here
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings, keyid=sandbox.account.keyid, cap_per_day=0, cap_per_30_days=0
        )
    )


async def _campaign(ctx: AppContext, sandbox: SandboxThread, label: str) -> int:
    request = CampaignRequest(message="Bonjour {client_surname}, -20% ce week-end", label=label)
    campaign_id = create_and_prepare(ctx.store, PEOPLE, request, settings=ctx.settings, clock=clock)
    async with IsendClient(ctx.settings.keyid, sandbox.url) as client:
        await dispatch(ctx.store, client, campaign_id, ctx.settings, clock=clock)
    return campaign_id


SENT, DELIVERED, FAILED, WAITING, QUANTITY, UNCERTAIN = (
    COLUMNS.index(name)
    for name in ("Envoyés", "Remis", "Échecs", "En attente", "Quantité", "Incertains")
)


def _cells(app: ISendApp) -> list[list[str]]:
    table = app.screen.query_one("#campaigns", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_table_lists_campaigns_and_opens_details_with_the_keyboard(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    _with_keyid(ctx, sandbox)
    first = await _campaign(ctx, sandbox, "Soldes d'hiver")
    second = await _campaign(ctx, sandbox, "Fête des mères")
    app = ISendApp(ctx, start_mode="campaign_history", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = _cells(app)
        assert [r[0] for r in rows] == [str(second), str(first)]  # newest first
        assert rows[0][2] == "Fête des mères" and rows[0][3].startswith("envoyée")
        assert rows[0][SENT] == "3" and rows[0][QUANTITY] == "3"
        print(f"history opened in {app.screen.load_ms:.1f} ms")  # type: ignore[attr-defined]
        await focus(pilot, app.screen.query_one("#campaigns", DataTable))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(app.screen.query_one("#detail-summary", Static).content)
        assert "Fête des mères" in summary and "envoyés : 3" in summary
        recipients = app.screen.query_one("#recipients", DataTable)
        assert recipients.row_count == 3
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CampaignHistoryScreen"


async def test_details_show_the_basis_and_write_each_recipients_proof(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    import csv

    from isend_tui.segments.basis import Basis, Proof, ProofSource

    _with_keyid(ctx, sandbox)
    signed = Proof(Basis.CONSENT, ProofSource.IMPORT, "2026-01-05T10:00:00", "salon.csv:2")
    people = [dataclasses.replace(p, proof=signed) for p in PEOPLE[:2]]
    request = CampaignRequest(message="Promo", label="Salon", basis=Basis.CONSENT)
    campaign_id = create_and_prepare(ctx.store, people, request, settings=ctx.settings, clock=clock)
    app = ISendApp(ctx, start_mode="campaign_history", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await focus(pilot, app.screen.query_one("#campaigns", DataTable))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(app.screen.query_one("#detail-summary", Static).content)
        assert "Base légale : consentement" in summary and "consentement importé 2" in summary
        await pilot.press("ctrl+g")
        await app.workers.wait_for_complete()
    path = ctx.paths.data_dir / "exports" / f"preuve-campagne-{campaign_id}.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle, delimiter=";"))
    assert [(r["numero"], r["source"], r["reference"]) for r in lines] == [
        ("33612345601", "import", "salon.csv:2"),
        ("33612345602", "import", "salon.csv:2"),
    ]


async def test_details_page_through_every_recipient_filter_and_search(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    _with_keyid(ctx, sandbox)
    people = [Contact(f"336{i:08d}", "Client", f"Nom{i}", "") for i in range(1200)]
    people[700] = Contact("33699999999", "Hélène", "Dupré", "helene@example.com")
    sandbox.account.mark_unassigned("33600000007", "33600001100")  # refused by the gateway
    sandbox.account.set_credit(500)
    request = CampaignRequest(message="Bonjour {client_surname}", label="Grande campagne")
    campaign_id = create_and_prepare(ctx.store, people, request, settings=ctx.settings, clock=clock)
    async with IsendClient(ctx.settings.keyid, sandbox.url) as client:
        await dispatch(ctx.store, client, campaign_id, ctx.settings, clock=clock)
    app = ISendApp(ctx, start_mode="campaign_history", clock=clock)

    def page() -> tuple[str, list[str]]:
        table = app.screen.query_one("#recipients", DataTable)
        numbers = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        return str(app.screen.query_one("#page-info", Static).content), numbers

    async with app.run_test(size=(120, 40)) as pilot:

        async def shows(info: str) -> list[str]:
            """The numbers of the page once its line says `info` (the page loads in a
            worker after the key press or the filter's change is handled)."""
            for _i in range(400):
                if page()[0] == info:
                    return page()[1]
                await pilot.pause(0.025)
            raise AssertionError(f"the page never showed {info!r}: {page()[0]!r}")

        await app.workers.wait_for_complete()
        await focus(pilot, app.screen.query_one("#campaigns", DataTable))
        await pilot.press("enter")
        assert (await shows("1–500 sur 1\u00a0200"))[0] == "33600000000"
        await focus(pilot, app.screen.query_one("#page-next"))
        await pilot.press("enter")
        await shows("501–1\u00a0000 sur 1\u00a0200")
        # a Textual button takes no press during its 0.2 s "-active" effect: wait for it
        following = app.screen.query_one("#page-next")
        for _i in range(400):
            if not following.has_class("-active"):
                break
            await pilot.pause(0.01)
        await pilot.press("enter")
        numbers = await shows("1\u00a0001–1\u00a0200 sur 1\u00a0200")
        assert len(numbers) == 200 and numbers[100] == "33600001100"
        assert app.screen.query_one("#page-next").disabled

        app.screen.query_one("#recipient-state", Select).value = "refused"
        assert await shows("1–2 sur 2") == ["33600000007", "33600001100"]

        app.screen.query_one("#recipient-state", Select).value = ""
        await focus(pilot, app.screen.query_one("#recipient-search", Input))
        await pilot.press(*"06 99 99")
        assert await shows("1–1 sur 1") == ["33699999999"]
        app.screen.query_one("#recipient-search", Input).value = "personne"
        assert await shows("aucun destinataire") == []
        app.screen.query_one("#recipient-search", Input).value = "dupré"  # a name, any case
        assert await shows("1–1 sur 1") == ["33699999999"]


async def test_filter_by_state_and_results_csv(ctx: AppContext, sandbox: SandboxThread) -> None:
    _with_keyid(ctx, sandbox)
    campaign_id = await _campaign(ctx, sandbox, "Rentrée")
    app = ISendApp(ctx, start_mode="campaign_history", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one("#state-filter", Select).value = "failed"
        await pilot.pause()
        assert _cells(app) == []
        app.screen.query_one("#state-filter", Select).value = "sent"
        await pilot.pause()
        assert len(_cells(app)) == 1
        await focus(pilot, app.screen.query_one("#campaigns", DataTable))
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    csv_path = ctx.paths.data_dir / "exports" / f"campagne-{campaign_id}.csv"
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 4  # header + 3 recipients
    assert "33612345602" in csv_path.read_text(encoding="utf-8-sig")


async def test_an_uncertain_batch_is_shown_and_settled_by_the_merchant(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    _with_keyid(ctx, sandbox)
    request = CampaignRequest(message="Promo {client_name}", label="Incertaine")
    campaign_id = create_and_prepare(ctx.store, PEOPLE, request, settings=ctx.settings, clock=clock)
    sandbox.account.clock = clock  # the gateway's report dates follow the same frozen time
    # The gateway processes the batch, then the connection drops: outcome unknown.
    sandbox.faults.fail_next(FaultKind.DROP_AFTER, 1, paths=("/smsmulti",))
    async with IsendClient(ctx.settings.keyid, sandbox.url) as client:
        result = await dispatch(ctx.store, client, campaign_id, ctx.settings, clock=clock)
    assert result.uncertain == 3
    app = ISendApp(ctx, start_mode="campaign_history", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _cells(app)[0][UNCERTAIN] == "3"
        await focus(pilot, app.screen.query_one("#campaigns", DataTable))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        uncertain = app.screen.query_one("#uncertain", DataTable)
        assert uncertain.row_count == 1
        await focus(pilot, app.screen.query_one("#check"))
        await pilot.press("enter")  # "Vérifier auprès d'iSendPro"
        await pilot.pause()
        await pilot.press("o")  # confirm
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = _cells(app)
        assert rows[0][UNCERTAIN] == ""  # nothing uncertain any more
        assert rows[0][SENT] == "3"
    # The report said the gateway had them: nothing was sent twice.
    log = [row for row in sandbox.account.sent() if "Promo" in row.text]
    assert len(log) == 3


async def test_an_interrupted_campaign_is_cancelled_with_the_keyboard(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    from isend_tui.campaigns.service import confirm, interrupted_campaigns

    _with_keyid(ctx, sandbox)
    request = CampaignRequest(message="Promo", label="Arrêtée")
    stopped = create_and_prepare(ctx.store, PEOPLE, request, settings=ctx.settings, clock=clock)
    confirm(ctx.store, stopped, clock=clock)  # confirmed, then stopped before any batch
    app = ISendApp(ctx, start_mode="campaign_history", clock=clock, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        # The start-up offer to resume it comes first (a modal a worker waits on): not now.
        for _i in range(200):
            await pilot.pause(0.02)
            if app.screen.__class__.__name__ not in ("CampaignHistoryScreen", "Screen"):
                break
        assert app.screen.__class__.__name__ != "CampaignHistoryScreen", "no resume offer"
        await pilot.press("escape")
        for _i in range(200):
            await pilot.pause(0.02)
            if app.screen.__class__.__name__ == "CampaignHistoryScreen" and _cells(app):
                break
        await focus(pilot, app.screen.query_one("#campaigns", DataTable))
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmModal"
        await pilot.press("o")
        for _i in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if _cells(app)[0][3].startswith("annulée"):
                break
        assert _cells(app)[0][3].startswith("annulée")
    assert interrupted_campaigns(ctx.store) == []
    assert sandbox.account.sent() == []  # nothing ever left


async def test_delivery_receipts_show_in_the_table_and_details_as_they_arrive(
    ctx: AppContext, sandbox: SandboxThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Receipts recorded while the screens are open (by the watcher, here in this test's
    thread) move the figures: no key pressed."""
    from isend_tui.campaigns.run import tracker_of
    from isend_tui.delivery.receipts import receipt_of
    from isend_tui.delivery.record import record_now
    from isend_tui.ui.screens import campaign_detail, campaign_history

    monkeypatch.setattr(campaign_history, "RECEIPTS_EVERY_S", 0.2)
    monkeypatch.setattr(campaign_detail, "RECEIPTS_EVERY_S", 0.2)
    _with_keyid(ctx, sandbox)
    campaign_id = await _campaign(ctx, sandbox, "Soldes d'hiver")
    ids = [
        int(r[0])
        for r in ctx.store.db.execute_sql(
            "SELECT id FROM campaign_recipient WHERE campaign_id = ? ORDER BY id", (campaign_id,)
        )
    ]

    def receipt(index: int, status: str) -> None:
        params = {"tracker": tracker_of(campaign_id, ids[index]), "statut": status}
        record_now(ctx.store, [receipt_of(params)])

    app = ISendApp(ctx, start_mode="campaign_history", clock=clock)
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _cells(app)[0][WAITING] == "3" and _cells(app)[0][DELIVERED] == "0"
        receipt(0, "0")  # delivered
        receipt(1, "2")  # unknown number: a permanent failure
        await until(pilot, lambda: _cells(app)[0][WAITING] == "1", "the receipts counted")
        row = _cells(app)[0]
        assert row[DELIVERED] == "1 (33,3\u00a0%)" and row[FAILED] == "1"
        await focus(pilot, app.screen.query_one("#campaigns", DataTable))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

        def summary() -> str:
            return str(app.screen.query_one("#detail-summary", Static).content)

        def deliveries() -> list[str]:
            table = app.screen.query_one("#recipients", DataTable)
            return [str(table.get_row_at(i)[3]) for i in range(table.row_count)]

        assert "Remise : 33,3\u00a0% remis (1 sur 3 acceptés), 1 en échec" in summary()
        assert deliveries() == [
            "remis",
            "échec définitif : numéro inconnu, non attribué ou résilié",
            "en attente d'accusé",
        ]
        receipt(2, "0")
        await until(pilot, lambda: "66,7\u00a0% remis" in summary(), "the details follow")
        await until(pilot, lambda: deliveries()[2] == "remis", "the page follows")
        app.screen.query_one("#recipient-delivery", Select).value = "failed"
        await until(pilot, lambda: len(deliveries()) == 1, "the delivery filter applied")
        assert deliveries() == ["échec définitif : numéro inconnu, non attribué ou résilié"]


async def test_the_attributed_revenue_shows_as_a_column(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    """What `isend-tui report` or `campaign show` computed from the shop's orders."""
    from decimal import Decimal

    from isend_tui.results import cache
    from isend_tui.results.figures import Attribution, Group

    _with_keyid(ctx, sandbox)
    campaign_id = await _campaign(ctx, sandbox, "Soldes d'hiver")
    cache._save(
        ctx.store,
        Attribution(
            campaign_id=campaign_id,
            currency="EUR",
            window_days=5,
            window_start=TUESDAY_10AM,
            window_end=TUESDAY_10AM,
            computed_at=TUESDAY_10AM,
            delivery_known=False,
            sms=3,
            cost=None,
            treated=Group(recipients=3, buyers=1, orders=1, revenue=Decimal("42.5")),
        ),
    )
    app = ISendApp(ctx, start_mode="campaign_history", clock=clock)
    async with app.run_test(size=(200, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _cells(app)[0][COLUMNS.index("Revenu attribué")] == "42,50\u00a0€"
