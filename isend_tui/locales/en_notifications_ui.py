"""English for the notification screens, their widgets and the watcher service."""

EN: dict[str, str] = {
    # Envoi de notifications
    "Ajout d'un envoi sur événement": "Add a notification on an event",
    "Modification d'une notification": "Editing a notification",
    "Liste des notifications actives": "Active notifications",
    "Nouvelle": "New",
    "Annuler la modification": "Cancel the edit",
    "Événement(s) : cochez avec Espace": "Event(s): check with Space",
    "Catalogue seul (aucune boutique configurée).": "Catalogue only (no shop configured).",
    "Boutique illisible, catalogue seul : {error}": "Shop unreadable, catalogue only: {error}",
    "4 à 11 lettres sans accent ou chiffres ; vide = émetteur par défaut du Paramétrage au "
    "moment de l'envoi.": (
        "4 to 11 unaccented letters or digits; empty = the default sender of Settings at "
        "sending time."
    ),
    "Enregistrer (Ctrl+S)": "Save (Ctrl+S)",
    "Nouvelle (Ctrl+N)": "New (Ctrl+N)",
    "Entrée : modifier · Espace : activer/désactiver · Suppr : supprimer": (
        "Enter: edit · Space: enable/disable · Del: delete"
    ),
    "règle n°{id} ({state})": "rule #{id} ({state})",
    "Aucun événement coché.": "No event checked.",
    "1 événement : {label}. Son texte par défaut est proposé, modifiable.": (
        "1 event: {label}. Its default text is proposed; edit it at will."
    ),
    "{n} événements : ce texte sera utilisé pour chacun (variables communes seulement). "
    "Videz-le pour reprendre le texte par défaut de chacun.": (
        "{n} events: this text will be used for each (shared variables only). Empty it to "
        "go back to each event's default text."
    ),
    "{n} événements : chacun recevra son propre texte par défaut. Écrivez un texte ici pour "
    "l'utiliser pour tous.": (
        "{n} events: each gets its own default text. Write a text here to use it for all."
    ),
    "Textes par défaut : jusqu'à {parts} SMS par destinataire.": (
        "Default texts: up to {parts} SMS per recipient."
    ),
    "Avec des valeurs d'exemple : {chars} caractères, {parts} SMS par destinataire.": (
        "With sample values: {chars} characters, {parts} SMS per recipient."
    ),
    "Modification de la règle n°{id} : {event}. Ctrl+S enregistre, Échap annule.": (
        "Editing rule #{id}: {event}. Ctrl+S saves, Esc cancels."
    ),
    "Modification annulée.": "Edit cancelled.",
    "Cochez au moins un événement (Espace dans la liste).": (
        "Check at least one event (Space in the list)."
    ),
    "Notification enregistrée : {event}.": "Notification saved: {event}.",
    "{n} notifications enregistrées.": "{n} notifications saved.",
    "Notification n°{id} modifiée : {event}.": "Notification #{id} changed: {event}.",
    "Notification activée : {event}.": "Notification enabled: {event}.",
    "Notification désactivée : {event} (plus aucun SMS).": (
        "Notification disabled: {event} (no more SMS)."
    ),
    "Supprimer la notification": "Delete the notification",
    "Supprimer la notification n°{id} ?": "Delete notification #{id}?",
    "Les SMS déjà envoyés restent dans l'État des notifications.": (
        "SMS already sent stay in Notification status."
    ),
    "Notification supprimée : {event}.": "Notification deleted: {event}.",
    "Supprimer": "Delete",
    # Event picker and rules table
    "Vers la liste": "To the list",
    "Filtrer (ex. expédié, client, paiement)": "Filter (e.g. expédié, client, paiement)",
    "{shown} sur {total} · {checked} coché": "{shown} of {total} · {checked} checked",
    "{shown} sur {total} · {checked} cochés": "{shown} of {total} · {checked} checked",
    "indisponible : {reason}": "unavailable: {reason}",
    "Activer/désactiver": "Enable/disable",
    "Modifier": "Edit",
    "Active": "Enabled",
    "Événement": "Event",
    "Texte": "Text",
    "défaut ({sender})": "default ({sender})",
    "compte": "account",
    # État des notifications
    "Les {n} dernières notifications": "The last {n} notifications",
    "{n} affichée": "{n} shown",
    "{n} affichées": "{n} shown",
    "aucune notification": "no notification",
    "Tous les événements": "All events",
    "Tous les codes": "All codes",
    "autres états": "other states",
    "code {code}": "code {code}",
    "ID": "ID",
    "Date de création": "Created",
    "Numéro de portable": "Mobile number",
    "Code retour": "Return code",
    "Détail": "Detail",
    "État": "State",
    "Envoyé le": "Sent at",
    "Essais": "Attempts",
    "Prochain essai": "Next attempt",
    "Commande (id)": "Order (id)",
    "Client (id)": "Customer (id)",
    "Destinataire": "Recipient",
    "Encodage": "Encoding",
    "Règle": "Rule",
    "Mis à jour le": "Updated at",
    "Message :": "Message:",
    "Texte de la règle :": "Rule text:",
    "défaut du compte": "account default",
    "Notification n°{id}": "Notification #{id}",
    "Échap : fermer": "Esc: close",
    "Actualiser": "Refresh",
    "Entrée : détail · ←→ : défiler · Maj+Tab : filtres": (
        "Enter: detail · ←→: scroll · Shift+Tab: filters"
    ),
    "Lecture de l'historique impossible : voir le journal.": (
        "Could not read the history: see the log."
    ),
    # Watcher service
    "pas encore démarré.": "not started yet.",
    "arrêté.": "stopped.",
    "aucune boutique configurée (renseignez-la dans Paramétrage, F2).": (
        "no shop configured (set it in Settings, F2)."
    ),
    "Watcher : démarrage…": "Watcher: starting…",
    "Watcher arrêté : {reason}": "Watcher stopped: {reason}",
    "Watcher en erreur : {reason}": "Watcher error: {reason}",
    "Watcher en marche": "Watcher running",
    "dernier passage {time}": "last poll {time}",
    "{sent} SMS envoyé depuis l'ouverture": "{sent} SMS sent since opening",
    "{sent} SMS envoyés depuis l'ouverture": "{sent} SMS sent since opening",
    "{n} non envoyé": "{n} not sent",
    "{n} non envoyés": "{n} not sent",
    "Le watcher tourne déjà dans un autre processus (PID {pid}).": (
        "The watcher is already running in another process (PID {pid})."
    ),
    "Le watcher tourne déjà dans un autre processus.": (
        "The watcher is already running in another process."
    ),
    "L'historique affiche ce qu'il envoie.": "The history shows what it sends.",
    "Notifications": "Notifications",
    "erreur inattendue ({error}), détails dans le journal.": (
        "unexpected error ({error}), details in the log."
    ),
    "Régler l'incertaine": "Settle uncertain",
    "Vérification dans le rapport iSendPro…": "Checking iSendPro's report…",
    "Placez le curseur sur une notification incertaine (?) pour la régler.": (
        "Put the cursor on an uncertain notification (?) to settle it."
    ),
}
