"""English for delivery receipts (isend_tui/delivery, the receiver, `campaign receipts`)."""

from __future__ import annotations

EN: dict[str, str] = {
    "en attente d'accusé": "awaiting receipt",
    "remis": "delivered",
    "échec définitif": "permanent failure",
    "échec temporaire": "temporary failure",
    "expiré": "expired",
    "remis au téléphone du destinataire": "delivered to the recipient's phone",
    "numéro inconnu, non attribué ou résilié": "unknown, unassigned or disconnected number",
    "refusé par l'opérateur": "refused by the carrier",
    "téléphone injoignable (éteint ou hors réseau)": "phone unreachable (off or out of coverage)",
    "non remis dans le délai de l'opérateur": "not delivered within the carrier's delay",
    "aucun accusé de réception dans le délai": "no delivery receipt in time",
    "échec sans raison précisée": "failure, no reason given",
    "en cours d'acheminement": "on its way",
    "échec définitif de remise (accusé de réception)": "permanent delivery failure (receipt)",
    "Le port du récepteur d'accusés est un nombre entre 1 et 65535 (0 : arrêté).": (
        "The receipt receiver's port is a number from 1 to 65535 (0: off)."
    ),
    "Indiquez l'adresse d'écoute du récepteur d'accusés, par exemple 127.0.0.1 (derrière le "
    "serveur web de la boutique).": (
        "Give the address the receipt receiver listens on, for example 127.0.0.1 (behind the "
        "shop's web server)."
    ),
    "Indiquez l'adresse publique du récepteur, par exemple "
    "https://boutique.example/isend-receipts (vide : non publiée).": (
        "Give the receiver's public address, for example "
        "https://boutique.example/isend-receipts (empty: not published)."
    ),
    "Le port {port} du récepteur d'accusés est déjà pris : choisissez-en un autre "
    "(--receipts-port ou settings set receipts_port) ou 0 pour l'arrêter.": (
        "Port {port} of the receipt receiver is already taken: choose another one "
        "(--receipts-port or settings set receipts_port) or 0 to turn it off."
    ),
    "Le récepteur d'accusés ne peut pas écouter sur {host}:{port} ({reason}) : vérifiez "
    "receipts_bind et receipts_port.": (
        "The receipt receiver cannot listen on {host}:{port} ({reason}): check receipts_bind "
        "and receipts_port."
    ),
    "Récepteur d'accusés de réception à l'écoute sur {url}{path}… (adresse complète : "
    "settings show --receipt-url).": (
        "Delivery receipt receiver listening on {url}{path}… (full address: settings show "
        "--receipt-url)."
    ),
    "affiche l'adresse des accusés de réception à donner à iSendPro (secrète)": (
        "show the delivery receipt address to give iSendPro (secret)"
    ),
    "Adresse à donner à iSendPro : l'adresse publique de votre serveur web suivie du secret "
    "(réglez receipts_public_url, voir le README « Accusés de réception »).": (
        "Address to give iSendPro: your web server's public address followed by the secret "
        '(set receipts_public_url, see the README "Delivery receipts").'
    ),
    "Adresse locale du récepteur (derrière le serveur web) : {url}": (
        "Local address of the receiver (behind the web server): {url}"
    ),
    "Adresse à donner à iSendPro (espace client, accusés de réception) : {url}": (
        "Address to give iSendPro (customer area, delivery receipts): {url}"
    ),
    "Le récepteur est arrêté : settings set receipts_port {port} puis relancez isend-tui watch.": (
        "The receiver is off: settings set receipts_port {port}, then restart isend-tui watch."
    ),
    "port du récepteur d'accusés de réception (réglage receipts_port ; 0 : arrêté)": (
        "port of the delivery receipt receiver (setting receipts_port; 0: off)"
    ),
    "envoyer les accusés de réception à cette adresse (celle de settings show --receipt-url ; "
    "- : la lire sur l'entrée standard, pour garder le secret hors de la ligne de commande)": (
        "send delivery receipts to this address (the one of settings show --receipt-url; -: "
        "read it from standard input, to keep the secret off the command line)"
    ),
    "délai avant l'envoi de chaque accusé (secondes)": (
        "delay before each receipt is sent (seconds)"
    ),
    "part des SMS remis (le reste : échecs définitifs puis temporaires)": (
        "share of SMS delivered (the rest: permanent, then temporary failures)"
    ),
    "part des SMS en échec définitif (numéro inconnu, refus de l'opérateur)": (
        "share of SMS failing for good (unknown number, refused by the carrier)"
    ),
    "accusé fixé pour un numéro : 0 remis, 1 injoignable, 2 numéro inconnu, 3 refusé, 4 expiré, "
    "none aucun accusé (répétable)": (
        "the receipt of one number: 0 delivered, 1 unreachable, 2 unknown number, 3 refused, 4 "
        "expired, none no receipt (repeatable)"
    ),
    "--receipt-override attend NUM=STATUT, par exemple 33612345678=2.": (
        "--receipt-override expects NUM=STATUS, for example 33612345678=2."
    ),
    "Accusés de réception envoyés à l'adresse donnée.": (
        "Delivery receipts sent to the given address."
    ),
    "aucune colonne d'état de remise reconnue : aucun état lu": (
        "no delivery state column recognised: no state read"
    ),
    "ni colonne de suivi ni colonne de numéros : aucune ligne rattachée": (
        "neither a tracker nor a number column: no line matched"
    ),
    "Rapport iSendPro de la campagne {id} : {rows}": "iSendPro report of campaign {id}: {rows}",
    "{changed} mis à jour ({tracker} par code de suivi, {number} par numéro et heure)": (
        "{changed} updated ({tracker} by tracker, {number} by number and time)"
    ),
    "{n} sans état encore": "{n} without a state yet",
    "{n} ligne rattachée à aucun destinataire": "{n} line matching no recipient",
    "{n} lignes rattachées à aucun destinataire": "{n} lines matching no recipient",
    "{n} ligne lue": "{n} line read",
    "{n} lignes lues": "{n} lines read",
    "{n} état": "{n} state",
    "{n} états": "{n} states",
    "{n} à l'état illisible ({values})": "{n} with an unreadable state ({values})",
    "Remise : aucun SMS accepté par iSendPro.": "Delivery: no SMS accepted by iSendPro.",
    "lit les états de remise dans le rapport iSendPro (si des accusés manquent)": (
        "read the delivery states from iSendPro's report (when receipts are missing)"
    ),
    "délai d'attente (s)": "timeout (s)",
    "Remise : {delivered}, {failed}, {expired}, {pending}": (
        "Delivery: {delivered}, {failed}, {expired}, {pending}"
    ),
    "{n} remis": "{n} delivered",
    "{n} en échec": "{n} failed",
    "{n} expiré": "{n} expired",
    "{n} expirés": "{n} expired",
    "{n} en attente d'accusé": "{n} awaiting receipt",
    "taux de remise {rate}": "delivery rate {rate}",
    "(dont {n} définitif, exclu des prochaines campagnes)": (
        "({n} of them permanent, left out of the next campaigns)"
    ),
    "(dont {n} définitifs, exclus des prochaines campagnes)": (
        "({n} of them permanent, left out of the next campaigns)"
    ),
    "avec --recipients : seulement cet état (d'envoi, ou de remise : delivered…)": (
        "with --recipients: only this state (of sending, or of delivery: delivered…)"
    ),
    "avec --recipients : les SMS acceptés dans cet état de remise": (
        "with --recipients: the accepted SMS in this delivery state"
    ),
    "Accusés reçus : {campaign} de campagnes, {notification} de notifications, {orphans} "
    "inconnus (suivi d'un autre outil), {unreadable} illisibles, {duplicates} en double "
    "(ignorés).": (
        "Receipts received: {campaign} for campaigns, {notification} for notifications, "
        "{orphans} unknown (another tool's tracker), {unreadable} unreadable, {duplicates} "
        "duplicates (ignored)."
    ),
    "Rapport iSendPro des notifications : {rows}": "iSendPro report of notifications: {rows}",
}
