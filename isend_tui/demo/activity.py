"""The demo shop lives: while `isend-tui --demo` is open, an order moves on every minute
or so (paid -> in preparation -> shipped, with a tracking number -> delivered), written the
way PrestaShop's back office writes it (order_history, then the order's current_state), so
a newcomer sees the watcher at work and the SMS arrive in État des notifications.

This writes into the demo shop only: the demo's own SQLite file, through the demo writer.
The thread belongs to the DemoEnvironment that starts and stops it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

from isend_tui.demo.prestashop.writer import ShopWriter
from isend_tui.shop.dsn import ShopDsn

log = logging.getLogger(__name__)

FIRST_MOVE_S = 20.0  # soon after opening: the newcomer is looking
EVERY_S = 60.0
# Each step: the state an order is in -> the state it moves to.
STEPS = (
    ("PS_OS_PREPARATION", "PS_OS_SHIPPING"),
    ("PS_OS_PAYMENT", "PS_OS_PREPARATION"),
    ("PS_OS_SHIPPING", "PS_OS_DELIVERED"),
)
PARIS = ZoneInfo("Europe/Paris")


class DemoActivity:
    """Moves one order of the demo shop at a time (`step()`), or on a timer (`start()`)."""

    def __init__(self, shop_file: Path, *, first: float = FIRST_MOVE_S, every: float = EVERY_S):
        self.dsn = ShopDsn(kind="sqlite", path=str(shop_file))
        self.first = first
        self.every = every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._turn = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="demo-activity", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        wait = self.first
        while not self._stop.wait(wait):
            try:
                self.step()
            except Exception:  # a demo must never take the app down: logged, tried again
                log.exception("demo activity failed")
            wait = self.every

    def step(self, now: dt.datetime | None = None) -> tuple[int, str] | None:
        """Move the most recent order that can move on; (id_order, new state key)."""
        moment = (now or dt.datetime.now(PARIS)).strftime("%Y-%m-%d %H:%M:%S")
        with ShopWriter.open(self.dsn, create=False) as writer:
            states = _state_ids(writer)
            # Turn by turn, so every kind of step is shown, not only the first one.
            for offset in range(len(STEPS)):
                current, following = STEPS[(self._turn + offset) % len(STEPS)]
                row = writer.query(
                    f"SELECT id_order FROM {writer.table('orders')} WHERE current_state = %s "
                    "ORDER BY date_add DESC, id_order DESC LIMIT 1",
                    (states[current],),
                )
                if row:
                    self._turn += offset + 1
                    id_order = int(row[0][0])
                    _move(writer, id_order, states[following], following, moment)
                    log.info("demo: order %d -> %s", id_order, following)
                    return id_order, following
        return None


def _state_ids(writer: ShopWriter) -> dict[str, int]:
    rows = writer.query(
        f"SELECT name, value FROM {writer.table('configuration')} WHERE name LIKE 'PS_OS_%%'"
    )
    return {str(name): int(value) for name, value in rows if str(value).isdigit()}


def _move(writer: ShopWriter, id_order: int, state: int, key: str, moment: str) -> None:
    """What OrderHistory::changeIdOrderState writes, in one transaction."""
    orders = writer.table("orders")
    writer.begin()
    if key == "PS_OS_SHIPPING":
        number = f"6A{id_order:011d}"
        writer.execute(
            f"UPDATE {writer.table('order_carrier')} SET tracking_number = %s WHERE id_order = %s",
            (number, id_order),
        )
    extra = ", delivery_date = %s" if key == "PS_OS_DELIVERED" else ""
    params: list[object] = [state, moment, *([moment] if extra else []), id_order]
    writer.execute(
        f"UPDATE {orders} SET current_state = %s, valid = 1, date_upd = %s{extra} "
        "WHERE id_order = %s",
        params,
    )
    writer.insert(
        "order_history",
        ["id_employee", "id_order", "id_order_state", "date_add"],
        [(1, id_order, state, moment)],
    )
    writer.commit()
