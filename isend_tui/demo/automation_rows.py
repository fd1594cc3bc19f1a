"""What the automations need in the demo shop, written after everything else: a catalogue
(names, prices, stock), the contents of the abandoned carts, fresh abandoned carts on the
reference day's evening, and back-in-stock subscriptions (emailalerts).

Its draws come from a Random of its own, seeded from the shop's seed: the rows the
generator wrote before (customers, orders, carts and their ids) are the same with or
without these, so the counts other tests and snapshots make do not move. Birthdays around
today, lapsed customers and delivered orders are already in the generated history.
"""

from __future__ import annotations

import datetime as dt
import random

from isend_tui.demo.prestashop.writer import ShopWriter

PRODUCTS = (
    ("Théière en fonte", "39.90", 12),
    ("Tasses en grès (x2)", "18.50", 30),
    ("Thé vert Sencha 100 g", "8.90", 0),
    ("Infuseur inox", "6.50", 45),
    ("Coffret découverte", "29.00", 0),
    ("Bouilloire à température", "64.00", 4),
    ("Plateau en bambou", "22.00", 9),
    ("Miel de lavande 250 g", "9.80", 0),
)
FRESH_CARTS = 8
ALERTS = 10


def _seed(seed: int) -> int:
    return seed * 7919 + 104_729  # any number but the generator's own seed


def add_automation_rows(writer: ShopWriter, *, seed: int, reference_date: dt.date) -> None:
    rnd = random.Random(_seed(seed))
    q = writer.query
    t = writer.table
    langs = [int(r[0]) for r in q(f"SELECT id_lang FROM {t('lang')}")] or [1]
    stamp = f"{reference_date.isoformat()} 09:00:00"
    writer.begin()
    products = []
    for pid, (name, price, quantity) in enumerate(PRODUCTS, start=1):
        products.append(pid)
        writer.insert("product", ["id_product", "price", "active", "date_add", "date_upd"],
                      [(pid, price, 1, stamp, stamp)])  # fmt: skip
        writer.insert("product_lang", ["id_product", "id_shop", "id_lang", "name"],
                      [(pid, 1, lang, name) for lang in langs])  # fmt: skip
        writer.insert(
            "stock_available",
            ["id_stock_available", "id_product", "id_product_attribute", "id_shop",
             "id_shop_group", "quantity"],
            [(pid, pid, 0, 0, 1, quantity)],
        )  # fmt: skip
    abandoned = [
        int(r[0])
        for r in q(
            f"SELECT c.id_cart FROM {t('cart')} c LEFT JOIN {t('orders')} o "
            "ON o.id_cart = c.id_cart WHERE o.id_order IS NULL ORDER BY c.id_cart"
        )
    ]
    customers = [
        (int(r[0]), int(r[1]))
        for r in q(
            f"SELECT c.id_customer, c.id_shop FROM {t('customer')} c WHERE c.deleted = 0 "
            f"AND c.is_guest = 0 AND EXISTS (SELECT 1 FROM {t('address')} a "
            "WHERE a.id_customer = c.id_customer AND a.deleted = 0) ORDER BY c.id_customer"
        )
    ]
    # Orders name carts the generator did not write: new carts come after every id used.
    top = max(
        int(q(f"SELECT COALESCE(MAX(id_cart), 0) FROM {t(table)}")[0][0])
        for table in ("cart", "orders")
    )
    fresh: list[tuple[int, int, int, str]] = []
    for n in range(min(FRESH_CARTS, len(customers))):
        who, shop = customers[rnd.randrange(len(customers))]
        minute = 17 * 60 + rnd.randrange(6 * 60)  # 17:00-23:00 on the reference day
        when = f"{reference_date.isoformat()} {minute // 60:02d}:{minute % 60:02d}:00"
        fresh.append((top + 1 + n, who, shop, when))
    writer.insert(
        "cart",
        ["id_cart", "id_shop_group", "id_shop", "id_carrier", "delivery_option", "id_lang",
         "id_address_delivery", "id_address_invoice", "id_currency", "id_customer", "id_guest",
         "date_add", "date_upd"],
        [(cid, 1, shop, 2, "", 1, 0, 0, 1, who, 0, when, when) for cid, who, shop, when in fresh],
    )  # fmt: skip
    lines = []
    for cid in abandoned + [c[0] for c in fresh]:
        for pid in rnd.sample(products, rnd.randint(1, 3)):
            lines.append((cid, pid, 1, rnd.randint(1, 3), stamp))
    writer.insert("cart_product", ["id_cart", "id_product", "id_shop", "quantity", "date_add"],
                  lines)  # fmt: skip
    out_of_stock = [pid for pid, (_n, _p, qty) in enumerate(PRODUCTS, start=1) if qty == 0]
    alerts = set()
    for _i in range(min(ALERTS, len(customers))):
        who, shop = customers[rnd.randrange(len(customers))]
        alerts.add((who, rnd.choice(out_of_stock), shop))
    writer.insert(
        "mailalert_customer_oos",
        ["id_customer", "customer_email", "id_product", "id_product_attribute", "id_shop",
         "id_lang"],
        [(who, "", pid, 0, shop, 1) for who, pid, shop in sorted(alerts)],
    )  # fmt: skip
    writer.commit()
