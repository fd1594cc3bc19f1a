"""English for the Automatisations section (ui/screens/automations.py)."""

EN: dict[str, str] = {
    "Automatisations": "Automations",
    "Autos": "Autos",
    "Automatisation": "Automation",
    "Envoyés 7 j": "Sent 7 d",
    "Envoyés 30 j": "Sent 30 d",
    "Commandes 30 j": "Orders 30 d",
    "Délais": "Delays",
    "Aperçu de l'automatisation": "Automation preview",
    "Modifier l'automatisation": "Edit the automation",
    "activée": "on",
    "Automatisations (SMS marketing envoyés par le watcher)": (
        "Automations (marketing SMS sent by the watcher)"
    ),
    "Activer / désactiver": "On / off",
    "Aperçu 24 h": "Preview 24 h",
    "{flow} activée.": "{flow} turned on.",
    "{flow} désactivée.": "{flow} turned off.",
    "Espace : activer ou désactiver · Entrée : modifier le texte, les délais, le code · "
    "Ctrl+P : qui le recevrait dans les 24 h": "Space: turn on or off · Enter: edit the "
    "text, the delays, the code · Ctrl+P: who would get it in the next 24 h",
    "{flow} : qui le recevrait dans les 24 h": "{flow}: who would get it in the next 24 h",
    "Délais (séparés par des virgules)": "Delays (separated by commas)",
    "Code promo ({voucher}, créé dans la boutique)": "Voucher code ({voucher}, made in the shop)",
    "{flow} enregistrée.": "{flow} saved.",
}
EN.update(
    {
        "Variables : {names}": "Variables: {names}",
        "heures": "hours",
        "jours": "days",
        "Délais en {unit} (une relance par délai, séparés par des virgules)": (
            "Delays in {unit} (one reminder per delay, separated by commas)"
        ),
        "Délai en {unit}": "Delay in {unit}",
        "Heure d'envoi (0 à 23, heure de la boutique)": "Sending hour (0 to 23, shop time)",
    }
)
