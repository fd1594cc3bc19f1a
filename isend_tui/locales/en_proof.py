"""English for the lawful basis of campaigns and its proof (campaigns/proof.py,
commands/campaign_proof.py, segments/basis.py labels)."""

from __future__ import annotations

EN: dict[str, str] = {
    "consentement (newsletter, psgdpr ou consentement importé)": (
        "consent (newsletter, psgdpr or imported consent)"
    ),
    "clients ayant commandé (commande valide récente, soft opt-in)": (
        "customers who ordered (recent valid order, soft opt-in)"
    ),
    "consentement importé": "imported consent",
    "consentement psgdpr": "psgdpr consent",
    "inscription à la newsletter": "newsletter sign-up",
    "commande": "order",
    "Base légale manquante : un SMS marketing exige le consentement du client ou une "
    "relation client récente. Choisissez --basis consent ou --basis customer (dans l'écran "
    "Envoi : « Base légale »).": (
        "Lawful basis missing: a marketing SMS needs the customer's consent or a recent "
        "customer relationship. Choose --basis consent or --basis customer (in the Send "
        'tab: "Lawful basis").'
    ),
    "Base légale : {basis} (preuve gardée pour chaque destinataire).": (
        "Lawful basis: {basis} (proof kept for each recipient)."
    ),
    "base légale de chaque destinataire, gardée en preuve avec la campagne : consent "
    "(newsletter, psgdpr, consentements importés ; par défaut) ou customer (une commande "
    "valide dans les soft_optin_months derniers mois)": (
        "lawful basis of each recipient, kept as proof with the campaign: consent "
        "(newsletter, psgdpr, imported consents; the default) or customer (a valid order "
        "in the last soft_optin_months months)"
    ),
    "Campagne {id} : préparée sans base légale (destinataires donnés directement).": (
        "Campaign {id}: prepared without a lawful basis (recipients given directly)."
    ),
    "Campagne {id} : base légale {basis}.": "Campaign {id}: lawful basis {basis}.",
    "preuve de la base légale de chaque destinataire (résumé, ou CSV avec --csv)": (
        "proof of each recipient's lawful basis (summary, or a CSV with --csv)"
    ),
    "écrit une ligne par destinataire : base, source, date et référence de la preuve": (
        "writes one line per recipient: basis, source, date and reference of the proof"
    ),
    "  preuve « {source} » : {n}": '  proof "{source}": {n}',
    "  sans preuve : {n}": "  without proof: {n}",
    "Preuves CSV": "Proofs CSV",
    "Preuve de la base légale de chaque destinataire, en CSV": (
        "Proof of each recipient's lawful basis, as a CSV"
    ),
    "(Ctrl+G : preuves en CSV)": "(Ctrl+G: proofs as CSV)",
    "Base légale (gardée en preuve pour chaque destinataire)": (
        "Lawful basis (kept as proof for each recipient)"
    ),
    "Base légale : {basis} · preuves : {sources}": "Lawful basis: {basis} · proofs: {sources}",
}
