"""English for marketing campaigns: the engine, the sending window, the suppression list and
the `campaign` and `suppression` commands."""

EN: dict[str, str] = {
    "brouillon": "draft",
    "programmée": "scheduled",
    "en cours d'envoi": "sending",
    "envoyée": "sent",
    "partiellement échouée": "partly failed",
    "échouée": "failed",
    "annulée": "cancelled",
    "à envoyer": "to send",
    "en cours": "in flight",
    "envoyé": "sent",
    "refusé": "refused",
    "exclu (liste d'exclusion)": "excluded (suppression list)",
    "incertain": "uncertain",
    "envoi interrompu : issue inconnue": "sending interrupted: outcome unknown",
    "envoi interrompu (arrêt du programme)": "sending interrupted (the program stopped)",
    "La préparation de la campagne {id} a été interrompue : rien n'a été envoyé. Créez la "
    "campagne à nouveau.": (
        "The preparation of campaign {id} was interrupted: nothing was sent. Create the "
        "campaign again."
    ),
    "Reprise de l'envoi.": "Resuming the send.",
    "Lot {batch} introuvable : « campaign show ID » liste les lots incertains.": (
        'Batch {batch} not found: "campaign show ID" lists the uncertain batches.'
    ),
    "Vérification impossible sans accès à iSendPro.": "Cannot check without access to iSendPro.",
    "absent de la réponse d'iSendPro": "missing from iSendPro's reply",
    "Lot {batch} : {added} au répertoire, {refused}.": (
        "Batch {batch}: {added} to the directory, {refused}."
    ),
    "Lot {batch} : {sent}, {refused}.": "Batch {batch}: {sent}, {refused}.",
    "{n} SMS accepté": "{n} SMS accepted",
    "{n} SMS acceptés": "{n} SMS accepted",
    "{n} contact ajouté": "{n} contact added",
    "{n} contacts ajoutés": "{n} contacts added",
    "{n} refusé": "{n} refused",
    "{n} refusés": "{n} refused",
    "{n} destinataire": "{n} recipient",
    "{n} destinataires": "{n} recipients",
    "{n} envoyé": "{n} sent",
    "{n} envoyés": "{n} sent",
    "{n} exclu": "{n} excluded",
    "{n} exclus": "{n} excluded",
    "{n} incertain": "{n} uncertain",
    "{n} incertains": "{n} uncertain",
    "Lot {batch} ({n} SMS) : issue inconnue ({reason}). Ces SMS ne seront pas renvoyés sans "
    "votre accord.": (
        "Batch {batch} ({n} SMS): outcome unknown ({reason}). These SMS will not be sent again "
        "without your consent."
    ),
    "Export terminé : {added}, {refused}.": "Export finished: {added}, {refused}.",
    "Fin de l'envoi ({state}) : {sent}, {refused}, {suppressed}, {uncertain}, {pending} en "
    "attente.": "End of the send ({state}): {sent}, {refused}, {suppressed}, {uncertain}, "
    "{pending} pending.",
    "Envoi en cours.": "Sending.",
    "Décision inconnue « {value} » : mark_sent, resend ou check.": (
        'Unknown decision "{value}": mark_sent, resend or check.'
    ),
    "Le lot {batch} n'est pas incertain (état : {state}) : rien à décider.": (
        "Batch {batch} is not uncertain (state: {state}): nothing to decide."
    ),
    "marqué envoyé par l'utilisateur": "marked sent by the user",
    "trouvé dans le rapport iSendPro": "found in the iSendPro report",
    "Lot {batch} ({n} SMS) interrompu pendant l'envoi : issue inconnue. Il ne sera pas renvoyé "
    "sans votre accord (campaign resolve).": (
        "Batch {batch} ({n} SMS) was interrupted while sending: outcome unknown. It will not be "
        "sent again without your consent (campaign resolve)."
    ),
    "{n} numéro absent de la réponse : incertain.": (
        "{n} number missing from the reply: uncertain."
    ),
    "{n} numéros absents de la réponse : incertains.": (
        "{n} numbers missing from the reply: uncertain."
    ),
    "{n} numéro en liste noire (code 11) ajouté à la liste d'exclusion.": (
        "{n} blacklisted number (code 11) added to the suppression list."
    ),
    "{n} numéros en liste noire (code 11) ajoutés à la liste d'exclusion.": (
        "{n} blacklisted numbers (code 11) added to the suppression list."
    ),
    "{n} destinataire à l'issue incertaine : choisissez pour chaque lot incertain (campaign "
    "resolve).": (
        "{n} recipient with an unknown outcome: decide for each uncertain batch (campaign resolve)."
    ),
    "{n} destinataires à l'issue incertaine : choisissez pour chaque lot incertain "
    "(campaign resolve).": (
        "{n} recipients with an unknown outcome: decide for each uncertain batch (campaign "
        "resolve)."
    ),
    "Raison : {reason}": "Reason: {reason}",
    "Reprise : campaign resume {id}.": "To resume: campaign resume {id}.",
    "La campagne {id} est un export : utilisez export_directory.": (
        "Campaign {id} is an export: use export_directory."
    ),
    "La campagne {id} est annulée : rien à envoyer.": (
        "Campaign {id} is cancelled: nothing to send."
    ),
    "La campagne {id} n'a pas été confirmée : envoyez-la (campaign send) au lieu de la "
    "reprendre.": (
        "Campaign {id} was never confirmed: send it (campaign send) instead of resuming it."
    ),
    "La campagne {id} n'est pas un export.": "Campaign {id} is not an export.",
    "Répertoire iSendPro « {name} » créé (n° {id}).": (
        'iSendPro directory "{name}" created (no. {id}).'
    ),
    "issue inconnue : {reason}": "outcome unknown: {reason}",
    "Envoi programmé pour le {at} transmis à iSendPro.": (
        "Send scheduled for {at} handed to iSendPro."
    ),
    "Lot {batch} marqué envoyé : {sent} SMS.": "Batch {batch} marked sent: {sent} SMS.",
    "Lot {batch} à renvoyer : {pending} SMS remis en attente (campaign resume).": (
        "Batch {batch} to resend: {pending} SMS pending again (campaign resume)."
    ),
    "Lot {batch} vérifié dans le rapport iSendPro : {found} ; {missing}.": (
        "Batch {batch} checked in the iSendPro report: {found}; {missing}."
    ),
    "{n} trouvé, envoyé": "{n} found, marked sent",
    "{n} trouvés, envoyés": "{n} found, marked sent",
    "{n} absent, remis en attente": "{n} missing, pending again",
    "{n} absents, remis en attente": "{n} missing, pending again",
    "Lot {batch} : {reason} Nouvel essai {n}/{max} dans {delay} s.": (
        "Batch {batch}: {reason} Retry {n}/{max} in {delay} s."
    ),
    "Aucun destinataire à qui envoyer : la cible est vide ou tous les numéros sont exclus. "
    "Élargissez la cible.": (
        "No recipient to send to: the segment is empty or every number is excluded. Widen the "
        "segment."
    ),
    "Crédit insuffisant : cet envoi compte {parts} SMS facturés (environ {estimate} au "
    "tarif France) mais le crédit de {credit} n'en couvre que {quantity}. Rechargez votre "
    "compte sur isendpro.com ou réduisez la cible.": (
        "Not enough credit: this send bills {parts} SMS (about {estimate} at the France "
        "price) but the credit of {credit} covers only {quantity}. Top up your account on "
        "isendpro.com or narrow the segment."
    ),
    "Campagne {id} introuvable : « campaign list » affiche les campagnes.": (
        'Campaign {id} not found: "campaign list" shows the campaigns.'
    ),
    "La campagne {id} est en cours d'envoi dans un autre processus (l'application ou une autre "
    "commande) : attendez la fin ou arrêtez cet envoi d'abord.": (
        "Campaign {id} is being sent by another process (the app or another command): wait for "
        "it to finish or stop that send first."
    ),
    "Aucun numéro d'administrateur pour recevoir le test : renseignez-le dans Paramétrage "
    "(numéro de l'administrateur).": (
        "No administrator number to receive the test: enter it in Settings (administrator's "
        "number)."
    ),
    "Aucun destinataire de cette campagne pour composer le test.": (
        "No recipient in this campaign to compose the test from."
    ),
    "SMS de test envoyé au {admin} (message de {number}).": (
        "Test SMS sent to {admin} (the message of {number})."
    ),
    "SMS de test refusé par iSendPro (code {code} : {message}).": (
        "Test SMS refused by iSendPro (code {code}: {message})."
    ),
    "lundi": "Monday",
    "mardi": "Tuesday",
    "mercredi": "Wednesday",
    "jeudi": "Thursday",
    "vendredi": "Friday",
    "samedi": "Saturday",
    "dimanche": "Sunday",
    "La plage d'envoi ne s'ouvre jamais : vérifiez les jours d'envoi.": (
        "The sending window never opens: check the sending days."
    ),
    "{days}, de {start} à {end} (heure de Paris), hors jours fériés": (
        "{days}, from {start} to {end} (Paris time), except public holidays"
    ),
    "Heure de la plage d'envoi invalide « {value} » : format HH:MM, par exemple 08:00.": (
        'Invalid sending window time "{value}": HH:MM format, for example 08:00.'
    ),
    "Jours de la plage d'envoi invalides « {value} » : une liste de numéros de 0 (lundi) à 6 "
    "(dimanche), par exemple 0,1,2,3,4,5.": (
        'Invalid sending window days "{value}": a list of numbers from 0 (Monday) to 6 '
        "(Sunday), for example 0,1,2,3,4,5."
    ),
    "Plage d'envoi vide : l'heure de fin ({end}) doit suivre l'heure de début ({start}).": (
        "Empty sending window: the end time ({end}) must come after the start time ({start})."
    ),
    "Le message est vide : saisissez le texte du SMS.": (
        "The message is empty: type the text of the SMS."
    ),
    "Message de {parts} SMS après fusion : {max} au maximum chez iSendPro.": (
        "Message of {parts} SMS once merged: iSendPro allows {max} at most."
    ),
    "Le message contient des caractères hors alphabet GSM ({chars}), refusés par iSendPro pour "
    "les numéros français. Remplacez-les, par exemple : {suggestion}": (
        "The message contains characters outside the GSM alphabet ({chars}), which iSendPro "
        "refuses for French numbers. Replace them, for example: {suggestion}"
    ),
    "Campagne du {date}": "Campaign of {date}",
    "SMS facturés : {total} au total, {max} au maximum par destinataire (mention STOP comprise).": (
        "Billed SMS: {total} in total, {max} at most per recipient (STOP mention included)."
    ),
    "SMS facturés : {total} au total, {max} au maximum par destinataire.": (
        "Billed SMS: {total} in total, {max} at most per recipient."
    ),
    "Aucun destinataire à qui envoyer.": "No recipient to send to.",
    "Envoi impossible maintenant : hors de la plage d'envoi marketing ({window}). Prochain "
    "créneau : {slot}. Programmez l'envoi à ce moment.": (
        "Cannot send now: outside the marketing sending window ({window}). Next slot: {slot}. "
        "Schedule the send for then."
    ),
    "Nom du répertoire iSendPro vide : donnez un nom au répertoire à créer.": (
        "Empty iSendPro directory name: name the directory to create."
    ),
    "Export {name}": "Export {name}",
    "Attention : iSendPro ne permet pas d'annuler un envoi programmé une fois transmis.": (
        "Warning: iSendPro cannot cancel a scheduled send once it has been handed over."
    ),
    "Envoi immédiat.": "Sent immediately.",
    "La date d'envoi {at} est déjà passée : choisissez une date et une heure à venir (heure de "
    "Paris).": (
        "The sending date {at} is already past: choose a future date and time (Paris time)."
    ),
    "Le {at} est hors de la plage d'envoi marketing ({window}). Prochain créneau possible : "
    "{slot}.": (
        "{at} is outside the marketing sending window ({window}). Next possible slot: {slot}."
    ),
    "Campagne {id} « {label} » créée.": 'Campaign {id} "{label}" created.',
    "Destinataires préparés : {done} sur {total}.": "Recipients prepared: {done} of {total}.",
    "Destinataires préparés : {done}.": "Recipients prepared: {done}.",
    "Comptage des destinataires dans la boutique…": "Counting the recipients in the shop…",
    "Destinataires à préparer : {total}. Lecture de la boutique…": (
        "Recipients to prepare: {total}. Reading the shop…"
    ),
    "Préparation terminée : {recipients}, {parts} SMS facturés, {max} au maximum par "
    "destinataire ; {suppressed}, {refused}.": (
        "Preparation finished: {recipients}, {parts} billed SMS, {max} at most per "
        "recipient; {suppressed}, {refused}."
    ),
    "La préparation de la campagne {id} n'est pas terminée (interrompue ?) : rien n'a été "
    "envoyé, créez la campagne à nouveau.": (
        "The preparation of campaign {id} did not finish (interrupted?): nothing was sent, "
        "create the campaign again."
    ),
    "Export « {label} » vers le répertoire iSendPro « {name} » : {n} contact.": (
        'Export "{label}" to the iSendPro directory "{name}": {n} contact.'
    ),
    "Export « {label} » vers le répertoire iSendPro « {name} » : {n} contacts.": (
        'Export "{label}" to the iSendPro directory "{name}": {n} contacts.'
    ),
    "Campagne « {label} » : {n} destinataire.": 'Campaign "{label}": {n} recipient.',
    "Campagne « {label} » : {n} destinataires.": 'Campaign "{label}": {n} recipients.',
    "Exclus par la liste d'exclusion (STOP, liste noire) : {n}.": (
        "Excluded by the suppression list (STOP, blacklist): {n}."
    ),
    "Refusés, message de plus de {max} SMS après fusion (jamais envoyés) : {n}.": (
        "Refused, message over {max} SMS once merged (never sent): {n}."
    ),
    "Date d'envoi « {value} » illisible : format AAAA-MM-JJ HH:MM (heure de Paris), par exemple "
    "2025-06-12 10:30.": (
        'Unreadable sending date "{value}": YYYY-MM-DD HH:MM format (Paris time), for example '
        "2025-06-12 10:30."
    ),
    "La campagne {id} n'est plus un brouillon : elle ne peut pas être supprimée.": (
        "Campaign {id} is no longer a draft: it cannot be deleted."
    ),
    "Exclus, {reason} : {n}.": "Excluded, {reason}: {n}.",
    "{n} destinataire hors de France recevra un message en UCS-2 (caractères spéciaux), "
    "envoyé à part.": (
        "{n} recipient outside France will get a UCS-2 message (special characters), sent "
        "separately."
    ),
    "{n} destinataires hors de France recevront un message en UCS-2 (caractères spéciaux), "
    "envoyé à part.": (
        "{n} recipients outside France will get a UCS-2 message (special characters), sent "
        "separately."
    ),
    "Coût estimé : {cost} au tarif France ({price} le SMS). Les SMS vers l'étranger "
    "({foreign} destinataire) coûtent plus cher.": (
        "Estimated cost: {cost} at the France price ({price} per SMS). SMS abroad "
        "({foreign} recipient) cost more."
    ),
    "Coût estimé : {cost} au tarif France ({price} le SMS). Les SMS vers l'étranger "
    "({foreign} destinataires) coûtent plus cher.": (
        "Estimated cost: {cost} at the France price ({price} per SMS). SMS abroad "
        "({foreign} recipients) cost more."
    ),
    "Envoi programmé le {at} (heure de Paris).": "Send scheduled on {at} (Paris time).",
    "Hors de la plage d'envoi marketing ({window}) : prochain créneau {slot}. Programmez "
    "l'envoi à ce moment.": (
        "Outside the marketing sending window ({window}): next slot {slot}. Schedule the send "
        "for then."
    ),
    "La campagne {id} n'est plus un brouillon : sa date d'envoi ne peut plus changer.": (
        "Campaign {id} is no longer a draft: its sending date cannot change any more."
    ),
    "Crédit disponible : {credit}, soit {quantity} SMS en France.": (
        "Available credit: {credit}, that is {quantity} SMS in France."
    ),
    "Refusé : {parts} SMS à envoyer pour un crédit qui en couvre {quantity}. Rechargez votre "
    "compte ou réduisez la cible.": (
        "Refused: {parts} SMS to send for a credit that covers {quantity}. Top up your account "
        "or narrow the segment."
    ),
    "refusé par iSendPro (code 11, liste noire)": "refused by iSendPro (code 11, blacklist)",
    "importé de la liste noire iSendPro": "imported from the iSendPro blacklist",
    "ajouté à la main": "added by hand",
    "Liste noire iSendPro : {read}, {added} à la liste d'exclusion, {already}.": (
        "iSendPro blacklist: {read}, {added} to the suppression list, {already}."
    ),
    "{n} numéro lu": "{n} number read",
    "{n} numéros lus": "{n} numbers read",
    "{n} ajouté": "{n} added",
    "{n} ajoutés": "{n} added",
    "{n} déjà présent": "{n} already there",
    "{n} déjà présents": "{n} already there",
    "Numéro « {number} » non reconnu : saisissez un mobile, par exemple 06 12 34 56 78 ou +32 "
    "470 12 34 56.": (
        'Number "{number}" not recognised: type a mobile number, for example 06 12 34 56 78 '
        "or +32 470 12 34 56."
    ),
    "Le numéro {number} est déjà dans la liste d'exclusion (origine : {source}).": (
        "Number {number} is already on the suppression list (origin: {source})."
    ),
    "Le numéro {number} n'est pas dans la liste d'exclusion : « suppression list » affiche la "
    "liste.": (
        'Number {number} is not on the suppression list: "suppression list" shows the list.'
    ),
    "Numéros illisibles ignorés : {numbers}.": "Unreadable numbers ignored: {numbers}.",
    "base de la boutique (sinon ISEND_TUI_SHOP_DB ou les réglages)": (
        "shop database (else ISEND_TUI_SHOP_DB or the settings)"
    ),
    "délai de réponse d'iSendPro par requête, en secondes (15 par défaut)": (
        "iSendPro reply timeout per request, in seconds (15 by default)"
    ),
    "campagnes SMS marketing : envoi, suivi, reprise": (
        "marketing SMS campaigns: send, follow, resume"
    ),
    "envoie une campagne à un segment (résumé et confirmation d'abord)": (
        "send a campaign to a segment (summary and confirmation first)"
    ),
    "fichier du segment": "the segment file",
    "texte du SMS": "the SMS text",
    "fichier du texte (UTF-8)": "file holding the text (UTF-8)",
    "émetteur (sinon celui des réglages)": "sender (else the one in the settings)",
    "programmer l'envoi (heure de Paris)": "schedule the send (Paris time)",
    "nom de la campagne": "the campaign's name",
    "envoyer sans demander de confirmation": "send without asking for confirmation",
    "exporte un segment vers un répertoire iSendPro": "export a segment to an iSendPro directory",
    "nom du répertoire à créer": "name of the directory to create",
    "liste les campagnes": "list the campaigns",
    "détail d'une campagne": "a campaign's details",
    "écrit le résultat par destinataire": "write the result per recipient",
    "reprend une campagne interrompue": "resume an interrupted campaign",
    "Annuler la campagne": "Cancel the campaign",
    "La campagne {id} est en cours d'envoi : attendez la fin.": (
        "Campaign {id} is being sent: wait for the end."
    ),
    "Annuler ce qui reste à envoyer de la campagne {id} ? Ses destinataires pas "
    "encore envoyés ne recevront rien. Ce qu'iSendPro a déjà accepté, même "
    "programmé, ne peut pas être annulé.": (
        "Cancel what is left to send of campaign {id}? Its recipients not sent yet will "
        "receive nothing. What iSendPro already accepted, even scheduled, cannot be cancelled."
    ),
    "annule ce qui reste à envoyer d'une campagne": "cancel what is left to send of a campaign",
    "Annulation de la campagne {id} non confirmée : ajoutez --yes.": (
        "Cancelling campaign {id} not confirmed: add --yes."
    ),
    "Annuler ce qui reste à envoyer de la campagne {id} ? [o/N]": (
        "Cancel what is left to send of campaign {id}? [y/N]"
    ),
    "Rien n'a été annulé.": "Nothing was cancelled.",
    "Campagne {id} annulée : {n} destinataire ne recevra rien.": (
        "Campaign {id} cancelled: {n} recipient will receive nothing."
    ),
    "Campagne {id} annulée : {n} destinataires ne recevront rien.": (
        "Campaign {id} cancelled: {n} recipients will receive nothing."
    ),
    "La campagne {id} est déjà annulée.": "Campaign {id} is already cancelled.",
    "La campagne {id} a {n} lot incertain : tranchez-le d'abord (État des campagnes, ou « "
    "campaign resolve »), puis annulez le reste.": (
        "Campaign {id} has {n} uncertain batch: settle it first (Campaign status, or "
        "“campaign resolve”), then cancel the rest."
    ),
    "La campagne {id} a {n} lots incertains : tranchez-les d'abord (État des campagnes, ou "
    "« campaign resolve »), puis annulez le reste.": (
        "Campaign {id} has {n} uncertain batches: settle them first (Campaign status, or "
        "“campaign resolve”), then cancel the rest."
    ),
    "La campagne {id} n'a plus rien à envoyer : rien à annuler. Un envoi accepté "
    "par iSendPro, même programmé, ne peut pas être annulé (l'API ne le permet "
    "pas).": (
        "Campaign {id} has nothing left to send: nothing to cancel. A send iSendPro accepted, "
        "even scheduled, cannot be cancelled (the API does not allow it)."
    ),
    "Campagne annulée : {n} destinataire jamais envoyé.": (
        "Campaign cancelled: {n} recipient never sent."
    ),
    "Campagne annulée : {n} destinataires jamais envoyés.": (
        "Campaign cancelled: {n} recipients never sent."
    ),
    "décide du sort d'un lot incertain": "decide what to do with an uncertain batch",
    "numéro du lot": "batch number",
    "sent : le considérer envoyé ; resend : le renvoyer ; check : vérifier dans le rapport "
    "iSendPro": (
        "sent: consider it sent; resend: send it again; check: look it up in the iSendPro report"
    ),
    "Aucune campagne.": "No campaign.",
    "Campagne {id} « {label} » : {state}": 'Campaign {id} "{label}": {state}',
    "{id:>5}  {created}  {state:<22} {label}  — {sent}, {refused}, {uncertain}, {pending} en "
    "attente": "{id:>5}  {created}  {state:<22} {label}  — {sent}, {refused}, {uncertain}, "
    "{pending} pending",
    "Message : {text}": "Message: {text}",
    "Programmée le {at} (heure de Paris)": "Scheduled on {at} (Paris time)",
    "Lot incertain {batch} : {n} SMS ({error}). Choisissez : campaign resolve {id} --batch "
    "{batch} --as sent|resend|check": (
        "Uncertain batch {batch}: {n} SMS ({error}). Choose: campaign resolve {id} --batch "
        "{batch} --as sent|resend|check"
    ),
    "Impossible de lire le fichier du message {path} ({reason}).": (
        "Cannot read the message file {path} ({reason})."
    ),
    "Envoi abandonné : rien n'a été envoyé.": "Send abandoned: nothing was sent.",
    "Non ajouté : {number} (code {code} : {message})": (
        "Not added: {number} (code {code}: {message})"
    ),
    "{n} ligne écrite dans {path}.": "{n} line written to {path}.",
    "{n} lignes écrites dans {path}.": "{n} lines written to {path}.",
    "Le lot {batch} n'est pas un lot incertain de la campagne {id} : « campaign show {id} » les "
    "liste.": (
        'Batch {batch} is not an uncertain batch of campaign {id}: "campaign show {id}" lists them.'
    ),
    "{n} SMS à envoyer : lancez « campaign resume {id} ».": (
        '{n} SMS to send: run "campaign resume {id}".'
    ),
    "Confirmation nécessaire : relancez avec --yes pour envoyer sans question (rien n'a été "
    "envoyé).": (
        "Confirmation needed: run again with --yes to send without a question (nothing was sent)."
    ),
    "Confirmer l'envoi ? [o/N]": "Confirm the send? [y/N]",
    "Hors de la plage d'envoi : relancez avec --at \"{slot}\" pour programmer l'envoi au "
    "prochain créneau.": (
        'Outside the sending window: run again with --at "{slot}" to schedule the send for '
        "the next slot."
    ),
    "Programmer l'envoi au {slot} ? [o/N]": "Schedule the send for {slot}? [y/N]",
    "liste d'exclusion : numéros qui ne reçoivent jamais de marketing": (
        "suppression list: numbers that never receive marketing"
    ),
    "ajoute un numéro": "add a number",
    "remarque (origine de la demande…)": "note (where the request came from…)",
    "retire un numéro": "remove a number",
    "affiche la liste": "show the list",
    "importe la liste noire du compte iSendPro": "import the iSendPro account's blacklist",
    "La liste d'exclusion est vide.": "The suppression list is empty.",
    "{number} ajouté à la liste d'exclusion.": "{number} added to the suppression list.",
    "{number} retiré de la liste d'exclusion.": "{number} removed from the suppression list.",
    "Préparation interrompue (arrêt du programme) : rien n'a été envoyé.": (
        "Preparation interrupted (the program stopped): nothing was sent."
    ),
    "liste les destinataires (numéro, nom, état, code, détail)": (
        "list the recipients (number, name, state, code, detail)"
    ),
    "avec --recipients : seulement cet état": "with --recipients: only this state",
    "TEXTE": "TEXT",
    "avec --recipients : un numéro (06…, +33…) ou un nom, même en partie": (
        "with --recipients: a number (06…, +33…) or a name, even in part"
    ),
    "Aucun destinataire ne correspond.": "No recipient matches.",
    "Les lettres des noms hors alphabet GSM (ç, î, ô…) sont remplacées (c, i, o) : chaque SMS "
    "reste en GSM-7, le moins cher, en France comme à l'étranger.": (
        "Letters of names outside the GSM alphabet (ç, î, ô…) are replaced (c, i, o): every "
        "SMS stays in GSM-7, the cheapest, in France and abroad."
    ),
    "La campagne {ids} est en cours d'envoi. En quittant, les lots déjà partis se "
    "terminent et leur résultat est enregistré ; le reste vous sera proposé à la "
    "reprise au prochain démarrage (rien ne part deux fois).": (
        "Campaign {ids} is being sent. On quitting, the batches already sent finish and "
        "their outcome is recorded; the rest is offered for resuming at the next start "
        "(nothing is sent twice)."
    ),
    "Quitter maintenant ?": "Quit now?",
    "Un envoi est en cours": "A send is in progress",
    "Arrêt de l'envoi : les lots en cours se terminent…": (
        "Stopping the send: the batches in flight are finishing…"
    ),
    "Arrêté à la fermeture de l'application : les lots en cours sont terminés, le "
    "reste sera proposé à la reprise au prochain démarrage.": (
        "Stopped when the application closed: the batches in flight were finished, the "
        "rest will be offered for resuming at the next start."
    ),
}
