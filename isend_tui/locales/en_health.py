"""English for the installation's health and the admin's alerts (health/, `health`,
`alerts`)."""

EN: dict[str, str] = {
    "Watcher : aucun passage enregistré.": "Watcher: no poll recorded.",
    "Aucune alerte ouverte.": "No open alert.",
    "Crédit : {sms} SMS ({euros})": "Credit: {sms} SMS ({euros})",
    "Crédit inconnu : {reason}": "Credit unknown: {reason}",
    "Notifications : {daily} SMS par jour en moyenne sur 7 jours.": (
        "Notifications: {daily} SMS a day on average over 7 days."
    ),
    "{n} alerte ouverte :": "{n} open alert:",
    "{n} alertes ouvertes :": "{n} open alerts:",
    "seuil d'alerte {n} SMS.": "alert threshold {n} SMS.",
    "Watcher : dernier passage {at} (il y a {minutes} min).": (
        "Watcher: last poll {at} ({minutes} min ago)."
    ),
    "environ {days} de notifications": "about {days} of notifications",
    "Échecs sur la dernière heure, {label} : {failed} sur {tried}.": (
        "Failures over the last hour, {label}: {failed} of {tried}."
    ),
    "{n} jour": "{n} day",
    "{n} jours": "{n} days",
    "Alerte : {message}": "Alert: {message}",
    "Liste noire iSendPro non lue : {reason}": "iSendPro blacklist not read: {reason}",
    "notifications": "notifications",
    "campagne {id} « {label} »": "campaign {id} '{label}'",
    "Le watcher n'a jamais interrogé la boutique alors que des notifications sont "
    "actives : lancez isend-tui watch (ou l'interface).": (
        "The watcher never polled the shop while notifications are enabled: start "
        "isend-tui watch (or the interface)."
    ),
    "Crédit iSendPro : {sms} SMS ({euros}){lasts} ; seuil {threshold} SMS.": (
        "iSendPro credit: {sms} SMS ({euros}){lasts}; threshold {threshold} SMS."
    ),
    "Taux d'échec de {label} sur la dernière heure : {percent} % ({failed} sur {tried} "
    "SMS) ; seuil {threshold} %.": (
        "Failure rate of {label} over the last hour: {percent}% ({failed} of {tried} "
        "SMS); threshold {threshold}%."
    ),
    "crédit pas encore lu": "credit not read yet",
    ", environ {days} de notifications": ", about {days} of notifications",
    "Le watcher n'a pas interrogé la boutique depuis {minutes} min (seuil {threshold} "
    "min) : les notifications ne partent plus.": (
        "The watcher has not polled the shop for {minutes} min (threshold {threshold} "
        "min): notifications are not being sent."
    ),
    "pas de passerelle configurée": "no gateway configured",
    "pas de mobile administrateur (admin_phone)": "no admin mobile (admin_phone)",
    "isend-tui, alerte : {message}": "isend-tui alert: {message}",
    "refusé (code {code})": "refused (code {code})",
    "crédit bas": "low credit",
    "taux d'échec": "failure rate",
    "watcher silencieux": "silent watcher",
    "Retour à la normale : {message}": "Back to normal: {message}",
    "état (crédit, watcher, échecs, alertes) ; code de sortie 1 si une alerte est "
    "ouverte": "state (credit, watcher, failures, alerts); exit code 1 while an alert is open",
    "affiche le journal des alertes": "shows the alert log",
    "journal des alertes envoyées à l'administrateur": "log of the alerts sent to the admin",
    "nombre de lignes (50)": "number of lines (50)",
    "Aucune alerte enregistrée.": "No alert recorded.",
    "SMS envoyé": "SMS sent",
    "SMS non envoyé : {why}": "SMS not sent: {why}",
    "Alertes": "Alerts",
    "Alerte": "Alert",
    "Alertes à l'administrateur et liste noire": "Admin alerts and blacklist",
    "Alerte si le crédit passe sous (SMS)": "Alert when the credit falls under (SMS)",
    "Alerte si le taux d'échec sur une heure dépasse (%)": (
        "Alert when the failure rate over an hour passes (%)"
    ),
    "SMS essayés dans l'heure avant de juger le taux d'échec": (
        "SMS tried in the hour before the failure rate is judged"
    ),
    "Alerte si le watcher n'a pas tourné depuis (minutes)": (
        "Alert when the watcher has not run for (minutes)"
    ),
    "Import de la liste noire iSendPro toutes les (heures)": (
        "Import the iSendPro blacklist every (hours)"
    ),
    "0 = une journée de notifications (moyenne des 7 derniers jours).": (
        "0 = one day of notifications (average of the last 7 days)."
    ),
    "0 = jamais. Jugé sur alert_failure_min_sms SMS au moins.": (
        "0 = never. Judged over alert_failure_min_sms SMS at least."
    ),
    "0 = jamais. Les alertes partent par SMS au mobile ci-dessus.": (
        "0 = never. Alerts are texted to the mobile above."
    ),
    "0 = à la main et avant chaque campagne seulement.": (
        "0 = by hand and before each campaign only."
    ),
    "SMS pas encore envoyé, nouvel essai au prochain contrôle : {why}": (
        "SMS not sent yet, tried again at the next check: {why}"
    ),
    "SMS en cours d'envoi": "SMS being sent",
    "Échecs sur la dernière heure : aucun SMS essayé.": (
        "Failures over the last hour: no SMS tried."
    ),
    "⚠ {n} alerte ouverte": "⚠ {n} open alert",
    "⚠ {n} alertes ouvertes": "⚠ {n} open alerts",
}
