"""What a screen or the CLI shows of the automations: each flow with its state and what it
did in the last 7 and 30 days, one flow's settings, and a preview of the next 24 hours.
The orders and revenue that followed are results' (results/messages.py).

    flows = list_flows(store, now)                      # local store only
    flows = list_flows(store, now, conn=conn)           # + what the shop lacks for a flow
    items = preview(conn, store, settings, Flow.BIRTHDAY, now)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from isend_tui.automations import detect
from isend_tui.automations.flow_settings import FlowSettings, load_flow, load_flows, load_state
from isend_tui.automations.flows import FLOWS, Flow
from isend_tui.automations.runner import AutomationRunner, missing_alerts_message
from isend_tui.campaigns.local_hours import LocalGroup, group_of
from isend_tui.campaigns.window import SendingWindow
from isend_tui.notifications.clock import iso
from isend_tui.notifications.log import State

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.shop.connection import ShopConnection
    from isend_tui.store import Store

PREVIEW_SPAN = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Figures:
    sent: int = 0
    not_sent: int = 0
    waiting: int = 0
    """Queued (maybe for the next slot of the window), being sent, or uncertain."""


@dataclass(frozen=True)
class FlowSummary:
    settings: FlowSettings
    last_7_days: Figures
    last_30_days: Figures
    problem: str | None = None

    @property
    def flow(self) -> Flow:
        return self.settings.flow

    @property
    def title(self) -> str:
        return FLOWS[self.flow].title


def _figures(store: Store, flow: Flow, since: dt.datetime) -> Figures:
    counts: dict[str, int] = {}
    for state, n in store.db.execute_sql(
        "SELECT state, count(*) FROM notification WHERE flow = ? AND created_at >= ? "
        "GROUP BY state",
        (flow.value, iso(since)),
    ):
        counts[str(state)] = int(n)
    waiting = sum(counts.get(s, 0) for s in (State.QUEUED, State.SENDING, State.UNCERTAIN))
    waiting += counts.get(State.RETRY, 0)
    return Figures(
        counts.get(State.SENT, 0),
        counts.get(State.NOT_SENT, 0) + counts.get(State.REFUSED, 0),
        waiting,
    )


def list_flows(
    store: Store, now: dt.datetime, *, conn: ShopConnection | None = None
) -> list[FlowSummary]:
    """Every flow, in the catalogue's order, with its figures."""
    out = []
    for flow, settings in load_flows(store).items():
        week = _figures(store, flow, now - dt.timedelta(days=7))
        month = _figures(store, flow, now - dt.timedelta(days=30))
        problem = None if conn is None else flow_problem(conn, flow)
        out.append(FlowSummary(settings, week, month, problem))
    return out


def flow_problem(conn: ShopConnection, flow: Flow) -> str | None:
    """Why this shop cannot run this flow (check it before turning the flow on), or None."""
    if flow is Flow.BACK_IN_STOCK and not conn.has_table(detect.ALERTS_TABLE):
        return missing_alerts_message()
    return None


@dataclass(frozen=True)
class PreviewItem:
    id_customer: int
    name: str
    number: str
    due: dt.datetime
    """When it is due; it leaves at `leaves` (the marketing window in their own time)."""
    leaves: dt.datetime | None
    text: str
    outcome: str
    """'queued', or why it would not go (a notification code)."""
    detail: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def preview(
    conn: ShopConnection,
    store: Store,
    settings: Settings,
    flow: Flow,
    now: dt.datetime,
    *,
    limit: int = 200,
) -> list[PreviewItem]:
    """Who this flow would text in the next 24 hours and what (nothing is recorded)."""
    flow_settings = load_flow(store, flow)
    state = load_state(store, flow)
    lo = dt.datetime.fromisoformat(state["cursor"]) if state.get("cursor") else now
    hi = now + PREVIEW_SPAN
    if flow is Flow.ABANDONED_CART:
        scan = detect.abandoned_carts(conn, flow_settings, lo, hi)
    elif flow is Flow.BIRTHDAY:
        scan = detect.Scan()
        walk: dict[str, object] = {}
        for _chunk in range(10_000):
            part = detect.birthdays(conn, flow_settings, lo, hi, dict(walk), now)
            scan.occurrences += part.occurrences
            walk = dict(part.state or {})
            if part.reached is None:
                break
    elif flow is Flow.WINBACK:
        scan = detect.lapsed_customers(conn, flow_settings, lo, hi)
    elif flow is Flow.AFTER_DELIVERY:
        scan = detect.delivered_orders(conn, flow_settings, lo, hi)
    else:
        if not conn.has_table(detect.ALERTS_TABLE):
            from isend_tui.automations.flow_settings import FlowSettingError

            raise FlowSettingError(missing_alerts_message(), field="back_in_stock")
        scan = detect.back_in_stock(conn, now, {"baseline": state.get("baseline", [])})
    runner = AutomationRunner(store, settings, lambda: now)
    occurrences = scan.occurrences[:limit]
    rows = runner.rows_for(conn, flow_settings, occurrences, now)
    by_key = {r["idempotency_key"]: r for r in rows}
    window = SendingWindow.from_settings(settings)
    items = []
    from isend_tui.automations.runner import idempotency_key
    from isend_tui.shop.events import customer_facts

    names = customer_facts(conn, [o.id_customer for o in occurrences])
    for occ in occurrences:
        row = by_key.get(idempotency_key(flow, occ.id_customer, occ.key))
        if row is None:
            continue  # already recorded: it will not go again
        number = str(row.get("number") or "")
        leaves = None
        if row["state"] == State.QUEUED and number:
            group = LocalGroup.parse(row.get("zone") or group_of(number))
            leaves = group.slot(window, max(occ.due, now))
        fact = names.get(occ.id_customer)
        items.append(
            PreviewItem(
                occ.id_customer,
                f"{fact.firstname} {fact.lastname}".strip() if fact else "",
                number,
                occ.due,
                leaves,
                str(row.get("message") or ""),
                str(row["state"]) if row["state"] == State.QUEUED else str(row.get("code")),
                str(row.get("detail") or ""),
            )
        )
    return sorted(items, key=lambda i: (i.due, i.id_customer))
