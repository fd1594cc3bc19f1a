"""English for what keeps a campaign honest: settling uncertain batches from the gateway's
report, the suppression list at send time, bounded inputs and the exit codes."""

EN: dict[str, str] = {
    "le rapport iSendPro ne liste aucun SMS sur la période": (
        "the iSendPro report lists no SMS over the period"
    ),
    "le rapport iSendPro n'a pas de colonne de numéros ni de suivi lisible": (
        "the iSendPro report has no readable number or tracker column"
    ),
    "{n} ligne du rapport iSendPro illisible": "{n} unreadable row in the iSendPro report",
    "{n} lignes du rapport iSendPro illisibles": "{n} unreadable rows in the iSendPro report",
    "le rapport iSendPro ne montre pas cette campagne, ou liste ces numéros sans leur code "
    "de suivi": (
        "the iSendPro report does not show this campaign, or lists these numbers without "
        "their tracker"
    ),
    "la colonne des numéros du rapport iSendPro n'est pas nommée": (
        "the number column of the iSendPro report has no recognisable name"
    ),
    " et {n} autre": " and {n} more",
    " et {n} autres": " and {n} more",
    "{n} destinataire reste incertain": "{n} recipient stays uncertain",
    "{n} destinataires restent incertains": "{n} recipients stay uncertain",
    "Lot {batch} : {uncertain} ({why}) : {numbers}. Rien ne leur est renvoyé : choisissez "
    "(campaign resolve {id} --batch {batch} --as sent|resend).": (
        "Batch {batch}: {uncertain} ({why}): {numbers}. Nothing is resent to them: choose "
        "(campaign resolve {id} --batch {batch} --as sent|resend)."
    ),
    "décide du sort d'un lot incertain, ou de tous (--all)": (
        "settles an uncertain batch, or all of them (--all)"
    ),
    "tous les lots incertains de la campagne": "every uncertain batch of the campaign",
    "{n} destinataire toujours incertain : choisissez « campaign resolve {id} --all --as "
    "sent » ou « --as resend ».": (
        '{n} recipient still uncertain: choose "campaign resolve {id} --all --as sent" or '
        '"--as resend".'
    ),
    "{n} destinataires toujours incertains : choisissez « campaign resolve {id} --all --as "
    "sent » ou « --as resend ».": (
        '{n} recipients still uncertain: choose "campaign resolve {id} --all --as sent" or '
        '"--as resend".'
    ),
    "La campagne {id} n'a aucun lot incertain.": "Campaign {id} has no uncertain batch.",
    "Codes de sortie : 0 tout est parti (ou programmé) ; 1 refusé, rien n'a été envoyé ; "
    "2 configuration manquante ; 4 des lots sont incertains (campaign resolve) ; 5 arrêtée "
    "avant la fin, le reste se reprend (campaign resume).": (
        "Exit codes: 0 everything went out (or is scheduled); 1 refused, nothing was sent; "
        "2 configuration missing; 4 some batches are uncertain (campaign resolve); 5 stopped "
        "before the end, the rest can be resumed (campaign resume)."
    ),
    "{value} n'est pas un numéro existant : « campaign list » les donne.": (
        '{value} is not an existing number: "campaign list" gives them.'
    ),
    "« {value} » : donnez un délai en secondes, au plus {max}.": (
        '"{value}": give a delay in seconds, at most {max}.'
    ),
    "« {value} » n'est pas un numéro (un entier positif).": (
        '"{value}" is not a number (a positive integer).'
    ),
    "ajouté à la liste d'exclusion depuis la préparation : non envoyé": (
        "added to the suppression list since the preparation: not sent"
    ),
    "{reason} Rien n'a été envoyé ; la campagne {id} est gardée telle quelle : reprenez-la "
    "avec « campaign resume {id} ».": (
        '{reason} Nothing was sent; campaign {id} is kept as it is: resume it with "campaign '
        'resume {id}".'
    ),
    '--at est vide : donnez la date d\'envoi (--at "AAAA-MM-JJ HH:MM", heure de Paris), ou '
    "retirez --at pour envoyer tout de suite. Rien n'a été envoyé.": (
        '--at is empty: give the sending date (--at "YYYY-MM-DD HH:MM", Paris time), or drop '
        "--at to send right away. Nothing was sent."
    ),
    "Le message est trop long : {chars} caractères, soit {parts} SMS sans même compter les "
    "variables, quand iSendPro en accepte {max} au plus (environ {limit} caractères). "
    "Raccourcissez-le.": (
        "The message is too long: {chars} characters, that is {parts} SMS before any "
        "variable, when iSendPro takes {max} at most (about {limit} characters). Shorten it."
    ),
    "Le fichier du message {path} fait plus de {size} Ko : un SMS de campagne fait au plus "
    "6 parties (moins de 1 000 caractères). Donnez le fichier du texte seul.": (
        "The message file {path} is over {size} KB: a campaign SMS has 6 parts at most (under "
        "1,000 characters). Give the file of the text alone."
    ),
}
