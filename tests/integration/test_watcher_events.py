"""The watcher against a shop written the way PrestaShop writes it, and the sandbox gateway.

Each test drives `poll_once()` and checks what the sandbox received (its sms_log): texts,
numbers, senders, and that nothing is sent twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
import test_watcher_support
from test_watcher_support import ADMIN_GATEWAY, WatchEnv

from isend_tui.notifications.choices import events_for_ui
from isend_tui.notifications.errors import UnknownVariables
from isend_tui.notifications.log import list_notifications, notification_detail
from isend_tui.notifications.models import NotificationRule
from isend_tui.notifications.outbox import ACCOUNT_WAIT_S, WAITING_RECHECK_S
from isend_tui.notifications.rules import set_rule_enabled

BACKENDS = ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)]
MYSQL = [pytest.param("mysql", marks=pytest.mark.mariadb)]
MOBILE = "33612345678"

env_factory = test_watcher_support.env_factory  # the shared fixture


def _ref(env: WatchEnv, id_order: int) -> str:
    return str(env.shop.one(f"SELECT reference FROM {env.shop.t('orders')} WHERE id_order = %s",
                            (id_order,)))  # fmt: skip


def _drain(env: WatchEnv, watcher: Any) -> None:
    for report in watcher.poll_until_idle():
        assert report.shop_error is None, report.shop_error
        assert report.gateway_error is None, report.gateway_error


@pytest.mark.parametrize("backend", BACKENDS)
def test_order_life_sends_each_rule_once(env_factory: Any, backend: str) -> None:
    env: WatchEnv = env_factory(backend)
    env.rules(
        "client.order_state.shipped",
        "admin.order_state.shipped",
        "client.payment_confirmed",
        "admin.order_validated",
    )
    watcher = env.watcher()
    _drain(env, watcher)
    customer, _address = env.customer_with_mobile(firstname="Hélène", lastname="Durand")
    order = env.shop.order(customer, state="PS_OS_PAYMENT", total_paid_tax_incl="1234.5")
    ref = _ref(env, order)
    _drain(env, watcher)
    assert env.texts() == [
        (
            MOBILE,
            f"Cher Hélène Durand, le paiement de votre commande {ref} d'un montant de "
            "1 234,50 € est confirmé. Bonne journée, Ma Boutique Démo.",
        ),
        (ADMIN_GATEWAY, f"Nouvelle commande {ref} validée."),
    ]
    env.shop.change_state(order, "PS_OS_SHIPPING")
    _drain(env, watcher)
    _drain(env, watcher)
    assert env.texts()[2:] == [
        (
            MOBILE,
            f"Cher Hélène Durand, votre commande {ref} a été expédiée. Bonne journée, "
            "Ma Boutique Démo.",
        ),
        (ADMIN_GATEWAY, f"Commande {ref} a été expédiée."),
    ]
    assert {r["sender"] for r in env.sms()} == {"MaBoutique"}
    assert [n.state for n in env.log()] == ["sent"] * 4
    # A second watcher on the same store (after a restart) sends nothing again.
    watcher.close()
    again = env.watcher()
    _drain(env, again)
    assert len(env.sms()) == 4


@pytest.mark.parametrize("version", ["1.6", "8"])
def test_state_ids_come_from_the_shop_configuration(env_factory: Any, version: str) -> None:
    env: WatchEnv = env_factory("sqlite", version=version)
    env.rules("client.order_state.remote_payment_accepted", "admin.order_state.cod")
    watcher = env.watcher()
    _drain(env, watcher)
    customer, _a = env.customer_with_mobile()
    paid = env.shop.order(customer, state="PS_OS_WS_PAYMENT")
    cod = env.shop.order(customer, state="PS_OS_COD_VALIDATION")
    _drain(env, watcher)
    assert env.texts() == [
        (
            MOBILE,
            f"Cher Jean Dupont, le paiement à distance de votre commande {_ref(env, paid)} "
            "a été accepté. Bonne journée, Ma Boutique Démo.",
        ),
        (
            ADMIN_GATEWAY,
            f"Commande (non payée) {_ref(env, cod)} est en attente de paiement à la livraison.",
        ),
    ]


@pytest.mark.parametrize("backend", MYSQL)
def test_first_start_begins_now_and_since_replays(env_factory: Any, backend: str) -> None:
    env: WatchEnv = env_factory(backend)
    env.rules("admin.order_validated")
    customer, _a = env.customer_with_mobile()
    yesterday = dt.datetime.now() - dt.timedelta(days=1)
    older = env.shop.order(customer, date_add=yesterday - dt.timedelta(days=3))
    old = env.shop.order(customer, date_add=yesterday.replace(hour=10))
    watcher = env.watcher()
    _drain(env, watcher)
    assert env.sms() == []  # no flood of old events
    new = env.shop.order(customer)
    _drain(env, watcher)
    assert env.texts() == [(ADMIN_GATEWAY, f"Nouvelle commande {_ref(env, new)} validée.")]
    watcher.close()
    replay = env.watcher(since=yesterday.date())
    _drain(env, replay)
    # yesterday's order is replayed; the older one is not; the new one is not sent twice
    assert env.texts()[1:] == [(ADMIN_GATEWAY, f"Nouvelle commande {_ref(env, old)} validée.")]
    assert _ref(env, older) not in str(env.texts())


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_order_is_validated_once_its_first_state_is_recorded(
    env_factory: Any, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    env: WatchEnv = env_factory(backend)
    env.rules("admin.order_validated", "client.payment_confirmed")
    watcher = env.watcher()
    _drain(env, watcher)
    customer, _a = env.customer_with_mobile()
    # validateOrder half-way: the orders row exists with current_state = 0, no history yet
    with monkeypatch.context() as patch:
        patch.setattr(type(env.shop), "change_state", lambda *a, **k: 0)
        order = env.shop.order(customer, state="PS_OS_CHEQUE")
    _drain(env, watcher)
    assert env.sms() == []
    env.shop.change_state(order, "PS_OS_CHEQUE")
    _drain(env, watcher)
    assert env.texts() == [(ADMIN_GATEWAY, f"Nouvelle commande {_ref(env, order)} validée.")]
    # payment confirmation: the first paid state only
    env.shop.change_state(order, "PS_OS_PAYMENT")
    env.shop.change_state(order, "PS_OS_PREPARATION")
    _drain(env, watcher)
    payments = [t for _n, t in env.texts() if "est confirmé" in t]
    assert len(payments) == 1
    # an order whose first state is a payment error is not "validated"
    failed = env.shop.order(customer, state="PS_OS_ERROR")
    _drain(env, watcher)
    assert _ref(env, failed) not in str(env.texts())


@pytest.mark.parametrize("backend", BACKENDS)
def test_guest_checkout_is_not_an_account_but_its_conversion_is(
    env_factory: Any, backend: str
) -> None:
    env: WatchEnv = env_factory(backend)
    env.rules("admin.account_created")
    before = env.shop.customer(firstname="Ancien", lastname="Invité", is_guest=1)
    watcher = env.watcher()
    _drain(env, watcher)
    guest = env.shop.customer(firstname="Paul", lastname="Invité", is_guest=1)
    _drain(env, watcher)
    assert env.sms() == []
    registered = env.shop.customer(firstname="Anne", lastname="Martin", email="anne@example.test")
    _drain(env, watcher)
    assert env.texts() == [
        (ADMIN_GATEWAY, "Création compte client Anne Martin (anne@example.test).")
    ]
    assert registered
    for converted in (guest, before):  # Customer::transformToCustomer: same id, is_guest 0
        env.shop.w.execute(
            f"UPDATE {env.shop.t('customer')} SET is_guest = 0, passwd = 'x' "
            "WHERE id_customer = %s",
            (converted,),
        )
    _drain(env, watcher)
    _drain(env, watcher)
    texts = [t for _n, t in env.texts()]
    assert sum("Paul Invité" in t for t in texts) == 1
    assert sum("Ancien Invité" in t for t in texts) == 1
    assert len(texts) == 3


@pytest.mark.parametrize("backend", BACKENDS)
def test_tracking_number_set_then_changed(env_factory: Any, backend: str) -> None:
    env: WatchEnv = env_factory(backend)
    env.rules("client.tracking_updated")
    customer, _a = env.customer_with_mobile()
    existing = env.shop.order(customer, state="PS_OS_SHIPPING")
    env.shop.set_tracking(existing, "OLD123")  # already set before the first start: silent
    other = env.shop.order(customer, state="PS_OS_SHIPPING")
    watcher = env.watcher()
    _drain(env, watcher)
    order = env.shop.order(customer, state="PS_OS_PAYMENT")
    _drain(env, watcher)
    assert env.sms() == []
    env.shop.set_tracking(order, "6A111")
    env.shop.set_tracking(other, "6A222")  # an order older than the watcher, set later
    _drain(env, watcher)
    _drain(env, watcher)
    env.shop.set_tracking(order, "6A333")
    _drain(env, watcher)
    env.shop.set_tracking(order, "6A111")  # back to the first number: the customer is told
    _drain(env, watcher)
    env.shop.set_tracking(order, "")  # cleared then typed again: nothing new to tell
    _drain(env, watcher)
    env.shop.set_tracking(order, "6A111")
    _drain(env, watcher)
    texts = [t for _n, t in env.texts()]
    assert len(texts) == 4
    assert texts[0].startswith(
        f"Cher Jean Dupont, le numéro de suivi de votre commande {_ref(env, other)} est 6A222. "
        "Vous serez livré à l'adresse 1 rue de la Paix 75002 Paris France."
    )
    assert f"{_ref(env, order)} est 6A111." in texts[1]
    assert f"{_ref(env, order)} est 6A333." in texts[2]
    assert f"{_ref(env, order)} est 6A111." in texts[3]


@pytest.mark.parametrize("backend", BACKENDS)
def test_tracking_is_watched_on_orders_as_old_as_the_setting_says(
    env_factory: Any, backend: str
) -> None:
    """A backorder gets its tracking number weeks after the order: still notified within
    `tracking_days` (180 by default), and an order whose id is lower than an older
    order's (an import) is not skipped."""
    env: WatchEnv = env_factory(backend, tracking_days=60)
    env.rules("client.tracking_updated")
    customer, _a = env.customer_with_mobile()
    now = dt.datetime.now()
    # Ids that do not grow with dates, as after an import: the window is an id range
    # from the lowest id placed within it, so a higher id is watched whatever its date.
    ancient = env.shop.order(customer, state="PS_OS_PAYMENT", date_add=now - dt.timedelta(days=200))
    too_old = env.shop.order(customer, state="PS_OS_PAYMENT", date_add=now - dt.timedelta(days=90))
    recent_low_id = env.shop.order(
        customer, state="PS_OS_PAYMENT", date_add=now - dt.timedelta(days=19)
    )
    older_high_id = env.shop.order(
        customer, state="PS_OS_PAYMENT", date_add=now - dt.timedelta(days=45)
    )
    watcher = env.watcher()
    _drain(env, watcher)
    for order, number in (
        (recent_low_id, "6A1"),
        (older_high_id, "6A2"),
        (too_old, "6A3"),
        (ancient, "6A4"),
    ):
        env.shop.set_tracking(order, number)
    _drain(env, watcher)
    _drain(env, watcher)
    texts = [t for _n, t in env.texts()]
    assert sorted(texts) == sorted(
        [t for t in texts if f"{_ref(env, recent_low_id)} est 6A1." in t]
        + [t for t in texts if f"{_ref(env, older_high_id)} est 6A2." in t]
    )
    assert len(texts) == 2
    # Widening the window takes the older order in, silently: nobody knows when its
    # number was typed (a wider window must not text every old order); a change after
    # that is news.
    watcher.update_settings(dataclasses.replace(env.settings, tracking_days=120))
    _drain(env, watcher)
    _drain(env, watcher)
    assert len(env.texts()) == 2
    env.shop.set_tracking(too_old, "6A3B")
    _drain(env, watcher)
    texts = [t for _n, t in env.texts()]
    assert len(texts) == 3 and f"{_ref(env, too_old)} est 6A3B." in texts[2]
    # The same after a restart with a longer window (settings set tracking_days 365).
    watcher.close()
    watcher = env.watcher(settings=dataclasses.replace(env.settings, tracking_days=365))
    _drain(env, watcher)
    _drain(env, watcher)
    assert len(env.texts()) == 3
    env.shop.set_tracking(ancient, "6A4B")
    _drain(env, watcher)
    texts = [t for _n, t in env.texts()]
    assert len(texts) == 4 and f"{_ref(env, ancient)} est 6A4B." in texts[3]


@pytest.mark.parametrize("backend", BACKENDS)
def test_old_orders_are_watched_slower_but_never_flood(env_factory: Any, backend: str) -> None:
    """Orders older than a month are walked a few blocks a poll: their numbers already
    typed when the watcher starts are noted silently, a new one is notified."""
    env: WatchEnv = env_factory(backend)
    env.rules("client.tracking_updated")
    customer, _a = env.customer_with_mobile()
    old_day = dt.datetime.now() - dt.timedelta(days=100)
    old = [env.shop.order(customer, state="PS_OS_PAYMENT", date_add=old_day) for _ in range(120)]
    recent = [env.shop.order(customer, state="PS_OS_PAYMENT") for _ in range(3)]
    env.shop.set_tracking(old[4], "OLD5")
    env.shop.set_tracking(recent[0], "HOT1")
    watcher = env.watcher()
    for _poll in range(4):
        _drain(env, watcher)
    assert env.sms() == []  # the baseline: already typed, not news
    env.shop.set_tracking(old[6], "6A7")
    env.shop.set_tracking(recent[1], "6A122")
    for _poll in range(4):
        _drain(env, watcher)
    texts = sorted(t for _n, t in env.texts())
    assert len(texts) == 2
    assert any(f"{_ref(env, old[6])} est 6A7." in t for t in texts)
    assert any(f"{_ref(env, recent[1])} est 6A122." in t for t in texts)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_checkout_split_into_two_orders_is_notified_once_per_reference(
    env_factory: Any, backend: str
) -> None:
    env: WatchEnv = env_factory(backend)
    env.rules("admin.order_validated", "client.order_state.shipped", "client.tracking_updated")
    watcher = env.watcher()
    _drain(env, watcher)
    customer, _a = env.customer_with_mobile()
    first = env.shop.order(customer, state="PS_OS_PAYMENT", reference="SPLITREF1")
    second = env.shop.order(customer, state="PS_OS_PAYMENT", reference="SPLITREF1")
    _drain(env, watcher)
    assert env.texts() == [(ADMIN_GATEWAY, "Nouvelle commande SPLITREF1 validée.")]
    env.shop.change_state(first, "PS_OS_SHIPPING")
    env.shop.change_state(second, "PS_OS_SHIPPING")
    _drain(env, watcher)
    shipped = [t for _n, t in env.texts() if "expédiée" in t]
    assert len(shipped) == 1
    # Two parcels, two tracking numbers: two pieces of news.
    env.shop.set_tracking(first, "6A100")
    env.shop.set_tracking(second, "6A200")
    _drain(env, watcher)
    _drain(env, watcher)
    tracking = sorted(t for _n, t in env.texts() if "numéro de suivi" in t)
    assert len(tracking) == 2 and "6A100" in tracking[0] and "6A200" in tracking[1]
    # The repeats are in the log, with the reason: nothing dropped silently.
    repeats = [n for n in env.log() if n.code == "same_reference"]
    assert len(repeats) == 2 and all(n.state == "not_sent" for n in repeats)
    assert "un seul SMS par référence" in repeats[0].detail


@pytest.mark.parametrize("backend", BACKENDS)
def test_returns_and_credit_slips(env_factory: Any, backend: str) -> None:
    env: WatchEnv = env_factory(backend)
    env.rules("admin.customer_return", "client.customer_return", "admin.order_modified")
    customer, _a = env.customer_with_mobile()
    order = env.shop.order(customer, state="PS_OS_DELIVERED")
    watcher = env.watcher()
    _drain(env, watcher)
    env.shop.add_return(order)
    env.shop.add_slip(order, "12.50")
    _drain(env, watcher)
    ref = _ref(env, order)
    assert sorted(env.texts()) == sorted(
        [
            (ADMIN_GATEWAY, f"Retour sur commande {ref}."),
            (
                MOBILE,
                f"Cher Jean Dupont, votre demande de retour pour la commande {ref} a bien été "
                "enregistrée. Bonne journée, Ma Boutique Démo.",
            ),
            (ADMIN_GATEWAY, f"Ajout avoir sur commande {ref}."),
        ]
    )


def _add_module_state(env: WatchEnv, name: str, *, paid: int = 1) -> int:
    new_id = int(env.shop.one(f"SELECT MAX(id_order_state) FROM {env.shop.t('order_state')}")) + 1
    env.shop.w.insert(
        "order_state",
        ["id_order_state", "invoice", "send_email", "module_name", "color", "unremovable",
         "hidden", "logable", "delivery", "shipped", "paid", "pdf_invoice", "pdf_delivery",
         "deleted"],
        [(new_id, 1, 0, "stripe_official", "#000000", 0, 0, 1, 0, 0, paid, 0, 0, 0)],
    )  # fmt: skip
    env.shop.w.insert(
        "order_state_lang",
        ["id_order_state", "id_lang", "name", "template"],
        [(new_id, 1, name, ""), (new_id, 2, name + " (en)", "")],
    )
    return new_id


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_module_state_chosen_by_name_and_a_deleted_state(env_factory: Any, backend: str) -> None:
    env: WatchEnv = env_factory(backend)
    stripe = _add_module_state(env, "Paiement Stripe accepté")
    with env.shop.connect() as conn:
        choices = events_for_ui(conn)
    choice = next(c for c in choices if c.order_state_id == stripe and c.audience == "client")
    assert choice.label == "[Client][Etat Commande] Paiement Stripe accepté"
    env.rules(choice.ref)
    env.rules("admin.order_state.shipped")
    watcher = env.watcher()
    _drain(env, watcher)
    customer, _a = env.customer_with_mobile()
    order = env.shop.order(customer, state=stripe)
    _drain(env, watcher)
    assert env.texts() == [
        (
            MOBILE,
            f'Cher Jean Dupont, nouvel état de votre commande {_ref(env, order)} : "Paiement '
            'Stripe accepté". Bonne journée, Ma Boutique Démo.',
        )
    ]
    # The state is deleted (soft), and a history row points at a state that no longer
    # exists at all: no crash, the other rules keep working.
    env.shop.w.execute(
        f"UPDATE {env.shop.t('order_state')} SET deleted = 1 WHERE id_order_state = %s", (stripe,)
    )
    with env.shop.connect() as conn:
        assert not any(c.order_state_id == stripe for c in events_for_ui(conn))
    env.shop.change_state(order, 999)
    env.shop.change_state(order, "PS_OS_SHIPPING")
    _drain(env, watcher)
    assert env.texts()[-1] == (ADMIN_GATEWAY, f"Commande {_ref(env, order)} a été expédiée.")
    assert len(env.sms()) == 2


def test_a_state_the_shop_lacks_is_unavailable(env_factory: Any) -> None:
    env: WatchEnv = env_factory("sqlite")
    env.shop.delete_config("PS_OS_COD_VALIDATION")
    with env.shop.connect() as conn:
        choices = {c.key: c for c in events_for_ui(conn)}
    assert not choices["client.order_state.cod"].available
    assert "PS_OS_COD_VALIDATION" in choices["client.order_state.cod"].problem
    assert choices["client.order_state.shipped"].available


@pytest.mark.parametrize("backend", BACKENDS)
def test_missing_numbers_are_logged_not_sent(env_factory: Any, backend: str) -> None:
    env: WatchEnv = env_factory(backend, admin_phone="")
    env.rules("admin.order_validated", "client.order_validated")
    watcher = env.watcher()
    _drain(env, watcher)
    nobody = env.shop.customer(firstname="Sans", lastname="Numéro")
    env.shop.address(nobody)
    landline = env.shop.customer(firstname="Fixe", lastname="Seulement")
    env.shop.address(landline, phone="01 42 00 00 00")
    # delivery address without a number, invoice address with a mobile: the invoice one
    fallback = env.shop.customer(firstname="Deux", lastname="Adresses")
    delivery = env.shop.address(fallback, alias="Travail")
    invoice = env.shop.address(fallback, phone_mobile="07 81 22 33 44")
    # order addresses without numbers, a more recent other address with one
    other = env.shop.customer(firstname="Autre", lastname="Adresse")
    bare = env.shop.address(other)
    env.shop.address(other, phone_mobile="06 00 00 00 01", date_upd="2020-01-01 00:00:00")
    env.shop.address(other, phone_mobile="06 99 88 77 66")
    orders = [
        env.shop.order(nobody),
        env.shop.order(landline),
        env.shop.order(fallback, id_address_delivery=delivery, id_address_invoice=invoice),
        env.shop.order(other, id_address_delivery=bare, id_address_invoice=bare),
    ]
    _drain(env, watcher)
    assert sorted(env.texts()) == sorted(
        [
            ("33781223344", f"Cher Deux Adresses, votre commande {_ref(env, orders[2])} d'un "
             "montant de 50,00 € a bien été validée. Merci de votre confiance ! Bonne journée, "
             "Ma Boutique Démo."),
            ("33699887766", f"Cher Autre Adresse, votre commande {_ref(env, orders[3])} d'un "
             "montant de 50,00 € a bien été validée. Merci de votre confiance ! Bonne journée, "
             "Ma Boutique Démo."),
        ]
    )  # fmt: skip
    by_code: dict[str, list[str]] = {}
    for row in list_notifications(env.store):
        by_code.setdefault(row.code, []).append(row.detail)
    assert len(by_code["no_admin_phone"]) == 4
    assert "Paramétrage" in by_code["no_admin_phone"][0]
    assert len(by_code["no_number"]) == 1
    assert by_code["invalid_number"] == [
        "01 42 00 00 00 : Numéro fixe : il ne peut pas recevoir de SMS"
    ]
    assert len(by_code["0"]) == 2


@pytest.mark.parametrize("backend", MYSQL)
def test_unknown_variables_are_refused_and_never_sent(env_factory: Any, backend: str) -> None:
    env: WatchEnv = env_factory(backend)
    with pytest.raises(UnknownVariables, match=r"\{commande_reference\}"):
        env.rules("client.order_state.shipped", text="Commande {commande_reference} partie")
    with pytest.raises(UnknownVariables, match=r"\{order_reference\}"):
        env.rules("client.account_created", text="Compte créé pour {order_reference}")
    (rule,) = env.rules("admin.order_state.shipped")
    # a text broken behind our back (edited in the database): logged, not sent
    NotificationRule.update(text="Commande {commande_reference}").where(
        NotificationRule.id == rule.id
    ).execute()
    watcher = env.watcher()
    _drain(env, watcher)
    customer, _a = env.customer_with_mobile()
    env.shop.order(customer, state="PS_OS_SHIPPING")
    _drain(env, watcher)
    assert env.sms() == []
    (row,) = list_notifications(env.store)
    assert row.code == "unknown_variable"
    assert "{commande_reference}" in row.detail and "{order_reference}" in row.detail


@pytest.mark.parametrize("backend", MYSQL)
def test_a_disabled_rule_logs_and_sends_nothing(env_factory: Any, backend: str) -> None:
    env: WatchEnv = env_factory(backend)
    (rule,) = env.rules("admin.order_validated")
    set_rule_enabled(env.store, rule.id, False)
    watcher = env.watcher()
    _drain(env, watcher)
    customer, _a = env.customer_with_mobile()
    first = env.shop.order(customer)
    _drain(env, watcher)
    assert env.sms() == []
    set_rule_enabled(env.store, rule.id, True)
    second = env.shop.order(customer)
    _drain(env, watcher)
    assert env.texts() == [(ADMIN_GATEWAY, f"Nouvelle commande {_ref(env, second)} validée.")]
    rows = list_notifications(env.store)
    assert [(r.code, r.state) for r in rows] == [("0", "sent"), ("rule_disabled", "not_sent")]
    detail = notification_detail(env.store, rows[1].id)
    assert detail.message == f"Nouvelle commande {_ref(env, first)} validée."
    assert detail.number == ADMIN_GATEWAY
    assert detail.rule_text == "Nouvelle commande {order_reference} validée."
    assert [r.id for r in list_notifications(env.store, code="0")] == [rows[0].id]
    assert list_notifications(env.store, event="client.order_validated") == []


@pytest.mark.parametrize("backend", MYSQL)
def test_a_new_account_waits_for_an_address_with_a_mobile(env_factory: Any, backend: str) -> None:
    env: WatchEnv = env_factory(backend)
    env.rules("client.account_created")
    watcher = env.watcher()
    _drain(env, watcher)
    early = env.shop.customer(firstname="Léa", lastname="Tôt")
    never = env.shop.customer(firstname="Max", lastname="Jamais")
    _drain(env, watcher)
    assert env.sms() == []
    assert {r.state for r in env.log()} == {"waiting"}
    env.shop.address(early, phone_mobile="06 55 44 33 22")
    env.clock.advance(WAITING_RECHECK_S + 1)
    _drain(env, watcher)
    assert env.texts() == [
        ("33655443322", "Cher Léa Tot, votre compte client a été créé. Bonne journée, "
         "Ma Boutique Démo.")
    ]  # fmt: skip
    env.clock.advance(ACCOUNT_WAIT_S)
    _drain(env, watcher)
    final = {r.id_customer: (r.state, r.code) for r in env.log()}
    assert final[never] == ("not_sent", "no_number")
    assert len(env.sms()) == 1


@pytest.mark.parametrize("backend", MYSQL)
def test_french_numbers_get_gsm7_and_foreign_numbers_ucs2_only_for_typed_text(
    env_factory: Any, backend: str
) -> None:
    env: WatchEnv = env_factory(backend)
    env.rules("client.order_state.shipped", text="Bonjour {client_surname}, c'est expédié !")
    env.rules("client.order_state.delivered", text="{client_surname}, à bientôt !")
    watcher = env.watcher()
    _drain(env, watcher)
    french, _a = env.customer_with_mobile(firstname="Benoît")
    belgian = env.shop.customer(firstname="Françoise")
    env.shop.address(belgian, country="BE", phone_mobile="0470 12 34 56")
    orders = [
        env.shop.order(french, state="PS_OS_SHIPPING"),
        env.shop.order(belgian, state="PS_OS_SHIPPING"),
    ]
    _drain(env, watcher)
    # A GSM-7 text: the accents of the names are replaced for every number.
    assert [(r["num"], r["text"], r["encoding"]) for r in env.sms()] == [
        (MOBILE, "Bonjour Benoit, c'est expédié !", "GSM-7"),
        ("32470123456", "Bonjour Francoise, c'est expédié !", "GSM-7"),
    ]
    for order in orders:
        env.shop.change_state(order, "PS_OS_DELIVERED")
    _drain(env, watcher)
    # The merchant typed an ô: France gets it replaced, Belgium keeps it, in UCS-2.
    assert [(r["num"], r["text"], r["encoding"]) for r in env.sms()[2:]] == [
        (MOBILE, "Benoit, à bientot !", "GSM-7"),
        ("32470123456", "Françoise, à bientôt !", "UCS-2"),
    ]


@pytest.mark.parametrize("backend", MYSQL)
def test_a_state_change_committed_after_a_later_one_is_still_sent_once(
    env_factory: Any, backend: str
) -> None:
    """Two back-office sessions: the first takes the lower order_history id but commits
    after the second. The watcher has moved past that id; it must still find it, once."""
    import pymysql

    env: WatchEnv = env_factory(backend)
    env.rules("client.order_state.shipped")
    watcher = env.watcher()
    _drain(env, watcher)
    first, _a = env.customer_with_mobile("06 12 34 56 01", firstname="Anne", lastname="Lent")
    second, _b = env.customer_with_mobile("06 12 34 56 02", firstname="Bob", lastname="Vif")
    slow = env.shop.order(first, state="PS_OS_PAYMENT")
    fast = env.shop.order(second, state="PS_OS_PAYMENT")
    _drain(env, watcher)
    shipped = env.shop.state_id("PS_OS_SHIPPING")

    d = env.dsn
    session = pymysql.connect(host=d.host, port=d.port, user=d.user, password=d.password,
                              database=d.database, autocommit=False)  # fmt: skip
    try:
        with session.cursor() as cur:
            cur.execute(f"UPDATE {env.shop.t('orders')} SET current_state = %s "
                        "WHERE id_order = %s", (shipped, slow))  # fmt: skip
            cur.execute(
                f"INSERT INTO {env.shop.t('order_history')} "
                "(id_employee, id_order, id_order_state, date_add) VALUES (0, %s, %s, NOW())",
                (slow, shipped),
            )
            slow_history = cur.lastrowid
        fast_history = env.shop.change_state(fast, "PS_OS_SHIPPING")  # committed first
        assert fast_history > slow_history
        _drain(env, watcher)
        assert [num for num, _t in env.texts()] == ["33612345602"]
        session.commit()
    finally:
        session.close()
    _drain(env, watcher)
    _drain(env, watcher)
    assert sorted(num for num, _t in env.texts()) == ["33612345601", "33612345602"]
