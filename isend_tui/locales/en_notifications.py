"""English for event notifications (isend_tui/notifications, commands/notifications.py)."""

EN: dict[str, str] = {
    # errors
    "Le texte du SMS est vide : écrivez le message à envoyer.": (
        "The SMS text is empty: write the message to send."
    ),
    "Événement inconnu « {key} » : la commande « isend-tui notifications events » liste "
    "les événements possibles.": (
        'Unknown event "{key}": the command "isend-tui notifications events" lists the '
        "possible events."
    ),
    "Le texte fait {parts} SMS : {max} au maximum chez iSendPro. Raccourcissez-le.": (
        "The text takes {parts} SMS: {max} at most with iSendPro. Shorten it."
    ),
    "Aucune règle de notification n°{id} : « isend-tui notifications rules list » affiche "
    "les règles existantes.": (
        'No notification rule #{id}: "isend-tui notifications rules list" shows the existing rules.'
    ),
    "Une règle existe déjà pour « {event} » (n°{id}) : modifiez-la ou supprimez-la plutôt "
    "que d'en créer une seconde (deux SMS partiraient).": (
        'A rule already exists for "{event}" (#{id}): edit or delete it rather than create '
        "a second one (two SMS would be sent)."
    ),
    "L'événement « {key} » demande un état de commande : écrivez {key}:ID, l'id de l'état "
    "(voir « isend-tui notifications events »).": (
        'The event "{key}" needs an order state: write {key}:ID, the id of the state (see '
        '"isend-tui notifications events").'
    ),
    "Aucune notification n°{id} dans le journal.": "No notification #{id} in the log.",
    "Un autre watcher tourne déjà sur ce dossier de données (PID {pid}, verrou {path}) : "
    "arrêtez-le (kill {pid}) ou utilisez-le au lieu d'en lancer un second.": (
        "Another watcher already runs on this data directory (PID {pid}, lock {path}): stop "
        "it (kill {pid}) or use it instead of starting a second one."
    ),
    "Un autre watcher tourne déjà sur ce dossier de données (verrou {path}) : arrêtez-le "
    "avant d'en lancer un second.": (
        "Another watcher already runs on this data directory (lock {path}): stop it before "
        "starting a second one."
    ),
    "Cette boutique n'a pas l'état {key} (absent de sa configuration).": (
        "This shop has no state {key} (missing from its configuration)."
    ),
    # states and codes of the log
    "en attente d'un numéro": "waiting for a number",
    "à envoyer": "to send",
    "envoi en cours": "sending",
    "envoyé": "sent",
    "refusé par iSendPro": "refused by iSendPro",
    "nouvel essai prévu": "retry planned",
    "non envoyé": "not sent",
    "incertain": "uncertain",
    "accepté": "accepted",
    "pas de numéro de mobile": "no mobile number",
    "numéro invalide": "invalid number",
    "pas de téléphone administrateur": "no admin phone",
    "règle désactivée": "rule disabled",
    "erreur de la passerelle": "gateway error",
    "variable inconnue": "unknown variable",
    "message trop long": "message too long",
    "envoi incertain": "uncertain send",
    "données introuvables": "data not found",
    # recipients
    "Aucun numéro de téléphone sur les adresses de ce client.": (
        "No phone number on this customer's addresses."
    ),
    "Aucun téléphone administrateur : renseignez-le dans Paramétrage pour recevoir les "
    "notifications [Admin].": (
        "No admin phone: enter it in Settings to receive the [Admin] notifications."
    ),
    "{number} : {reason}": "{number}: {reason}",
    # variables
    "Nom du client": "Customer's last name",
    "Prénom du client": "Customer's first name",
    "E-mail du client": "Customer's e-mail",
    "Numéro de la commande (id)": "Order number (id)",
    "Référence de la commande": "Order reference",
    "Moyen de paiement": "Payment method",
    "Montant payé TTC (1 234,56)": "Amount paid incl. tax (1 234,56)",
    "Devise de la commande (€, ou son code ISO)": "Order currency (€, or its ISO code)",
    "Nom de la boutique": "Shop name",
    "Numéro de suivi du colis": "Parcel tracking number",
    "Adresse de livraison : nom donné": "Delivery address: alias",
    "Adresse de facturation : nom donné": "Invoice address: alias",
    "Adresse de livraison : rue": "Delivery address: street",
    "Adresse de facturation : rue": "Invoice address: street",
    "Adresse de livraison : complément": "Delivery address: additional line",
    "Adresse de facturation : complément": "Invoice address: additional line",
    "Adresse de livraison : code postal": "Delivery address: postcode",
    "Adresse de facturation : code postal": "Invoice address: postcode",
    "Adresse de livraison : ville": "Delivery address: city",
    "Adresse de facturation : ville": "Invoice address: city",
    "Adresse de livraison : pays": "Delivery address: country",
    "Adresse de facturation : pays": "Invoice address: country",
    # watcher
    "Le watcher s'est arrêté pendant l'envoi : on ne sait pas encore si ce SMS est "
    "parti. Le watcher le vérifie dans le rapport de campagne iSendPro (ou : "
    "notifications resolve) ; jamais renvoyé sur un doute.": (
        "The watcher stopped while sending: whether this SMS went out is not known yet. "
        "The watcher checks it in iSendPro's campaign report (or: notifications resolve); "
        "never resent on a doubt."
    ),
    "Aucun téléphone administrateur : renseignez-le dans Paramétrage.": (
        "No admin phone: enter it in Settings."
    ),
    "{events}, {queued} à envoyer, {sent}, {refused}, {not_sent}, {uncertain} en {ms} ms": (
        "{events}, {queued} to send, {sent}, {refused}, {not_sent}, {uncertain} in {ms} ms"
    ),
    "{n} événement": "{n} event",
    "{n} événements": "{n} events",
    "iSendPro n'a pas donné de résultat pour ce numéro.": (
        "iSendPro gave no result for this number."
    ),
    "boutique injoignable : {error}": "shop unreachable: {error}",
    "passerelle : {error}": "gateway: {error}",
    "La commande ou le client de cet événement est introuvable dans la boutique "
    "(supprimé ?).": "The order or customer of this event is not in the shop (deleted?).",
    "Règle désactivée : rien n'a été envoyé.": "Rule disabled: nothing was sent.",
    "Message trop long une fois complété : {parts} SMS, 6 au maximum. Raccourcissez le "
    "texte de la règle.": (
        "Message too long once filled in: {parts} SMS, 6 at most. Shorten the rule's text."
    ),
    "Règle supprimée : rien n'a été envoyé.": "Rule deleted: nothing was sent.",
    "Abandon après {n} essais : {error}": "Given up after {n} attempts: {error}",
    "Erreur inattendue pendant l'envoi ({error}).": "Unexpected error while sending ({error}).",
    # event labels
    "[Admin][Etat Commande] {state}": "[Admin][Order state] {state}",
    "[Client][Etat Commande] {state}": "[Customer][Order state] {state}",
    "[Admin][Etat Commande] Annulé": "[Admin][Order state] Canceled",
    "[Client][Etat Commande] Annulé": "[Customer][Order state] Canceled",
    "[Admin][Etat Commande] En attente de paiement à la livraison": (
        "[Admin][Order state] Awaiting cash on delivery"
    ),
    "[Client][Etat Commande] En attente de paiement à la livraison": (
        "[Customer][Order state] Awaiting cash on delivery"
    ),
    "[Admin][Etat Commande] En attente de réapprovisionnement (non payé)": (
        "[Admin][Order state] On backorder (not paid)"
    ),
    "[Client][Etat Commande] En attente de réapprovisionnement (non payé)": (
        "[Customer][Order state] On backorder (not paid)"
    ),
    "[Admin][Etat Commande] En attente de réapprovisionnement (payé)": (
        "[Admin][Order state] On backorder (paid)"
    ),
    "[Client][Etat Commande] En attente de réapprovisionnement (payé)": (
        "[Customer][Order state] On backorder (paid)"
    ),
    "[Admin][Etat Commande] En attente de virement bancaire": (
        "[Admin][Order state] Awaiting bank wire payment"
    ),
    "[Client][Etat Commande] En attente de virement bancaire": (
        "[Customer][Order state] Awaiting bank wire payment"
    ),
    "[Admin][Etat Commande] En attente du paiement par chèque": (
        "[Admin][Order state] Awaiting check payment"
    ),
    "[Client][Etat Commande] En attente du paiement par chèque": (
        "[Customer][Order state] Awaiting check payment"
    ),
    "[Admin][Etat Commande] En cours de préparation": "[Admin][Order state] Processing in progress",
    "[Client][Etat Commande] En cours de préparation": (
        "[Customer][Order state] Processing in progress"
    ),
    "[Admin][Etat Commande] Erreur de paiement": "[Admin][Order state] Payment error",
    "[Client][Etat Commande] Erreur de paiement": "[Customer][Order state] Payment error",
    "[Admin][Etat Commande] Expédié": "[Admin][Order state] Shipped",
    "[Client][Etat Commande] Expédié": "[Customer][Order state] Shipped",
    "[Admin][Etat Commande] Livré": "[Admin][Order state] Delivered",
    "[Client][Etat Commande] Livré": "[Customer][Order state] Delivered",
    "[Admin][Etat Commande] Paiement accepté": "[Admin][Order state] Payment accepted",
    "[Client][Etat Commande] Paiement accepté": "[Customer][Order state] Payment accepted",
    "[Admin][Etat Commande] Paiement à distance accepté": (
        "[Admin][Order state] Remote payment accepted"
    ),
    "[Client][Etat Commande] Paiement à distance accepté": (
        "[Customer][Order state] Remote payment accepted"
    ),
    "[Admin][Etat Commande] Remboursé": "[Admin][Order state] Refunded",
    "[Client][Etat Commande] Remboursé": "[Customer][Order state] Refunded",
    "[Admin] Confirmation de paiement": "[Admin] Payment confirmation",
    "[Client] Confirmation de paiement": "[Customer] Payment confirmation",
    "[Admin] Création de compte client": "[Admin] Customer account created",
    "[Client] Création de compte client": "[Customer] Customer account created",
    "[Admin] Mise à jour numéro de tracking transporteur": (
        "[Admin] Carrier tracking number updated"
    ),
    "[Client] Mise à jour numéro de tracking transporteur": (
        "[Customer] Carrier tracking number updated"
    ),
    "[Admin] Modification commande": "[Admin] Order modified",
    "[Client] Modification commande": "[Customer] Order modified",
    "[Admin] Retour client": "[Admin] Customer return",
    "[Client] Retour client": "[Customer] Customer return",
    "[Admin] Validation commande": "[Admin] Order validated",
    "[Client] Validation commande": "[Customer] Order validated",
    # command line
    "active": "enabled",
    "désactivée": "disabled",
    "(émetteur par défaut)": "(default sender)",
    "base de la boutique (sinon ISEND_TUI_SHOP_DB ou les réglages)": (
        "shop database (else ISEND_TUI_SHOP_DB or the settings)"
    ),
    "surveille la boutique et envoie les notifications SMS (sans écran)": (
        "watch the shop and send the SMS notifications (headless)"
    ),
    "Surveille la boutique toutes les quelques secondes et envoie les notifications des "
    "règles actives. SIGTERM ou Ctrl-C : termine l'envoi en cours puis s'arrête. Un seul "
    "watcher par dossier de données.": (
        "Watches the shop every few seconds and sends the notifications of the enabled "
        "rules. SIGTERM or Ctrl-C: finishes the current send, then stops. One watcher per "
        "data directory."
    ),
    "reprendre les événements depuis cette date (sinon : à partir de maintenant au premier "
    "lancement, puis là où il s'était arrêté)": (
        "replay the events since this date (else: from now on at the first start, then "
        "from where it stopped)"
    ),
    "une seule passe, puis s'arrête": "one pass, then stop",
    "règles de notification, événements et journal des envois": (
        "notification rules, events and the log of sends"
    ),
    "liste les événements possibles (et les états ajoutés par des modules)": (
        "list the possible events (and the states added by modules)"
    ),
    "sans lire la boutique (catalogue seul)": "without reading the shop (catalogue only)",
    "gère les règles de notification": "manage the notification rules",
    "liste les règles": "list the rules",
    "avec les règles désactivées": "with the disabled rules",
    "crée une règle par événement": "create one rule per event",
    "clé d'événement (voir notifications events), ou client.order_state:ID": (
        "event key (see notifications events), or client.order_state:ID"
    ),
    "émetteur (sinon celui des réglages)": "sender (else the one of the settings)",
    "texte du SMS (sinon le texte par défaut)": "SMS text (else the default text)",
    "change le texte ou l'émetteur d'une règle": "change a rule's text or sender",
    "nouvel émetteur": "new sender",
    "nouveau texte du SMS": "new SMS text",
    "Rien à modifier : indiquez --text et/ou --sender.": (
        "Nothing to change: give --text and/or --sender."
    ),
    "Règle n°{id} modifiée : {label}": "Rule {id} changed: {label}",
    "désactive une règle": "disable a rule",
    "réactive une règle": "enable a rule",
    "supprime une règle (le journal est gardé)": "delete a rule (the log is kept)",
    "journal des notifications (les plus récentes d'abord)": (
        "log of the notifications (newest first)"
    ),
    "seulement cet événement": "only this event",
    "seulement ce code retour": "only this return code",
    "nombre de lignes (500)": "number of lines (500)",
    "Watcher arrêté.": "Watcher stopped.",
    "Règle n°{id} activée : {label}": "Rule #{id} enabled: {label}",
    "Règle n°{id} désactivée : {label}": "Rule #{id} disabled: {label}",
    "numéro de la règle": "rule number",
    "Aucune notification dans le journal.": "No notification in the log.",
    "nombre entier positif attendu : {value}": "positive whole number expected: {value}",
    "sans confirmation": "without confirmation",
    "Watcher démarré (PID {pid}) sur {shop}, toutes les {s} s. Ctrl-C pour arrêter.": (
        "Watcher started (PID {pid}) on {shop}, every {s} s. Ctrl-C to stop."
    ),
    "Aucune règle de notification.": "No notification rule.",
    "Rien n'a été supprimé.": "Nothing was deleted.",
    "Règle n°{id} supprimée.": "Rule #{id} deleted.",
    "date invalide : {value} (attendu AAAA-MM-JJ)": "invalid date: {value} (expected YYYY-MM-DD)",
    "Boutique non lue ({error}) : états des modules non listés.": (
        "Shop not read ({error}): the states of modules are not listed."
    ),
    "Boutique non lue ({error}) : le nom de l'état ne sera pas connu.": (
        "Shop not read ({error}): the state's name will not be known."
    ),
    "Règle n°{id} créée : {label}": "Rule #{id} created: {label}",
    "Supprimer la règle n°{id} ({label}) ? [o/N] ": "Delete rule #{id} ({label})? [y/N] ",
    "Boutique injoignable : {error}": "Shop unreachable: {error}",
    "Suppression de la règle n°{id} non confirmée : ajoutez --yes.": (
        "Deletion of rule #{id} not confirmed: add --yes."
    ),
    "Numéros de suivi surveillés sur les commandes des {days} derniers jours "
    "(réglage tracking_days).": (
        "Tracking numbers watched on the orders of the last {days} days (setting tracking_days)."
    ),
    "Le rapport iSendPro ne donne pas les trackers : vérifiez-y ces SMS, puis "
    "réglez-les à la main (--as sent ou --as resend).": (
        "iSendPro's report does not give the trackers: check these SMS there, then settle "
        "them by hand (--as sent or --as resend)."
    ),
    "Confirmé envoyé par le rapport iSendPro.": "Confirmed sent by iSendPro's report.",
    "Absent du rapport iSendPro : renvoyé.": "Missing from iSendPro's report: sent again.",
    "Marqué envoyé à la main.": "Marked sent by hand.",
    "Renvoi demandé à la main.": "Resend asked by hand.",
    "{sent}, {resent}, {left}.": "{sent}, {resent}, {left}.",
    "{n} confirmée envoyée": "{n} confirmed sent",
    "{n} confirmées envoyées": "{n} confirmed sent",
    "{n} remise en file": "{n} queued again",
    "{n} remises en file": "{n} queued again",
    "{n} toujours incertaine": "{n} still uncertain",
    "{n} toujours incertaines": "{n} still uncertain",
    "Trop récentes pour le rapport iSendPro : réessayez dans {minutes} min.": (
        "Too recent for iSendPro's report: try again in {minutes} min."
    ),
    "Notification n°{id} introuvable (voir notifications log).": (
        "Notification #{id} not found (see notifications log)."
    ),
    "La notification n°{id} n'est pas incertaine (état : {state}) : rien à régler.": (
        "Notification #{id} is not uncertain (state: {state}): nothing to settle."
    ),
    "incertaines réglées : {line}": "uncertain ones settled: {line}",
    "règle les notifications incertaines (d'après le rapport iSendPro)": (
        "settles uncertain notifications (from iSendPro's report)"
    ),
    "Code de sortie : 0 si plus aucune n'est incertaine, 4 s'il en reste (la ligne "
    "dit pourquoi).": (
        "Exit code: 0 when none is left uncertain, 4 when some are (the line says why)."
    ),
    "numéros des notifications": "notification numbers",
    "toutes les notifications incertaines": "every uncertain notification",
    "check : d'après le rapport iSendPro (par défaut) ; sent : marquer envoyées ; "
    "resend : renvoyer": (
        "check: from iSendPro's report (default); sent: mark them sent; resend: send again"
    ),
    "Donnez des numéros ou --all, pas les deux.": "Give numbers or --all, not both.",
    "Quelles notifications ? Donnez leurs numéros (notifications log) ou --all.": (
        "Which notifications? Give their numbers (notifications log) or --all."
    ),
    "Aucune notification incertaine.": "No uncertain notification.",
    "Toujours incertaines : {ids}": "Still uncertain: {ids}",
    "déjà notifiée pour cette référence": "already notified for this reference",
    "Même référence qu'une commande déjà notifiée pour cet événement "
    "(commande répartie en plusieurs colis) : un seul SMS par référence.": (
        "Same reference as an order already notified for this event (an order split "
        "into several parcels): one SMS per reference."
    ),
}
