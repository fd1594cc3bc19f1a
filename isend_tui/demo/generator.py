"""The deterministic demo shop generator: the same seed, size, version and reference date
give the same rows, on SQLite as on MySQL/MariaDB.

Every id is assigned here, every random draw comes from one `random.Random(seed)` (draws.py)
and nothing reads the wall clock (timeline.py). What the data contains, on purpose:
- three shops in two shop groups; customers in several groups, guests, soft-deleted and
  disabled accounts (customers.py), with addresses in six countries (addresses.py) and
  their phones written every way merchants see them (phones.py);
- orders over the three years before the reference date, about `orders_per_customer` per
  customer, heavy-tailed (a few customers order a lot), ids in chronological order, with
  their history of states, payments, shipments, credit slips and returns (orders.py,
  followups.py), and a few abandoned carts.

Memory: rows are streamed to a sink in batches (sinks.py); the generator keeps ~20 bytes
per customer (to pick who orders next) and the events of orders still in progress.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_right
from collections.abc import Callable

from isend_tui.demo.addresses import P_NO_ADDRESS, Addresses
from isend_tui.demo.customers import ALPHA, CAP, P_GUEST, CustomerBook, Customers
from isend_tui.demo.draws import Draws
from isend_tui.demo.followups import FollowUps
from isend_tui.demo.orders import Orders
from isend_tui.demo.phones import Phones
from isend_tui.demo.prestashop.versions import Version
from isend_tui.demo.rows import DemoSummary, Rows
from isend_tui.demo.sinks import Sink
from isend_tui.demo.timeline import Timeline

#: Of the registered customers with an address, those whose account came with an order.
P_FIRST_ORDER = 0.75


class DemoGenerator:
    """Streams the rows of the demo shop into a sink (see the module docstring)."""

    def __init__(
        self,
        sink: Sink,
        *,
        customers: int,
        seed: int,
        version: Version,
        reference_date: dt.date,
        orders_per_customer: float,
        progress: Callable[[int, int], None] | None,
        summary: DemoSummary,
    ) -> None:
        self.sink = sink
        self.n = customers
        self.progress = progress
        draws = Draws(seed)
        self.rnd = draws.random
        timeline = Timeline(reference_date)
        self.end = timeline.end
        rows = Rows(sink.buffers)
        self.book = CustomerBook()
        self.followups = FollowUps(timeline, rows, summary)
        phones = Phones(draws, v16=version == "1.6")
        addresses = Addresses(draws, timeline, rows, summary, phones)
        self.customers = Customers(draws, timeline, rows, summary, addresses, self.book)
        self.orders = Orders(draws, timeline, rows, summary, self.book, self.followups, version)
        self.beta = _order_rate(customers, orders_per_customer, timeline.end)

    def run(self) -> None:
        """Write the whole shop: customers arrive over time, orders follow (module doc)."""
        rnd = self.rnd
        n = self.n
        end = self.end
        span = float(end - 1)
        beta = self.beta
        cum = self.book.cum
        n_addresses = self.book.n_addresses
        progress = self.progress
        maybe_flush = self.sink.maybe_flush
        release = self.followups.release
        add_customer = self.customers.add
        add_order = self.orders.add
        step = max(1, n // 200)
        t_next = int(span * math.sqrt(rnd() / n)) if n else 0
        for i in range(n):
            t = t_next
            t_next = max(t, int(span * math.sqrt((i + 1 + rnd()) / n))) if i + 1 < n else end
            release(t)
            add_customer(i, t)
            events: list[tuple[int, int]] = []
            if n_addresses[i]:
                guest = cum[i] == (cum[i - 1] if i else 0.0)  # guests have no weight
                if guest or rnd() < P_FIRST_ORDER:
                    # the account was created at checkout: the order follows within minutes
                    events.append((t + int(rnd() * min(900, (t_next - t) * 0.3)), i))
            total_w = cum[i]
            if total_w > 0 and t_next > t:
                expected = beta * total_w * (t_next - t)
                count = int(expected) + (1 if rnd() < expected - int(expected) else 0)
                for _k in range(count):
                    who = min(bisect_right(cum, rnd() * total_w), i)
                    events.append((t + int(rnd() * (t_next - t)), who))
            if events:
                events.sort()
                for when, who in events:
                    if n_addresses[who]:
                        release(when)
                        add_order(when, who)
            maybe_flush()
            if progress is not None and i % step == 0:
                # orders grow with the customers already there: work ~ f + 4 f^2
                f = i / n
                progress(int(n * (f + 4 * f * f) / 5), n)
        release(end)
        if progress is not None:
            progress(n, n)


def _order_rate(customers: int, orders_per_customer: float, end: int) -> float:
    """The rate beta of repeat orders per unit of order weight and second.

    Pareto weights (alpha 1.5, capped): E[min(X, cap)] = 1 + (1 - cap^(1-a)) / (a-1).
    Customers arrive with a density growing linearly in time (n(t) = N (t/S)^2), so the
    order rate beta * W(t) integrates to beta * mean_w * N * S / 3.
    """
    mean_w = 1 + (1 - CAP ** (1 - ALPHA)) / (ALPHA - 1)
    p_weighted = (1 - P_GUEST) * (1 - P_NO_ADDRESS)
    firsts = P_GUEST + p_weighted * P_FIRST_ORDER
    extra = max(0.0, orders_per_customer - firsts) * customers
    integral = mean_w * p_weighted * customers * end / 3.0
    return extra / integral if integral > 0 else 0.0
