"""English for the settings checks, the secrets file and `settings set`."""

EN: dict[str, str] = {
    "Le réglage {name} enregistré est invalide ({problem}) : sa valeur par défaut ({default}) "
    "s'applique jusqu'à ce que vous le corrigiez.": (
        "The saved setting {name} is invalid ({problem}): its default value ({default}) "
        "applies until you correct it."
    ),
    "Type de base : mysql (MySQL ou MariaDB) ou sqlite.": (
        "Database type: mysql (MySQL or MariaDB) or sqlite."
    ),
    "Chemin complet du fichier SQLite attendu, par exemple /var/lib/boutique.sqlite3 (un "
    "chemin relatif dépendrait du dossier où la commande est lancée).": (
        "The full path of the SQLite file is expected, for example /var/lib/shop.sqlite3 (a "
        "relative path would depend on the folder the command is run from)."
    ),
    "La passerelle {host} doit être jointe en https:// : en http:// le keyid voyagerait en "
    "clair (http:// n'est accepté que pour le bac à sable local).": (
        "The gateway {host} must be reached over https://: over http:// the keyid would "
        "travel in clear (http:// is accepted only for the local sandbox)."
    ),
    "La plage d'envoi marketing est vide : elle commence à {start} et finit à {end}. Le "
    "début doit précéder la fin.": (
        "The marketing sending window is empty: it starts at {start} and ends at {end}. The "
        "start must come before the end."
    ),
    "Nombre entier entre {low} et {high} attendu.": "A whole number from {low} to {high}.",
    "Le fichier des secrets {path} ne peut pas être lu : rien n'a été enregistré. Rendez-le "
    "lisible (chmod 600 et propriétaire : vous) puis recommencez.": (
        "The secrets file {path} cannot be read: nothing was saved. Make it readable (chmod "
        "600, owned by you) and try again."
    ),
    "Un secret (keyid, shop_password) se donne de préférence sans le taper dans la commande "
    ": « - » le lit sur l'entrée standard, --from-file dans un fichier, et sans valeur il est "
    "demandé sans écho. Tapé dans la commande, il reste dans l'historique du shell et se voit "
    "dans la liste des processus.": (
        "Give a secret (keyid, shop_password) without typing it in the command: '-' reads it "
        "from standard input, --from-file from a file, and without a value it is asked for "
        "without echo. Typed in the command, it stays in the shell's history and shows in the "
        "process list."
    ),
    "nouvelle valeur ; « - » : lue sur l'entrée standard": (
        "new value; '-': read from standard input"
    ),
    "FICHIER": "FILE",
    "lit la valeur dans ce fichier (sa première ligne)": (
        "read the value from this file (its first line)"
    ),
    "Donnez la valeur ou --from-file, pas les deux.": "Give the value or --from-file, not both.",
    "{name} (saisie masquée) : ": "{name} (hidden input): ",
    "isend-tui : attention, un secret tapé dans la commande reste dans l'historique du shell "
    "; la prochaine fois : settings set {name} (sans valeur) ou --from-file.": (
        "isend-tui: careful, a secret typed in the command stays in the shell's history; next "
        "time: settings set {name} (without a value) or --from-file."
    ),
    "oui ou non": "yes or no",
    "un nombre": "a number",
    "Valeur manquante : settings set {name} VALEUR.": "Missing value: settings set {name} VALUE.",
    "Impossible de lire {path} ({reason}).": "Cannot read {path} ({reason}).",
    "{name} : valeur « {value} » invalide ({expected} attendu).": (
        "{name}: invalid value '{value}' ({expected} expected)."
    ),
    "{path} est un dossier : donnez un nom de fichier, par exemple {example}.": (
        "{path} is a folder: give a file name, for example {example}."
    ),
    "base de la boutique (mysql://…?prefix=ps_ ou sqlite:///…), sinon ISEND_TUI_SHOP_DB ou "
    "les réglages ; sans mot de passe de préférence": (
        "the shop's database (mysql://…?prefix=ps_ or sqlite:///…), else ISEND_TUI_SHOP_DB or "
        "the settings; preferably without a password"
    ),
    "lit l'adresse de la base (mot de passe compris) dans ce fichier": (
        "read the database's address (password included) from this file"
    ),
    "{path} ne contient pas d'adresse de base (mysql://… ou sqlite:///…).": (
        "{path} holds no database address (mysql://… or sqlite:///…)."
    ),
    "Délai en secondes, entre 1 et 3600.": "A delay in seconds, from 1 to 3600.",
    "{name} : un nombre de secondes entre 1 et {max} est attendu.": (
        "{name}: a number of seconds from 1 to {max} is expected."
    ),
    "{name} n'est pas un nombre": "{name} is not a number",
    "Le serveur MySQL {where} ne répond plus (délai d'attente dépassé) : il est peut-être "
    "surchargé ou injoignable. Rien n'a été modifié ; réessayez, ou allongez le délai "
    "(réglage shop_read_timeout).": (
        "The MySQL server {where} stopped answering (timeout): it may be overloaded or "
        "unreachable. Nothing was changed; try again, or allow more time (setting "
        "shop_read_timeout)."
    ),
}
