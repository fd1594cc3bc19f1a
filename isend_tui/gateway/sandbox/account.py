"""The sandbox's account: keyid, credit, prices, IP whitelist, blacklist, directories, log.

State lives in SQLite: a file when ``path`` is given (WAL, so a test or a benchmark can
read it while the sandbox writes), memory otherwise. Every accepted SMS is a row of
``sms_log``; what was refused is not logged (the reply says why). One lock serialises
all access, so the app may run in a uvicorn thread while the test thread reads or
changes the account.

Values given to the constructor win over the file; values left out (None) come from the
file when it has them, else from the defaults (DEMO_KEYID, 50 EUR, whitelist off).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from isend_tui.gateway.sandbox import rules

DEMO_KEYID = "0123456789abcdef0123456789abcdef"
"""The sandbox's public demo keyid (documented, not a secret; useless on the live API)."""

DEFAULT_CREDIT = Decimal("50")
PARIS = ZoneInfo("Europe/Paris")
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    keyid TEXT NOT NULL,
    credit TEXT NOT NULL,
    ip_whitelist INTEGER NOT NULL,
    allowed_ips TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS blacklist (
    num TEXT PRIMARY KEY,
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS directories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS directory_contacts (
    directory_id INTEGER NOT NULL REFERENCES directories (id),
    num TEXT NOT NULL,
    fields TEXT NOT NULL,
    PRIMARY KEY (directory_id, num)
);
CREATE TABLE IF NOT EXISTS sms_log (
    id INTEGER PRIMARY KEY,
    received_at TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    num TEXT NOT NULL,
    text TEXT NOT NULL,
    sender TEXT,
    date_envoi TEXT,
    gmt_zone TEXT,
    parts INTEGER NOT NULL,
    encoding TEXT NOT NULL,
    cost TEXT NOT NULL,
    tracker TEXT,
    code TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sms_log_received_at ON sms_log (received_at);
"""
# Columns added later: a state file written by an older sandbox gains them on opening.
# The delivery receipt the sandbox decided for each SMS (receipts.py) and when it is due.
_ADDED_COLUMNS = ("dlr_status TEXT", "dlr_at TEXT")

SMS_LOG_COLUMNS = (
    "id",
    "received_at",
    "endpoint",
    "num",
    "text",
    "sender",
    "date_envoi",
    "gmt_zone",
    "parts",
    "encoding",
    "cost",
    "tracker",
    "code",
    "dlr_status",
    "dlr_at",
)


@dataclass(frozen=True)
class SmsToLog:
    """One accepted SMS, as the API handler hands it over."""

    num: str
    text: str
    sender: str | None
    date_envoi: str | None
    gmt_zone: str | None
    parts: int
    encoding: str
    cost: Decimal
    tracker: str | None


@dataclass(frozen=True)
class LoggedSms:
    """One row of sms_log."""

    id: int
    received_at: str
    endpoint: str
    num: str
    text: str
    sender: str | None
    date_envoi: str | None
    gmt_zone: str | None
    parts: int
    encoding: str
    cost: Decimal
    tracker: str | None
    code: str
    dlr_status: str | None = None
    """The delivery receipt's status once due (receipts.py), None before."""
    dlr_at: str | None = None


def _logged(r: Sequence[object]) -> LoggedSms:
    return LoggedSms(
        id=int(str(r[0])),
        received_at=str(r[1]),
        endpoint=str(r[2]),
        num=str(r[3]),
        text=str(r[4]),
        sender=None if r[5] is None else str(r[5]),
        date_envoi=None if r[6] is None else str(r[6]),
        gmt_zone=None if r[7] is None else str(r[7]),
        parts=int(str(r[8])),
        encoding=str(r[9]),
        cost=Decimal(str(r[10])),
        tracker=None if r[11] is None else str(r[11]),
        code=str(r[12]),
        dlr_status=None if r[13] is None else str(r[13]),
        dlr_at=None if r[14] is None else str(r[14]),
    )


def _now_paris() -> datetime:
    return datetime.now(PARIS)


class SandboxAccount:
    """A simulated iSendPro account. Thread-safe."""

    def __init__(
        self,
        *,
        keyid: str | None = None,
        credit: Decimal | str | float | None = None,
        prices: Mapping[str, Decimal] | None = None,
        ip_whitelist: bool | None = None,
        allowed_ips: Iterable[str] | None = None,
        unassigned: Iterable[str] = (),
        marketing_hours: bool = False,
        path: str | Path | None = None,
        clock: Callable[[], datetime] = _now_paris,
    ) -> None:
        self._lock = threading.RLock()
        self.path = Path(path) if path is not None else None
        self._db = sqlite3.connect(
            str(self.path) if self.path else ":memory:",
            check_same_thread=False,
            isolation_level=None,
        )
        if self.path:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)
        known = {str(r[1]) for r in self._db.execute("PRAGMA table_info(sms_log)")}
        for column in _ADDED_COLUMNS:
            if column.split()[0] not in known:
                self._db.execute(f"ALTER TABLE sms_log ADD COLUMN {column}")
        self.on_logged: list[Callable[[Sequence[LoggedSms]], None]] = []
        """Called (outside the lock) with the SMS each accepted request logged."""
        stored = self._db.execute(
            "SELECT keyid, credit, ip_whitelist, allowed_ips FROM account WHERE id = 1"
        ).fetchone()
        if stored is None:
            stored = (DEMO_KEYID, str(DEFAULT_CREDIT), 0, "[]")
        self._keyid: str = keyid if keyid is not None else stored[0]
        self._credit = Decimal(str(credit)) if credit is not None else Decimal(stored[1])
        self._ip_whitelist = bool(stored[2]) if ip_whitelist is None else ip_whitelist
        self._allowed_ips: frozenset[str] = (
            frozenset(allowed_ips) if allowed_ips is not None else frozenset(json.loads(stored[3]))
        )
        self._prices: dict[str, Decimal] = dict(rules.DEFAULT_PRICES)
        if prices:
            self._prices.update(prices)
        self._unassigned: set[str] = {rules.international(rules.normalise(n)) for n in unassigned}
        self.marketing_hours = marketing_hours
        self.clock = clock
        self._blacklisted: set[str] = {
            str(r[0]) for r in self._db.execute("SELECT num FROM blacklist")
        }
        # Every set/del listenoire call received, in order ("add"/"remove", number): tests
        # check that a push retried after an outage reached the account exactly once.
        self.blacklist_edits: list[tuple[str, str]] = []
        self._save_account()

    def __repr__(self) -> str:
        return f"SandboxAccount(path={self.path!s}, credit={self._credit})"

    # --- account ---------------------------------------------------------------------

    def _save_account(self) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO account (id, keyid, credit, ip_whitelist, allowed_ips) "
                "VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET keyid = excluded.keyid, "
                "credit = excluded.credit, ip_whitelist = excluded.ip_whitelist, "
                "allowed_ips = excluded.allowed_ips",
                (
                    self._keyid,
                    str(self._credit),
                    int(self._ip_whitelist),
                    json.dumps(sorted(self._allowed_ips)),
                ),
            )

    @property
    def keyid(self) -> str:
        return self._keyid

    @property
    def credit(self) -> Decimal:
        with self._lock:
            return self._credit

    def set_credit(self, euros: Decimal | str | float) -> None:
        with self._lock:
            self._credit = Decimal(str(euros))
            self._save_account()

    @property
    def ip_whitelist(self) -> bool:
        return self._ip_whitelist

    @property
    def allowed_ips(self) -> frozenset[str]:
        return self._allowed_ips

    def set_ip_whitelist(self, enabled: bool, allowed_ips: Iterable[str] | None = None) -> None:
        """Turn the IP filter on or off; `allowed_ips` replaces the list when given."""
        with self._lock:
            self._ip_whitelist = enabled
            if allowed_ips is not None:
                self._allowed_ips = frozenset(allowed_ips)
            self._save_account()

    def ip_allowed(self, ip: str | None) -> bool:
        return not self._ip_whitelist or (ip is not None and ip in self._allowed_ips)

    def price(self, country: str) -> Decimal:
        """Price of one SMS part to `country` (ISO code, "" = any other country)."""
        return self._prices.get(country, self._prices[""])

    @property
    def prices(self) -> dict[str, Decimal]:
        return dict(self._prices)

    def quantity_france(self) -> int:
        """How many one-part SMS to metropolitan France the credit buys (`quantite`)."""
        with self._lock:
            return int(self._credit // self._prices["FR"])

    def mark_unassigned(self, *nums: str) -> None:
        """Make the gateway answer code 21 (not assigned) for these numbers."""
        with self._lock:
            self._unassigned.update(rules.international(rules.normalise(n)) for n in nums)

    def is_unassigned(self, normalised: str) -> bool:
        return rules.international(normalised) in self._unassigned

    # --- blacklist (liste noire), stored in international form -----------------------

    def blacklist_add(self, num: str) -> None:
        key = rules.international(rules.normalise(num))
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO blacklist (num, added_at) VALUES (?, ?)",
                (key, self.clock().strftime(TIME_FORMAT)),
            )
            self._blacklisted.add(key)
            self.blacklist_edits.append(("add", key))

    def blacklist_remove(self, num: str) -> None:
        key = rules.international(rules.normalise(num))
        with self._lock:
            self._db.execute("DELETE FROM blacklist WHERE num = ?", (key,))
            self._blacklisted.discard(key)
            self.blacklist_edits.append(("remove", key))

    def blacklist(self) -> list[tuple[str, str]]:
        """(number, added_at) pairs, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT num, added_at FROM blacklist ORDER BY added_at, num"
            ).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    def blacklisted_among(self, normalised: Iterable[str]) -> set[str]:
        """The international forms of `normalised` numbers that are blacklisted."""
        keys = {rules.international(n) for n in normalised}
        with self._lock:
            return keys & self._blacklisted

    # --- directories (répertoires) ---------------------------------------------------

    def create_directory(self, name: str) -> int:
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO directories (name, created_at) VALUES (?, ?)",
                (name, self.clock().strftime(TIME_FORMAT)),
            )
            return int(cur.lastrowid or 0)

    def directory_exists(self, directory_id: int) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM directories WHERE id = ?", (directory_id,)
            ).fetchone()
        return row is not None

    def directory_add(
        self, directory_id: int, contacts: Sequence[tuple[str, Mapping[int, str]]]
    ) -> None:
        """Add or update contacts: (number, {champ index: value})."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.executemany(
                    "INSERT INTO directory_contacts (directory_id, num, fields) VALUES (?, ?, ?) "
                    "ON CONFLICT (directory_id, num) DO UPDATE SET fields = excluded.fields",
                    [
                        (directory_id, num, json.dumps({str(k): v for k, v in fields.items()}))
                        for num, fields in contacts
                    ],
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def directory_remove(self, directory_id: int, nums: Sequence[str]) -> None:
        with self._lock:
            self._db.executemany(
                "DELETE FROM directory_contacts WHERE directory_id = ? AND num = ?",
                [(directory_id, num) for num in nums],
            )

    def directory_contacts(self, directory_id: int) -> list[tuple[str, dict[int, str]]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT num, fields FROM directory_contacts WHERE directory_id = ? ORDER BY num",
                (directory_id,),
            ).fetchall()
        return [(str(r[0]), {int(k): v for k, v in json.loads(r[1]).items()}) for r in rows]

    # --- sending and the log ---------------------------------------------------------

    def debit_and_log(self, endpoint: str, sms: Sequence[SmsToLog]) -> bool:
        """Log the accepted SMS and debit their cost in one transaction.

        Returns False, changing nothing, when the credit does not cover the total.
        """
        total = sum((s.cost for s in sms), Decimal(0))
        received_at = self.clock().strftime(TIME_FORMAT)
        with self._lock:
            if total > self._credit:
                return False
            if not sms:
                return True
            credit = self._credit - total
            self._db.execute("BEGIN")
            first = int(
                self._db.execute("SELECT coalesce(max(id), 0) + 1 FROM sms_log").fetchone()[0]
            )
            try:
                self._db.executemany(
                    "INSERT INTO sms_log (received_at, endpoint, num, text, sender, date_envoi, "
                    "gmt_zone, parts, encoding, cost, tracker, code) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '0')",
                    [
                        (
                            received_at,
                            endpoint,
                            s.num,
                            s.text,
                            s.sender,
                            s.date_envoi,
                            s.gmt_zone,
                            s.parts,
                            s.encoding,
                            str(s.cost),
                            s.tracker,
                        )
                        for s in sms
                    ],
                )
                self._db.execute("UPDATE account SET credit = ? WHERE id = 1", (str(credit),))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._credit = credit
        if self.on_logged:
            logged = self._logged_between(first, first + len(sms) - 1)
            for listener in self.on_logged:
                listener(logged)
        return True

    def _logged_between(self, first: int, last: int) -> list[LoggedSms]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT {', '.join(SMS_LOG_COLUMNS)} FROM sms_log WHERE id BETWEEN ? AND ? "
                "ORDER BY id",
                (first, last),
            ).fetchall()
        return [_logged(r) for r in rows]

    def set_delivery(self, outcomes: Sequence[tuple[int, str, str]]) -> None:
        """Record (id, status, due at) of the receipts decided for logged SMS."""
        with self._lock:
            self._db.executemany(
                "UPDATE sms_log SET dlr_status = ?, dlr_at = ? WHERE id = ?",
                [(status, at, sms_id) for sms_id, status, at in outcomes],
            )

    def sent(self, since: str | None = None, until: str | None = None) -> list[LoggedSms]:
        """Logged SMS whose received_at (Paris time, `YYYY-MM-DD hh:mm:ss`) is in
        [since, until)."""
        sql = f"SELECT {', '.join(SMS_LOG_COLUMNS)} FROM sms_log"
        where: list[str] = []
        args: list[str] = []
        if since is not None:
            where.append("received_at >= ?")
            args.append(since)
        if until is not None:
            where.append("received_at < ?")
            args.append(until)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [_logged(r) for r in rows]

    def sms_count(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT count(*) FROM sms_log").fetchone()
        return int(row[0])

    def state(self) -> dict[str, object]:
        """What GET /_sandbox/state shows."""
        with self._lock:
            directories = self._db.execute("SELECT count(*) FROM directories").fetchone()[0]
            return {
                "credit": str(self._credit),
                "quantite": self.quantity_france(),
                "ip_whitelist": self._ip_whitelist,
                "allowed_ips": sorted(self._allowed_ips),
                "blacklist": [num for num, _ in self.blacklist()],
                "unassigned": sorted(self._unassigned),
                "directories": int(directories),
                "sms_count": self.sms_count(),
                "marketing_hours": self.marketing_hours,
                "state_file": str(self.path) if self.path else None,
            }

    def close(self) -> None:
        with self._lock:
            self._db.close()
