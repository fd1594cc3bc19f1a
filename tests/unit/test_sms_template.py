"""Mail-merge templates: placeholders, rendering, unknown and missing variables."""

from __future__ import annotations

from isend_tui import i18n
from isend_tui.sms import (
    check_template,
    count,
    missing_values,
    render,
    unknown_variables_message,
    variables_in,
)

ALLOWED = ["firstname", "lastname", "order_reference", "shop_name"]
TEXT = "Bonjour {firstname}, votre commande {order_reference} est prête. {firstname}, merci !"


def test_variables_in_order_of_first_appearance() -> None:
    assert variables_in(TEXT) == ["firstname", "order_reference"]


def test_other_braces_are_not_filled() -> None:
    text = "{Firstname} { firstname } {} {1abc} {a-b} {{shop_name}}"
    assert variables_in(text) == ["shop_name"]
    assert render(text, {"shop_name": "Lune"}) == "{Firstname} { firstname } {} {1abc} {a-b} {Lune}"


def test_literal_braces_cost_two_units() -> None:
    assert count("{Firstname}").units == 13


def test_render_replaces_every_occurrence() -> None:
    values = {"firstname": "Benoît", "order_reference": "XKBKNABJK"}
    assert render(TEXT, values) == (
        "Bonjour Benoît, votre commande XKBKNABJK est prête. Benoît, merci !"
    )


def test_render_unknown_or_none_values_become_empty() -> None:
    assert render("Bonjour {firstname} {nope}!", {"firstname": None}) == "Bonjour  !"


def test_check_template_lists_unknown_variables() -> None:
    assert check_template(TEXT, ALLOWED).ok
    check = check_template("{commande_reference} {firstname} {x} {x}", set(ALLOWED))
    assert not check.ok
    assert check.unknown == ("commande_reference", "x")


def test_a_misspelled_variable_is_refused_with_the_one_it_means() -> None:
    text = "Bonjour {Firstname} { firstname }, {Order-Reference} {Shop_Name}. {shop_name}"
    check = check_template(text, ALLOWED)
    assert check.unknown == ("Firstname", " firstname ", "Order-Reference", "Shop_Name")
    message = unknown_variables_message(check.unknown, ALLOWED)
    assert "{Firstname} (vouliez-vous dire {firstname} ?)" in message
    assert "{Order-Reference} (vouliez-vous dire {order_reference} ?)" in message
    assert "{Shop_Name} (vouliez-vous dire {shop_name} ?)" in message
    assert check_template("{Prénom} {prenom}", ["prenom"]).unknown == ("Prénom",)


def test_braces_that_are_no_name_stay_literal() -> None:
    for text in ("{}", "{:-)}", "{1abc}", "{{", '{"a": 1}', "Promo -20% {!}"):
        assert check_template(text, ALLOWED).ok, text


def test_missing_values_are_flagged() -> None:
    values = {"firstname": "  ", "order_reference": "XKB", "lastname": None}
    assert missing_values(TEXT, values) == ["firstname"]
    assert missing_values("{lastname} {shop_name}", values) == ["lastname", "shop_name"]
    assert missing_values("Pas de variable", {}) == []


def test_unknown_variables_message() -> None:
    assert unknown_variables_message(["commande_reference"], ALLOWED) == (
        "Variable inconnue : {commande_reference}. Variables possibles : {firstname}, "
        "{lastname}, {order_reference}, {shop_name}."
    )
    assert unknown_variables_message(["a", "b"], {"z", "y"}) == (
        "Variables inconnues : {a}, {b}. Variables possibles : {y}, {z}."
    )


def test_unknown_variables_message_in_english() -> None:
    i18n.set_language("en")
    assert unknown_variables_message(["nom"], ["firstname"]) == (
        "Unknown variable: {nom}. Possible variables: {firstname}."
    )
