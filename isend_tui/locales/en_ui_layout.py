"""English for the layout at every size: the narrow sidebar, the palette's screen actions,
the help's screen keys."""

EN: dict[str, str] = {
    # the sidebar below 100 columns
    "Réglages": "Settings",
    "Marketing": "Marketing",
    "Notifs": "Notifs",
    "Campagnes": "Campaigns",
    "Suivi": "Tracking",
    # the footer's short words (the palette and F1 show the whole action)
    "Ajouter": "Add",
    "Ouvrir": "Open",
    "Exclusions": "Suppressions",
    # the palette and F1
    "Programmer l'envoi à une date": "Schedule the send for a date",
    "{screen} · {key}": "{screen} · {key}",
    "palette (Ctrl+P)": "palette (Ctrl+P)",
    "Cet écran : {name}": "This screen: {name}",
    "Cet écran": "This screen",
    "Partout": "Everywhere",
}
