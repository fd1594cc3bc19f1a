"""Importing SMS consents collected outside the shop: the whole file or nothing, every
bad line named, numbers read as a merchant writes them, a re-import adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from isend_tui.cli import main
from isend_tui.context import open_context


def write(tmp_path: Path, text: str, name: str = "consents.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(store_rows: str = "number, email, given_at, source, line") -> list[tuple]:  # type: ignore[type-arg]
    ctx = open_context()
    try:
        return list(ctx.store.db.execute_sql(f"SELECT {store_rows} FROM sms_consent ORDER BY id"))
    finally:
        ctx.close()


def test_a_consent_file_is_imported_with_its_proof(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        "Numéro;E-mail;Date;Source\n"
        "06 12 34 56 78;;15/03/2026;salon de Lyon\n"
        ";zoe@example.fr;2026-04-01 10:30;\n"
        "+41 79 123 45 67;luc@example.ch;2026-05-02;formulaire\n",
    )
    assert main(["consent", "import", str(path)]) == 0
    assert "3 consentements importés, 0 déjà connu" in capsys.readouterr().out
    assert imported() == [
        ("33612345678", "", "2026-03-15T00:00:00", "salon de Lyon", 2),
        ("", "zoe@example.fr", "2026-04-01T10:30:00", "consents.csv", 3),
        ("41791234567", "luc@example.ch", "2026-05-02T00:00:00", "formulaire", 4),
    ]
    assert main(["consent", "import", str(path)]) == 0  # again: nothing new
    assert "0 consentement importé, 3 déjà connus" in capsys.readouterr().out
    assert main(["consent", "show", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["total"], summary["numbers"], summary["emails"]) == (3, 2, 2)


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ("nom;prenom\nMartin;Zoé\n", "Colonnes introuvables"),
        ("numero,date\n0612345678,2026-03-15\n0145678901,2026-03-15\n", "Ligne 3"),
        ("numero,date\n0612345678,15 mars\n", "Ligne 2 : date de consentement « 15 mars »"),
        ("numero,date\n0612345678,2999-01-01\n", "future"),
        ("email,date\nzoe.example.fr,2026-01-01\n", "n'est pas une adresse email"),
        ("numero,email,date\n,,2026-01-01\n", "ni numéro ni email"),
    ],
)
def test_one_bad_line_and_nothing_is_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, named: str
) -> None:
    good = "numero,date\n0612345678,2026-03-15\n"
    assert main(["consent", "import", str(write(tmp_path, good, "good.csv"))]) == 0
    capsys.readouterr()
    assert main(["consent", "import", str(write(tmp_path, content))]) != 0
    err = capsys.readouterr().err.strip()
    assert named in err and len(err.splitlines()) == 1
    assert len(imported()) == 1  # the earlier import kept, nothing of the bad file


def test_a_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["consent", "import", str(tmp_path / "absent.csv")]) != 0
    err = capsys.readouterr().err.strip()
    assert "absent.csv" in err and len(err.splitlines()) == 1
