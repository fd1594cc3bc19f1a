"""English for the STOP loop: the suppression list pushed to and imported from the account's
blacklist, and its journal."""

EN: dict[str, str] = {
    "envoyé à la liste noire iSendPro": "sent to the iSendPro blacklist",
    "retiré de la liste noire iSendPro": "removed from the iSendPro blacklist",
    "refusé par iSendPro : {reason}": "refused by iSendPro: {reason}",
    "en attente d'envoi à iSendPro ({tries}) : {reason}": (
        "waiting to be sent to iSendPro ({tries}): {reason}"
    ),
    "{n} essai": "{n} attempt",
    "{n} essais": "{n} attempts",
    "en attente d'envoi à iSendPro": "waiting to be sent to iSendPro",
    "Liste noire iSendPro : {pushed}, {waiting} en attente": (
        "iSendPro blacklist: {pushed}, {waiting} waiting"
    ),
    "{n} envoyé": "{n} sent",
    "{n} envoyés": "{n} sent",
    "{n} refusé": "{n} refused",
    "{n} refusés": "{n} refused",
    "{n} retiré": "{n} withdrawn",
    "{n} retirés": "{n} withdrawn",
    "{withdrawn} à la main, pas repris (retrait en attente d'envoi à iSendPro).": (
        "{withdrawn} by hand, not taken back (withdrawal waiting to be sent to iSendPro)."
    ),
    "remarque (qui a demandé le retrait…)": "note (who asked for the withdrawal…)",
    "envoie à la liste noire iSendPro les ajouts et retraits en attente": (
        "sends the waiting additions and withdrawals to the iSendPro blacklist"
    ),
    "journal des ajouts et retraits (preuve d'opposition, gardé 3 ans)": (
        "log of additions and withdrawals (proof of opposition, kept 3 years)"
    ),
    "Retirés à la main, pas encore retirés de la liste noire iSendPro :": (
        "Withdrawn by hand, not yet removed from the iSendPro blacklist:"
    ),
    "Rien à envoyer à la liste noire iSendPro.": "Nothing to send to the iSendPro blacklist.",
    "Aucune trace dans le journal de la liste d'exclusion.": (
        "Nothing in the suppression list's log."
    ),
    "ajouté": "added",
    "retiré": "withdrawn",
    "Liste noire iSendPro : envoi en attente ({reason}).": (
        "iSendPro blacklist: sending waits ({reason})."
    ),
    "iSendPro": "iSendPro",
    "retiré à la main": "withdrawn by hand",
    "Retirer {number} de la liste d'exclusion ? Il pourra de nouveau recevoir vos "
    "SMS marketing et sera retiré de la liste noire iSendPro ; le retrait est noté "
    "au journal (suppression history).": (
        "Remove {number} from the suppression list? It will receive your marketing SMS "
        "again and be removed from the iSendPro blacklist; the withdrawal is kept in the "
        "log (suppression history)."
    ),
    "Liste noire iSendPro non lue ({reason}) : la campagne est préparée avec la liste "
    "d'exclusion locale ; les numéros sur liste noire seront refusés par iSendPro (code "
    "11) et ajoutés à la liste.": (
        "iSendPro blacklist not read ({reason}): the campaign is prepared with the local "
        "suppression list; blacklisted numbers will be refused by iSendPro (code 11) and "
        "added to the list."
    ),
    "Dernier import automatique de la liste noire : {at}, échec ({reason}).": (
        "Last automatic import of the blacklist: {at}, failed ({reason})."
    ),
    "Dernier import automatique de la liste noire : {at}, {added}.": (
        "Last automatic import of the blacklist: {at}, {added}."
    ),
}
