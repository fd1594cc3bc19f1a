"""The proof of a campaign's lawful basis, per recipient (article L34-5 CPCE: the sender
must be able to show why each person could be texted). Written with each recipient when
the campaign is prepared (materialise.py), kept as long as the campaign, read here: a
summary by source for the screens and `campaign proof`, and the CSV the merchant hands
over when asked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from isend_tui.campaigns.errors import CampaignNotFound
from isend_tui.campaigns.queries import streamed
from isend_tui.exports import write_spreadsheet_csv
from isend_tui.formatting import count
from isend_tui.i18n import _
from isend_tui.segments.basis import basis_label, source_label
from isend_tui.store import Store

PROOF_HEADER = (
    "numero",
    "id_client",
    "prenom",
    "nom",
    "email",
    "etat",
    "base",
    "source",
    "date_preuve",
    "reference",
)


@dataclass(frozen=True)
class ProofSummary:
    campaign_id: int
    basis: str | None
    """"consent", "customer"; None: prepared without a basis (recipients given directly)."""
    by_source: dict[str, int]
    """Recipients by proof source (import, psgdpr, newsletter, order)."""
    without: int
    """Recipients without a proof: only in a campaign prepared without a basis."""


def _basis(store: Store, campaign_id: int) -> str | None:
    row = store.db.execute_sql("SELECT basis FROM campaign WHERE id = ?", (campaign_id,))
    found = row.fetchone()
    if found is None:
        raise CampaignNotFound(campaign_id)
    return None if found[0] is None else str(found[0])


def proof_summary(store: Store, campaign_id: int) -> ProofSummary:
    basis = _basis(store, campaign_id)
    rows = store.db.execute_sql(
        "SELECT proof_source, count(*) FROM campaign_recipient WHERE campaign_id = ? "
        "GROUP BY proof_source",
        (campaign_id,),
    ).fetchall()
    by_source = {str(source): int(n) for source, n in rows if source is not None}
    without = sum(int(n) for source, n in rows if source is None)
    return ProofSummary(campaign_id, basis, by_source, without)


def proof_line(summary: ProofSummary) -> str:
    """The basis and how many recipients each source proves, in one line ("" without)."""
    if summary.basis is None:
        return ""
    sources = ", ".join(
        f"{source_label(source)} {count(n)}" for source, n in sorted(summary.by_source.items())
    )
    return _("Base légale : {basis} · preuves : {sources}").format(
        basis=basis_label(summary.basis), sources=sources or "—"
    )


def campaign_proof_csv(store: Store, campaign_id: int, path: str | Path) -> int:
    """One line per recipient with its basis, the proof's source, date and reference
    (import file:line, psgdpr log id, newsletter IP, order id). Same file conventions as
    the results (UTF-8 with BOM, ';', cells inert, owner-only). Returns the lines."""
    basis = _basis(store, campaign_id) or ""
    cursor = store.db.execute_sql(
        "SELECT number, id_customer, firstname, lastname, email, state, proof_source, "
        "proof_date, proof_ref FROM campaign_recipient WHERE campaign_id = ? ORDER BY id",
        (campaign_id,),
    )

    rows = (
        (number, id_customer, first, last, email, state, basis if source else "", source, date,
         ref)
        for number, id_customer, first, last, email, state, source, date, ref in streamed(cursor)
    )  # fmt: skip
    return write_spreadsheet_csv(path, PROOF_HEADER, rows)
