# ruff: noqa: E501  (the Markdown table of codes below cannot be wrapped)
"""Return codes of the sandbox gateway: iSendPro's documented ones and the invented ones.

iSendPro publishes only a few codes (the full table lives in a PDF annex nobody has). The
sandbox must still answer every situation the product handles, so it invents codes for
the rest; each invented code is flagged ``invented=True`` and the client maps them to
typed errors. Pointing the client at the live API, an unknown code becomes a generic
``RequestRejected`` (no tel) or a refused number (with tel).

Scope: ``request`` codes come back in an item without ``tel`` (HTTP 400, nothing is
processed); ``number`` codes come back in the item of one number (HTTP 200, the other
numbers of the batch are processed).

Rendered by :func:`markdown_table` (the README includes it):

| code | scope | HTTP | meaning | message | invented |
|---|---|---|---|---|---|
| 0 | number | 200 | SMS accepted | `Votre message a bien ete envoye` | no |
| 3 | request | 400 | wrong keyid | `Your credentials are incorrect` | no |
| 11 | number | 200 | number on the blacklist (liste noire), not routed | `Le numéro de téléphone est dans la liste noire!` | no |
| 21 | number | 200 | number not assigned / invalid | `Le numéro de téléphone n'est pas attribué!` | no |
| 230 | request | 200 | sub-account created (not simulated) | `Le sous compte a ete ajoute` | no |
| 250 | request | 200 | short link created (not simulated) | `Le lien court a ete genere` | no |
| 901 | request | 400 | caller IP not in the account's whitelist | `L'adresse IP n'est pas autorisée! IP : {ip}` | yes |
| 902 | request | 400 | credit does not cover the whole request (nothing sent) | `Crédit insuffisant!` | yes |
| 903 | request | 400 | invalid sender (emetteur) | `L'émetteur est invalide!` | yes |
| 904 | number | 200 | message longer than smslong allows (1 part without smslong, 6 at most) | `Le message est trop long!` | yes |
| 905 | number | 200 | UCS-2 characters to a French number | `Les caractères UCS-2 sont interdits vers la France!` | yes |
| 906 | request | 400 | missing parameter | `Paramètre manquant : {name}` | yes |
| 907 | request | 400 | date_envoi not `YYYY-MM-DD hh:mm` | `Le format de date_envoi est invalide!` | yes |
| 908 | request | 400 | unknown directory (repertoireId) | `Le répertoire est inconnu!` | yes |
| 909 | request | 400 | invalid parameter value (gmt_zone, smslong, tracker, list lengths) | `Paramètre invalide : {name}` | yes |
| 910 | number | 200 | non-GSM characters to a foreign number without ucs2=1 | `Caractères hors alphabet GSM : ucs2=1 requis!` | yes |
| 911 | request | 400 | marketing between 20:00 and 08:00 (only when the account enables the restriction) | `Envoi marketing interdit entre 20h et 8h!` | yes |
"""

from __future__ import annotations

from dataclasses import dataclass

ACCEPTED = "0"
WRONG_KEYID = "3"
BLACKLISTED = "11"
NOT_ASSIGNED = "21"
SUBACCOUNT_CREATED = "230"
SHORTLINK_CREATED = "250"
IP_NOT_ALLOWED = "901"
INSUFFICIENT_CREDIT = "902"
INVALID_SENDER = "903"
MESSAGE_TOO_LONG = "904"
UCS2_TO_FRANCE = "905"
MISSING_PARAMETER = "906"
BAD_DATE_FORMAT = "907"
UNKNOWN_DIRECTORY = "908"
INVALID_PARAMETER = "909"
NOT_GSM_WITHOUT_UCS2 = "910"
MARKETING_HOURS = "911"


@dataclass(frozen=True)
class ReturnCode:
    code: str
    scope: str  # "request" (item without tel) or "number" (item of one number)
    http_status: int
    meaning: str
    message: str  # may hold {ip} or {name} placeholders
    invented: bool


CODES: dict[str, ReturnCode] = {
    c.code: c
    for c in (
        ReturnCode(
            ACCEPTED, "number", 200, "SMS accepted", "Votre message a bien ete envoye", False
        ),
        ReturnCode(
            WRONG_KEYID, "request", 400, "wrong keyid", "Your credentials are incorrect", False
        ),
        ReturnCode(
            BLACKLISTED,
            "number",
            200,
            "number on the blacklist (liste noire), not routed",
            "Le numéro de téléphone est dans la liste noire!",
            False,
        ),
        ReturnCode(
            NOT_ASSIGNED,
            "number",
            200,
            "number not assigned / invalid",
            "Le numéro de téléphone n'est pas attribué!",
            False,
        ),
        ReturnCode(
            SUBACCOUNT_CREATED,
            "request",
            200,
            "sub-account created (not simulated)",
            "Le sous compte a ete ajoute",
            False,
        ),
        ReturnCode(
            SHORTLINK_CREATED,
            "request",
            200,
            "short link created (not simulated)",
            "Le lien court a ete genere",
            False,
        ),
        ReturnCode(
            IP_NOT_ALLOWED,
            "request",
            400,
            "caller IP not in the account's whitelist",
            "L'adresse IP n'est pas autorisée! IP : {ip}",
            True,
        ),
        ReturnCode(
            INSUFFICIENT_CREDIT,
            "request",
            400,
            "credit does not cover the whole request (nothing sent)",
            "Crédit insuffisant!",
            True,
        ),
        ReturnCode(
            INVALID_SENDER,
            "request",
            400,
            "invalid sender (emetteur)",
            "L'émetteur est invalide!",
            True,
        ),
        ReturnCode(
            MESSAGE_TOO_LONG,
            "number",
            200,
            "message longer than smslong allows (1 part without smslong, 6 at most)",
            "Le message est trop long!",
            True,
        ),
        ReturnCode(
            UCS2_TO_FRANCE,
            "number",
            200,
            "UCS-2 characters to a French number",
            "Les caractères UCS-2 sont interdits vers la France!",
            True,
        ),
        ReturnCode(
            MISSING_PARAMETER,
            "request",
            400,
            "missing parameter",
            "Paramètre manquant : {name}",
            True,
        ),
        ReturnCode(
            BAD_DATE_FORMAT,
            "request",
            400,
            "date_envoi not `YYYY-MM-DD hh:mm`",
            "Le format de date_envoi est invalide!",
            True,
        ),
        ReturnCode(
            UNKNOWN_DIRECTORY,
            "request",
            400,
            "unknown directory (repertoireId)",
            "Le répertoire est inconnu!",
            True,
        ),
        ReturnCode(
            INVALID_PARAMETER,
            "request",
            400,
            "invalid parameter value (gmt_zone, smslong, tracker, list lengths)",
            "Paramètre invalide : {name}",
            True,
        ),
        ReturnCode(
            NOT_GSM_WITHOUT_UCS2,
            "number",
            200,
            "non-GSM characters to a foreign number without ucs2=1",
            "Caractères hors alphabet GSM : ucs2=1 requis!",
            True,
        ),
        ReturnCode(
            MARKETING_HOURS,
            "request",
            400,
            "marketing between 20:00 and 08:00 (only when the account enables the restriction)",
            "Envoi marketing interdit entre 20h et 8h!",
            True,
        ),
    )
}


def message(code: str, **values: str) -> str:
    """The message of a code, placeholders filled in."""
    return CODES[code].message.format(**values)


def markdown_table() -> str:
    """The table of return codes as Markdown (what the module docstring shows)."""
    lines = [
        "| code | scope | HTTP | meaning | message | invented |",
        "|---|---|---|---|---|---|",
    ]
    for c in CODES.values():
        invented = "yes" if c.invented else "no"
        lines.append(
            f"| {c.code} | {c.scope} | {c.http_status} | {c.meaning} | `{c.message}` | {invented} |"
        )
    return "\n".join(lines) + "\n"
