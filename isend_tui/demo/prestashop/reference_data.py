"""What a fresh PrestaShop install holds, as rows: configuration, languages, shops, groups,
genders, countries, currencies, carriers, order states and return states.

The ids are those of the chosen version (1.6 numbers its order states differently from 11
on). Every timestamp is `SEED_DATE`, so the data is reproducible. `ShopWriter.seed()`
writes these rows; the demo generator takes its ids and rates from the same constants.
"""

from __future__ import annotations

from dataclasses import dataclass

from isend_tui.demo.prestashop.versions import VERSION_DB, Version

#: Every timestamp of the reference data (fixed, so the data is reproducible).
SEED_DATE = "2020-01-06 09:30:00"

#: (table, column names, rows): one insert of the reference data.
Insert = tuple[str, tuple[str, ...], list[tuple[object, ...]]]

#: Configuration ids of the default order states (prestashop.md §5).
ORDER_STATE_IDS: dict[Version, dict[str, int]] = {}
_COMMON_STATES = {
    "PS_OS_CHEQUE": 1,
    "PS_OS_PAYMENT": 2,
    "PS_OS_PREPARATION": 3,
    "PS_OS_SHIPPING": 4,
    "PS_OS_DELIVERED": 5,
    "PS_OS_CANCELED": 6,
    "PS_OS_REFUND": 7,
    "PS_OS_ERROR": 8,
    "PS_OS_OUTOFSTOCK_PAID": 9,
    "PS_OS_BANKWIRE": 10,
}
ORDER_STATE_IDS["1.6"] = {
    **_COMMON_STATES,
    "PS_OS_OUTOFSTOCK": 9,
    "PS_OS_PAYPAL": 11,
    "PS_OS_WS_PAYMENT": 12,
    "PS_OS_OUTOFSTOCK_UNPAID": 13,
    "PS_OS_COD_VALIDATION": 14,
}
for _v in ("1.7", "8", "9"):
    ORDER_STATE_IDS[_v] = {
        **_COMMON_STATES,
        "PS_OS_WS_PAYMENT": 11,
        "PS_OS_OUTOFSTOCK_UNPAID": 12,
        "PS_OS_COD_VALIDATION": 13,
    }


@dataclass(frozen=True)
class OrderStateDef:
    key: str
    fr: str
    en: str
    template: str
    color: str
    logable: int
    paid: int
    shipped: int
    delivery: int
    invoice: int
    send_email: int
    module16: str | None = None
    module17: str | None = None


ORDER_STATES: tuple[OrderStateDef, ...] = (
    OrderStateDef("PS_OS_CHEQUE", "En attente du paiement par chèque", "Awaiting check payment",
              "cheque", "#4169E1", 0, 0, 0, 0, 0, 1, "cheque", "ps_checkpayment"),
    OrderStateDef("PS_OS_PAYMENT", "Paiement accepté", "Payment accepted", "payment", "#32CD32",
              1, 1, 0, 0, 1, 1),
    OrderStateDef("PS_OS_PREPARATION", "En cours de préparation", "Processing in progress",
              "preparation", "#FF8C00", 1, 1, 0, 1, 1, 1),
    OrderStateDef("PS_OS_SHIPPING", "Expédié", "Shipped", "shipped", "#8A2BE2", 1, 1, 1, 1, 1, 1),
    OrderStateDef("PS_OS_DELIVERED", "Livré", "Delivered", "", "#108510", 1, 1, 1, 1, 1, 0),
    OrderStateDef("PS_OS_CANCELED", "Annulé", "Canceled", "order_canceled", "#DC143C",
              0, 0, 0, 0, 0, 1),
    OrderStateDef("PS_OS_REFUND", "Remboursé", "Refunded", "refund", "#ec2e15", 0, 0, 0, 0, 1, 1),
    OrderStateDef("PS_OS_ERROR", "Erreur de paiement", "Payment error", "payment_error", "#8f0621",
              0, 0, 0, 0, 0, 1),
    OrderStateDef("PS_OS_OUTOFSTOCK_PAID", "En attente de réapprovisionnement (payé)",
              "On backorder (paid)", "outofstock", "#FF69B4", 0, 1, 0, 0, 1, 1),
    OrderStateDef("PS_OS_BANKWIRE", "En attente de virement bancaire",
              "Awaiting bank wire payment", "bankwire", "#4169E1", 0, 0, 0, 0, 0, 1,
              "bankwire", "ps_wirepayment"),
    OrderStateDef("PS_OS_PAYPAL", "En attente de paiement PayPal", "Awaiting PayPal payment", "",
              "#4169E1", 0, 0, 0, 0, 0, 0),
    OrderStateDef("PS_OS_WS_PAYMENT", "Paiement à distance accepté", "Remote payment accepted",
              "payment", "#32CD32", 1, 1, 0, 0, 1, 1),
    OrderStateDef("PS_OS_OUTOFSTOCK_UNPAID", "En attente de réapprovisionnement (non payé)",
              "On backorder (not paid)", "outofstock", "#FF69B4", 0, 0, 0, 0, 0, 1),
    OrderStateDef("PS_OS_COD_VALIDATION", "En attente de paiement à la livraison",
              "Awaiting Cash On Delivery validation", "cod", "#4169E1", 0, 0, 0, 0, 0, 0,
              "cashondelivery", "ps_cashondelivery"),
)  # fmt: skip

#: (id, iso, call_prefix, id_zone, active, fr name, en name, zip format)
COUNTRIES: tuple[tuple[int, str, int, int, int, str, str, str], ...] = (
    (1, "DE", 49, 1, 1, "Allemagne", "Germany", "NNNNN"),
    (2, "AT", 43, 1, 0, "Autriche", "Austria", "NNNN"),
    (3, "BE", 32, 1, 1, "Belgique", "Belgium", "NNNN"),
    (6, "ES", 34, 1, 1, "Espagne", "Spain", "NNNNN"),
    (8, "FR", 33, 1, 1, "France", "France", "NNNNN"),
    (10, "IT", 39, 1, 0, "Italie", "Italy", "NNNNN"),
    (12, "LU", 352, 1, 1, "Luxembourg", "Luxembourg", "NNNN"),
    (13, "NL", 31, 1, 0, "Pays-Bas", "Netherlands", "NNNN LL"),
    (15, "PT", 351, 1, 0, "Portugal", "Portugal", "NNNN-NNN"),
    (17, "GB", 44, 7, 0, "Royaume-Uni", "United Kingdom", ""),
    (19, "CH", 41, 7, 1, "Suisse", "Switzerland", "NNNN"),
    (21, "US", 1, 2, 0, "États-Unis", "United States", "NNNNN"),
    (148, "MC", 377, 7, 0, "Monaco", "Monaco", "980NN"),
    (176, "RE", 262, 4, 1, "Réunion", "Réunion", "NNNNN"),
    (98, "GP", 590, 8, 1, "Guadeloupe", "Guadeloupe", "NNNNN"),
    (141, "MQ", 596, 8, 1, "Martinique", "Martinique", "NNNNN"),
)

#: (id, iso, numeric, rate, fr name, en name, symbol)
CURRENCIES: tuple[tuple[int, str, str, str, str, str, str], ...] = (
    (1, "EUR", "978", "1.000000", "Euro", "Euro", "€"),
    (2, "CHF", "756", "0.942100", "Franc suisse", "Swiss Franc", "CHF"),
    (3, "GBP", "826", "0.846500", "Livre sterling", "British Pound", "£"),
)

#: (id_shop, id_shop_group, name)
SHOPS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "Boutique Paris"),
    (2, 1, "Boutique Lyon"),
    (3, 2, "Boutique Bruxelles"),
)
#: (id_shop_group, name, share_customer, share_order)
SHOP_GROUPS: tuple[tuple[int, str, int, int], ...] = (
    (1, "France", 1, 0),
    (2, "Benelux", 0, 0),
)

#: (id_group, fr, en, reduction)
GROUPS: tuple[tuple[int, str, str, str], ...] = (
    (1, "Visiteur", "Visitor", "0.00"),
    (2, "Invité", "Guest", "0.00"),
    (3, "Client", "Customer", "0.00"),
    (4, "VIP", "VIP", "10.00"),
    (5, "Professionnels", "Professionals", "5.00"),
)

#: (id_gender, type, fr, en)
GENDERS: tuple[tuple[int, int, str, str], ...] = (
    (1, 0, "M", "Mr."),
    (2, 1, "Mme", "Mrs."),
    (3, 2, "Mx", "Mx."),
)

#: (id, name, tracking url)
CARRIERS: tuple[tuple[int, str, str], ...] = (
    (1, "Retrait en boutique", ""),
    (2, "Colissimo", "https://www.laposte.fr/outils/suivre-vos-envois?code=@"),
    (3, "Chronopost", "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=@"),
    (4, "Mondial Relay", "https://www.mondialrelay.fr/suivi-de-colis/?NumeroExpedition=@"),
)

RETURN_STATES: tuple[tuple[int, str, str, str], ...] = (
    (1, "En attente de confirmation", "Waiting for confirmation", "#ADD8E6"),
    (2, "En attente du colis", "Waiting for package", "#EEDDFF"),
    (3, "Colis reçu", "Package received", "#DDFFAA"),
    (4, "Retour refusé", "Return denied", "#C8C8C8"),
    (5, "Retour terminé", "Return completed", "#d9ff94"),
)

LANGS: tuple[tuple[int, str, str, str, str], ...] = (
    (1, "Français (French)", "fr", "fr", "fr-FR"),
    (2, "English (English)", "en", "en-us", "en-US"),
)


def configuration_rows(version: Version) -> list[tuple[int | None, int | None, str, str]]:
    """(id_shop_group, id_shop, name, value) rows of the reference configuration."""
    rows: list[tuple[int | None, int | None, str, str]] = [
        (None, None, "PS_VERSION_DB", VERSION_DB[version]),
        (None, None, "PS_TIMEZONE", "Europe/Paris"),
        (None, None, "PS_SHOP_NAME", "Ma Boutique Démo"),
        (None, None, "PS_SHOP_EMAIL", "contact@boutique-demo.example"),
        (None, None, "PS_CURRENCY_DEFAULT", "1"),
        (None, None, "PS_LANG_DEFAULT", "1"),
        (None, None, "PS_COUNTRY_DEFAULT", "8"),
        (None, None, "PS_SHOP_DEFAULT", "1"),
        (None, None, "PS_UNIDENTIFIED_GROUP", "1"),
        (None, None, "PS_GUEST_GROUP", "2"),
        (None, None, "PS_CUSTOMER_GROUP", "3"),
        (None, None, "PS_GUEST_CHECKOUT_ENABLED", "1"),
        (None, None, "PS_ORDER_RETURN", "1"),
        (None, None, "PS_B2B_ENABLE", "1"),
        (None, None, "PS_CUSTOMER_OPTIN", "1"),
        (None, None, "PS_CUSTOMER_BIRTHDATE", "1"),
        (None, None, "PS_MULTISHOP_FEATURE_ACTIVE", "1"),
    ]
    rows += [(None, None, key, str(sid)) for key, sid in ORDER_STATE_IDS[version].items()]
    # Multistore overrides, resolved the PrestaShop way (shop, then group, then global).
    rows += [
        (None, 2, "PS_SHOP_NAME", "Boutique Démo Lyon"),
        (2, None, "PS_SHOP_NAME", "Boutique Démo Benelux"),
        (2, None, "PS_TIMEZONE", "Europe/Brussels"),
    ]
    return rows


def reference_inserts(version: Version) -> list[Insert]:
    """The inserts that give a fresh install of `version`, in the order they are written."""
    return [
        (
            "configuration",
            (
                "id_configuration",
                "id_shop_group",
                "id_shop",
                "name",
                "value",
                "date_add",
                "date_upd",
            ),
            [
                (i, g, s, n, val, SEED_DATE, SEED_DATE)
                for i, (g, s, n, val) in enumerate(configuration_rows(version), 1)
            ],
        ),
        *_shops_and_languages(version),
        *_customer_groups_and_genders(),
        *_countries(),
        *_currencies(version),
        (
            "carrier",
            (
                "id_carrier",
                "id_reference",
                "name",
                "url",
                "active",
                "deleted",
                "is_free",
                "position",
            ),
            [(i, i, n, u, 1, 0, 1 if i == 1 else 0, i - 1) for i, n, u in CARRIERS],
        ),
        *_order_states(version),
        *_return_states(),
    ]


def _shop_ids() -> list[int]:
    return [s for s, _g, _n in SHOPS]


def _shops_and_languages(version: Version) -> list[Insert]:
    v16 = version == "1.6"
    lang_cols: tuple[str, ...] = ("id_lang", "name", "active", "iso_code", "language_code")
    if not v16:
        lang_cols = (*lang_cols, "locale")
    theme = "id_theme" if v16 else "theme_name"
    return [
        (
            "lang",
            lang_cols,
            [
                (i, name, 1, iso, code, *(() if v16 else (locale,)))
                for i, name, iso, code, locale in LANGS
            ],
        ),
        (
            "shop_group",
            ("id_shop_group", "name", "share_customer", "share_order", "share_stock"),
            [(g, n, sc, so, 0) for g, n, sc, so in SHOP_GROUPS],
        ),
        (
            "shop",
            ("id_shop", "id_shop_group", "name", "id_category", theme),
            [(s, g, n, 2, 1 if v16 else "classic") for s, g, n in SHOPS],
        ),
        (
            "lang_shop",
            ("id_lang", "id_shop"),
            [(lang[0], s) for lang in LANGS for s in _shop_ids()],
        ),
        (
            "shop_url",
            ("id_shop_url", "id_shop", "domain", "domain_ssl", "physical_uri", "main", "active"),
            [
                (s, s, f"boutique{s}.demo.test", f"boutique{s}.demo.test", "/", 1, 1)
                for s in _shop_ids()
            ],
        ),
    ]


def _customer_groups_and_genders() -> list[Insert]:
    d = SEED_DATE
    return [
        (
            "group",
            (
                "id_group",
                "reduction",
                "price_display_method",
                "show_prices",
                "date_add",
                "date_upd",
            ),
            [(g, red, 0, 1, d, d) for g, _fr, _en, red in GROUPS],
        ),
        (
            "group_lang",
            ("id_group", "id_lang", "name"),
            [(g, lang, fr if lang == 1 else en) for g, fr, en, _r in GROUPS for lang in (1, 2)],
        ),
        (
            "group_shop",
            ("id_group", "id_shop"),
            [(g[0], s) for g in GROUPS for s in _shop_ids()],
        ),
        ("gender", ("id_gender", "type"), [(g, t) for g, t, _fr, _en in GENDERS]),
        (
            "gender_lang",
            ("id_gender", "id_lang", "name"),
            [(g, lang, fr if lang == 1 else en) for g, _t, fr, en in GENDERS for lang in (1, 2)],
        ),
    ]


def _countries() -> list[Insert]:
    return [
        (
            "country",
            (
                "id_country",
                "id_zone",
                "id_currency",
                "iso_code",
                "call_prefix",
                "active",
                "need_zip_code",
                "zip_code_format",
                "display_tax_label",
            ),
            [(c, z, 0, iso, cp, act, 1, zf, 1) for c, iso, cp, z, act, _fr, _en, zf in COUNTRIES],
        ),
        (
            "country_lang",
            ("id_country", "id_lang", "name"),
            [(c[0], lang, c[5] if lang == 1 else c[6]) for c in COUNTRIES for lang in (1, 2)],
        ),
        (
            "country_shop",
            ("id_country", "id_shop"),
            [(c[0], s) for c in COUNTRIES if c[4] for s in _shop_ids()],
        ),
    ]


def _currencies(version: Version) -> list[Insert]:
    inserts: list[Insert]
    if version == "1.6":
        inserts = [
            (
                "currency",
                ("id_currency", "name", "iso_code", "iso_code_num", "sign", "conversion_rate"),
                [(i, fr, iso, num, sym, rate) for i, iso, num, rate, fr, _en, sym in CURRENCIES],
            )
        ]
    else:
        inserts = [
            (
                "currency",
                (
                    "id_currency",
                    "name",
                    "iso_code",
                    "numeric_iso_code",
                    "precision",
                    "conversion_rate",
                ),
                [(i, fr, iso, num, 2, rate) for i, iso, num, rate, fr, _en, _sym in CURRENCIES],
            ),
            (
                "currency_lang",
                ("id_currency", "id_lang", "name", "symbol"),
                [
                    (c[0], lang, c[4] if lang == 1 else c[5], c[6])
                    for c in CURRENCIES
                    for lang in (1, 2)
                ],
            ),
        ]
    inserts.append(
        (
            "currency_shop",
            ("id_currency", "id_shop", "conversion_rate"),
            [(c[0], s, c[3]) for c in CURRENCIES for s in _shop_ids()],
        )
    )
    return inserts


def _order_states(version: Version) -> list[Insert]:
    ids = ORDER_STATE_IDS[version]
    state_rows = []
    state_lang_rows: list[tuple[object, ...]] = []
    for st in ORDER_STATES:
        if st.key not in ids:
            continue
        sid = ids[st.key]
        module = st.module16 if version == "1.6" else st.module17
        pdf_invoice = 1 if st.key == "PS_OS_PAYMENT" else 0
        pdf_delivery = 1 if st.key == "PS_OS_PREPARATION" else 0
        state_rows.append(
            (sid, st.invoice, st.send_email, module, st.color, 1, 0, st.logable, st.delivery,
             st.shipped, st.paid, pdf_invoice, pdf_delivery, 0)
        )  # fmt: skip
        state_lang_rows += [(sid, 1, st.fr, st.template), (sid, 2, st.en, st.template)]
    return [
        (
            "order_state",
            (
                "id_order_state",
                "invoice",
                "send_email",
                "module_name",
                "color",
                "unremovable",
                "hidden",
                "logable",
                "delivery",
                "shipped",
                "paid",
                "pdf_invoice",
                "pdf_delivery",
                "deleted",
            ),
            sorted(state_rows),
        ),
        ("order_state_lang", ("id_order_state", "id_lang", "name", "template"), state_lang_rows),
    ]


def _return_states() -> list[Insert]:
    return [
        (
            "order_return_state",
            ("id_order_return_state", "color"),
            [(i, color) for i, _fr, _en, color in RETURN_STATES],
        ),
        (
            "order_return_state_lang",
            ("id_order_return_state", "id_lang", "name"),
            [
                (i, lang, fr if lang == 1 else en)
                for i, fr, en, _c in RETURN_STATES
                for lang in (1, 2)
            ],
        ),
    ]
