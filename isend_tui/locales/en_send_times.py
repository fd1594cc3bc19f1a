"""English for A/B tests on send times (campaigns/send_times.py, the confirmation's lines,
`campaign send --send-time`, the Envoi tab's field)."""

from __future__ import annotations

EN: dict[str, str] = {
    # campaigns/send_times.py
    "Test A/B refusé : comparez des textes ou des heures d'envoi, pas les deux (les résultats "
    "mêleraient les deux causes). Retirez les textes B à D ou les heures à comparer.": (
        "A/B test refused: compare texts or send times, not both (the results would mix the "
        "two causes). Remove texts B to D or the times to compare."
    ),
    "Date d'envoi refusée avec un test des heures d'envoi : la campagne part aux heures "
    "comparées. Retirez la date d'envoi (--at), ou envoyez sans programmer.": (
        "A send date is refused with a test of send times: the campaign leaves at the times "
        "compared. Remove the send date (--at), or send without scheduling."
    ),
    "Envoi du gagnant refusé pour un test des heures d'envoi : l'heure gagnante est connue une "
    "fois passée. Les résultats la donnent pour la prochaine campagne ; retirez le délai du "
    "gagnant (--winner-after).": (
        "Sending the winner is refused for a test of send times: the winning time is known "
        "once it has passed. The results give it for the next campaign; remove the winner's "
        "delay (--winner-after)."
    ),
    "Test des heures d'envoi d'{n} heure refusé : comparez de 2 à {high} heures d'envoi "
    "(--send-time, 2 à {high} fois).": (
        "A test of {n} send time is refused: compare 2 to {high} send times (--send-time, 2 "
        "to {high} times)."
    ),
    "Test des heures d'envoi de {n} heures refusé : comparez de 2 à {high} heures d'envoi "
    "(--send-time, 2 à {high} fois).": (
        "A test of {n} send times is refused: compare 2 to {high} send times (--send-time, 2 "
        "to {high} times)."
    ),
    "Test des heures d'envoi refusé : l'heure {at} est donnée deux fois. Donnez des heures "
    "différentes.": (
        "Test of send times refused: the time {at} is given twice. Give different times."
    ),
    "heure {letter} ({at})": "time {letter} ({at})",
    "Test A/B des heures d'envoi : {moments}": "A/B test of send times: {moments}",
    # ui/screens/marketing/send.py
    "Test A/B des heures d'envoi : 2 à 4 heures à comparer, séparées par des virgules (vide : "
    "non ; la campagne part alors à ces heures)": (
        "A/B test of send times: 2 to 4 times to compare, separated by commas (empty: none; "
        "the campaign then leaves at those times)"
    ),
    "AAAA-MM-JJ HH:MM, AAAA-MM-JJ HH:MM": "YYYY-MM-DD HH:MM, YYYY-MM-DD HH:MM",
    # campaigns/plan_draws.py, plan.py, sending.py
    "{moment} : {n}": "{moment}: {n}",
    "Test A/B des heures d'envoi, destinataires tirés au hasard pour chaque heure : "
    "{counts}.": "A/B test of send times, recipients drawn at random for each time: {counts}.",
    "Envois programmés aux heures comparées ci-dessous (heure de Paris).": (
        "Sends scheduled at the times compared below (Paris time)."
    ),
    "Test des heures d'envoi : envois programmés pour le {times} transmis à iSendPro.": (
        "Test of send times: sends scheduled for {times} handed to iSendPro."
    ),
    # commands/campaign_winner.py, campaign_moments.py
    "test A/B des heures d'envoi : une heure à comparer (2 à 4 fois, heure de Paris), chaque "
    "destinataire reçoit le message à l'une d'elles tirée au hasard ; les résultats sont "
    "donnés par heure (sans --at ni --variant)": (
        "A/B test of send times: a time to compare (2 to 4 times, Paris time), each recipient "
        "gets the message at one of them drawn at random; the results are given per time "
        "(without --at or --variant)"
    ),
    '--send-time est vide : donnez chaque heure à comparer (--send-time "AAAA-MM-JJ HH:MM", '
    "heure de Paris). Rien n'a été envoyé.": (
        '--send-time is empty: give each time to compare (--send-time "YYYY-MM-DD HH:MM", '
        "Paris time). Nothing was sent."
    ),
}
