"""English for the gateway: iSendPro client errors and the sandbox command."""

EN: dict[str, str] = {
    "Le keyid iSendPro est vide : renseignez-le dans les réglages.": (
        "The iSendPro keyid is empty: enter it in the settings."
    ),
    "iSendPro refuse le keyid : copiez-le depuis votre espace client iSendPro (Mon compte > Mon "
    "API) dans les réglages. Rien n'a été envoyé.": (
        "iSendPro rejects the keyid: copy it from your iSendPro customer area (My account > My "
        "API) into the settings. Nothing was sent."
    ),
    "iSendPro refuse les appels venant de cette adresse IP : ajoutez-la aux IP autorisées de "
    "votre espace client iSendPro. Rien n'a été envoyé.": (
        "iSendPro rejects calls from this IP address: add it to the allowed IPs in your iSendPro "
        "customer area. Nothing was sent."
    ),
    "Crédit iSendPro insuffisant pour cet envoi : rechargez votre compte sur isendpro.com ou "
    "réduisez l'envoi. Rien n'a été envoyé.": (
        "Not enough iSendPro credit for this send: top up your account on isendpro.com or send "
        "less. Nothing was sent."
    ),
    "iSendPro refuse l'émetteur : 4 à 11 caractères, lettres, chiffres ou espaces, pas "
    "uniquement des chiffres. Corrigez-le dans les réglages. Rien n'a été envoyé.": (
        "iSendPro rejects the sender: 4 to 11 characters, letters, digits or spaces, not only "
        "digits. Fix it in the settings. Nothing was sent."
    ),
    "Réponse illisible d'iSendPro. On ne sait pas si la demande a été traitée : consultez le "
    "rapport de campagne avant de renvoyer.": (
        "Unreadable reply from iSendPro. Whether the request was processed is unknown: check the "
        "campaign report before sending again."
    ),
    "La connexion à iSendPro a été coupée pendant la demande. On ne sait pas si elle a été "
    "traitée : consultez le rapport de campagne avant de renvoyer.": (
        "The connection to iSendPro dropped during the request. Whether it was processed is "
        "unknown: check the campaign report before sending again."
    ),
    "iSendPro a refusé la demande (code {code} : {reason}). Rien n'a été envoyé.": (
        "iSendPro refused the request (code {code}: {reason}). Nothing was sent."
    ),
    "iSendPro refuse les appels venant de l'adresse IP {ip} : ajoutez-la aux IP autorisées de "
    "votre espace client iSendPro. Rien n'a été envoyé.": (
        "iSendPro rejects calls from the IP address {ip}: add it to the allowed IPs in your "
        "iSendPro customer area. Nothing was sent."
    ),
    "Impossible de joindre iSendPro ({host}) : vérifiez la connexion Internet et l'adresse de "
    "la passerelle. Rien n'a été envoyé.": (
        "Cannot reach iSendPro ({host}): check the Internet connection and the gateway address. "
        "Nothing was sent."
    ),
    "iSendPro a refusé la demande (HTTP {status}) : vérifiez l'adresse de la passerelle. Rien "
    "n'a été envoyé.": (
        "iSendPro refused the request (HTTP {status}): check the gateway address. Nothing was sent."
    ),
    "iSendPro est momentanément indisponible (HTTP {status}). Rien n'a été envoyé : réessayez "
    "dans quelques minutes.": (
        "iSendPro is temporarily unavailable (HTTP {status}). Nothing was sent: try again in a "
        "few minutes."
    ),
    "iSendPro a répondu par une erreur (HTTP {status}). On ne sait pas si la demande a été "
    "traitée : consultez le rapport de campagne avant de renvoyer.": (
        "iSendPro answered with an error (HTTP {status}). Whether the request was processed is "
        "unknown: check the campaign report before sending again."
    ),
    "iSendPro n'a pas répondu dans les {seconds} secondes. On ne sait pas si la demande a été "
    "traitée : consultez le rapport de campagne avant de renvoyer.": (
        "iSendPro did not answer within {seconds} seconds. Whether the request was processed is "
        "unknown: check the campaign report before sending again."
    ),
    "Bac à sable arrêté.": "Sandbox stopped.",
    "servir le bac à sable (passerelle iSendPro simulée) en local": (
        "serve the sandbox (a simulated iSendPro gateway) locally"
    ),
    "Sert une passerelle iSendPro simulée : mêmes adresses, paramètres et codes de retour que "
    "l'API, crédit fictif, aucun SMS réel. Pointez l'adresse de la passerelle de isend-tui sur "
    "l'URL affichée.": (
        "Serves a simulated iSendPro gateway: the API's endpoints, parameters and return codes, "
        "play credit, no real SMS. Point isend-tui's gateway address at the URL shown."
    ),
    "adresse d'écoute": "address to listen on",
    "port d'écoute (0 = un port libre)": "port to listen on (0 = any free port)",
    "keyid accepté (par défaut la clé de démonstration publique)": (
        "keyid to accept (default: the public demo key)"
    ),
    "crédit de départ en euros (50 par défaut pour un nouvel état)": (
        "starting credit in euros (50 by default for a new state)"
    ),
    "fichier SQLite où garder l'état et le journal des SMS reçus": (
        "SQLite file keeping the state and the log of received SMS"
    ),
    "n'accepter que ces adresses IP (comme l'option du compte iSendPro)": (
        "accept only these IP addresses (like the iSendPro account option)"
    ),
    "numéros à déclarer non attribués (code 21)": "numbers to report as not assigned (code 21)",
    "refuser le marketing entre 20 h et 8 h (code 911)": (
        "refuse marketing between 8 pm and 8 am (code 911)"
    ),
    "latence ajoutée à chaque appel (ms)": "latency added to every call (ms)",
    "part des appels en échec, répartie entre 503, 500, coupures et réponses illisibles": (
        "share of failing calls, spread over 503, 500, dropped connections and unreadable replies"
    ),
    "part des appels qui répondent après --slow-seconds": (
        "share of calls that answer after --slow-seconds"
    ),
    "délai des réponses lentes (s)": "delay of the slow replies (s)",
    "graine du tirage des pannes (reproductible)": "seed of the fault draw (reproducible)",
    "Ctrl-C pour arrêter.": "Ctrl-C to stop.",
    "Réglage de pannes invalide : --error-rate et --slow-rate ensemble ne doivent pas dépasser "
    "1, latences positives.": (
        "Invalid fault settings: --error-rate and --slow-rate together must not exceed 1, "
        "latencies must be positive."
    ),
    "keyid : celui donné par --keyid": "keyid: the one given with --keyid",
    "montant invalide : {value}": "invalid amount: {value}",
    "taux invalide : {value} (entre 0 et 1)": "invalid rate: {value} (between 0 and 1)",
    "Bac à sable iSendPro à l'écoute sur {url}": "iSendPro sandbox listening on {url}",
    "Crédit : {credit}, soit {n} SMS en France.": "Credit: {credit}, that is {n} SMS to France.",
    "keyid : {keyid} (la clé de démonstration publique du bac à sable, pas un secret)": (
        "keyid: {keyid} (the sandbox's public demo key, not a secret)"
    ),
    "État et journal des SMS : {path}": "State and SMS log: {path}",
    "Impossible d'écouter sur {host}:{port} : {reason}": "Cannot listen on {host}:{port}: {reason}",
    "Le port {port} est déjà utilisé : choisissez-en un autre avec --port.": (
        "Port {port} is already in use: pick another one with --port."
    ),
    "connexion coupée pendant la réponse": "connection cut during the reply",
    "pas de réponse dans les {seconds} secondes": "no reply within {seconds} seconds",
    "réponse illisible": "unreadable reply",
    "erreur HTTP {status}": "HTTP error {status}",
    "Lecture {what} auprès d'iSendPro impossible ({reason}). Rien n'a été envoyé : "
    "réessayez dans quelques minutes.": "Could not read {what} from iSendPro ({reason}). "
    "Nothing was sent: try again in a few minutes.",
    "du crédit": "the credit",
    "de la liste noire": "the blacklist",
    "Délai d'attente invalide ({value}) : donnez un nombre de secondes supérieur à 0, "
    "{max:g} au plus.": "Invalid timeout ({value}): give a number of seconds above 0, "
    "{max:g} at most.",
}
