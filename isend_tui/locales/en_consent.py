"""English for the consents (consent/, commands/consent.py)."""

from __future__ import annotations

EN: dict[str, str] = {
    "Ligne {line} : date de consentement « {value} » illisible ou future (attendu "
    "AAAA-MM-JJ ou JJ/MM/AAAA, éventuellement suivie de HH:MM).": (
        'Line {line}: consent date "{value}" unreadable or in the future (expected '
        "YYYY-MM-DD or DD/MM/YYYY, optionally followed by HH:MM)."
    ),
    "{path} est vide.": "{path} is empty.",
    "Colonnes introuvables dans {path} : il faut une colonne « numero » ou « email », et "
    "une colonne « date » (en-tête lu : {header}).": (
        'Columns not found in {path}: a "numero" (number) or "email" column is needed, and '
        'a "date" column (header read: {header}).'
    ),
    "Ligne {line} : ni numéro ni email.": "Line {line}: neither number nor email.",
    "Ligne {line} : « {value} » n'est pas une adresse email.": (
        'Line {line}: "{value}" is not an email address.'
    ),
    "{path} fait plus de 50 Mo : découpez-le en plusieurs fichiers.": (
        "{path} is over 50 MB: split it into several files."
    ),
    "Plus de {n} lignes : découpez le fichier.": "More than {n} lines: split the file.",
    "Ligne {line} : « {value} » n'est pas un numéro de mobile (écrivez-le 06…, 07… ou "
    "+CC… pour l'étranger).": (
        'Line {line}: "{value}" is not a mobile number (write it 06…, 07… or +CC… for abroad).'
    ),
    "consentements SMS recueillis hors de la boutique (preuve pour le marketing)": (
        "SMS consents collected outside the shop (proof for marketing)"
    ),
    "importe un CSV de consentements (numero ou email, date, source)": (
        "imports a CSV of consents (number or email, date, source)"
    ),
    "Tout le fichier est vérifié avant d'écrire : une ligne fausse et rien n'est importé "
    "(le message nomme la ligne). Un consentement déjà connu est ignoré.": (
        "The whole file is checked before anything is written: one bad line and nothing "
        "is imported (the message names the line). A consent already known is skipped."
    ),
    "ce qui a été importé": "what was imported",
    "{n} déjà connu": "{n} already known",
    "{n} déjà connus": "{n} already known",
    "{n} consentement importé": "{n} consent imported",
    "{n} consentements importés": "{n} consents imported",
    "{total} consentements importés : {numbers} numéros, {emails} emails.": (
        "{total} consents imported: {numbers} numbers, {emails} emails."
    ),
}
