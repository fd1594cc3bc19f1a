"""The command line speaks the merchant's language, argparse's own words included."""

from __future__ import annotations

import pytest

from isend_tui.cli import main


def test_help_and_errors_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation : isend-tui")
    assert "affiche cette aide et quitte" in out and "affiche la version et quitte" in out
    assert "positional arguments" not in out and "show this help" not in out
    with pytest.raises(SystemExit) as caught:
        main(["campaign", "send"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "erreur : arguments obligatoires manquants : SEGMENT.json" in err
    with pytest.raises(SystemExit):
        main(["--lang", "de"])
    assert "choix invalide : 'de' (choisissez parmi 'fr', 'en')" in capsys.readouterr().err


def test_help_and_errors_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "campaign", "send"])
    err = capsys.readouterr().err
    assert "error: the following arguments are required: SEGMENT.json" in err
