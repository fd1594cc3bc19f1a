"""English for the dashboard (Tableau de bord)."""

EN: dict[str, str] = {
    "Tableau de bord": "Dashboard",
    "Bilan": "Board",
    "Jour": "Day",
    "SMS": "SMS",
    "Campagnes": "Campaigns",
    "Notifications": "Notifications",
    "STOP": "STOP",
    "30 derniers jours : {sent} SMS acceptés, {stops} STOP ({rate}).": (
        "Last 30 days: {sent} SMS accepted, {stops} STOP ({rate})."
    ),
    "SMS acceptés par jour": "SMS accepted per day",
    "STOP par jour": "STOP per day",
    "Taux de remise par jour (%)": "Delivery rate per day (%)",
    "Revenu attribué par campagne (n° de campagne)": "Attributed revenue per campaign (no.)",
    "Revenu attribué aux campagnes : {amount} ({orders} sur {n}).": (
        "Revenue attributed to the campaigns: {amount} ({orders} over {n})."
    ),
    "{n} commande": "{n} order",
    "{n} commandes": "{n} orders",
    "{n} campagne": "{n} campaign",
    "{n} campagnes": "{n} campaigns",
    "Les mêmes chiffres, jour par jour": "The same figures, day by day",
    "Revenu attribué mis à jour pour {n} campagne.": "Attributed revenue updated for {n} campaign.",
    "Revenu attribué mis à jour pour {n} campagnes.": (
        "Attributed revenue updated for {n} campaigns."
    ),
}
