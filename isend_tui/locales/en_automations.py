"""English for the automations (isend_tui/automations/, commands/automations.py)."""

from __future__ import annotations

EN: dict[str, str] = {
    # notification codes
    "pas de base légale (consentement)": "no lawful basis (consent)",
    "numéro en liste d'opposition": "number on the suppression list",
    "plafond d'envoi atteint": "frequency cap reached",
    "le client a commandé entre-temps": "the customer ordered meanwhile",
    "automatisation désactivée": "automation disabled",
    "{n} occurrence d'automatisation enregistrée": "{n} automation occurrence recorded",
    "{n} occurrences d'automatisations enregistrées": "{n} automation occurrences recorded",
    "[Automatisation] {flow}": "[Automation] {flow}",
    # CLI
    "automatisations : panier abandonné, anniversaire, relance, avis, stock": (
        "automations: abandoned cart, birthday, win-back, review, stock"
    ),
    "les automatisations et leurs chiffres": "the automations and their figures",
    "sans lire la boutique (pas de commandes)": "without reading the shop (no orders)",
    "les réglages d'une automatisation": "an automation's settings",
    "active une automatisation": "enables an automation",
    "désactive une automatisation": "disables an automation",
    "change le texte, les délais, l'heure, le code promo": (
        "changes the text, the delays, the hour, the voucher"
    ),
    "texte du SMS, avec ses variables": "SMS text, with its variables",
    "délai (heures pour le panier : 2,24 ; sinon jours)": (
        "delay (hours for the cart: 2,24; otherwise days)"
    ),
    "heure d'envoi (anniversaire), 0 à 23": "sending hour (birthday), 0 to 23",
    "code promo créé dans la boutique": "voucher code created in the shop",
    "base légale : consent (défaut) ou customer": "lawful basis: consent (default) or customer",
    "qui la recevrait dans les 24 h, et quoi": "who would receive it in the next 24 h, and what",
    "une passe des automatisations (et du watcher)": "one pass of the automations (and watcher)",
    "une seule passe": "a single pass",
    "rejouer depuis cette date (ce qui est déjà enregistré ne repart pas)": (
        "replay from this date (what is already recorded does not go again)"
    ),
    "Automatisation {flow} activée.": "Automation {flow} enabled.",
    "Automatisation {flow} désactivée.": "Automation {flow} disabled.",
    "Personne dans les 24 prochaines heures.": "Nobody in the next 24 hours.",
    "Boutique non lue ({error}) : commandes non comptées.": (
        "Shop not read ({error}): orders not counted."
    ),
    "état : {state}": "state: {state}",
    "code promo : {voucher}": "voucher: {voucher}",
    "base légale : {basis}": "lawful basis: {basis}",
    "texte : {text}": "text: {text}",
    "variables : {names}": "variables: {names}",
    "Automatisation {flow} enregistrée.": "Automation {flow} saved.",
    "{flow:16} {title:22} [{state}] 7 j : {week} envoyés, 30 j : {month} envoyés "
    "({not_sent} non envoyés){orders}": (
        "{flow:16} {title:22} [{state}] 7 d: {week} sent, 30 d: {month} sent "
        "({not_sent} not sent){orders}"
    ),
    "délais : {delays} ({unit})": "delays: {delays} ({unit})",
    "heure d'envoi : {hour} h": "sending hour: {hour}:00",
    "{n} commande ensuite": "{n} order followed",
    "{n} commandes ensuite": "{n} orders followed",
    # settings and their checks
    "heures": "hours",
    "jours": "days",
    "Texte (--text) : le texte est vide ; écrivez le message à envoyer.": (
        "Text (--text): the text is empty; write the message to send."
    ),
    "Heure d'envoi (--hour) : seule l'automatisation birthday a une heure d'envoi.": (
        "Sending hour (--hour): only the birthday automation has a sending hour."
    ),
    "Le texte de {flow} utilise {{voucher}} mais aucun code n'est saisi : ajoutez --voucher "
    "CODE (créé dans la boutique) ou retirez {{voucher}}.": (
        "The text of {flow} uses {{voucher}} but no code is set: add --voucher CODE (created "
        "in the shop) or remove {{voucher}}."
    ),
    "Délais (--delay) : l'automatisation {flow} n'a pas de délai ; retirez --delay.": (
        "Delays (--delay): the {flow} automation has no delay; remove --delay."
    ),
    "Délais (--delay) « {value} » : un nombre entier de {unit} entre 1 et {top}, par exemple "
    "{example}.": (
        "Delays (--delay) “{value}”: a whole number of {unit} from 1 to {top}, e.g. {example}."
    ),
    "Délais (--delay) : l'automatisation {flow} n'a qu'une étape ; donnez un seul délai.": (
        "Delays (--delay): the {flow} automation has one step; give a single delay."
    ),
    "Délais (--delay) « {value} » : au plus {n} étapes, des délais croissants sans doublon, par "
    "exemple 2,24.": (
        "Delays (--delay) “{value}”: at most {n} steps, rising delays without repeats, e.g. 2,24."
    ),
    "Heure d'envoi (--hour) « {value} » : une heure entière de 0 à 23, par exemple 10.": (
        "Sending hour (--hour) “{value}”: a whole hour from 0 to 23, e.g. 10."
    ),
    "Code promo (--voucher) : un code sans espace de {n} caractères au plus.": (
        "Promo code (--voucher): a code without spaces, {n} characters at most."
    ),
    "Texte (--text) : {problem}": "Text (--text): {problem}",
    # flows and variables
    "Montant du panier": "Cart amount",
    "Produits du panier": "Cart products",
    "Lien vers le panier": "Link to the cart",
    "Code promo": "Voucher code",
    "Nom du produit": "Product name",
    "Panier abandonné": "Abandoned cart",
    "Un panier sans commande, resté inactif : une relance par étape.": (
        "A cart left idle without an order: one reminder per step."
    ),
    "Anniversaire": "Birthday",
    "Le jour de l'anniversaire du client, à l'heure choisie.": (
        "On the customer's birthday, at the chosen hour."
    ),
    "Relance des inactifs": "Win-back",
    "N jours après la dernière commande valide, une fois par absence.": (
        "N days after the last valid order, once per lapse."
    ),
    "Après livraison": "After delivery",
    "N jours après la livraison d'une commande : un avis, une suggestion.": (
        "N days after an order was delivered: a review, a suggestion."
    ),
    "Retour en stock": "Back in stock",
    "Un produit dont le client a demandé l'alerte (module emailalerts) est revenu.": (
        "A product the customer asked to be alerted about (emailalerts module) is back."
    ),
    "Automatisation inconnue « {name} » : choisissez parmi {known}.": (
        "Unknown automation “{name}”: choose among {known}."
    ),
    # running
    "Table {table} absente : installez le module emailalerts (alertes de retour en stock) "
    "dans la boutique, ou désactivez back_in_stock.": (
        "Table {table} missing: install the emailalerts module (back-in-stock alerts) in "
        "the shop, or disable back_in_stock."
    ),
    "Client introuvable dans la boutique (supprimé ?).": (
        "Customer not found in the shop (deleted?)."
    ),
    "Automatisation désactivée : rien n'a été envoyé.": "Automation disabled: nothing was sent.",
    "Numéro en liste d'opposition : rien n'a été envoyé.": (
        "Number on the suppression list: nothing was sent."
    ),
    "Automatisation inconnue.": "Unknown automation.",
    "Message trop long une fois complété : {parts} SMS, 6 au maximum.": (
        "Message too long once filled in: {parts} SMS, 6 at most."
    ),
    "Hors de la plage marketing ({zone}) : part le {slot}.": (
        "Outside the marketing window ({zone}): leaves on {slot}."
    ),
    "Plafond d'envoi atteint ({rule}) : rien n'a été envoyé.": (
        "Frequency cap reached ({rule}): nothing was sent."
    ),
    "Le client a commandé depuis : relance annulée.": (
        "The customer ordered since: reminder cancelled."
    ),
    "Aucun consentement (newsletter, psgdpr ou importé) : rien n'a été envoyé.": (
        "No consent (newsletter, psgdpr or imported): nothing was sent."
    ),
    "Client sans activité depuis la durée de conservation (retention_months) : données "
    "trop anciennes pour du marketing.": (
        "Customer without activity for the retention period (retention_months): data too "
        "old for marketing."
    ),
    "Aucune commande valide récente : pas de base pour un SMS marketing.": (
        "No recent valid order: no basis for a marketing SMS."
    ),
}
