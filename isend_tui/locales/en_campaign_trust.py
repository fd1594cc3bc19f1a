"""English for what keeps a campaign honest: settling uncertain batches from the gateway's
report, the suppression list at send time, bounded inputs and the exit codes."""

EN: dict[str, str] = {
    "le rapport iSendPro ne liste aucun SMS sur la période": (
        "the iSendPro report lists no SMS over the period"
    ),
    "le rapport iSendPro n'a pas de colonne de numéros ni de suivi lisible": (
        "the iSendPro report has no readable number or tracker column"
    ),
    "{n} ligne(s) du rapport iSendPro illisible(s)": "{n} unreadable row(s) in the iSendPro report",
    "le rapport iSendPro ne montre pas cette campagne, ou liste ces numéros sans leur code "
    "de suivi": (
        "the iSendPro report does not show this campaign, or lists these numbers without "
        "their tracker"
    ),
    "la colonne des numéros du rapport iSendPro n'est pas nommée": (
        "the number column of the iSendPro report has no recognisable name"
    ),
    " et {n} autre(s)": " and {n} more",
    "Lot {batch} : {n} destinataire(s) restent incertains ({why}) : {numbers}. Rien ne leur "
    "est renvoyé : choisissez (campaign resolve {id} --batch {batch} --as sent|resend).": (
        "Batch {batch}: {n} recipient(s) stay uncertain ({why}): {numbers}. Nothing is resent "
        "to them: choose (campaign resolve {id} --batch {batch} --as sent|resend)."
    ),
}
