"""The merchant's settings: saved in the local store, secrets in a 0600 file, environment
variables on top for servers and scripts.

- Ordinary settings (sender, admin phone, gateway URL, shop connection without its password,
  sending window, ...) are rows of the store's `setting` table.
- Secrets (the keyid, the shop database password) live in `secrets.json` in the config
  directory, created with mode 0600; a wider mode is reported when it is loaded.
- ISEND_TUI_KEYID, ISEND_TUI_GATEWAY_URL and ISEND_TUI_SHOP_DB override the saved values
  for the running process only: saving from the UI never writes them back.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from isend_tui.errors import ConfigError
from isend_tui.i18n import _
from isend_tui.logs import register_secret
from isend_tui.paths import AppPaths

if TYPE_CHECKING:
    from isend_tui.shop.connection import ShopDsn
    from isend_tui.store import Store

log = logging.getLogger(__name__)

ISENDPRO_URL = "https://apirest.isendpro.com/cgi-bin"
ENV_KEYID = "ISEND_TUI_KEYID"
ENV_GATEWAY = "ISEND_TUI_GATEWAY_URL"
ENV_SHOP_DB = "ISEND_TUI_SHOP_DB"
SECRET_FIELDS = ("keyid", "shop_password")


@dataclass
class Settings:
    keyid: str = field(default="", repr=False)
    sender: str = ""
    admin_phone: str = ""
    gateway_url: str = ISENDPRO_URL
    language: str = "fr"
    # The shop database: MySQL/MariaDB in production, SQLite for the demo shop.
    shop_kind: str = "mysql"
    shop_host: str = "127.0.0.1"
    shop_port: int = 3306
    shop_user: str = ""
    shop_password: str = field(default="", repr=False)
    shop_database: str = ""
    shop_prefix: str = "ps_"
    shop_path: str = ""
    # Marketing sending window (Europe/Paris): days 0=Monday..6=Sunday.
    window_days: str = "0,1,2,3,4,5"
    window_start: str = "08:00"
    window_end: str = "20:00"
    # Campaign dispatch
    batch_size: int = 500
    max_in_flight: int = 4
    # Notifications
    watch_interval: float = 2.0
    nostop_right: bool = True
    # Which fields the environment overrides in this process (never saved).
    overridden: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def shop_configured(self) -> bool:
        if self.shop_kind == "sqlite":
            return bool(self.shop_path)
        return bool(self.shop_database and self.shop_host)

    def shop_dsn(self) -> ShopDsn | None:
        from isend_tui.shop.connection import ShopDsn

        if not self.shop_configured():
            return None
        if self.shop_kind == "sqlite":
            return ShopDsn(kind="sqlite", path=self.shop_path, prefix=self.shop_prefix)
        return ShopDsn(
            kind="mysql",
            host=self.shop_host,
            port=self.shop_port,
            user=self.shop_user,
            password=self.shop_password,
            database=self.shop_database,
            prefix=self.shop_prefix,
        )

    def masked_keyid(self) -> str:
        return mask_secret(self.keyid)


def mask_secret(value: str) -> str:
    if not value:
        return ""
    if len(value) <= 8:
        return "•" * len(value)
    return value[:2] + "•" * (len(value) - 6) + value[-4:]


# --------------------------------------------------------------------------- validation

_KEYID_RE = re.compile(r"^[A-Za-z0-9]{16,64}$")
_HOST_RE = re.compile(r"^[A-Za-z0-9._:\-\[\]]+$")
_PREFIX_RE = re.compile(r"^[A-Za-z0-9_]{0,32}$")
_DBNAME_RE = re.compile(r"^[A-Za-z0-9_$\-]{1,64}$")
_HHMM_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _check_keyid(value: str) -> str | None:
    if not value:
        return _("Le keyid est vide : copiez-le depuis Mon compte > Mon API sur isendpro.com.")
    if not _KEYID_RE.match(value):
        return _(
            "Le keyid ne doit contenir que des lettres et des chiffres (16 à 64 caractères) : "
            "vérifiez le copier-coller depuis Mon compte > Mon API."
        )
    return None


def _check_sender(value: str) -> str | None:
    if not value:
        return None  # optional: the provider's default sender is used
    from isend_tui.sms.sender import sender_problem

    return sender_problem(value)


def _check_admin_phone(value: str) -> str | None:
    if not value:
        return None
    from isend_tui.sms.phone import parse_admin_phone

    try:
        parse_admin_phone(value)
    except ConfigError as exc:  # pragma: no cover - parse_admin_phone raises UserError
        return exc.message
    except Exception as exc:
        return str(exc)
    return None


def _check_url(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return _(
            "Adresse de la passerelle invalide : elle doit commencer par https:// "
            "(ou http:// pour le bac à sable), par exemple {url}."
        ).format(url=ISENDPRO_URL)
    return None


def _check_port(value: str) -> str | None:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        return _("Le port doit être un nombre entre 1 et 65535 (3306 pour MySQL).")
    return None


def _check_host(value: str) -> str | None:
    if not value or not _HOST_RE.match(value):
        return _("Indiquez le nom ou l'adresse IP du serveur MySQL, par exemple 127.0.0.1.")
    return None


def _check_prefix(value: str) -> str | None:
    if not _PREFIX_RE.match(value):
        return _(
            "Le préfixe des tables ne contient que des lettres, chiffres et _ (par défaut ps_)."
        )
    return None


def _check_database(value: str) -> str | None:
    if not value or not _DBNAME_RE.match(value):
        return _("Indiquez le nom de la base de données de la boutique (lettres, chiffres, _).")
    return None


def _check_hhmm(value: str) -> str | None:
    if not _HHMM_RE.match(value):
        return _("Heure au format HH:MM, par exemple 08:00.")
    return None


def _check_window_start(value: str) -> str | None:
    # French practice (../shared/sms-rules.md): no marketing SMS before 08:00.
    return _check_hhmm(value) or (
        _("La plage d'envoi marketing ne commence pas avant 08:00.") if value < "08:00" else None
    )


def _check_window_end(value: str) -> str | None:
    # 20:00 by default; 22:00 at the latest (AF2M charter, 2024).
    return _check_hhmm(value) or (
        _("La plage d'envoi marketing finit au plus tard à 22:00.") if value > "22:00" else None
    )


def _check_window_days(value: str) -> str | None:
    days = [d.strip() for d in value.split(",") if d.strip()]
    if not days or not all(d in "0123456" and len(d) == 1 for d in days):
        return _("Liste de jours de 0 (lundi) à 6 (dimanche), par exemple 0,1,2,3,4,5.")
    return None


def _check_interval(value: str) -> str | None:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0.5 <= seconds <= 3600:
        return _("Intervalle en secondes, entre 0.5 et 3600 (2 par défaut).")
    return None


def _check_positive_int(value: str) -> str | None:
    if not value.isdigit() or int(value) < 1:
        return _("Nombre entier positif attendu.")
    return None


def _check_language(value: str) -> str | None:
    if value not in ("fr", "en"):
        return _("Langue de l'interface : fr (français) ou en (anglais).")
    return None


VALIDATORS: dict[str, Callable[[str], str | None]] = {
    "language": _check_language,
    "keyid": _check_keyid,
    "sender": _check_sender,
    "admin_phone": _check_admin_phone,
    "gateway_url": _check_url,
    "shop_host": _check_host,
    "shop_port": _check_port,
    "shop_prefix": _check_prefix,
    "shop_database": _check_database,
    "window_days": _check_window_days,
    "window_start": _check_window_start,
    "window_end": _check_window_end,
    "watch_interval": _check_interval,
    "batch_size": _check_positive_int,
    "max_in_flight": _check_positive_int,
}


def field_problem(name: str, value: str) -> str | None:
    """Why `value` is not acceptable for the setting `name`, or None when it is."""
    check = VALIDATORS.get(name)
    return check(value.strip()) if check else None


# --------------------------------------------------------------------------- secrets file


@dataclass
class SecretsFile:
    path: Path
    values: dict[str, str]
    warnings: list[str]
    corrupt: bool = False

    @classmethod
    def load(cls, path: Path) -> SecretsFile:
        warnings: list[str] = []
        if not path.exists():
            return cls(path, {}, warnings)
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
            if mode & 0o077:
                warnings.append(
                    _(
                        "Le fichier des secrets {path} est lisible par d'autres utilisateurs "
                        "(mode {mode}). Corrigez avec : chmod 600 {path}"
                    ).format(path=path, mode=oct(mode)[2:])
                )
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("not an object")
            values = {k: str(v) for k, v in raw.items() if k in SECRET_FIELDS}
        except PermissionError:
            warnings.append(
                _(
                    "Le fichier des secrets {path} ne peut pas être lu (droits). Le keyid et le "
                    "mot de passe de la boutique sont ignorés : corrigez les droits du fichier."
                ).format(path=path)
            )
            return cls(path, {}, warnings, corrupt=True)
        except (OSError, ValueError) as exc:
            warnings.append(
                _(
                    "Le fichier des secrets {path} est illisible ({reason}). Il est laissé tel "
                    "quel ; ressaisissez le keyid et le mot de passe de la boutique (l'ancien "
                    "fichier sera conservé à côté)."
                ).format(path=path, reason=type(exc).__name__)
            )
            return cls(path, {}, warnings, corrupt=True)
        for value in values.values():
            register_secret(value)
        return cls(path, values, warnings)

    def save(self, values: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.corrupt and self.path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
            with contextlib.suppress(OSError):
                self.path.rename(self.path.with_name(f"{self.path.name}.corrupt-{stamp}"))
            self.corrupt = False
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(values, handle)
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)
        self.values = dict(values)
        for value in values.values():
            register_secret(value)


# --------------------------------------------------------------------------- load and save

_FIELD_TYPES = {f.name: f.type for f in dataclasses.fields(Settings)}


def _decode(name: str, raw: str) -> Any:
    value = json.loads(raw)
    default = getattr(Settings(), name)
    if isinstance(default, bool):
        return bool(value)
    if isinstance(default, int):
        return int(value)
    if isinstance(default, float):
        return float(value)
    return str(value)


def _stored_fields() -> list[str]:
    return [
        f.name
        for f in dataclasses.fields(Settings)
        if f.name not in SECRET_FIELDS and f.name != "overridden"
    ]


def load_settings(store: Store, paths: AppPaths, *, env: bool = True) -> tuple[Settings, list[str]]:
    """The effective settings and the warnings to show the user (secrets file problems)."""
    from isend_tui.store.models import Setting

    settings = Settings()
    known = set(_stored_fields())
    for row in Setting.select():
        if row.key in known:
            try:
                setattr(settings, row.key, _decode(row.key, row.value))
            except (ValueError, TypeError):
                log.warning("ignoring unreadable setting %s", row.key)
    secrets = SecretsFile.load(paths.secrets_file)
    settings.keyid = secrets.values.get("keyid", "")
    settings.shop_password = secrets.values.get("shop_password", "")
    warnings = list(secrets.warnings)
    if env:
        settings, env_warnings = apply_environment(settings)
        warnings.extend(env_warnings)
    register_secret(settings.keyid)
    register_secret(settings.shop_password)
    return settings, warnings


def apply_environment(settings: Settings) -> tuple[Settings, list[str]]:
    overridden: set[str] = set()
    warnings: list[str] = []
    keyid = os.environ.get(ENV_KEYID)
    if keyid:
        settings.keyid = keyid.strip()
        overridden.add("keyid")
    gateway = os.environ.get(ENV_GATEWAY)
    if gateway:
        problem = _check_url(gateway.strip())
        if problem:
            raise ConfigError(f"{ENV_GATEWAY} : {problem}", field="gateway_url")
        settings.gateway_url = gateway.strip()
        overridden.add("gateway_url")
    shop = os.environ.get(ENV_SHOP_DB)
    if shop:
        from isend_tui.shop.connection import ShopDsn

        try:
            dsn = ShopDsn.from_url(shop.strip())
        except ConfigError as exc:
            raise ConfigError(f"{ENV_SHOP_DB} : {exc.message}", field="shop_db") from None
        apply_dsn(settings, dsn)
        overridden.update(
            {"shop_kind", "shop_host", "shop_port", "shop_user", "shop_password"}
            | {"shop_database", "shop_prefix", "shop_path"}
        )
    settings.overridden = frozenset(overridden)
    return settings, warnings


def apply_dsn(settings: Settings, dsn: ShopDsn) -> None:
    settings.shop_kind = dsn.kind
    settings.shop_prefix = dsn.prefix
    if dsn.kind == "sqlite":
        settings.shop_path = dsn.path
    else:
        settings.shop_host = dsn.host
        settings.shop_port = dsn.port
        settings.shop_user = dsn.user
        settings.shop_password = dsn.password
        settings.shop_database = dsn.database


def save_settings(store: Store, paths: AppPaths, settings: Settings) -> None:
    """Save every field, except those the environment overrides in this process."""
    from isend_tui.store.models import Setting

    now = datetime.now(UTC).isoformat(timespec="seconds")
    saved, _warnings = load_settings(store, paths, env=False)
    rows = []
    for name in _stored_fields():
        value = getattr(saved if name in settings.overridden else settings, name)
        rows.append({"key": name, "value": json.dumps(value), "updated_at": now})
    with store.write():
        Setting.insert_many(rows).on_conflict_replace().execute()
    secrets = SecretsFile.load(paths.secrets_file)
    values = dict(secrets.values)
    for name in SECRET_FIELDS:
        source = saved if name in settings.overridden else settings
        values[name] = getattr(source, name)
    secrets.save({k: v for k, v in values.items() if v})
    log.info("settings saved")


def shop_dsn(override: str | None, settings: Settings | None = None) -> ShopDsn:
    """The shop to read: --shop-db URL, else ISEND_TUI_SHOP_DB, else the saved settings."""
    from isend_tui.shop.connection import ShopDsn

    if override:
        return ShopDsn.from_url(override)
    if settings is not None:
        dsn = settings.shop_dsn()
        if dsn is not None:
            return dsn
    raise ConfigError(
        _(
            "Aucune base de boutique n'est configurée : renseignez-la dans Paramétrage, ou "
            "passez --shop-db mysql://utilisateur:motdepasse@hôte:3306/base?prefix=ps_"
        ),
        field="shop_db",
    )
