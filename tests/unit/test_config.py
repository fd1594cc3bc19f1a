"""Settings: saved in the store, secrets in a 0600 file, environment on top."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path

import pytest

from isend_tui.config import field_problem, mask_secret
from isend_tui.context import open_context
from isend_tui.errors import ConfigError


def test_settings_survive_a_restart_and_secrets_stay_out_of_the_store(isolated_home: Path) -> None:
    ctx = open_context()
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings,
            keyid="5f1ca74b80c00926fd0bd21821d616f0",
            sender="MaBoutique",
            shop_password="s3cr3t-pass",
            shop_database="prestashop",
        )
    )
    ctx.close()

    again = open_context()
    assert again.settings.keyid == "5f1ca74b80c00926fd0bd21821d616f0"
    assert again.settings.sender == "MaBoutique"
    assert again.settings.shop_password == "s3cr3t-pass"
    store_bytes = again.paths.store_file.read_bytes()
    wal = again.paths.store_file.with_name(again.paths.store_file.name + "-wal")
    if wal.exists():
        store_bytes += wal.read_bytes()
    assert b"5f1ca74b80c00926fd0bd21821d616f0" not in store_bytes
    assert b"s3cr3t-pass" not in store_bytes
    mode = stat.S_IMODE(again.paths.secrets_file.stat().st_mode)
    assert mode == 0o600
    again.close()


def test_a_world_readable_secrets_file_is_made_private_and_said(isolated_home: Path) -> None:
    ctx = open_context()
    ctx.save_settings(dataclasses.replace(ctx.settings, keyid="abcdef0123456789abcdef"))
    os.chmod(ctx.paths.secrets_file, 0o644)
    ctx.close()
    again = open_context()
    assert stat.S_IMODE(again.paths.secrets_file.stat().st_mode) == 0o600
    said = "1 fichier ou dossier de données était lisible par d'autres utilisateurs"
    assert any(said in w for w in again.warnings)
    assert again.settings.keyid == "abcdef0123456789abcdef"
    again.close()


def test_a_corrupt_secrets_file_is_kept_and_reported(isolated_home: Path) -> None:
    ctx = open_context()
    ctx.paths.secrets_file.write_text("{not json")
    os.chmod(ctx.paths.secrets_file, 0o600)
    ctx.close()
    again = open_context()
    assert again.settings.keyid == ""
    assert any("illisible" in w for w in again.warnings)
    # Saving new secrets keeps the unreadable file next to the new one.
    again.save_settings(dataclasses.replace(again.settings, keyid="abcdef0123456789abcdef"))
    kept = list(again.paths.config_dir.glob("secrets.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_text() == "{not json"
    again.close()


def test_environment_overrides_are_used_but_never_saved(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = open_context()
    ctx.save_settings(dataclasses.replace(ctx.settings, keyid="savedkey0123456789abcd"))
    ctx.close()
    monkeypatch.setenv("ISEND_TUI_KEYID", "envkey0123456789abcdef")
    monkeypatch.setenv("ISEND_TUI_GATEWAY_URL", "http://127.0.0.1:9/cgi-bin")
    ctx = open_context()
    assert ctx.settings.keyid == "envkey0123456789abcdef"
    assert ctx.settings.gateway_url == "http://127.0.0.1:9/cgi-bin"
    ctx.save_settings(dataclasses.replace(ctx.settings, sender="Boutique1"))
    ctx.close()
    monkeypatch.delenv("ISEND_TUI_KEYID")
    monkeypatch.delenv("ISEND_TUI_GATEWAY_URL")
    ctx = open_context()
    assert ctx.settings.keyid == "savedkey0123456789abcd"
    assert ctx.settings.gateway_url.startswith("https://apirest.isendpro.com")
    assert ctx.settings.sender == "Boutique1"
    ctx.close()


def test_a_bad_gateway_url_in_the_environment_names_the_variable(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISEND_TUI_GATEWAY_URL", "apirest.isendpro.com")
    with pytest.raises(ConfigError, match="ISEND_TUI_GATEWAY_URL"):
        open_context()


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("keyid", "", "vide"),
        ("keyid", "abc def", "lettres et des chiffres"),
        ("shop_port", "99999", "65535"),
        ("shop_port", "abc", "65535"),
        ("shop_prefix", "ps-", "préfixe"),
        ("gateway_url", "ftp://x", "https://"),
        ("window_start", "8h", "HH:MM"),
        ("sender", "123456", "chiffres"),
        ("soft_optin_months", "48", "trois ans"),
        ("soft_optin_months", "0", "entre 1 et 36"),
        ("soft_optin_months", "trois", "entre 1 et 36"),
        ("retention_months", "0", "entre 1 et 120"),
        ("retention_months", "121", "n'est plus destinataire"),
        ("retention_months", "trois", "entre 1 et 120"),
        ("cap_per_day", "-1", "entre 0 et 10"),
        ("cap_per_day", "11", "sur 24 heures"),
        ("cap_per_30_days", "un", "entre 0 et 300"),
        ("cap_per_30_days", "301", "sur 30 jours"),
    ],
)
def test_each_bad_value_gets_a_reason(name: str, value: str, fragment: str) -> None:
    problem = field_problem(name, value)
    assert problem is not None and fragment in problem


def test_good_values_pass() -> None:
    assert field_problem("keyid", "5f1ca74b80c00926fd0bd21821d616f0") is None
    assert field_problem("shop_port", "3306") is None
    assert field_problem("admin_phone", "06 01 02 03 04") is None
    assert field_problem("sender", "iSendPro") is None
    assert field_problem("soft_optin_months", "36") is None
    assert field_problem("retention_months", "120") is None
    assert field_problem("cap_per_day", "0") is None  # 0: no cap
    assert field_problem("cap_per_30_days", "4") is None


def test_masking_shows_no_character_nor_the_length() -> None:
    keyid, password = "5f1ca74b80c00926fd0bd21821d616f0", "Pw-rel@S3cr3t-XYZ"
    assert mask_secret(keyid) == mask_secret(password)
    assert not set(mask_secret(keyid)) & set(keyid + password)
    assert mask_secret("") == ""


def test_an_unwritable_data_dir_gets_a_clear_message(tmp_path: Path) -> None:
    # A data dir below a plain file cannot be created, even by root (CI runs as root, so
    # permission bits would not stop it).
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    with pytest.raises(ConfigError, match="--data-dir") as caught:
        open_context(blocker / "home")
    assert "not-a-directory" in str(caught.value)


def test_a_corrupt_store_is_reported_and_left_alone(isolated_home: Path) -> None:
    ctx = open_context()
    path = ctx.paths.store_file
    ctx.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ConfigError, match="illisible"):
        open_context()
    assert path.read_bytes().startswith(b"this is not a database")


def test_settings_set_json_roundtrip(isolated_home: Path) -> None:
    ctx = open_context()
    ctx.save_settings(dataclasses.replace(ctx.settings, batch_size=250, nostop_right=False))
    ctx.close()
    ctx = open_context()
    assert ctx.settings.batch_size == 250 and ctx.settings.nostop_right is False
    json.dumps(dataclasses.asdict(ctx.settings), default=str)
    ctx.close()


def test_a_30_day_cap_below_the_daily_cap_is_refused_on_save(isolated_home: Path) -> None:
    ctx = open_context()
    try:
        with pytest.raises(ConfigError, match="cap_per_30_days à 2 au moins"):
            ctx.save_settings(dataclasses.replace(ctx.settings, cap_per_day=2, cap_per_30_days=1))
        ctx.save_settings(dataclasses.replace(ctx.settings, cap_per_day=2, cap_per_30_days=0))
    finally:
        ctx.close()
    ctx = open_context()
    assert (ctx.settings.cap_per_day, ctx.settings.cap_per_30_days) == (2, 0)
    ctx.close()
