"""English for the marketing screen, its widgets and the campaign runner."""

EN: dict[str, str] = {
    "Connexion réussie : PrestaShop {version}, boutique « {name} », {customers} clients "
    "actifs, fuseau {zone}.": (
        "Connected: PrestaShop {version}, shop '{name}', {customers} active customers, "
        "time zone {zone}."
    ),
    "Donnez un nom à la sélection.": "Give the selection a name.",
    "Aucune sélection ne s'appelle « {name} ».": "No selection is called '{name}'.",
    "Lot {id} traité.": "Batch {id} settled.",
    "Campagne {id} : {sent} envoyés, {uncertain} incertains à vérifier (État des campagnes).": (
        "Campaign {id}: {sent} sent, {uncertain} uncertain to check (Campaign status)."
    ),
    "Campagne {id} : {state}, {sent} SMS envoyés.": "Campaign {id}: {state}, {sent} SMS sent.",
    "Répertoire exporté : {added} contacts ajoutés, {failed} échecs.": (
        "Directory exported: {added} contacts added, {failed} failures."
    ),
    "La campagne {id} est déjà en cours.": "Campaign {id} is already running.",
    "Envoyer un test : choisissez le destinataire": "Send a test: choose the recipient",
    "Son message personnalisé sera envoyé au mobile de l'administrateur.": (
        "Their personalised message will be sent to the administrator's mobile."
    ),
    "{n} SMS": "{n} SMS",
    "La campagne {id} « {label} » a été interrompue.": "Campaign {id} '{label}' was interrupted.",
    "Destinataires restant à envoyer : {n}.": "Recipients still to send: {n}.",
    "{n} lot au résultat incertain : il ne sera pas renvoyé sans votre choix (État des "
    "campagnes).": (
        "{n} batch with an uncertain outcome: it will not be sent again without your "
        "decision (Campaign status)."
    ),
    "{n} lots au résultat incertain : ils ne seront pas renvoyés sans votre choix (État des "
    "campagnes).": (
        "{n} batches with an uncertain outcome: they will not be sent again without your "
        "decision (Campaign status)."
    ),
    "Reprendre l'envoi maintenant ?": "Resume sending now?",
    "Campagne interrompue": "Interrupted campaign",
    "Reprendre": "Resume",
    "Ajouter un critère": "Add a criterion",
    "Votre message": "Your message",
    "Émetteur": "Sender",
    "4 à 11 lettres sans accent ou chiffres, pas uniquement des chiffres ; vide = émetteur par "
    "défaut du compte (sans mention STOP ajoutée).": (
        "4 to 11 unaccented letters or digits, not only digits; empty = the account's default "
        "sender (no STOP mention added)."
    ),
    "nom du client": "customer's last name",
    "prénom du client": "customer's first name",
    "e-mail du client": "customer's e-mail",
    "Le nombre de SMS est donné pour le texte tapé ; après fusion des variables, le total réel "
    "est montré avant tout envoi.": (
        "The SMS count is for the text as typed; after merging the variables, the real total "
        "is shown before anything is sent."
    ),
    "Actions": "Actions",
    "Libellé de la campagne": "Campaign label",
    "par défaut : date et segment": "default: date and segment",
    "Compter les destinataires": "Count the recipients",
    "Envoyer un test": "Send a test",
    "Envoyer votre campagne immédiatement": "Send your campaign now",
    "Envoyer votre campagne à la date suivante (heure de Paris)": (
        "Send your campaign at this date (Paris time)"
    ),
    "Exporter répertoire vers iSendPro Telecom": "Export a directory to iSendPro Telecom",
    "nom du répertoire": "directory name",
    "Journal d'envoi": "Sending log",
    "Aucune boutique configurée : renseignez la base dans Paramétrage (F2).": (
        "No shop configured: enter its database in Settings (F2)."
    ),
    "Comptage…": "Counting…",
    "Émetteur : {problem}": "Sender: {problem}",
    "Donnez un nom au répertoire à créer sur votre compte iSendPro.": (
        "Give a name to the directory to create in your iSendPro account."
    ),
    "Export : {name}": "Export: {name}",
    "Le message est vide : écrivez-le dans l'onglet Message.": (
        "The message is empty: write it in the Message tab."
    ),
    "Exporter le répertoire": "Export the directory",
    "Exporter": "Export",
    "Destinataires : {n}": "Recipients: {n}",
    "{n} destinataires ({excluded} clients exclus)": (
        "{n} recipients ({excluded} customers excluded)"
    ),
    "Envoi impossible": "Cannot send",
    "Compris": "OK",
    "Les SMS marketing ne partent pas en dehors de la plage autorisée. Programmer l'envoi au "
    "{slot} (heure de Paris) ?": (
        "Marketing SMS are not sent outside the allowed hours. Schedule the send for {slot} "
        "(Paris time)?"
    ),
    "Un envoi programmé ne peut plus être annulé (l'API ne le permet pas).": (
        "A scheduled send cannot be cancelled afterwards (the API does not allow it)."
    ),
    "Hors plage d'envoi": "Outside sending hours",
    "sans numéro": "no number",
    "numéro invalide": "invalid number",
    "Programmer la campagne": "Schedule the campaign",
    "Envoyer la campagne": "Send the campaign",
    "Programmer": "Schedule",
    "Envoyer": "Send",
    "fixe": "landline",
    "Campagne {id} abandonnée : rien n'a été envoyé.": "Campaign {id} dropped: nothing was sent.",
    "numéro en double": "duplicate number",
    "liste de suppression": "suppression list",
    "Aucun destinataire dans cette sélection pour composer le test.": (
        "No recipient in this selection to compose the test."
    ),
    "exclus : {details}": "excluded: {details}",
    "SMS de test envoyé au {number}.": "Test SMS sent to {number}.",
    "Sélection « {name} » enregistrée ({path}).": "Selection '{name}' saved ({path}).",
    "Aucune sélection enregistrée (Ctrl+S pour en enregistrer une).": (
        "No saved selection (Ctrl+S to save one)."
    ),
    "Sélection « {name} » chargée.": "Selection '{name}' loaded.",
    "Compter": "Count",
    "Enregistrer la sélection": "Save the selection",
    "Ouvrir une sélection": "Open a selection",
    "Sélection": "Selection",
    "Sélection sans nom": "Unnamed selection",
    "Message": "Message",
    "Retirer le critère": "Remove the criterion",
    "Liste d'exclusion": "Suppression list",
    "Liste d'exclusion (jamais de SMS marketing)": "Suppression list (never any marketing SMS)",
    "Numéro à exclure (Entrée pour l'ajouter)": "Number to exclude (Enter to add it)",
    "note (origine de la demande)": "note (where the request came from)",
    "Numéros exclus": "Excluded numbers",
    "Retirer le numéro": "Remove the number",
    "Importer la liste noire iSendPro": "Import the iSendPro blacklist",
    "Ajouté le": "Added on",
    "Origine": "Origin",
    "Note": "Note",
    "{n} numéro": "{n} number",
    "{n} numéros": "{n} numbers",
    "✓ {number} ajouté à la liste d'exclusion.": "✓ {number} added to the suppression list.",
    "Retirer {number} de la liste d'exclusion ? Il pourra de nouveau recevoir vos SMS marketing.": (
        "Remove {number} from the suppression list? It will receive your marketing SMS again."
    ),
    "✓ {number} retiré de la liste d'exclusion.": "✓ {number} removed from the suppression list.",
    "Lecture de la liste noire du compte iSendPro…": "Reading the iSendPro account's blacklist…",
    "Envoi": "Send",
    "Votre sélection de destinataires": "Your selection of recipients",
    "Tous les clients actifs (ajoutez des critères avec Ctrl+N).": (
        "All active customers (add criteria with Ctrl+N)."
    ),
    "Envoi de SMS marketing": "Marketing SMS",
    "Nom de la sélection (Entrée pour enregistrer, Échap pour annuler)": (
        "Selection name (Enter to save, Escape to cancel)"
    ),
    "oui": "yes",
    "non": "no",
    "hommes": "men",
    "femmes": "women",
    "les deux": "both",
    "professionnels": "professionals",
    "particuliers": "individuals",
    "entre": "between",
    "âge (ans)": "age (years)",
    "âge max": "max age",
    "AAAA-MM-JJ, JJ/MM/AAAA, 6 mois ou 30 jours": "YYYY-MM-DD, DD/MM/YYYY, 6 months or 30 days",
    "{n} mois": "{n} months",
    "{n} jours": "{n} days",
    "date illisible « {text} » : écrivez 2025-01-31, 31/01/2025, 6 mois ou 30 jours.": (
        'unreadable date "{text}": write 2025-01-31, 31/01/2025, 6 months or 30 days.'
    ),
    "nombre de commandes": "number of orders",
    "montant (€)": "amount (€)",
    "depuis (mois)": "over the last (months)",
    "Abonné newsletter": "Newsletter subscriber",
    "Âge": "Age",
    "Boutique": "Shop",
    "Date dernière commande": "Last order date",
    "Date inscription": "Registration date",
    "Genre": "Gender",
    "Groupe": "Group",
    "Nombre de commandes": "Number of orders",
    "Pays": "Country",
    "Somme des commandes": "Sum of orders",
    "Statut": "Status",
    "avant le": "before",
    "après le": "after",
    "entre le": "between",
    "il y a plus de": "more than … ago",
    "il y a moins de": "less than … ago",
    "Retirer": "Remove",
    "Plus de 6 SMS ({parts}) : raccourcissez le message.": (
        "More than 6 SMS ({parts}): shorten the message."
    ),
    "« {char} » car. {pos}": "'{char}' char. {pos}",
    "Hors GSM-7 (passe le SMS en UCS-2) : {chars}{more} — Ctrl+R remplace": (
        "Not GSM-7 (turns the SMS into UCS-2): {chars}{more} — Ctrl+R replaces"
    ),
    "Caractères hors GSM-7 remplacés.": "Non-GSM-7 characters replaced.",
    "{n} SMS par destinataire": "{n} SMS per recipient",
    "{chars} caractères · {encoding} · {parts}": "{chars} characters · {encoding} · {parts}",
    "mention STOP incluse ({n} car.)": "STOP mention included ({n} char.)",
    "Insérer une variable": "Insert a variable",
    "Remplacer hors GSM": "Replace non-GSM",
    "Variable": "Variable",
    "Texte du SMS": "SMS text",
}
