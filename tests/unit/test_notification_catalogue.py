"""The event catalogue: the seed's events and names, correct default texts, variables."""

from __future__ import annotations

import pytest

from isend_tui import i18n
from isend_tui.notifications.catalogue import CATALOGUE, Audience, Trigger, sorted_events
from isend_tui.notifications.choices import events_for_ui
from isend_tui.notifications.variables import (
    ACCOUNT_EVENT_VARIABLES,
    SAMPLE_VALUES,
    describe,
    render_text,
)
from isend_tui.sms import check_template, count, is_gsm7

SEED_ADMIN = [
    "[Admin][Etat Commande] Annulé",
    "[Admin] Confirmation de paiement",
    "[Admin] Création de compte client",
    "[Admin][Etat Commande] En attente de paiement à la livraison",
    "[Admin][Etat Commande] En attente de réapprovisionnement (non payé)",
    "[Admin][Etat Commande] En attente de réapprovisionnement (payé)",
    "[Admin][Etat Commande] En attente de virement bancaire",
    "[Admin][Etat Commande] En attente du paiement par chèque",
    "[Admin][Etat Commande] En cours de préparation",
    "[Admin][Etat Commande] Erreur de paiement",
    "[Admin][Etat Commande] Expédié",
    "[Admin][Etat Commande] Livré",
    "[Admin] Mise à jour numéro de tracking transporteur",
    "[Admin] Modification commande",
    "[Admin][Etat Commande] Paiement accepté",
    "[Admin][Etat Commande] Paiement à distance accepté",
    "[Admin][Etat Commande] Remboursé",
    "[Admin] Retour client",
    "[Admin] Validation commande",
]
STATE_KEYS = {
    "PS_OS_CHEQUE", "PS_OS_PAYMENT", "PS_OS_PREPARATION", "PS_OS_SHIPPING", "PS_OS_DELIVERED",
    "PS_OS_CANCELED", "PS_OS_REFUND", "PS_OS_ERROR", "PS_OS_OUTOFSTOCK_PAID", "PS_OS_BANKWIRE",
    "PS_OS_WS_PAYMENT", "PS_OS_OUTOFSTOCK_UNPAID", "PS_OS_COD_VALIDATION",
}  # fmt: skip


def test_every_seed_event_exists_for_the_admin_and_the_customer() -> None:
    events = sorted_events()
    admin = sorted(e.label for e in events if e.audience is Audience.ADMIN)
    client = sorted(e.label for e in events if e.audience is Audience.CLIENT)
    assert admin == sorted(SEED_ADMIN)
    assert client == sorted(label.replace("[Admin]", "[Client]") for label in SEED_ADMIN)
    assert {e.state_key for e in events if e.trigger is Trigger.ORDER_STATE} == STATE_KEYS


@pytest.mark.parametrize("event", sorted_events(), ids=lambda e: e.key)
def test_default_texts_are_correct_gsm7_and_fill_only_known_variables(event: object) -> None:
    from isend_tui.notifications.catalogue import EventDef

    assert isinstance(event, EventDef)
    text = event.default_text
    assert "commande_reference" not in text
    assert check_template(text, event.variables).ok, text
    assert is_gsm7(text), text
    assert not count(render_text(text, SAMPLE_VALUES)).too_long
    if event.audience is Audience.CLIENT:
        assert text.startswith("Cher {client_surname} {client_name}, "), text
        assert "Bonne journée, {shop_name}." in text
    assert "chèque" not in text or event.state_key == "PS_OS_CHEQUE", text


def test_the_seed_copy_paste_errors_are_fixed() -> None:
    remote = CATALOGUE["admin.order_state.remote_payment_accepted"].default_text
    cod = CATALOGUE["admin.order_state.cod_validation" if False else "admin.order_state.cod"]
    assert "distance" in remote and "chèque" not in remote
    assert "livraison" in cod.default_text and "chèque" not in cod.default_text
    assert "accépté" not in CATALOGUE["admin.order_state.payment_accepted"].default_text
    shipped = CATALOGUE["client.order_state.shipped"].default_text
    assert "{order_reference}" in shipped


def test_the_six_client_texts_missing_from_the_seed_are_written() -> None:
    for key in (
        "client.order_modified",
        "client.order_state.payment_accepted",
        "client.order_state.remote_payment_accepted",
        "client.order_state.refunded",
        "client.customer_return",
        "client.order_validated",
    ):
        assert "{order_reference}" in CATALOGUE[key].default_text


def test_account_events_offer_no_order_variables_and_tracking_offers_its_number() -> None:
    for key in ("admin.account_created", "client.account_created"):
        assert CATALOGUE[key].variables == ACCOUNT_EVENT_VARIABLES
        assert "order_reference" not in CATALOGUE[key].variables
    assert "tracking_number" in CATALOGUE["client.tracking_updated"].variables
    assert "tracking_number" not in CATALOGUE["client.order_state.shipped"].variables
    infos = describe(list(CATALOGUE["client.account_created"].variables))
    assert [i.placeholder for i in infos] == [
        "{client_name}", "{client_surname}", "{client_email}", "{shop_name}",
    ]  # fmt: skip


def test_labels_are_translated() -> None:
    i18n.set_language("en")
    try:
        labels = [c.label for c in events_for_ui()]
    finally:
        i18n.set_language("fr")
    assert "[Customer][Order state] Shipped" in labels
    assert all("Etat Commande" not in label for label in labels)
