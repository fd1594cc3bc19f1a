"""What happens to an order after it is placed: its later states, its payment, credit
slips and merchandise returns.

They are kept until their time comes and then written in chronological order, so that
their ids follow their dates as in a real shop. Only the events of orders still in
progress are held in memory.
"""

from __future__ import annotations

import heapq

from isend_tui.demo.rows import DemoSummary, Row, Rows
from isend_tui.demo.timeline import Timeline

# The kinds of events, with their payloads.
HISTORY = 0  # (id_employee, id_order, id_order_state)
PAYMENT = 1  # (order reference, id_currency, amount, method, rate, transaction id)
SLIP = 2  # (id_customer, id_order, rate, products, shipping, partial)
RETURN = 3  # (id_customer, id_order, state, question, time of the last update)


class FollowUps:
    """Holds the later events of the orders and writes them when their time comes."""

    def __init__(self, timeline: Timeline, rows: Rows, summary: DemoSummary) -> None:
        self.ts = timeline.ts
        self.out = rows.out
        self.next_id = rows.next_id
        self.summary = summary
        self.pending: list[tuple[int, int, int, Row]] = []  # (time, seq, kind, payload)
        self.seq = 0

    def push(self, when: int, kind: int, payload: Row) -> None:
        """Hold an event of `kind` until `when` (equal times keep the order pushed)."""
        self.seq += 1
        heapq.heappush(self.pending, (when, self.seq, kind, payload))

    def release(self, until: int) -> None:
        """Write every event due by `until`, oldest first."""
        pending = self.pending
        while pending and pending[0][0] <= until:
            when, _seq, kind, payload = heapq.heappop(pending)
            self._emit(kind, when, payload)

    def _emit(self, kind: int, when: int, payload: Row) -> None:
        stamp = self.ts(when)
        summary = self.summary
        if kind == HISTORY:
            self.out["order_history"]((self.next_id("order_history"), *payload, stamp))
            summary.order_history += 1
        elif kind == PAYMENT:
            self.out["order_payment"]((self.next_id("order_payment"), *payload, stamp))
            summary.order_payments += 1
        elif kind == SLIP:
            cid, oid, rate, products, shipping, partial = payload
            self.out["order_slip"](
                (self.next_id("order_slip"), rate, cid, oid, f"{products / 1.2:.2f}",
                 f"{products:.2f}", f"{shipping / 1.2:.2f}", f"{shipping:.2f}",
                 f"{products:.2f}", f"{shipping:.2f}", partial, 1 if shipping else 0, stamp,
                 stamp)
            )  # fmt: skip
            summary.order_slips += 1
        else:  # RETURN
            cid, oid, state, question, upd = payload
            self.out["order_return"](
                (self.next_id("order_return"), cid, oid, state, question, stamp, self.ts(upd))
            )
            summary.order_returns += 1
