"""English for the SMS rules (isend_tui/sms) and the sms-count command."""

EN: dict[str, str] = {
    # template
    "Variable inconnue : {unknown}. Variables possibles : {allowed}.": (
        "Unknown variable: {unknown}. Possible variables: {allowed}."
    ),
    "Variables inconnues : {unknown}. Variables possibles : {allowed}.": (
        "Unknown variables: {unknown}. Possible variables: {allowed}."
    ),
    # sender
    "l'espace": "the space",
    "L'émetteur est vide : indiquez de 4 à 11 lettres sans accent ou chiffres "
    "qui identifient la boutique.": (
        "The sender is empty: enter 4 to 11 unaccented letters or digits that identify the shop."
    ),
    "L'émetteur « {sender} » fait {n} caractère : il en faut au moins {min}.": (
        'The sender "{sender}" has {n} character: at least {min} are needed.'
    ),
    "L'émetteur « {sender} » fait {n} caractères : il en faut au moins {min}.": (
        'The sender "{sender}" has {n} characters: at least {min} are needed.'
    ),
    "L'émetteur « {sender} » fait {n} caractères : {max} au maximum.": (
        'The sender "{sender}" has {n} characters: {max} at most.'
    ),
    "L'émetteur « {sender} » ne contient que des chiffres : ajoutez au moins une lettre.": (
        'The sender "{sender}" has only digits: add at least one letter.'
    ),
    "L'émetteur contient un caractère interdit, {char} : seules les lettres "
    "sans accent et les chiffres sont acceptés (ni espace ni caractère spécial).": (
        "The sender contains a forbidden character, {char}: only unaccented letters and "
        "digits are accepted (no space nor special character)."
    ),
    # phone
    "Indiquez un numéro de mobile.": "Enter a mobile number.",
    "Indiquez un mobile (06 ou 07).": "Enter a mobile number (06 or 07).",
    "Numéro de téléphone vide": "Empty phone number",
    "Numéro invalide pour le pays de l'adresse": "Invalid number for the address's country",
    "Numéro fixe : il ne peut pas recevoir de SMS": "Landline number: it cannot receive SMS",
    "Pays de l'adresse inconnu : le numéro doit être au format international (+33…)": (
        "Unknown address country: the number must be in international form (+33…)"
    ),
    "Le numéro de l'administrateur est vide.": "The administrator's number is empty.",
    "Le numéro {number} n'indique pas son pays : écrivez-le au format international, "
    "par exemple +33 6 12 34 56 78.": (
        "The number {number} does not say its country: write it in international form, "
        "for example +33 6 12 34 56 78."
    ),
    "Le numéro {number} n'est pas un numéro de téléphone valide.": (
        "The number {number} is not a valid phone number."
    ),
    "Le numéro {number} est un fixe : un SMS ne peut pas y être reçu.": (
        "The number {number} is a landline: it cannot receive an SMS."
    ),
    # sms-count command
    "compter les caractères et les SMS d'un message": "count the characters and SMS of a message",
    "Affiche l'encodage, le nombre de caractères, d'unités et de SMS d'un message, "
    "mention STOP comprise quand elle s'applique, et une version GSM-7 du texte.": (
        "Shows the encoding and the number of characters, units and SMS of a message, "
        "including the STOP mention when it applies, and a GSM-7 version of the text."
    ),
    "le texte du message": "the message text",
    "l'émetteur personnalisé (avec un SMS marketing, la mention STOP s'ajoute)": (
        "the customised sender (with a marketing SMS, the STOP mention is added)"
    ),
    "message commercial (par défaut)": "marketing message (default)",
    "message transactionnel (notification de commande…)": (
        "transactional message (order notification…)"
    ),
    "sans mention STOP (compte transactionnel autorisé par iSendPro)": (
        "without the STOP mention (transactional account allowed by iSendPro)"
    ),
    "sortie JSON": "JSON output",
    "Encodage : {encoding}": "Encoding: {encoding}",
    "Caractères : {n}": "Characters: {n}",
    "Unités : {n}": "Units: {n}",
    "SMS : {n}": "SMS: {n}",
    "Trop long : plus de {max} SMS": "Too long: more than {max} SMS",
    "Mention STOP : comptée ({n} caractères)": "STOP mention: counted ({n} characters)",
    "Mention STOP : non comptée": "STOP mention: not counted",
    "Caractères hors GSM-7 :": "Characters outside GSM-7:",
    "  {char} au caractère {position}": "  {char} at character {position}",
    "Suggestion GSM-7 : {text}": "GSM-7 suggestion: {text}",
    "Message trop long : {n} SMS, {max} au maximum chez iSendPro.": (
        "Message too long: {n} SMS, iSendPro allows {max} at most."
    ),
    " (vouliez-vous dire {meant} ?)": " (did you mean {meant}?)",
    "l'émetteur personnalisé (par défaut celui des réglages ; avec un SMS marketing, la "
    "mention STOP s'ajoute)": (
        "the custom sender (by default the one in the settings; with a marketing SMS, the "
        "STOP mention is added)"
    ),
    "notification sans mention STOP (compte autorisé par iSendPro) ; un SMS marketing a "
    "toujours la mention": (
        "a notification without the STOP mention (an account iSendPro allows); a marketing SMS "
        "always has it"
    ),
    "celui d'iSendPro par défaut": "iSendPro's default",
    "Reste avant le SMS suivant : {n} unités": "Left before the next SMS: {n} units",
    "Comptent double : {chars}": "Count double: {chars}",
    "Reste avant le SMS suivant : {n} unité": "Left before the next SMS: {n} unit",
    "L'émetteur « {sender} » est un mot générique que les opérateurs refusent : "
    "indiquez le nom de la boutique ou de la marque.": (
        'The sender "{sender}" is a generic word operators refuse: use the name of the '
        "shop or the brand."
    ),
    "Ce texte ressemble à du marketing ({words}) : une notification doit rester "
    "transactionnelle ; une promotion demande le consentement du client et les heures "
    "marketing (SMS marketing, F3).": (
        "This text reads like marketing ({words}): a notification must stay transactional; "
        "a promotion needs the customer's consent and the marketing hours (SMS marketing, F3)."
    ),
}
