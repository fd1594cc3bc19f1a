"""English for the terminal UI."""

EN: dict[str, str] = {
    # sections (the seed module's menu)
    "Paramétrage": "Settings",
    "Menu": "Menu",
    # app
    "Aide": "Help",
    "Quitter": "Quit",
    "SMS pour PrestaShop": "SMS for PrestaShop",
    " · démonstration": " · demo",
    "Aller à la section {name} ({key})": "Go to the {name} section ({key})",
    "Touches et sections (F1)": "Keys and sections (F1)",
    # help
    "Touche": "Key",
    "Action": "Action",
    "champ suivant / précédent": "next / previous field",
    "Entrée": "Enter",
    "valider, ouvrir": "confirm, open",
    "enregistrer le formulaire": "save the form",
    "palette de commandes": "command palette",
    "cette aide": "this help",
    "quitter": "quit",
    "Échap": "Escape",
    "fermer une fenêtre, annuler": "close a window, cancel",
    "Le pied de page liste les touches de l'écran courant. Les confirmations se répondent "
    "avec o (oui) / n (non) ou Échap.": (
        "The footer lists the current screen's keys. Confirmations are answered with "
        "o or y (yes) / n (no) or Escape."
    ),
    "Fermer": "Close",
    # confirm
    "Oui": "Yes",
    "Non": "No",
    "Annuler": "Cancel",
    "Non (n)": "No (n)",
    # form
    "À corriger avant d'enregistrer : {fields}.": "To fix before saving: {fields}.",
    # settings screen
    "Enregistrer": "Save",
    "Tester la boutique": "Test the shop",
    "Vos paramètres iSendPro": "Your iSendPro settings",
    "Votre keyid": "Your keyid",
    "Entrez la keyid fournie dans Mon compte > Mon API sur isendpro.com": (
        "Enter the keyid shown under My account > My API on isendpro.com"
    ),
    "Émetteur par défaut": "Default sender",
    "4 à 11 caractères, lettres sans accent et chiffres, pas uniquement des chiffres. "
    "Il doit identifier votre boutique.": (
        "4 to 11 characters, unaccented letters and digits, not only digits. "
        "It must identify your shop."
    ),
    "Téléphone mobile de l'administrateur": "Administrator's mobile phone",
    "Reçoit les notifications destinées à l'administrateur.": (
        "Receives the notifications meant for the administrator."
    ),
    "Passerelle SMS": "SMS gateway",
    "L'API iSendPro, ou l'adresse du bac à sable pour essayer.": (
        "The iSendPro API, or the sandbox's address to try things out."
    ),
    "Langue de l'interface": "Interface language",
    "Infos compte": "Account",
    "Base de données de la boutique": "Shop database",
    "Type de base": "Database type",
    "SQLite (démonstration)": "SQLite (demo)",
    "Hôte": "Host",
    "Port": "Port",
    "Utilisateur (droit SELECT suffisant)": "User (SELECT privilege is enough)",
    "Mot de passe": "Password",
    "Base de données": "Database",
    "Fichier SQLite": "SQLite file",
    "Préfixe des tables": "Table prefix",
    "ps_ par défaut.": "ps_ by default.",
    "Défini par la variable {var} : modifiez-la pour changer.": (
        "Set by the {var} variable: change it there."
    ),
    "Aucun keyid enregistré : saisissez-le puis enregistrez.": (
        "No keyid saved: enter it, then save."
    ),
    "Vérification du keyid…": "Checking the keyid…",
    "Réglages enregistrés.": "Settings saved.",
    "Le keyid enregistré auparavant est conservé.": "The keyid saved before is kept.",
    "Plage d'envoi et surveillance": "Sending window and watching",
    "Jours d'envoi des SMS marketing": "Days marketing SMS may be sent",
    "0 = lundi … 6 = dimanche. Jamais les jours fériés.": (
        "0 = Monday … 6 = Sunday. Never on public holidays."
    ),
    "Début de la plage d'envoi marketing (heure de Paris)": (
        "Start of the marketing sending window (Paris time)"
    ),
    "08:00 au plus tôt.": "08:00 at the earliest.",
    "Fin de la plage d'envoi marketing (heure de Paris)": (
        "End of the marketing sending window (Paris time)"
    ),
    "20:00 d'usage, 22:00 au plus tard.": "20:00 is customary, 22:00 at the latest.",
    "Intervalle de surveillance des notifications (secondes)": (
        "Notification watch interval (seconds)"
    ),
    "Le compte iSendPro a le droit « nostop » (sans mention STOP)": (
        "The iSendPro account has the “nostop” right (no STOP mention)"
    ),
    "Réglages non enregistrés : écriture impossible dans {path} ({reason}). "
    "Libérez de la place ou rendez ce dossier accessible en écriture.": (
        "Settings not saved: cannot write in {path} ({reason}). Free some space or make "
        "that folder writable."
    ),
    "La langue choisie s'applique au prochain démarrage.": (
        "The chosen language applies from the next start."
    ),
    "Connexion à la boutique…": "Connecting to the shop…",
    # a worker that failed unexpectedly (ui/shell/worker_errors.py)
    "Erreur inattendue dans « {where} » : l'opération n'a pas abouti. Détails dans le "
    "journal {path}": (
        "Unexpected error in “{where}”: the operation did not complete. Details in the log {path}"
    ),
    "Campagnes interrompues": "Interrupted campaigns",
    "Préparation des écrans": "Preparing the screens",
    "Détails de la campagne": "Campaign details",
}
