"""English for segments (isend_tui/shop/segment*.py, recipients) and the count/recipients
commands."""

EN: dict[str, str] = {
    # segment: document
    'Le segment doit être un objet JSON {"version": 1, "name": …, "criteria": […]}.': (
        'A segment must be a JSON object {"version": 1, "name": …, "criteria": […]}.'
    ),
    "Clé inconnue « {key} » dans le segment : les clés sont version, name et criteria.": (
        'Unknown key "{key}" in the segment: the keys are version, name and criteria.'
    ),
    'Version de segment {value} non prise en charge : écrivez "version": 1.': (
        'Segment version {value} is not supported: write "version": 1.'
    ),
    'Le segment n\'a pas de nom : ajoutez "name": "Fidèles" par exemple.': (
        'The segment has no name: add "name": "Loyal customers" for instance.'
    ),
    '"criteria" doit être une liste de critères ([] pour tous les clients), pas {value}.': (
        '"criteria" must be a list of criteria ([] for every customer), not {value}.'
    ),
    'Critère {position} : un objet {{"criterion": …}} est attendu, pas {value}.': (
        'Criterion {position}: an object {{"criterion": …}} is expected, not {value}.'
    ),
    "Critère {position} ({name}) : critère inconnu ; les critères possibles sont {kinds}.": (
        "Criterion {position} ({name}): unknown criterion; the possible criteria are {kinds}."
    ),
    "Critère {position} ({name}) : {problem}": "Criterion {position} ({name}): {problem}",
    # segment: values
    "une liste": "a list",
    "un objet": "an object",
    "l'âge": "the age",
    "le nombre de mois": "the number of months",
    "le nombre de commandes": "the number of orders",
    'une date "AAAA-MM-JJ", {"months_ago": 6} ou {"days_ago": 30}': (
        'a date "YYYY-MM-DD", {"months_ago": 6} or {"days_ago": 30}'
    ),
    "la clé « {key} » manque : ajoutez-la, par exemple {example}.": (
        'the key "{key}" is missing: add it, for instance {example}.'
    ),
    "clé inconnue « {key} » : les clés possibles sont {allowed}.": (
        'unknown key "{key}": the possible keys are {allowed}.'
    ),
    "opérateur {op} inconnu : choisissez parmi {choices}.": (
        "unknown operator {op}: choose among {choices}."
    ),
    "{what} doit être un nombre entier, pas {value}.": (
        "{what} must be a whole number, not {value}."
    ),
    "{what} ne peut pas être négatif ({value}) : indiquez 0 ou plus.": (
        "{what} cannot be negative ({value}): enter 0 or more."
    ),
    "{what} est trop grand ({value}) : {maximum} au plus.": (
        "{what} is too large ({value}): {maximum} at most."
    ),
    "{what} doit être un nombre entier de 1 ou plus, pas {value}.": (
        "{what} must be a whole number of 1 or more, not {value}."
    ),
    "{what} doit être d'au moins 1 ({value} donné) : indiquez une période positive.": (
        "{what} must be at least 1 ({value} given): enter a positive period."
    ),
    "la valeur doit être une liste d'identifiants, par exemple {example}, pas {value}.": (
        "the value must be a list of ids, for instance {example}, not {value}."
    ),
    "la liste est vide : indiquez au moins un identifiant, par exemple {example}.": (
        "the list is empty: enter at least one id, for instance {example}."
    ),
    "{value} n'est pas un identifiant (nombre entier positif) : corrigez la liste, "
    "par exemple {example}.": (
        "{value} is not an id (a positive whole number): correct the list, for instance {example}."
    ),
    "valeur {value} inconnue : choisissez parmi {choices}.": (
        "unknown value {value}: choose among {choices}."
    ),
    "date invalide « {value} » : écrivez {hint}.": 'invalid date "{value}": write {hint}.',
    "date relative invalide {value} : écrivez {hint}.": (
        "invalid relative date {value}: write {hint}."
    ),
    "date attendue, pas {value} : écrivez {hint}.": (
        "a date is expected, not {value}: write {hint}."
    ),
    '« between » attend deux dates : "value": ["2025-01-01", "2025-06-30"], pas {value}.': (
        '"between" needs two dates: "value": ["2025-01-01", "2025-06-30"], not {value}.'
    ),
    "la première date de « between » est après la seconde : inversez-les.": (
        'the first date of "between" is after the second one: swap them.'
    ),
    "la première date de « between » ({low}) est après la seconde ({high}) : inversez-les.": (
        'the first date of "between" ({low}) is after the second one ({high}): swap them.'
    ),
    '« between » attend deux âges : "value": [25, 40], pas {value}.': (
        '"between" needs two ages: "value": [25, 40], not {value}.'
    ),
    "le minimum ({low}) est plus grand que le maximum ({high}) : écrivez [{high}, {low}].": (
        "the minimum ({low}) is larger than the maximum ({high}): write [{high}, {low}]."
    ),
    "la valeur doit être true ou false, pas {value}.": (
        "the value must be true or false, not {value}."
    ),
    'la valeur doit être une liste de codes pays, par exemple ["FR", "BE"], pas {value}.': (
        'the value must be a list of country codes, for instance ["FR", "BE"], not {value}.'
    ),
    'la liste est vide : indiquez au moins un code pays, par exemple ["FR"].': (
        'the list is empty: enter at least one country code, for instance ["FR"].'
    ),
    "{value} n'est pas un code pays ISO à deux lettres (FR, BE, CH…).": (
        "{value} is not a two-letter ISO country code (FR, BE, CH…)."
    ),
    "le montant doit être un nombre (par exemple 100 ou 99.90), pas {value}.": (
        "the amount must be a number (for instance 100 or 99.90), not {value}."
    ),
    "montant invalide {value}.": "invalid amount {value}.",
    "le montant ne peut pas être négatif ({value}) : indiquez 0 ou plus.": (
        "the amount cannot be negative ({value}): enter 0 or more."
    ),
    "le montant est trop grand ({value}).": "the amount is too large ({value}).",
    "{start}… (un nombre de {digits} chiffres)": "{start}… (a number of {digits} digits)",
    "l'identifiant {value} est trop grand (PrestaShop n'en a pas au-delà de {maximum}) : "
    "corrigez la liste, par exemple {example}.": (
        "the id {value} is too large (PrestaShop has none above {maximum}): fix the list, "
        "for example {example}."
    ),
    "Le fichier {path} imbrique des listes ou des objets sur trop de niveaux : un segment "
    "n'en a que trois (le segment, ses critères, une valeur), corrigez-le.": (
        "The file {path} nests lists or objects too deeply: a segment has only three levels "
        "(the segment, its criteria, a value); fix it."
    ),
    # segment: files
    "Fichier de segment introuvable : {path}. Vérifiez le chemin.": (
        "Segment file not found: {path}. Check the path."
    ),
    "Impossible de lire le fichier de segment {path} : {detail}.": (
        "Cannot read the segment file {path}: {detail}."
    ),
    "Le fichier {path} n'est pas du JSON valide (ligne {line}, colonne {column} : "
    "{detail}) : corrigez-le.": (
        "The file {path} is not valid JSON (line {line}, column {column}: {detail}): correct it."
    ),
    # commands
    "compter les destinataires d'un segment": "count the recipients of a segment",
    "Compte les clients d'un segment (fichier JSON, voir le README) et ce "
    "qu'il advient de chacun : destinataires, sans numéro, numéro invalide, fixe, numéro en "
    "double.": (
        "Counts the customers of a segment (a JSON file, see the README) and "
        "what becomes of each: recipients, no number, invalid number, landline, duplicate "
        "number."
    ),
    "lister les destinataires d'un segment (CSV)": "list the recipients of a segment (CSV)",
    "Écrit un destinataire par ligne au format CSV (number, firstname, lastname, email, "
    "country), numéro au format international sans +.": (
        "Writes one recipient per CSV line (number, firstname, lastname, email, country), "
        "the number in international form without +."
    ),
    "fichier CSV à écrire (par défaut : la sortie standard)": (
        "CSV file to write (default: standard output)"
    ),
    "le fichier du segment": "the segment file",
    "base de la boutique (mysql://…?prefix=ps_ ou sqlite:///…), sinon celle configurée": (
        "the shop database (mysql://…?prefix=ps_ or sqlite:///…), else the configured one"
    ),
    "date du jour à utiliser (par défaut : aujourd'hui dans le fuseau de la boutique)": (
        "the day to count at (default: today in the shop's time zone)"
    ),
    "date invalide : {value} (AAAA-MM-JJ attendu)": "invalid date: {value} (YYYY-MM-DD expected)",
    "Segment « {name} » au {day}": 'Segment "{name}" on {day}',
    "Clients du segment": "Customers in the segment",
    "Destinataires": "Recipients",
    "Sans numéro": "No number",
    "Numéro invalide": "Invalid number",
    "Fixe": "Landline",
    "Numéro en double": "Duplicate number",
    "Liste de suppression": "Suppression list",
    "{n} destinataire écrit dans {path}": "{n} recipient written to {path}",
    "{n} destinataires écrits dans {path}": "{n} recipients written to {path}",
    "Impossible d'écrire {path} : {detail}. Choisissez un autre fichier.": (
        "Cannot write {path}: {detail}. Choose another file."
    ),
    # count: the local copy
    "compter sur la base de la boutique, sans sa copie locale": (
        "count on the shop's database, without its local copy"
    ),
    "compter sur la copie locale de la boutique même si elle est petite (par défaut : "
    "les grandes boutiques seulement)": (
        "count on the shop's local copy even for a small shop (by default: large shops only)"
    ),
    "Première fois sur cette boutique : copie locale de ce que les comptages lisent "
    "(environ une minute par million de clients ; les suivants prennent une seconde)…": (
        "First time on this shop: making a local copy of what counts read (about a minute "
        "per million customers; the next counts take a second)…"
    ),
    "La copie locale de la boutique n'a pas pu être écrite ni lue ({path} : {reason}). "
    "Libérez de la place dans ce dossier, ou comptez sur la boutique avec --live.": (
        "The shop's local copy could not be written or read ({path}: {reason}). Free some "
        "space in that folder, or count on the shop with --live."
    ),
    "construire (ou supprimer) la copie locale sur laquelle les comptages se font": (
        "build (or delete) the local copy counts are made on"
    ),
    "Reconstruit maintenant la copie locale de la boutique (README, « Performance ») : "
    "à lancer la nuit depuis cron pour qu'aucun comptage n'attende la reconstruction "
    "quotidienne. --drop la supprime.": (
        'Rebuilds the shop\'s local copy now (README, "Performance"): run it at night from '
        "cron so that no count waits for the daily rebuild. --drop deletes it."
    ),
    "supprimer la copie": "delete the copy",
    "Copie locale supprimée : {path}": "Local copy deleted: {path}",
    "Copie locale construite en {seconds:.0f} s : {path}": (
        "Local copy built in {seconds:.0f} s: {path}"
    ),
}
