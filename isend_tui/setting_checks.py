"""What each setting may hold, checked where it is typed (Paramétrage, `settings set`) and
again when it is read back from the store: a value that would break a send later (an
absurd batch size, an empty sending window, a keyid sent in clear) is refused up front.

`field_problem(name, value)` checks one field; `settings_problem(settings)` the rules that
tie two fields together (the window's start before its end).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from isend_tui.errors import ConfigError
from isend_tui.i18n import _

ISENDPRO_URL = "https://apirest.isendpro.com/cgi-bin"
MAX_BATCH_SIZE = 5000
MAX_IN_FLIGHT = 16
MAX_TRACKING_DAYS = 3650
MAX_ATTRIBUTION_DAYS = 90
MAX_SOFT_OPTIN_MONTHS = 36
MAX_RETENTION_MONTHS = 120
MAX_CAP_PER_DAY = 10
MAX_CAP_PER_30_DAYS = 300
SHOP_KINDS = ("mysql", "sqlite")

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


def _is_local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_url(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", value):
        return _(
            "Adresse de la passerelle invalide : elle doit commencer par https:// "
            "(ou http:// pour le bac à sable), par exemple {url}."
        ).format(url=ISENDPRO_URL)
    if parts.scheme == "http" and not _is_local(parts.hostname):
        # The keyid travels in every request: in clear over the Internet, anyone on the way
        # could send SMS on the merchant's credit.
        return _(
            "La passerelle {host} doit être jointe en https:// : en http:// le keyid "
            "voyagerait en clair (http:// n'est accepté que pour le bac à sable local)."
        ).format(host=parts.hostname)
    return None


def _check_port(value: str) -> str | None:
    if not value.isdigit() or len(value) > 5 or not 1 <= int(value) <= 65535:
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


def _check_shop_timeout(value: str) -> str | None:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 1 <= seconds <= 3600:
        return _("Délai en secondes, entre 1 et 3600.")
    return None


def _int_between(low: int, high: int) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        # len() first: int("9" * 5000) would itself fail on Python's digit limit.
        if not value.isdigit() or len(value) > 9 or not low <= int(value) <= high:
            return _("Nombre entier entre {low} et {high} attendu.").format(low=low, high=high)
        return None

    return check


def _check_soft_optin_months(value: str) -> str | None:
    if not value.isdigit() or len(value) > 9 or not 1 <= int(value) <= MAX_SOFT_OPTIN_MONTHS:
        return _(
            "Nombre de mois entre 1 et {high} : un client qui n'a pas commandé depuis plus de "
            "trois ans n'est plus un client pour la CNIL (36 par défaut)."
        ).format(high=MAX_SOFT_OPTIN_MONTHS)
    return None


def _check_retention_months(value: str) -> str | None:
    if not value.isdigit() or len(value) > 9 or not 1 <= int(value) <= MAX_RETENTION_MONTHS:
        return _(
            "Nombre de mois entre 1 et {high} : un client sans commande ni consentement "
            "depuis ce nombre de mois n'est plus destinataire (36 par défaut)."
        ).format(high=MAX_RETENTION_MONTHS)
    return None


def _cap_digits(value: str, high: int) -> bool:
    return value.isdigit() and len(value) <= 9 and int(value) <= high


def _check_cap_per_day(value: str) -> str | None:
    if not _cap_digits(value, MAX_CAP_PER_DAY):
        return _(
            "Nombre de SMS marketing par numéro sur 24 heures, entre 0 et {high} "
            "(0 : sans plafond ; 1 par défaut)."
        ).format(high=MAX_CAP_PER_DAY)
    return None


def _check_cap_per_30_days(value: str) -> str | None:
    if not _cap_digits(value, MAX_CAP_PER_30_DAYS):
        return _(
            "Nombre de SMS marketing par numéro sur 30 jours, entre 0 et {high} "
            "(0 : sans plafond ; 4 par défaut)."
        ).format(high=MAX_CAP_PER_30_DAYS)
    return None


def _check_shop_kind(value: str) -> str | None:
    if value not in SHOP_KINDS:
        return _("Type de base : mysql (MySQL ou MariaDB) ou sqlite.")
    return None


def _check_shop_path(value: str) -> str | None:
    if value and not Path(value).expanduser().is_absolute():
        return _(
            "Chemin complet du fichier SQLite attendu, par exemple /var/lib/boutique.sqlite3 "
            "(un chemin relatif dépendrait du dossier où la commande est lancée)."
        )
    return None


def _check_language(value: str) -> str | None:
    if value not in ("fr", "en"):
        return _("Langue de l'interface : fr (français) ou en (anglais).")
    return None


def _check_receipts_port(value: str) -> str | None:
    if not value.isdigit() or len(value) > 5 or int(value) > 65535:
        return _("Le port du récepteur d'accusés est un nombre entre 1 et 65535 (0 : arrêté).")
    return None


def _check_receipts_bind(value: str) -> str | None:
    if not value or not _HOST_RE.match(value):
        return _(
            "Indiquez l'adresse d'écoute du récepteur d'accusés, par exemple 127.0.0.1 "
            "(derrière le serveur web de la boutique)."
        )
    return None


def _check_public_url(value: str) -> str | None:
    if value and not re.match(r"^https?://[^\s/?#]+(/[^\s?#]*)?$", value):
        return _(
            "Indiquez l'adresse publique du récepteur, par exemple "
            "https://boutique.example/isend-receipts (vide : non publiée)."
        )
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
    "batch_size": _int_between(1, MAX_BATCH_SIZE),
    "max_in_flight": _int_between(1, MAX_IN_FLIGHT),
    "tracking_days": _int_between(1, MAX_TRACKING_DAYS),
    "attribution_days": _int_between(1, MAX_ATTRIBUTION_DAYS),
    "soft_optin_months": _check_soft_optin_months,
    "retention_months": _check_retention_months,
    "cap_per_day": _check_cap_per_day,
    "cap_per_30_days": _check_cap_per_30_days,
    "shop_kind": _check_shop_kind,
    "shop_connect_timeout": _check_shop_timeout,
    "shop_read_timeout": _check_shop_timeout,
    "shop_path": _check_shop_path,
    "receipts_port": _check_receipts_port,
    "receipts_bind": _check_receipts_bind,
    "receipts_public_url": _check_public_url,
    "receipt_expiry_hours": _int_between(1, 720),
    "blacklist_import_hours": _int_between(0, 24 * 30),
    "alert_credit_sms": _int_between(0, 10_000_000),
    "alert_failure_percent": _int_between(0, 100),
    "alert_failure_min_sms": _int_between(1, 1_000_000),
    "alert_watcher_minutes": _int_between(0, 24 * 60),
}


def field_problem(name: str, value: str) -> str | None:
    """Why `value` is not acceptable for the setting `name`, or None when it is."""
    check = VALIDATORS.get(name)
    return check(value.strip()) if check else None


def window_problem(start: str, end: str) -> str | None:
    """The marketing window must hold at least a minute."""
    if _HHMM_RE.match(start) and _HHMM_RE.match(end) and start >= end:
        return _(
            "La plage d'envoi marketing est vide : elle commence à {start} et finit à {end}. "
            "Le début doit précéder la fin."
        ).format(start=start, end=end)
    return None


def caps_problem(per_day: int, per_30_days: int) -> str | None:
    """Thirty days cannot hold fewer SMS than one day (0 is no cap, and always fits)."""
    if per_day and per_30_days and per_30_days < per_day:
        return _(
            "Le plafond sur 30 jours ({month}) est inférieur au plafond sur 24 heures "
            "({day}) : mettez cap_per_30_days à {day} au moins, ou baissez cap_per_day."
        ).format(month=per_30_days, day=per_day)
    return None


class _Window(Protocol):
    window_start: str
    window_end: str
    cap_per_day: int
    cap_per_30_days: int


def settings_problem(settings: _Window) -> tuple[str, str] | None:
    """(field, message) for the first rule across fields that `settings` breaks."""
    problem = window_problem(settings.window_start, settings.window_end)
    if problem:
        return "window_end", problem
    problem = caps_problem(settings.cap_per_day, settings.cap_per_30_days)
    if problem:
        return "cap_per_30_days", problem
    return None


def check_settings(settings: _Window) -> None:
    """Raise a ConfigError naming the field when `settings` cannot be saved as it is."""
    found = settings_problem(settings)
    if found:
        name, message = found
        raise ConfigError(f"{name} : {message}", field=name)
