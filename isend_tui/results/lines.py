"""What a campaign earned, in the merchant's words: the lines `campaign show` prints and
the campaign details can show."""

from __future__ import annotations

from isend_tui.campaigns import send_times
from isend_tui.campaigns.draws import TEXT_LETTERS
from isend_tui.formatting import count, counted, decimal_number, moment, money, percent
from isend_tui.i18n import _
from isend_tui.results.figures import Attribution


def attribution_lines(a: Attribution) -> list[str]:
    cur = a.currency
    when = (
        _("fenêtre ouverte jusqu'au {end} : les chiffres bougent encore")
        if a.window_open and a.window_end is not None
        else _("fenêtre close : chiffres définitifs")
    )
    received = (
        _("après la livraison du SMS")
        if a.delivery_known
        else _("après l'acceptation du SMS par iSendPro")
    )
    lines = [
        _("Chiffre d'affaires attribué ({days} jours {received} ; {when}) :").format(
            days=a.window_days,
            received=received,
            when=when.format(end=moment(a.window_end) if a.window_end else ""),
        ),
        _("  {orders}, {buyers} sur {sms} ; {revenue}").format(
            orders=counted(a.treated.orders, _("{n} commande"), _("{n} commandes")),
            buyers=counted(a.treated.buyers, _("{n} acheteur"), _("{n} acheteurs")),
            sms=counted(a.sms, _("{n} SMS"), _("{n} SMS")),
            revenue=money(a.treated.revenue, cur),
        ),
    ]
    if a.treated.conversion is not None:
        lines.append(_("  Taux de conversion : {rate}").format(rate=percent(a.treated.conversion)))
    if a.treated.stops is not None and a.treated.stop_rate is not None:
        lines.append(
            _("  Réponses STOP : {n} ({rate} des destinataires)").format(
                n=count(a.treated.stops), rate=percent(a.treated.stop_rate)
            )
        )
    if a.revenue_per_sms is not None:
        lines.append(_("  Par SMS : {value}").format(value=money(a.revenue_per_sms, cur)))
    if a.cost is not None:
        roc = a.return_on_cost
        lines.append(
            _("  Coût : {cost} ; le chiffre d'affaires attribué vaut {ratio} fois le coût").format(
                cost=money(a.cost), ratio=decimal_number(roc) if roc is not None else "–"
            )
        )
    lines.extend(_holdout_lines(a))
    lines.extend(_variant_lines(a))
    return lines


def _variant_lines(a: Attribution) -> list[str]:
    if len(a.variants) < 2:
        return []
    lines = []
    for i, v in enumerate(a.variants):
        line = _("{variant} : {n} destinataires, {orders}, {rate} de conversion, {revenue}").format(
            variant=_upper_first(_variant_name(a, i)),
            n=count(v.recipients),
            orders=counted(v.orders, _("{n} commande"), _("{n} commandes")),
            rate=percent(v.conversion) if v.conversion is not None else "–",
            revenue=money(v.revenue, a.currency),
        )
        if v.delivery_rate is not None:
            line += _(", {rate} remis").format(rate=percent(v.delivery_rate))
        if v.stop_rate is not None:
            line += _(", {rate} de STOP").format(rate=percent(v.stop_rate))
        lines.append(line)
    winner = a.winner()
    if winner is None:
        lines.append(
            _(
                "  Pas de gagnant : les taux de conversion ne diffèrent pas de façon "
                "significative (test z de deux proportions, 95 %, correction de Bonferroni)."
            )
        )
    else:
        lines.append(
            _(
                "  Gagnant : {variant} (test z de deux proportions, 95 %, correction de "
                "Bonferroni)."
            ).format(variant=_variant_name(a, winner))
        )
    return lines


def _variant_name(a: Attribution, index: int) -> str:
    """« texte B », or for an A/B test on send times « heure B (mardi 08/12/2026 18:00) »."""
    if index < len(a.send_times):
        return send_times.label(a.send_times, index)
    return _("texte {letter}").format(letter=TEXT_LETTERS[index])


def _holdout_lines(a: Attribution) -> list[str]:
    h = a.holdout
    if h is None:
        return []
    lines = [
        _("Groupe témoin : {n} sans SMS, {buyers}, {revenue}").format(
            n=count(h.recipients),
            buyers=counted(h.buyers, _("{n} acheteur"), _("{n} acheteurs")),
            revenue=money(h.revenue, a.currency),
        )
    ]
    found = a.incremental()
    if found is None:
        lines.append(_("  Groupe témoin trop petit pour mesurer un gain."))
        return lines
    lines.append(
        _(
            "  Gain dû à la campagne : {diff} (intervalle de confiance à 95 %, test de Welch : "
            "{low} à {high})"
        ).format(
            diff=money(found.difference, a.currency),
            low=money(found.low, a.currency),
            high=money(found.high, a.currency),
        )
    )
    if not found.significant:
        lines.append(
            _(
                "  Différence non significative : rien ne prouve que la campagne a rapporté "
                "plus que sans SMS."
            )
        )
    return lines


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
