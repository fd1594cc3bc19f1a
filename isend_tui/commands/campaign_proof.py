"""``isend-tui campaign proof ID [--csv FILE]``: why each recipient could be texted."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from isend_tui.commands.campaign_common import campaign_id
from isend_tui.formatting import count, plural
from isend_tui.i18n import _

if TYPE_CHECKING:
    from isend_tui.campaigns.proof import ProofSummary


def register_proof(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    proof = actions.add_parser(
        "proof",
        parents=parents,
        help=_("preuve de la base légale de chaque destinataire (résumé, ou CSV avec --csv)"),
    )
    proof.add_argument("id", type=campaign_id, metavar="ID")
    proof.add_argument(
        "--csv",
        default=None,
        metavar="FICHIER",
        help=_("écrit une ligne par destinataire : base, source, date et référence de la preuve"),
    )
    proof.set_defaults(handler=run_proof)


def summary_lines(summary: ProofSummary) -> list[str]:
    """The proof of a campaign by source, as `campaign proof` prints it."""
    from isend_tui.segments.basis import basis_label, source_label

    if summary.basis is None:
        head = _("Campagne {id} : préparée sans base légale (destinataires donnés directement).")
    else:
        head = _("Campagne {id} : base légale {basis}.")
    lines = [head.format(id=summary.campaign_id, basis=basis_label(summary.basis or ""))]
    for source, n in sorted(summary.by_source.items()):
        lines.append(
            _("  preuve « {source} » : {n}").format(source=source_label(source), n=count(n))
        )
    if summary.without:
        lines.append(_("  sans preuve : {n}").format(n=count(summary.without)))
    return lines


def run_proof(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.proof import campaign_proof_csv, proof_summary
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        summary = proof_summary(ctx.store, args.id)
        print("\n".join(summary_lines(summary)))
        if args.csv:
            written = campaign_proof_csv(ctx.store, args.id, args.csv)
            done = plural(
                written, _("{n} ligne écrite dans {path}."), _("{n} lignes écrites dans {path}.")
            )
            print(done.format(n=count(written), path=args.csv))
        return 0
    finally:
        ctx.close()
