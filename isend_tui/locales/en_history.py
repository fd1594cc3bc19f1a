"""English for the campaign history screen and the section titles."""

EN: dict[str, str] = {
    "Envoi de notifications": "Notifications",
    "État des campagnes": "Campaign status",
    "État des notifications": "Notification status",
    "ID": "ID",
    "Date": "Date",
    "Libellé": "Label",
    "État": "State",
    "Coût estimé": "Estimated cost",
    "Quantité": "Quantity",
    "Envoyés": "Sent",
    "Incertains": "Uncertain",
    "Tri : {column} ({order}).": "Sorted by {column} ({order}).",
    "décroissant": "descending",
    "croissant": "ascending",
    "La campagne {id} n'a aucun destinataire en attente.": (
        "Campaign {id} has no pending recipient."
    ),
    "Reprendre la campagne": "Resume the campaign",
    "Envoyer les {n} destinataires restants de la campagne {id} ? Les lots incertains ne sont "
    "pas renvoyés sans votre choix (Entrée : détails).": (
        "Send the {n} remaining recipients of campaign {id}? Uncertain batches are not sent "
        "again without your decision (Enter: details)."
    ),
    "{n} ligne écrite dans {path}": "{n} line written to {path}",
    "{n} lignes écrites dans {path}": "{n} lines written to {path}",
    "Campagne {id}": "Campaign {id}",
    "Chargement…": "Loading…",
    "Lots au résultat incertain": "Batches with an uncertain outcome",
    "Ces SMS sont peut-être partis (coupure ou délai dépassé pendant l'envoi). Choisissez "
    "pour chaque lot :": (
        "These SMS may have gone out (connection lost or timeout while sending). Choose for "
        "each batch:"
    ),
    "Vérifier auprès d'iSendPro": "Check with iSendPro",
    "Considérer comme envoyés": "Consider them sent",
    "Renvoyer (risque de doublon)": "Send again (may duplicate)",
    "tous les états": "every state",
    "numéro ou nom": "number or name",
    "Rechercher un numéro (06…, +33…) ou un nom": "Search a number (06…, +33…) or a name",
    "{n} précédents": "previous {n}",
    "{n} suivants": "next {n}",
    "{first}–{last} sur {total}": "{first}–{last} of {total}",
    "aucun destinataire": "no recipient",
    "Journal": "Log",
    "Lot": "Batch",
    "Envoyé à": "Sent at",
    "Erreur": "Error",
    "SMS": "SMS",
    "Numéro": "Number",
    "Nom": "Name",
    "Code": "Code",
    "Créée le {date}": "Created on {date}",
    "programmée pour le {date}": "scheduled for {date}",
    "Destinataires : {n} · envoyés : {sent} · refusés : {refused} · exclus : {suppressed} · "
    "incertains : {uncertain} · en attente : {pending}": (
        "Recipients: {n} · sent: {sent} · refused: {refused} · excluded: {suppressed} · "
        "uncertain: {uncertain} · pending: {pending}"
    ),
    "SMS facturés (estimation) : {parts} · coût estimé : {cost}": (
        "SMS billed (estimate): {parts} · estimated cost: {cost}"
    ),
    "Émetteur : {sender}": "Sender: {sender}",
    "Répertoire : {name}": "Directory: {name}",
    "Lire le rapport d'envoi d'iSendPro pour ce lot : les numéros qui y figurent sont marqués "
    "envoyés, les autres sont envoyés maintenant.": (
        "Read iSendPro's sending report for this batch: the numbers it lists are marked sent, "
        "the others are sent now."
    ),
    "Considérer tous les SMS du lot {id} comme envoyés (rien ne sera renvoyé).": (
        "Consider every SMS of batch {id} sent (nothing will be sent again)."
    ),
    "Renvoyer tout le lot {id} : les destinataires qui l'ont déjà reçu le recevront deux fois, "
    "et chaque SMS est facturé.": (
        "Send the whole batch {id} again: recipients who already received it will get it "
        "twice, and every SMS is billed."
    ),
    "Lot {id} incertain": "Uncertain batch {id}",
    "Détails": "Details",
    "Résultats CSV": "Results as CSV",
    "Trier": "Sort",
    "État :": "State:",
    "tous": "all",
    "Les 500 dernières campagnes": "The last 500 campaigns",
    "Entrée : détails · Ctrl+R : reprendre · Ctrl+E : résultats CSV · Ctrl+O : trier (colonne "
    "suivante, puis ordre inverse)": (
        "Enter: details · Ctrl+R: resume · Ctrl+E: results as CSV · Ctrl+O: sort (next column, "
        "then reverse order)"
    ),
    "Actualiser": "Refresh",
    "Envoyer le {n} destinataire restant de la campagne {id} ? Les lots incertains ne sont "
    "pas renvoyés sans votre choix (Entrée : détails).": (
        "Send the {n} remaining recipient of campaign {id}? Uncertain batches are not sent "
        "again without your decision (Enter: details)."
    ),
}
