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

import dataclasses
import json
import logging
import os
import secrets as secrets_module
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from isend_tui.errors import ConfigError
from isend_tui.i18n import _
from isend_tui.logs import register_secret
from isend_tui.paths import AppPaths
from isend_tui.secrets_file import SECRET_FIELDS, SecretsFile, mask_secret
from isend_tui.setting_checks import ISENDPRO_URL, check_settings, field_problem

__all__ = [
    "ENV_GATEWAY",
    "ENV_KEYID",
    "ENV_SHOP_DB",
    "ISENDPRO_URL",
    "SECRET_FIELDS",
    "Settings",
    "apply_dsn",
    "apply_environment",
    "ensure_receipt_secret",
    "field_problem",
    "load_settings",
    "mask_secret",
    "save_settings",
    "shop_dsn",
]

if TYPE_CHECKING:
    from isend_tui.shop.dsn import ShopDsn
    from isend_tui.store import Store

log = logging.getLogger(__name__)

ENV_KEYID = "ISEND_TUI_KEYID"
ENV_GATEWAY = "ISEND_TUI_GATEWAY_URL"
ENV_SHOP_DB = "ISEND_TUI_SHOP_DB"


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
    # The shop's _COOKIE_KEY_ (app/config/parameters.php): abandoned-cart SMS then carry a
    # link that restores the cart ({cart_url}); without it, the shop's address.
    shop_cookie_key: str = field(default="", repr=False)
    # Seconds a silent shop database is waited for: to connect, and for each read once
    # connected (a count of a big shop answers well within it).
    shop_connect_timeout: float = 10.0
    shop_read_timeout: float = 300.0
    # Marketing sending window (Europe/Paris): days 0=Monday..6=Sunday.
    window_days: str = "0,1,2,3,4,5"
    window_start: str = "08:00"
    window_end: str = "20:00"
    # Campaign dispatch
    batch_size: int = 500
    max_in_flight: int = 4
    # Notifications
    watch_interval: float = 2.0
    # How far back an order can be and still have its tracking number watched: a
    # backorder or a parcel sent again may get its number weeks after the order.
    tracking_days: int = 180
    # Soft opt-in (`--basis customer`): a valid order in this many last months (CNIL: the
    # relationship ends three years after the last order).
    soft_optin_months: int = 36
    # Data retention (with a lawful basis): a customer without any activity (account,
    # order, newsletter, consent) in this many last months is no longer a recipient.
    retention_months: int = 36
    # Frequency caps (campaigns/frequency_caps.py): at most this many marketing SMS per
    # number in any 24 hours and in any 30 days, every campaign counted; 0 = no cap.
    cap_per_day: int = 1
    cap_per_30_days: int = 4
    # Revenue attribution (isend_tui/results/): a recipient's valid orders placed within
    # this many days after their SMS was delivered (accepted, while delivery is unknown).
    attribution_days: int = 5
    nostop_right: bool = True
    # Delivery receipts (isend_tui/delivery): the receiver `isend-tui watch` serves (port 0
    # = off), where it listens, the address the shop's web server publishes it at, and
    # how long an accepted SMS may wait for its receipt before it counts as expired.
    receipts_port: int = 0
    receipts_bind: str = "127.0.0.1"
    receipts_public_url: str = ""
    receipt_expiry_hours: int = 72
    # The secret part of the receipt URL (secrets file, generated when first needed).
    receipt_secret: str = field(default="", repr=False)
    # The STOP loop: the account's blacklist imported by the watcher every this many
    # hours (0: only by hand and before each campaign).
    blacklist_import_hours: int = 24
    # Alerts to the admin mobile (health/): credit under this many SMS (0: one day of
    # notifications, as sent over the last 7 days, at least health.CREDIT_FLOOR_SMS);
    # a failure rate over this percentage (0: off) once this many SMS were tried in
    # the hour; no watcher poll for this many minutes (0: off).
    alert_credit_sms: int = 0
    alert_failure_percent: int = 20
    alert_failure_min_sms: int = 20
    alert_watcher_minutes: int = 15
    # Which fields the environment overrides in this process (never saved).
    overridden: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def shop_configured(self) -> bool:
        if self.shop_kind == "sqlite":
            return bool(self.shop_path)
        return bool(self.shop_database and self.shop_host)

    def shop_dsn(self) -> ShopDsn | None:
        from isend_tui.shop.dsn import ShopDsn

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
            connect_timeout=self.shop_connect_timeout,
            read_timeout=self.shop_read_timeout,
        )

    def masked_keyid(self) -> str:
        return mask_secret(self.keyid)


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
    warnings: list[str] = []
    known = set(_stored_fields())
    for row in Setting.select():
        if row.key in known:
            try:
                value = _decode(row.key, row.value)
            except (ValueError, TypeError, RecursionError, OverflowError):
                log.warning("ignoring unreadable setting %s", row.key)
                continue
            # A value edited by hand in the store is checked as if typed (an empty or
            # default value means "not configured yet" and needs no check).
            unset = isinstance(value, bool) or value == getattr(settings, row.key) or value == ""
            problem = None if unset else field_problem(row.key, str(value))
            if problem:
                log.warning("ignoring invalid setting %s", row.key)
                warnings.append(
                    _(
                        "Le réglage {name} enregistré est invalide ({problem}) : sa valeur "
                        "par défaut ({default}) s'applique jusqu'à ce que vous le corrigiez."
                    ).format(name=row.key, problem=problem, default=getattr(settings, row.key))
                )
                continue
            setattr(settings, row.key, value)
    secrets = SecretsFile.load(paths.secrets_file)
    settings.keyid = secrets.values.get("keyid", "")
    settings.shop_password = secrets.values.get("shop_password", "")
    settings.shop_cookie_key = secrets.values.get("shop_cookie_key", "")
    settings.receipt_secret = secrets.values.get("receipt_secret", "")
    warnings.extend(secrets.warnings)
    if env:
        settings, env_warnings = apply_environment(settings)
        warnings.extend(env_warnings)
    register_secret(settings.keyid)
    register_secret(settings.shop_password)
    register_secret(settings.shop_cookie_key)
    register_secret(settings.receipt_secret)
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
        problem = field_problem("gateway_url", gateway)
        if problem:
            raise ConfigError(f"{ENV_GATEWAY} : {problem}", field="gateway_url")
        settings.gateway_url = gateway.strip()
        overridden.add("gateway_url")
    shop = os.environ.get(ENV_SHOP_DB)
    if shop:
        from isend_tui.shop.dsn import ShopDsn

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

    check_settings(settings)
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


def new_receipt_secret() -> str:
    """A new secret for the receipt URL: 256 random bits, URL-safe."""
    return secrets_module.token_urlsafe(32)


def ensure_receipt_secret(paths: AppPaths, settings: Settings) -> str:
    """The receipt URL's secret, generated and saved in the secrets file if there is none."""
    if settings.receipt_secret:
        return settings.receipt_secret
    stored = SecretsFile.load(paths.secrets_file)
    secret = stored.values.get("receipt_secret") or new_receipt_secret()
    stored.save({**stored.values, "receipt_secret": secret})
    settings.receipt_secret = secret
    register_secret(secret)
    return secret


def shop_dsn(override: str | None, settings: Settings | None = None) -> ShopDsn:
    """The shop to read: --shop-db URL, else ISEND_TUI_SHOP_DB, else the saved settings."""
    from isend_tui.shop.dsn import ShopDsn

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
