"""English for the core: CLI, paths, config, account."""

EN: dict[str, str] = {
    "dossier des données (remplace ISEND_TUI_HOME et les dossiers par défaut)": (
        "data directory (overrides ISEND_TUI_HOME and the default directories)"
    ),
    "journal sur stderr": "also log to stderr",
    "SMS marketing et notifications de commande pour PrestaShop, via iSendPro. "
    "Sans sous-commande : ouvre l'application plein écran.": (
        "Marketing SMS and order notifications for PrestaShop, through iSendPro. "
        "Without a sub-command: opens the full-screen application."
    ),
    "démarre sur une boutique de démonstration et le bac à sable, sans compte": (
        "starts on a demo shop and the sandbox gateway, no account needed"
    ),
    "isend-tui : interrompu.": "isend-tui: interrupted.",
    "isend-tui : erreur inattendue, détails dans {log}": (
        "isend-tui: unexpected error, details in {log}"
    ),
    "Le dossier {path} n'est pas accessible en écriture ({reason}). Donnez-vous les droits "
    "dessus ou choisissez un autre dossier avec --data-dir.": (
        "The directory {path} cannot be written ({reason}). Give yourself the rights on it or "
        "choose another directory with --data-dir."
    ),
    "Votre keyid a été mis à jour.": "Your keyid has been updated.",
    "Votre keyid est valide.": "Your keyid is valid.",
    "Vous pouvez envoyer {n} SMS en France (crédit : {credit}).": (
        "You can send {n} SMS to France (credit: {credit})."
    ),
    "Aucun keyid n'est enregistré : saisissez-le dans Paramétrage ou définissez "
    "ISEND_TUI_KEYID. Il se trouve dans Mon compte > Mon API sur isendpro.com.": (
        "No keyid is saved: enter it in Settings or set ISEND_TUI_KEYID. You will find it "
        "under My account > My API on isendpro.com."
    ),
    "Créditer votre compte : {url}": "Top up your account: {url}",
    "Créer un compte : {url}": "Create an account: {url}",
    "Le keyid est vide : copiez-le depuis Mon compte > Mon API sur isendpro.com.": (
        "The keyid is empty: copy it from My account > My API on isendpro.com."
    ),
    "Le keyid ne doit contenir que des lettres et des chiffres (16 à 64 caractères) : "
    "vérifiez le copier-coller depuis Mon compte > Mon API.": (
        "The keyid contains only letters and digits (16 to 64 characters): check what you "
        "pasted from My account > My API."
    ),
    "Adresse de la passerelle invalide : elle doit commencer par https:// (ou http:// pour le "
    "bac à sable), par exemple {url}.": (
        "Invalid gateway address: it must start with https:// (or http:// for the sandbox), "
        "for example {url}."
    ),
    "Le port doit être un nombre entre 1 et 65535 (3306 pour MySQL).": (
        "The port is a number between 1 and 65535 (3306 for MySQL)."
    ),
    "Indiquez le nom ou l'adresse IP du serveur MySQL, par exemple 127.0.0.1.": (
        "Enter the MySQL server's name or IP address, for example 127.0.0.1."
    ),
    "Le préfixe des tables ne contient que des lettres, chiffres et _ (par défaut ps_).": (
        "The table prefix contains only letters, digits and _ (ps_ by default)."
    ),
    "Indiquez le nom de la base de données de la boutique (lettres, chiffres, _).": (
        "Enter the name of the shop's database (letters, digits, _)."
    ),
    "Heure au format HH:MM, par exemple 08:00.": "A time as HH:MM, for example 08:00.",
    "Nombre entier positif attendu.": "A positive whole number is expected.",
    "La plage d'envoi marketing ne commence pas avant 08:00.": (
        "The marketing sending window cannot start before 08:00."
    ),
    "La plage d'envoi marketing finit au plus tard à 22:00.": (
        "The marketing sending window ends at 22:00 at the latest."
    ),
    "Liste de jours de 0 (lundi) à 6 (dimanche), par exemple 0,1,2,3,4,5.": (
        "A list of days from 0 (Monday) to 6 (Sunday), for example 0,1,2,3,4,5."
    ),
    "Intervalle en secondes, entre 0.5 et 3600 (2 par défaut).": (
        "An interval in seconds, between 0.5 and 3600 (2 by default)."
    ),
    "Le fichier des secrets {path} est lisible par d'autres utilisateurs (mode {mode}). "
    "Corrigez avec : chmod 600 {path}": (
        "The secrets file {path} is readable by other users (mode {mode}). "
        "Fix it with: chmod 600 {path}"
    ),
    "Le fichier des secrets {path} ne peut pas être lu (droits). Le keyid et le mot de passe "
    "de la boutique sont ignorés : corrigez les droits du fichier.": (
        "The secrets file {path} cannot be read (permissions). The keyid and the shop password "
        "are ignored: fix the file's permissions."
    ),
    "Le fichier des secrets {path} est illisible ({reason}). Il est laissé tel quel ; "
    "ressaisissez le keyid et le mot de passe de la boutique (l'ancien fichier sera conservé "
    "à côté).": (
        "The secrets file {path} is unreadable ({reason}). It is left as it is; enter the keyid "
        "and the shop password again (the old file will be kept next to the new one)."
    ),
    "Aucune base de boutique n'est configurée : renseignez-la dans Paramétrage, ou passez "
    "--shop-db mysql://utilisateur:motdepasse@hôte:3306/base?prefix=ps_": (
        "No shop database is configured: set it in Settings, or pass "
        "--shop-db mysql://user:password@host:3306/database?prefix=ps_"
    ),
    "La base locale {path} ne peut pas être écrite ({reason}). Vérifiez les droits du dossier "
    "ou choisissez-en un autre avec --data-dir.": (
        "The local database {path} cannot be written ({reason}). Check the directory's "
        "permissions or choose another one with --data-dir."
    ),
    "La base locale {path} est illisible ({reason}). Déplacez ce fichier pour en créer une "
    "nouvelle (vos réglages devront être ressaisis) ou restaurez une sauvegarde.": (
        "The local database {path} is unreadable ({reason}). Move this file away to create a "
        "new one (your settings will have to be entered again) or restore a backup."
    ),
    "La base locale a été créée par une version plus récente d'isend-tui (schéma {found}, "
    "cette version connaît {known}). Mettez isend-tui à jour.": (
        "The local database was created by a newer isend-tui (schema {found}, this version "
        "knows {known}). Update isend-tui."
    ),
    "Langue inconnue « {language} » : choisissez fr ou en (--lang fr|en).": (
        "Unknown language '{language}': choose fr or en (--lang fr|en)."
    ),
    # commands/settings.py
    "vérifie le keyid et affiche le crédit du compte iSendPro": (
        "checks the keyid and shows the iSendPro account's credit"
    ),
    "sortie JSON": "JSON output",
    "affiche ou modifie les réglages": "shows or changes the settings",
    "affiche les réglages": "shows the settings",
    "modifie un réglage": "changes a setting",
    "nom du réglage (voir settings show)": "setting name (see settings show)",
    "nouvelle valeur": "new value",
    " (environnement)": " (environment)",
    "Réglage inconnu « {name} ». Réglages possibles : {names}.": (
        "Unknown setting '{name}'. Possible settings: {names}."
    ),
    "{name} : valeur « {value} » invalide ({kind} attendu).": (
        "{name}: invalid value '{value}' ({kind} expected)."
    ),
    "{name} est fixé par une variable d'environnement dans ce shell : retirez-la pour "
    "enregistrer une valeur.": (
        "{name} is set by an environment variable in this shell: remove it to save a value."
    ),
    "{name} enregistré : {value}": "{name} saved: {value}",
    "Langue de l'interface : fr (français) ou en (anglais).": (
        "Interface language: fr (French) or en (English)."
    ),
    "isend-tui : le disque est plein ({path}). Libérez de la place puis relancez : ce qui "
    "était enregistré est conservé, et un envoi interrompu se reprend (campaign resume).": (
        "isend-tui: the disk is full ({path}). Free some space and run again: what was saved "
        "is kept, and an interrupted send can be resumed (campaign resume)."
    ),
    "{n} fichier ou dossier de données était lisible par d'autres utilisateurs : il ne l'est "
    "plus (lecture par vous seul).": (
        "{n} data file or folder was readable by other users: it no longer is (readable by "
        "you only)."
    ),
    "{n} fichiers ou dossiers de données étaient lisibles par d'autres utilisateurs : ils ne "
    "le sont plus (lecture par vous seul).": (
        "{n} data files or folders were readable by other users: they no longer are (readable "
        "by you only)."
    ),
    "affiche la version et quitte": "show the version and exit",
    "Crédit disponible : {credit}.": "Available credit: {credit}.",
}
