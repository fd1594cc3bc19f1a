"""Hand-made PrestaShop test shops on SQLite or MariaDB.

    from support.shop_builder import ShopBuilder, new_shop_dsn

    def test_something(tmp_path, request):
        dsn = new_shop_dsn("sqlite", tmp_path, request)      # or "mysql"
        shop = ShopBuilder(dsn, version="8").create()        # schema + reference data
        c = shop.customer(firstname="Hélène", birthday="1980-02-29", groups=["VIP"])
        a = shop.address(c, phone_mobile="06 12 34 56 78")
        o = shop.order(c, state="PS_OS_PAYMENT", total_paid_tax_incl="59.90")
        shop.change_state(o, "PS_OS_SHIPPING")
        shop.set_tracking(o, "6A12345678901")
        with shop.connect() as conn:                         # the tool's read-only connection
            ...

Writes follow PrestaShop's order of operations (orders row with current_state=0, details,
carrier, payment when the state is logable, then current_state/valid, then the history row),
so pollers see what they would see on a real shop. Dates are shop-local strings
'YYYY-MM-DD HH:MM:SS'; they default to now (Europe/Paris). States are PS_OS_* keys resolved
through the shop's configuration (ids differ between 1.6 and 1.7+), or raw ids.
"""

from __future__ import annotations

import datetime as dt
import random
import string
import zoneinfo
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from isend_tui.demo.prestashop.versions import Version
from isend_tui.demo.prestashop.writer import ShopWriter
from isend_tui.shop.connection import ShopConnection
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.info import open_shop

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
ZERO_DATETIME = "0000-00-00 00:00:00"
DateLike = str | dt.date | dt.datetime | None


def sqlite_shop_dsn(tmp_path: Path, prefix: str = "ps_", name: str = "shop.sqlite3") -> ShopDsn:
    """A DSN for a new SQLite shop file under tmp_path (not created yet)."""
    return ShopDsn.sqlite(tmp_path / name, prefix=prefix)


def mysql_shop_dsn(mariadb_databases: Any, prefix: str = "ps_") -> ShopDsn:
    """A DSN for a new, empty throwaway MariaDB database (dropped at session end)."""
    return ShopDsn.from_url(mariadb_databases.create(prefix=prefix))


def shop_variants() -> list[Any]:
    """Fixture params (backend, version, plan) for the segment tests: every PrestaShop
    version's schema on SQLite and on MariaDB (state ids, columns and column lengths differ
    between them), and on version 8 both count plans (see `use_count_plan`) and the counts
    made on a local copy of the shop (`ShopBuilder.classify` and `ShopBuilder.count`)."""
    from isend_tui.demo.prestashop.versions import VERSIONS

    return [
        pytest.param(
            (backend, version, plan),
            id=f"{backend}-{version}-{plan}",
            marks=[pytest.mark.mariadb] if backend == "mysql" else [],
        )
        for backend in ("sqlite", "mysql")
        for version in VERSIONS
        for plan in (
            ("auto-plan", "per-customer-plan", "local-copy") if version == "8" else ("auto-plan",)
        )
    ]


def use_count_plan(plan: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan the tool picks for these small shops (all orders grouped in one pass), or
    the one it picks for selective segments on big shops (two steps, orders read per
    customer)."""
    if plan == "per-customer-plan":
        from isend_tui.segments import counting

        monkeypatch.setattr(counting, "choose_plan", lambda *_a: "per_customer")


def new_shop_dsn(
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    prefix: str = "ps_",
    *,
    name: str = "shop.sqlite3",
) -> ShopDsn:
    """A new empty shop: SQLite file tmp_path/name, or a throwaway MariaDB database.

    For mysql the MariaDB fixtures apply (skip, or fail under CI=true).
    """
    if backend == "sqlite":
        return sqlite_shop_dsn(tmp_path, prefix, name)
    return mysql_shop_dsn(request.getfixturevalue("mariadb_databases"), prefix)


@pytest.fixture(params=shop_variants())
def variant_shop(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ShopBuilder]:
    """Imported by the segment test modules: a new empty shop in every variant."""
    backend, version, plan = request.param
    use_count_plan(plan, monkeypatch)
    dsn = new_shop_dsn(backend, tmp_path, request)
    with ShopBuilder(dsn, version=version).create() as builder:
        if plan == "local-copy":
            builder.copy_dir = tmp_path / "copy"
        yield builder


def _date(value: DateLike, default: str | None = None) -> str | None:
    if value is None:
        return default
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def now_local() -> str:
    return dt.datetime.now(PARIS).strftime("%Y-%m-%d %H:%M:%S")


class ShopBuilder:
    """Builds a small shop row by row. Ids are returned so tests can refer to them."""

    def __init__(
        self, dsn: ShopDsn | str, *, version: Version = "8", writer: ShopWriter | None = None
    ) -> None:
        self.dsn = ShopDsn.from_url(dsn) if isinstance(dsn, str) else dsn
        self.version: Version = version
        self.w = writer or ShopWriter.open(self.dsn)
        self.backend = self.w.backend
        self.prefix = self.w.prefix
        self._rng = random.Random(1234)
        self._n = 0
        self._states: dict[str, int] = {}
        #: set: `classify` and `count` read a local copy of the shop, built at each call
        self.copy_dir: Path | None = None

    # -- set up

    def create(self) -> ShopBuilder:
        """Create the schema of `version` and the reference data."""
        self.w.create_schema(self.version)
        self.w.seed(self.version)
        return self

    def connect(self) -> ShopConnection:
        """The tool's read-only connection to this shop."""
        return open_shop(self.dsn)

    def close(self) -> None:
        self.w.close()

    # -- counting as the variant says (on the shop, or on a local copy built now)

    def _copy(self, conn: ShopConnection) -> Any:
        from isend_tui.segments.local_copy.copy import LocalCopy, copy_path

        assert self.copy_dir is not None
        copy = LocalCopy(copy_path(self.copy_dir, self.dsn), self.dsn)
        copy.build(conn)
        return copy

    def classify(self, segment: Any, *, today: dt.date) -> list[tuple[int, str, str | None, str]]:
        """`recipients.classify_customers`, or the same from a local copy."""
        from isend_tui.segments.counting import classify_customers

        with self.connect() as conn:
            if self.copy_dir is None:
                return classify_customers(conn, segment, today=today)
            result: list[tuple[int, str, str | None, str]] = self._copy(conn).classify(
                segment, today=today
            )
            return result

    def count(
        self,
        segment: Any,
        *,
        today: dt.date,
        suppressed: Sequence[str] = (),
        basis: Any = None,
        refresh_after: Any = None,
    ) -> Any:
        """`recipients.count_recipients`, or the same refreshed and counted on a local copy
        (built before `refresh_after()` changes the shop, when given: the refresh must see
        the change)."""
        from isend_tui.segments.counting import count_recipients
        from isend_tui.segments.local_copy.routing import count_with_copy

        if self.copy_dir is None and refresh_after is not None:
            refresh_after()
        with self.connect() as conn:
            if self.copy_dir is None:
                return count_recipients(
                    conn, segment, today=today, suppressed=suppressed, basis=basis
                )
            copy = self._copy(conn)
        if refresh_after is not None:
            refresh_after()
        with self.connect() as conn:  # a new connection sees the tables created since
            return count_with_copy(
                conn, copy, segment, today=today, suppressed=suppressed, basis=basis
            )

    def __enter__(self) -> ShopBuilder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def t(self, name: str) -> str:
        return self.w.table(name)

    def one(self, sql: str, params: Sequence[object] = ()) -> Any:
        rows = self.w.query(sql, params)
        return rows[0][0] if rows else None

    def set_config(
        self,
        name: str,
        value: str | None,
        *,
        id_shop: int | None = None,
        id_shop_group: int | None = None,
    ) -> int:
        """Add a configuration row at the shop, group or global level."""
        d = now_local()
        return self.w.execute(
            f"INSERT INTO {self.t('configuration')} (id_shop_group, id_shop, name, value, "
            "date_add, date_upd) VALUES (%s, %s, %s, %s, %s, %s)",
            (id_shop_group, id_shop, name, value, d, d),
        )

    def delete_config(self, name: str) -> None:
        self.w.execute(f"DELETE FROM {self.t('configuration')} WHERE name = %s", (name,))
        self._states.clear()

    def state_id(self, state: str | int) -> int:
        """A PS_OS_* key resolved through the global configuration row, or an id."""
        if isinstance(state, int):
            return state
        if state not in self._states:
            value = self.one(
                f"SELECT value FROM {self.t('configuration')} WHERE name = %s "
                "AND id_shop IS NULL AND id_shop_group IS NULL ORDER BY id_configuration DESC",
                (state,),
            )
            if value is None:
                raise KeyError(f"no configuration key {state}")
            self._states[state] = int(value)
        return self._states[state]

    def group_id(self, group: str | int) -> int:
        if isinstance(group, int):
            return group
        value = self.one(
            f"SELECT id_group FROM {self.t('group_lang')} WHERE name = %s ORDER BY id_lang",
            (group,),
        )
        if value is None:
            raise KeyError(f"no group named {group}")
        return int(value)

    def country_id(self, country: str | int) -> int:
        if isinstance(country, int):
            return country
        value = self.one(
            f"SELECT id_country FROM {self.t('country')} WHERE iso_code = %s", (country,)
        )
        if value is None:
            raise KeyError(f"no country {country}")
        return int(value)

    def _shop_group(self, id_shop: int) -> int:
        value = self.one(
            f"SELECT id_shop_group FROM {self.t('shop')} WHERE id_shop = %s", (id_shop,)
        )
        return int(value) if value is not None else 1

    def _state_flags(self, id_state: int) -> tuple[int, int, int, int]:
        rows = self.w.query(
            f"SELECT logable, paid, invoice, delivery FROM {self.t('order_state')} "
            "WHERE id_order_state = %s",
            (id_state,),
        )
        if not rows:
            return (0, 0, 0, 0)
        return tuple(int(x or 0) for x in rows[0])  # type: ignore[return-value]

    # -- customers and addresses

    def customer(
        self,
        id: int | None = None,
        *,
        firstname: str = "Jean",
        lastname: str = "Dupont",
        email: str | None = None,
        birthday: DateLike = None,
        gender_type: int | None = None,
        id_gender: int | None = None,
        newsletter: int = 0,
        optin: int = 0,
        id_shop: int = 1,
        id_lang: int | None = 1,
        groups: Sequence[str | int] | None = None,
        company: str | None = None,
        siret: str | None = None,
        is_guest: int = 0,
        active: int = 1,
        deleted: int = 0,
        date_add: DateLike = None,
        date_upd: DateLike = None,
    ) -> int:
        """Insert a customer and its group memberships; returns id_customer.

        `groups` lists group names or ids; the first is id_default_group. Default: Client,
        or Invité for a guest. `gender_type` 0/1/2 picks the matching title; None: id 0.
        """
        self._n += 1
        if email is None:
            email = f"{_ascii(firstname)}.{_ascii(lastname)}.{self._n}@example.test".lower()
        if id_gender is None:
            id_gender = 0
            if gender_type is not None:
                id_gender = int(
                    self.one(
                        f"SELECT MIN(id_gender) FROM {self.t('gender')} WHERE type = %s",
                        (gender_type,),
                    )
                    or 0
                )
        if groups is None:
            key = "PS_GUEST_GROUP" if is_guest else "PS_CUSTOMER_GROUP"
            groups = [int(self.one(
                f"SELECT value FROM {self.t('configuration')} WHERE name = %s", (key,)
            ))]  # fmt: skip
        group_ids = [self.group_id(g) for g in groups]
        added = _date(date_add, now_local())
        cols = [
            "id_shop_group",
            "id_shop",
            "id_gender",
            "id_default_group",
            "id_lang",
            "company",
            "siret",
            "firstname",
            "lastname",
            "email",
            "passwd",
            "birthday",
            "newsletter",
            "newsletter_date_add",
            "optin",
            "secure_key",
            "active",
            "is_guest",
            "deleted",
            "date_add",
            "date_upd",
        ]
        values: list[object] = [
            self._shop_group(id_shop),
            id_shop,
            id_gender,
            group_ids[0] if group_ids else 3,
            id_lang,
            company,
            siret,
            firstname,
            lastname,
            email,
            "" if is_guest else "$2y$10$testtesttesttesttesttesttesttesttesttesttesttesttest",
            _date(birthday),
            newsletter,
            added if newsletter else None,
            optin,
            f"{self._rng.getrandbits(128):032x}",
            active,
            is_guest,
            deleted,
            added,
            _date(date_upd, added),
        ]
        if id is not None:
            cols.insert(0, "id_customer")
            values.insert(0, id)
        new_id = self._insert("customer", cols, values)
        if group_ids:
            self.w.insert(
                "customer_group", ["id_customer", "id_group"], [(new_id, g) for g in group_ids]
            )
        return id if id is not None else new_id

    def add_to_group(self, id_customer: int, group: str | int) -> None:
        self.w.insert(
            "customer_group", ["id_customer", "id_group"], [(id_customer, self.group_id(group))]
        )

    def gdpr_log(
        self, id_customer: int, *, request_type: int = 1, date_add: DateLike = None
    ) -> int:
        """A row of the psgdpr module's log (the table is created the first time, as
        the module's install does): 1 is a consent, 2 and 3 data exports, 4 an erasure."""
        if not self.w.table_exists("psgdpr_log"):
            key = (
                "id_gdpr_log INT(10) AUTO_INCREMENT NOT NULL PRIMARY KEY"
                if self.backend == "mysql"
                else "id_gdpr_log INTEGER PRIMARY KEY AUTOINCREMENT"
            )
            self.w.execute(
                f"CREATE TABLE {self.t('psgdpr_log')} ({key}, id_customer INT(10) NOT NULL, "
                "id_guest INT(10) NULL, client_name VARCHAR(255), id_module INT(10) NOT NULL, "
                "request_type INT(10) NOT NULL, date_add DATETIME NOT NULL, "
                "date_upd DATETIME NOT NULL)"
            )
        when = _date(date_add, now_local())
        return self._insert(
            "psgdpr_log",
            ["id_customer", "id_guest", "client_name", "id_module", "request_type",
             "date_add", "date_upd"],
            [id_customer, 0, "Jean Dupont", 1, request_type, when, when],
        )  # fmt: skip

    def address(
        self,
        id_customer: int,
        *,
        country: str | int = "FR",
        phone: str | None = None,
        phone_mobile: str | None = None,
        deleted: int = 0,
        active: int = 1,
        alias: str = "Mon adresse",
        firstname: str | None = None,
        lastname: str | None = None,
        company: str | None = None,
        address1: str = "1 rue de la Paix",
        postcode: str | None = "75002",
        city: str = "Paris",
        vat_number: str | None = None,
        date_add: DateLike = None,
        date_upd: DateLike = None,
    ) -> int:
        """Insert an address for a customer; returns id_address. Names default to the customer's."""
        if firstname is None or lastname is None:
            row = self.w.query(
                f"SELECT firstname, lastname FROM {self.t('customer')} WHERE id_customer = %s",
                (id_customer,),
            )
            first, last = row[0] if row else ("Jean", "Dupont")
            firstname = firstname if firstname is not None else str(first)
            lastname = lastname if lastname is not None else str(last)
        added = _date(date_add, now_local())
        return self._insert(
            "address",
            [
                "id_country",
                "id_customer",
                "alias",
                "company",
                "lastname",
                "firstname",
                "address1",
                "postcode",
                "city",
                "phone",
                "phone_mobile",
                "vat_number",
                "date_add",
                "date_upd",
                "active",
                "deleted",
            ],
            [
                self.country_id(country),
                id_customer,
                alias,
                company,
                lastname,
                firstname,
                address1,
                postcode,
                city,
                phone,
                phone_mobile,
                vat_number,
                added,
                _date(date_upd, added),
                active,
                deleted,
            ],
        )

    # -- orders

    def order(
        self,
        id_customer: int,
        *,
        state: str | int = "PS_OS_PAYMENT",
        date_add: DateLike = None,
        total_paid_tax_incl: str | Decimal | float = "50.00",
        currency: str = "EUR",
        conversion_rate: str | Decimal | float | None = None,
        id_address_delivery: int | None = None,
        id_address_invoice: int | None = None,
        reference: str | None = None,
        id_shop: int | None = None,
        id_lang: int | None = None,
        id_carrier: int = 2,
        payment: str = "Carte bancaire",
        module: str = "ps_checkout",
        quantity: int = 1,
        id_employee: int = 0,
        id_cart: int = 0,
    ) -> int:
        """Insert an order the way PaymentModule::validateOrder does; returns id_order."""
        added = _date(date_add, now_local())
        assert added is not None
        cust = self.w.query(
            f"SELECT id_shop, id_lang FROM {self.t('customer')} WHERE id_customer = %s",
            (id_customer,),
        )
        c_shop, c_lang = cust[0] if cust else (1, 1)
        id_shop = int(id_shop if id_shop is not None else c_shop)
        id_lang = int(id_lang if id_lang is not None else (c_lang or 1))
        if id_address_delivery is None:
            id_address_delivery = int(
                self.one(
                    f"SELECT MAX(id_address) FROM {self.t('address')} "
                    "WHERE id_customer = %s AND deleted = 0",
                    (id_customer,),
                )
                or 0
            )
        if id_address_invoice is None:
            id_address_invoice = id_address_delivery
        cur = self.w.query(
            f"SELECT id_currency, conversion_rate FROM {self.t('currency')} WHERE iso_code = %s",
            (currency,),
        )
        if not cur:
            raise KeyError(f"no currency {currency}")
        id_currency = int(cur[0][0])
        rate = Decimal(str(conversion_rate if conversion_rate is not None else cur[0][1]))
        total = Decimal(str(total_paid_tax_incl)).quantize(Decimal("0.01"))
        excl = (total / Decimal("1.2")).quantize(Decimal("0.01"))
        if reference is None:
            reference = "".join(self._rng.choice(string.ascii_uppercase) for _ in range(9))
        id_order = self._insert(
            "orders",
            [
                "reference",
                "id_shop_group",
                "id_shop",
                "id_carrier",
                "id_lang",
                "id_customer",
                "id_cart",
                "id_currency",
                "id_address_delivery",
                "id_address_invoice",
                "current_state",
                "secure_key",
                "payment",
                "conversion_rate",
                "module",
                "total_paid",
                "total_paid_tax_incl",
                "total_paid_tax_excl",
                "total_paid_real",
                "total_products",
                "total_products_wt",
                "invoice_date",
                "delivery_date",
                "valid",
                "date_add",
                "date_upd",
            ],
            [
                reference,
                self._shop_group(id_shop),
                id_shop,
                id_carrier,
                id_lang,
                id_customer,
                id_cart,
                id_currency,
                id_address_delivery,
                id_address_invoice,
                0,
                f"{self._rng.getrandbits(128):032x}",
                payment,
                str(rate),
                module,
                str(total),
                str(total),
                str(excl),
                "0",
                str(excl),
                str(total),
                ZERO_DATETIME,
                ZERO_DATETIME,
                0,
                added,
                added,
            ],
        )
        self.w.insert(
            "order_detail",
            [
                "id_order",
                "id_shop",
                "product_id",
                "product_name",
                "product_quantity",
                "product_price",
                "total_price_tax_incl",
                "total_price_tax_excl",
                "unit_price_tax_incl",
                "unit_price_tax_excl",
            ],
            [(id_order, id_shop, 1, "Produit test", quantity, str(excl), str(total), str(excl),
              str(total), str(excl))],
        )  # fmt: skip
        self.w.insert(
            "order_carrier",
            ["id_order", "id_carrier", "weight", "shipping_cost_tax_excl",
             "shipping_cost_tax_incl", "tracking_number", "date_add"],
            [(id_order, id_carrier, "0.500000", "0", "0", None, added)],
        )  # fmt: skip
        self.change_state(id_order, state, date_add=added, id_employee=id_employee)
        return id_order

    def change_state(
        self, id_order: int, state: str | int, *, date_add: DateLike = None, id_employee: int = 0
    ) -> int:
        """OrderHistory::changeIdOrderState + addWithemail; returns id_order_history."""
        sid = self.state_id(state)
        when = _date(date_add, now_local())
        logable, paid, invoice, delivery = self._state_flags(sid)
        o = self.t("orders")
        row = self.w.query(
            f"SELECT reference, id_currency, total_paid_tax_incl, conversion_rate, payment, "
            f"total_paid_real, invoice_date, delivery_date FROM {o} WHERE id_order = %s",
            (id_order,),
        )[0]
        reference, id_currency, total, rate, payment, real, inv_date, del_date = row
        if paid and Decimal(str(real or 0)) == 0:
            self.w.insert(
                "order_payment",
                ["order_reference", "id_currency", "amount", "payment_method",
                 "conversion_rate", "date_add"],
                [(reference, id_currency, str(total), payment, str(rate), when)],
            )  # fmt: skip
            real = total
        sets = "current_state = %s, valid = %s, date_upd = %s, total_paid_real = %s"
        params: list[object] = [sid, logable, when, str(real)]
        if invoice and str(inv_date).startswith("0000"):
            sets += ", invoice_date = %s"
            params.append(when)
        if delivery and str(del_date).startswith("0000"):
            sets += ", delivery_date = %s"
            params.append(when)
        self.w.execute(f"UPDATE {o} SET {sets} WHERE id_order = %s", [*params, id_order])
        return self._insert(
            "order_history",
            ["id_employee", "id_order", "id_order_state", "date_add"],
            [id_employee, id_order, sid, when],
        )

    def set_tracking(self, id_order: int, number: str | None) -> None:
        """What the back office does: order_carrier.tracking_number (+ 1.6/1.7 shipping_number)."""
        self.w.execute(
            f"UPDATE {self.t('order_carrier')} SET tracking_number = %s WHERE id_order = %s",
            (number, id_order),
        )
        if self.version in ("1.6", "1.7"):
            self.w.execute(
                f"UPDATE {self.t('orders')} SET shipping_number = %s, date_upd = %s "
                "WHERE id_order = %s",
                (number, now_local(), id_order),
            )

    def add_return(
        self,
        id_order: int,
        *,
        state: int = 1,
        question: str = "Article abîmé",
        date_add: DateLike = None,
    ) -> int:
        when = _date(date_add, now_local())
        id_customer = self.one(
            f"SELECT id_customer FROM {self.t('orders')} WHERE id_order = %s", (id_order,)
        )
        return self._insert(
            "order_return",
            ["id_customer", "id_order", "state", "question", "date_add", "date_upd"],
            [id_customer, id_order, state, question, when, when],
        )

    def add_slip(
        self,
        id_order: int,
        amount: str | Decimal | float,
        *,
        shipping_cost_amount: str | Decimal | float = "0",
        partial: int = 1,
        date_add: DateLike = None,
    ) -> int:
        when = _date(date_add, now_local())
        row = self.w.query(
            f"SELECT id_customer, conversion_rate FROM {self.t('orders')} WHERE id_order = %s",
            (id_order,),
        )[0]
        amt = Decimal(str(amount))
        return self._insert(
            "order_slip",
            ["conversion_rate", "id_customer", "id_order", "total_products_tax_incl",
             "total_products_tax_excl", "amount", "shipping_cost_amount", "partial",
             "date_add", "date_upd"],
            [str(row[1]), row[0], id_order, str(amt), str(amt / Decimal("1.2")), str(amt),
             str(shipping_cost_amount), partial, when, when],
        )  # fmt: skip

    # -- products, carts and stock alerts (the automations)

    def product(self, name: str = "Théière", *, price: str = "20.00", quantity: int = 0) -> int:
        """A product with its name in every language and its stock; returns id_product."""
        now = now_local()
        pid = self._insert(
            "product", ["price", "active", "date_add", "date_upd"], [price, 1, now, now]
        )
        for (lang,) in self.w.query(f"SELECT id_lang FROM {self.t('lang')}"):
            self._insert("product_lang", ["id_product", "id_shop", "id_lang", "name"],
                         [pid, 1, lang, name])  # fmt: skip
        self._insert(
            "stock_available",
            ["id_product", "id_product_attribute", "id_shop", "id_shop_group", "quantity"],
            [pid, 0, 1, 1, quantity],
        )
        return pid

    def set_stock(self, id_product: int, quantity: int) -> None:
        self.w.execute(
            f"UPDATE {self.t('stock_available')} SET quantity = %s WHERE id_product = %s",
            (quantity, id_product),
        )

    def cart(
        self,
        id_customer: int,
        products: Sequence[tuple[int, int]] = (),
        *,
        date_upd: DateLike = None,
        id_shop: int = 1,
    ) -> int:
        """A cart with (id_product, quantity) lines, last changed at `date_upd`."""
        when = _date(date_upd, now_local())
        cid = self._insert(
            "cart",
            ["id_shop", "id_carrier", "delivery_option", "id_lang", "id_address_delivery",
             "id_address_invoice", "id_currency", "id_customer", "id_guest", "date_add",
             "date_upd"],
            [id_shop, 0, "", 1, 0, 0, 1, id_customer, 0, when, when],
        )  # fmt: skip
        for pid, quantity in products:
            self._insert(
                "cart_product",
                ["id_cart", "id_product", "id_shop", "quantity", "date_add"],
                [cid, pid, id_shop, quantity, when],
            )
        return cid

    def stock_alert(self, id_customer: int, id_product: int, email: str = "") -> None:
        self._insert(
            "mailalert_customer_oos",
            ["id_customer", "customer_email", "id_product", "id_product_attribute", "id_shop",
             "id_lang"],
            [id_customer, email, id_product, 0, 1, 1],
        )  # fmt: skip

    def drop_alerts_table(self) -> None:
        """A shop without the emailalerts module."""
        self.w.execute(f"DROP TABLE {self.t('mailalert_customer_oos')}", ())

    # -- internals

    def _insert(self, table: str, cols: Sequence[str], values: Sequence[object]) -> int:
        quote = "`" if self.backend == "mysql" else '"'
        names = ", ".join(f"{quote}{c}{quote}" for c in cols)
        marks = ", ".join(["%s"] * len(cols))
        return self.w.execute(
            f"INSERT INTO {self.t(table)} ({names}) VALUES ({marks})",
            values,
        )


def _ascii(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain if ch.isalnum() or ch in "-") or "x"


def newsletter_shop(tmp_path: Path, customers: int) -> tuple[ShopDsn, Path]:
    """A SQLite shop of `customers` newsletter subscribers, each with a French mobile
    (06 12 34 xx yy), and a segment file of everyone: what a CLI send test needs."""
    import json

    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn).create() as shop:
        for i in range(customers):
            customer = shop.customer(firstname=f"C{i}", newsletter=1)
            shop.address(customer, phone_mobile=f"06 12 34 {i // 10:02d} {i % 10:02d}")
    segment = tmp_path / "tous.json"
    segment.write_text(json.dumps({"version": 1, "name": "tous", "criteria": []}), "utf-8")
    return dsn, segment
