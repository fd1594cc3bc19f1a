"""SMS consents collected outside the shop (a paper form, a kiosk, another tool), imported
from a CSV into the local store, where they are a proof of consent for marketing.

The CSV needs a header; columns are found by their meaning (case and accents folded):
a number (`numero`, `tel`, `mobile`, `phone`…) and/or an `email`, a `date` of consent
(YYYY-MM-DD, DD/MM/YYYY, optionally with HH:MM), and optionally a `source`. Every line
is checked before anything is written: one bad line and nothing is imported, and the
message names the line, the field and the fix. A number is read as French unless
written in international form (+CC…).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.segments.basis import Basis, BasisRule, ImportedConsent
from isend_tui.sms.phone import check_mobile

if TYPE_CHECKING:
    from isend_tui.store import Store

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 1_000_000
NUMBER_COLUMNS = ("numero", "number", "tel", "telephone", "mobile", "portable", "phone", "gsm")
EMAIL_COLUMNS = ("email", "e-mail", "mail", "courriel")
DATE_COLUMNS = ("date", "date_consentement", "consent_date", "consentement", "given_at")
SOURCE_COLUMNS = ("source", "origine", "origin")
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%d/%m/%Y %H:%M")


class ConsentFileError(UserError):
    """The consent CSV cannot be imported (nothing was)."""


@dataclass(frozen=True)
class Consent:
    number: str
    """iSendPro's form (33612345678), or "" when only the email is known."""
    email: str
    given_at: str
    """ISO 8601, to the second."""
    source: str
    line: int


@dataclass(frozen=True)
class ImportResult:
    added: int
    already_known: int
    file: str


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.strip().casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace(" ", "_")


def _column(header: Sequence[str], names: Sequence[str]) -> int | None:
    folded = [_fold(cell) for cell in header]
    for name in names:
        if name in folded:
            return folded.index(name)
    return None


def _date(value: str, line: int) -> str:
    text = value.strip()
    for pattern in DATE_FORMATS:
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        if moment > datetime.now():
            break
        return moment.isoformat(timespec="seconds")
    raise ConsentFileError(
        _(
            "Ligne {line} : date de consentement « {value} » illisible ou future "
            "(attendu AAAA-MM-JJ ou JJ/MM/AAAA, éventuellement suivie de HH:MM)."
        ).format(line=line, value=text[:40]),
        field="date",
    )


def read_consents(path: Path) -> list[Consent]:
    """Every consent of the file, or ConsentFileError naming the first bad line."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ConsentFileError(
                _("{path} fait plus de 50 Mo : découpez-le en plusieurs fichiers.").format(
                    path=path
                ),
                field="file",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ConsentFileError(
            _("Impossible de lire {path} ({reason}).").format(
                path=path, reason=exc.strerror or exc
            ),
            field="file",
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's CSV on Windows
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(rows, None)
    if header is None:
        raise ConsentFileError(_("{path} est vide.").format(path=path), field="file")
    number_at = _column(header, NUMBER_COLUMNS)
    email_at = _column(header, EMAIL_COLUMNS)
    date_at = _column(header, DATE_COLUMNS)
    source_at = _column(header, SOURCE_COLUMNS)
    if date_at is None or (number_at is None and email_at is None):
        raise ConsentFileError(
            _(
                "Colonnes introuvables dans {path} : il faut une colonne « numero » ou "
                "« email », et une colonne « date » (en-tête lu : {header})."
            ).format(path=path, header=", ".join(h.strip() for h in header)[:120]),
            field="file",
        )
    consents: list[Consent] = []
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(consents) >= MAX_ROWS:
            raise ConsentFileError(
                _("Plus de {n} lignes : découpez le fichier.").format(n=MAX_ROWS), field="file"
            )
        consents.append(_consent(row, line, number_at, email_at, date_at, source_at, path))
    return consents


def _cell(row: Sequence[str], at: int | None) -> str:
    return row[at].strip() if at is not None and at < len(row) else ""


def _consent(
    row: Sequence[str],
    line: int,
    number_at: int | None,
    email_at: int | None,
    date_at: int,
    source_at: int | None,
    path: Path,
) -> Consent:
    raw_number, email = _cell(row, number_at), _cell(row, email_at).lower()
    if not raw_number and not email:
        raise ConsentFileError(
            _("Ligne {line} : ni numéro ni email.").format(line=line), field="number"
        )
    number = ""
    if raw_number:
        international = raw_number.startswith(("+", "00"))
        checked = check_mobile(raw_number, None if international else "FR")
        if checked.number is None:
            raise ConsentFileError(
                _(
                    "Ligne {line} : « {value} » n'est pas un numéro de mobile (écrivez-le "
                    "06…, 07… ou +CC… pour l'étranger)."
                ).format(line=line, value=raw_number[:30]),
                field="number",
            )
        number = checked.number.gateway
    if email and "@" not in email:
        raise ConsentFileError(
            _("Ligne {line} : « {value} » n'est pas une adresse email.").format(
                line=line, value=email[:60]
            ),
            field="email",
        )
    source = _cell(row, source_at) or path.name
    return Consent(number, email, _date(_cell(row, date_at), line), source[:200], line)


def import_consents(store: Store, path: Path) -> ImportResult:
    """Import the whole file in one transaction, or nothing (ConsentFileError)."""
    consents = read_consents(path)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    added = 0
    with store.write():
        for consent in consents:
            cursor = store.db.execute_sql(
                "INSERT OR IGNORE INTO sms_consent (number, email, given_at, source, file, "
                "line, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    consent.number,
                    consent.email,
                    consent.given_at,
                    consent.source,
                    str(path),
                    consent.line,
                    now,
                ),
            )
            added += cursor.rowcount
    return ImportResult(added, len(consents) - added, str(path))


def imported_consents(
    store: Store,
) -> tuple[dict[str, ImportedConsent], dict[str, ImportedConsent]]:
    """Every imported consent by number (iSendPro's form) and by lower-case email, the most
    recent one of each: what the `consent` basis of a count matches customers against, and
    the proof a campaign keeps (isend_tui.segments.basis)."""
    numbers: dict[str, ImportedConsent] = {}
    emails: dict[str, ImportedConsent] = {}
    rows = store.db.execute_sql(
        "SELECT number, email, given_at, source, file, line FROM sms_consent ORDER BY given_at"
    )
    for number, email, given_at, source, file, line in rows:
        name = Path(str(file)).name
        ref = f"{name}:{line}" if source in ("", name) else f"{name}:{line} ({source})"
        consent = ImportedConsent(str(given_at), ref)
        if number:
            numbers[str(number)] = consent  # the latest date wins (rows by date)
        if email:
            emails[str(email)] = consent
    return numbers, emails


def basis_rule(
    store: Store, basis: Basis, *, soft_optin_months: int, retention_months: int
) -> BasisRule:
    """The basis as a count or a campaign applies it: with the imported consents
    (consent) or the soft opt-in months of the settings (customer), and the retention
    months of the settings."""
    if basis is not Basis.CONSENT:
        return BasisRule.of(
            basis, soft_optin_months=soft_optin_months, retention_months=retention_months
        )
    numbers, emails = imported_consents(store)
    return BasisRule.of(
        basis,
        soft_optin_months=soft_optin_months,
        numbers=numbers,
        emails=emails,
        retention_months=retention_months,
    )


@dataclass(frozen=True)
class ConsentSummary:
    total: int
    numbers: int
    emails: int
    files: list[str]


def consent_summary(store: Store) -> ConsentSummary:
    row = store.db.execute_sql(
        "SELECT COUNT(*), COUNT(DISTINCT NULLIF(number, '')), COUNT(DISTINCT NULLIF(email, '')) "
        "FROM sms_consent"
    ).fetchone()
    files = [r[0] for r in store.db.execute_sql("SELECT DISTINCT file FROM sms_consent ORDER BY 1")]
    return ConsentSummary(int(row[0]), int(row[1]), int(row[2]), files)
