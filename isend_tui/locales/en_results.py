"""English for what campaigns earned (isend_tui/results/, hold-out groups, A/B tests,
`isend-tui report`)."""

from __future__ import annotations

EN: dict[str, str] = {
    "groupe témoin (pas de SMS)": "hold-out group (no SMS)",
    "Groupe témoin de {pct} % refusé : donnez une part entre 0 et {high} % des "
    "destinataires (0 : pas de groupe témoin).": (
        "A hold-out group of {pct} % is refused: give a share from 0 to {high} % of the "
        "recipients (0: no hold-out group)."
    ),
    "Groupe témoin : {n} destinataire mis de côté au hasard, sans SMS.": (
        "Hold-out group: {n} recipient kept aside at random, no SMS."
    ),
    "Groupe témoin : {n} destinataires mis de côté au hasard, sans SMS.": (
        "Hold-out group: {n} recipients kept aside at random, no SMS."
    ),
    "fenêtre ouverte jusqu'au {end} : les chiffres bougent encore": (
        "window open until {end}: the figures still move"
    ),
    "fenêtre close : chiffres définitifs": "window closed: final figures",
    "après la livraison du SMS": "after the SMS was delivered",
    "après l'acceptation du SMS par iSendPro": "after iSendPro accepted the SMS",
    "  Groupe témoin trop petit pour mesurer un gain.": (
        "  Hold-out group too small to measure a gain."
    ),
    "  Différence non significative : rien ne prouve que la campagne a rapporté plus que "
    "sans SMS.": (
        "  Not significant: nothing shows the campaign brought more than no SMS would have."
    ),
    "Chiffre d'affaires attribué ({days} jours {received} ; {when}) :": (
        "Attributed revenue ({days} days {received}; {when}):"
    ),
    "  {orders}, {buyers} sur {sms} ; {revenue}": "  {orders}, {buyers} out of {sms}; {revenue}",
    "Groupe témoin : {n} sans SMS, {buyers}, {revenue}": (
        "Hold-out group: {n} without SMS, {buyers}, {revenue}"
    ),
    "  Gain dû à la campagne : {diff} (intervalle de confiance à 95 %, test de Welch : "
    "{low} à {high})": (
        "  Gain due to the campaign: {diff} (95 % confidence interval, Welch's test: {low} to "
        "{high})"
    ),
    "{n} commande": "{n} order",
    "{n} commandes": "{n} orders",
    "{n} acheteur": "{n} buyer",
    "{n} acheteurs": "{n} buyers",
    "  Taux de conversion : {rate}": "  Conversion rate: {rate}",
    "  Par SMS : {value}": "  Per SMS: {value}",
    "  Coût : {cost} ; le chiffre d'affaires attribué vaut {ratio} fois le coût": (
        "  Cost: {cost}; the attributed revenue is {ratio} times the cost"
    ),
    "SMS envoyés, livraison et chiffre d'affaires attribué, par campagne et par jour": (
        "SMS sent, delivery and attributed revenue, per campaign and per day"
    ),
    "à partir de ce jour": "from this day on",
    "sortie CSV (une ligne par campagne)": "CSV output (one line per campaign)",
    "sans lire la boutique ni iSendPro : les chiffres gardés du dernier calcul": (
        "without reading the shop or iSendPro: the figures kept from the last computation"
    ),
    "Aucune campagne envoyée sur la période.": "No campaign sent in the period.",
    "Par jour :": "Per day:",
    "{id:>5}  {day}  {sms:>9} SMS  livrés {delivered:>7}  CA {revenue:>12}  {label}": (
        "{id:>5}  {day}  {sms:>9} SMS  delivered {delivered:>7}  revenue {revenue:>12}  {label}"
    ),
    "  {day}  {sms:>9} SMS  livrés {rate:>7}  CA {revenue:>12}": (
        "  {day}  {sms:>9} SMS  delivered {rate:>7}  revenue {revenue:>12}"
    ),
    "Crédit iSendPro restant : {credit}": "iSendPro credit left: {credit}",
    "date « {value} » illisible : format AAAA-MM-JJ": (
        "unreadable date “{value}”: format YYYY-MM-DD"
    ),
    "Crédit inconnu : {reason}": "Credit unknown: {reason}",
    "Boutique illisible, chiffres du dernier calcul : {reason}": (
        "Shop unreadable, figures of the last computation: {reason}"
    ),
    "garder au hasard PCT %% des destinataires sans SMS (groupe témoin, 0 à 50) : le "
    "rapport mesure alors ce que la campagne a ajouté": (
        "keep PCT %% of the recipients at random without SMS (hold-out group, 0 to 50): the "
        "report then measures what the campaign added"
    ),
    "  Pas de gagnant : les taux de conversion ne diffèrent pas de façon significative "
    "(test z de deux proportions, 95 %, correction de Bonferroni).": (
        "  No winner: the conversion rates do not differ significantly (two-proportion "
        "z-test, 95 %, Bonferroni correction)."
    ),
    "{variant} : {n} destinataires, {orders}, {rate} de conversion, {revenue}": (
        "{variant}: {n} recipients, {orders}, {rate} conversion, {revenue}"
    ),
    "  Gagnant : {variant} (test z de deux proportions, 95 %, correction de Bonferroni).": (
        "  Winner: {variant} (two-proportion z-test, 95 %, Bonferroni correction)."
    ),
    "texte {letter}": "text {letter}",
    "Test A/B de {n} textes refusé : comparez de 2 à {high} textes (le message et 1 à "
    "{more} variantes).": (
        "An A/B test of {n} texts is refused: compare 2 to {high} texts (the message and 1 "
        "to {more} variants)."
    ),
    "test A/B : un autre texte (1 à 3 fois), chaque destinataire reçoit au hasard le "
    "message ou une variante ; les résultats sont donnés par texte": (
        "A/B test: another text (1 to 3 times), each recipient gets the message or a "
        "variant at random; the results are given per text"
    ),
    "Groupe témoin : % des destinataires gardés sans SMS, au hasard (0 à 50)": (
        "Hold-out group: % of the recipients kept without SMS, at random (0 to 50)"
    ),
    "Groupe témoin : donnez un nombre entier de 0 à 50 (% des destinataires).": (
        "Hold-out group: give a whole number from 0 to 50 (% of the recipients)."
    ),
    "gardé pour le texte gagnant": "kept for the winning text",
    "Texte {letter} gagnant : il part aux {n} destinataire gardé pour lui.": (
        "Text {letter} won: it goes to the {n} recipient kept for it."
    ),
    "Texte {letter} gagnant : il part aux {n} destinataires gardés pour lui.": (
        "Text {letter} won: it goes to the {n} recipients kept for it."
    ),
    "La campagne {id} n'a pas de texte {n} à envoyer.": "Campaign {id} has no text {n} to send.",
    "Part gardée pour le gagnant de {pct} % refusée : donnez de 1 à {high} % des destinataires.": (
        "A share kept for the winner of {pct} % is refused: give 1 to {high} % of the recipients."
    ),
    "Test A/B : {n} destinataire gardé pour le texte gagnant (campaign winner).": (
        "A/B test: {n} recipient kept for the winning text (campaign winner)."
    ),
    "Test A/B : {n} destinataires gardés pour le texte gagnant (campaign winner).": (
        "A/B test: {n} recipients kept for the winning text (campaign winner)."
    ),
    "HEURES": "HOURS",
    "test A/B : garder une part des destinataires (--remainder) pour le texte gagnant, "
    "envoyé avec campaign winner ID après ce délai": (
        "A/B test: keep a share of the recipients (--remainder) for the winning text, sent "
        "with campaign winner ID after this delay"
    ),
    "test A/B : envoie le texte gagnant aux destinataires gardés pour lui": (
        "A/B test: sends the winning text to the recipients kept for it"
    ),
    "envoyer ce texte même sans gagnant significatif (votre choix)": (
        "send this text even without a significant winner (your choice)"
    ),
    "Aucun texte envoyé : relancez plus tard, ou choisissez-en un avec --text.": (
        "No text sent: run again later, or choose one with --text."
    ),
    "Envoyer le texte {letter} aux {n} destinataires gardés ? [o/N]": (
        "Send text {letter} to the {n} recipients kept? [y/N]"
    ),
    "Envoi du gagnant non confirmé : ajoutez --yes.": (
        "Sending the winner not confirmed: add --yes."
    ),
    "Rien n'a été envoyé.": "Nothing was sent.",
    "La campagne {id} ne garde personne pour un texte gagnant.": (
        "Campaign {id} keeps nobody for a winning text."
    ),
    "Trop tôt : le texte gagnant de la campagne {id} se choisit à partir du {at}.": (
        "Too early: the winning text of campaign {id} is chosen from {at} on."
    ),
    "La campagne {id} est un brouillon ou annulée : son texte gagnant ne part pas.": (
        "Campaign {id} is a draft or cancelled: its winning text is not sent."
    ),
}
