"""A notification text that reads like marketing is flagged, whatever its accents and
case; an ordinary transactional text is not."""

from __future__ import annotations

import pytest

from isend_tui.cli import main
from isend_tui.sms.content import marketing_warning, promotional_words


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Votre colis est parti ! -20% avec le code promo", ["code promo", "-20%"]),
        ("Profitez des SOLDES d'été", ["soldes"]),
        ("Une Réduction pour vous", ["reduction"]),
        ("Livraison gratuite dès 50 €", []),
    ],
)
def test_promotional_words(text: str, found: list[str]) -> None:
    words = promotional_words(text)
    assert set(found) <= set(words) and bool(words) == bool(found)


def test_a_transactional_text_gets_no_warning() -> None:
    assert marketing_warning("Votre commande {order_reference} a été expédiée.") is None


def test_adding_a_promotional_rule_warns_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    text = "Commande {order_reference} expédiée. -10% avec le code MERCI !"
    assert (
        main(["notifications", "rules", "add", "client.order_state.shipped", "--text", text]) == 0
    )
    captured = capsys.readouterr()
    assert "Règle n°1 créée" in captured.out
    assert "ressemble à du marketing" in captured.err and "« -10% »" in captured.err
