"""Rule CRUD, validation and the counter."""

from __future__ import annotations

from pathlib import Path

import pytest

from isend_tui.config import Settings
from isend_tui.errors import UserError
from isend_tui.notifications.errors import (
    DuplicateRule,
    MissingStateId,
    RuleNotFound,
    UnknownEvent,
    UnknownVariables,
)
from isend_tui.notifications.rules import (
    EventRef,
    create_rules,
    delete_rule,
    get_rule,
    list_rules,
    parse_event_ref,
    rule_counter,
    set_rule_enabled,
    update_rule,
)
from isend_tui.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "store.sqlite3")
    yield opened  # type: ignore[misc]
    opened.close()


SETTINGS = Settings(sender="MaBoutique")


def test_one_rule_per_event_with_its_default_text(store: Store) -> None:
    rules = create_rules(store, SETTINGS, ["client.order_state.shipped", "admin.order_validated"])
    assert [r.event for r in rules] == ["client.order_state.shipped", "admin.order_validated"]
    assert rules[0].text.startswith("Cher {client_surname} {client_name}, votre commande")
    assert rules[1].text == "Nouvelle commande {order_reference} validée."
    assert {r.sender for r in rules} == {"MaBoutique"}
    assert [r.label for r in list_rules(store)] == [
        "[Admin] Validation commande",
        "[Client][Etat Commande] Expédié",
    ]


def test_a_text_is_checked_against_every_chosen_event_all_or_nothing(store: Store) -> None:
    with pytest.raises(UnknownVariables) as caught:
        create_rules(
            store,
            SETTINGS,
            ["admin.order_validated", "admin.account_created"],
            text="Nouvelle activité {order_reference}",
        )
    assert "{order_reference}" in caught.value.message
    assert "{client_email}" in caught.value.message  # the possible ones are listed
    assert list_rules(store) == []


def test_sender_is_validated_and_defaults_to_the_settings(store: Store) -> None:
    with pytest.raises(UserError, match="caractère"):
        create_rules(store, SETTINGS, ["admin.order_validated"], sender="Ma Boutique!")
    (rule,) = create_rules(store, Settings(), ["admin.order_validated"], sender="Shop42")
    assert rule.sender == "Shop42"
    (other,) = create_rules(store, Settings(), ["admin.customer_return"])
    assert other.sender == ""  # the account's default sender


def test_a_second_rule_for_the_same_event_is_refused(store: Store) -> None:
    create_rules(store, SETTINGS, ["admin.order_validated"])
    with pytest.raises(DuplicateRule, match="n°1"):
        create_rules(store, SETTINGS, ["admin.order_validated"])


def test_states_chosen_by_name() -> None:
    ref = parse_event_ref("client.order_state:14", {14: "Paiement Stripe accepté"})
    assert ref == EventRef("client.order_state", 14, "Paiement Stripe accepté")
    assert parse_event_ref("admin.order_state:15").state_name == "État 15"
    with pytest.raises(MissingStateId):
        parse_event_ref("client.order_state")
    with pytest.raises(UnknownEvent):
        parse_event_ref("client.order_state.shipped:3")
    with pytest.raises(UnknownEvent):
        parse_event_ref("client.nothing")


def test_custom_state_default_text_names_the_state(store: Store) -> None:
    ref = EventRef("admin.order_state", 14, "Paiement {Stripe}")
    (rule,) = create_rules(store, SETTINGS, [ref])
    assert rule.text == 'Commande {order_reference} : nouvel état "Paiement (Stripe)".'
    assert rule.label == "[Admin][Etat Commande] Paiement {Stripe}"


def test_edit_disable_enable_delete(store: Store) -> None:
    (rule,) = create_rules(store, SETTINGS, ["client.order_state.shipped"])
    edited = update_rule(store, rule.id, text="Colis {order_reference} parti", sender="Autre1")
    assert (edited.text, edited.sender) == ("Colis {order_reference} parti", "Autre1")
    with pytest.raises(UnknownVariables):
        update_rule(store, rule.id, text="{commande_reference}")
    assert not set_rule_enabled(store, rule.id, False).enabled
    assert list_rules(store, active_only=True) == []
    assert len(list_rules(store)) == 1
    assert set_rule_enabled(store, rule.id, True).enabled
    delete_rule(store, rule.id)
    with pytest.raises(RuleNotFound):
        get_rule(store, rule.id)
    with pytest.raises(RuleNotFound):
        delete_rule(store, rule.id)


def test_counter_counts_the_stop_mention_only_without_nostop_right() -> None:
    text = "Commande {order_reference} expédiée."
    with_right = rule_counter(text, "MaBoutique", Settings(nostop_right=True))
    without = rule_counter(text, "MaBoutique", Settings(nostop_right=False))
    assert not with_right.stop_mention and with_right.template.stop_units == 0
    assert without.stop_mention and without.template.stop_units == 12
    assert with_right.sample_text == "Commande XKBKNABJK expédiée."
    assert with_right.sample.parts == 1
