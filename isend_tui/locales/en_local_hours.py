"""English for recipients' own hours: the local hours groups and their lines in the
confirmation (campaigns/local_hours.py, campaigns/plan.py)."""

EN: dict[str, str] = {
    "La Réunion": "Réunion",
    "Mayotte": "Mayotte",
    "Guadeloupe": "Guadeloupe",
    "Martinique": "Martinique",
    "Guyane": "French Guiana",
    "Saint-Pierre-et-Miquelon": "Saint Pierre and Miquelon",
    "Saint-Barthélemy": "Saint Barthélemy",
    "Saint-Martin": "Saint Martin",
    "Nouvelle-Calédonie": "New Caledonia",
    "Polynésie française": "French Polynesia",
    "Wallis-et-Futuna": "Wallis and Futuna",
    "Moselle": "Moselle",
    "Alsace": "Alsace",
    "France métropolitaine": "Metropolitan France",
    "Heure locale, {name} : {n} destinataire, avec la campagne ({local} sur place).": (
        "Local time, {name}: {n} recipient, with the campaign ({local} there)."
    ),
    "Heure locale, {name} : {n} destinataires, avec la campagne ({local} sur place).": (
        "Local time, {name}: {n} recipients, with the campaign ({local} there)."
    ),
    "Heure locale, {name} : {n} destinataire, programmé le {slot} (heure de Paris), {local} "
    "sur place.": "Local time, {name}: {n} recipient, scheduled for {slot} (Paris time), "
    "{local} there.",
    "Heure locale, {name} : {n} destinataires, programmés le {slot} (heure de Paris), {local} "
    "sur place.": "Local time, {name}: {n} recipients, scheduled for {slot} (Paris time), "
    "{local} there.",
}
