"""The JSON form of a segment (README, "Segment files"), exactly::

    {"version": 1, "name": "Fidèles", "criteria": [{"criterion": "newsletter", "value": true}]}

`segment_from_dict` validates a parsed document and builds the criteria of
`isend_tui.segments.model`; `segment_to_dict` gives the same document back; the files are
read and written by `load_segment_file` and `save_segment_file`. Every validation error is
a `SegmentError` whose message names the criterion (its position, from 1, and its name)
and says how to fix it: "Critère 2 (age) : …".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from isend_tui.i18n import _
from isend_tui.segments.dates import DateRange, DateValue
from isend_tui.segments.file_values import LongNumber as _LongNumber
from isend_tui.segments.file_values import is_int as _is_int
from isend_tui.segments.file_values import parse_int as _parse_int
from isend_tui.segments.file_values import short as _short
from isend_tui.segments.file_values import type_name as _type_name
from isend_tui.segments.model import (
    AGE_OPERATORS,
    COMPARISONS,
    CRITERIA_KINDS,
    DATE_OPERATORS,
    GENDERS,
    STATUSES,
    Age,
    Country,
    Criterion,
    DateOperator,
    Gender,
    Group,
    LastOrder,
    Newsletter,
    OrdersCount,
    OrdersSum,
    Registration,
    Segment,
    SegmentError,
    Shop,
    Status,
)
from isend_tui.segments.segment_writer import FORMAT_VERSION
from isend_tui.segments.segment_writer import criterion_to_dict as criterion_to_dict
from isend_tui.segments.segment_writer import save_segment_file as save_segment_file
from isend_tui.segments.segment_writer import segment_to_dict as segment_to_dict

MAX_AGE = 150
MAX_MONTHS = 1200
MAX_DAYS = 36600

_ISO_RE = re.compile(r"[A-Za-z]{2}")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Ctx:
    """Where we are in the document, to build error messages."""

    def __init__(self, position: int, name: str) -> None:
        self.position = position
        self.name = name

    def error(self, problem: str) -> SegmentError:
        return SegmentError(
            _("Critère {position} ({name}) : {problem}").format(
                position=self.position, name=self.name, problem=problem
            ),
            position=self.position,
            name=self.name,
            problem=problem,
        )


#: PrestaShop's ids are INT UNSIGNED: a bigger one names nothing (and overflows SQLite).
MAX_ID = 2**32 - 1


def _too_long(ctx: _Ctx, value: object, what: str, maximum: int) -> None:
    if isinstance(value, _LongNumber):
        raise ctx.error(
            _("{what} est trop grand ({value}) : {maximum} au plus.").format(
                what=what, value=value.shown(), maximum=maximum
            )
        )


def _require(ctx: _Ctx, item: Mapping[str, Any], key: str, example: str) -> Any:
    if key not in item:
        raise ctx.error(
            _("la clé « {key} » manque : ajoutez-la, par exemple {example}.").format(
                key=key, example=example
            )
        )
    return item[key]


def _check_keys(ctx: _Ctx, item: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for key in item:
        if key != "criterion" and key not in allowed:
            raise ctx.error(
                _("clé inconnue « {key} » : les clés possibles sont {allowed}.").format(
                    key=_short(str(key)), allowed=", ".join(allowed)
                )
            )


def _operator(ctx: _Ctx, item: Mapping[str, Any], allowed: tuple[str, ...]) -> str:
    choices = ", ".join(f'"{o}"' for o in allowed)
    op = _require(ctx, item, "operator", f'"operator": "{allowed[0]}"')
    if not isinstance(op, str) or op not in allowed:
        raise ctx.error(
            _("opérateur {op} inconnu : choisissez parmi {choices}.").format(
                op=_type_name(op), choices=choices
            )
        )
    return op


def _non_negative_int(ctx: _Ctx, value: object, what: str, maximum: int) -> int:
    _too_long(ctx, value, what, maximum)
    if not _is_int(value):
        raise ctx.error(
            _("{what} doit être un nombre entier, pas {value}.").format(
                what=what, value=_type_name(value)
            )
        )
    assert isinstance(value, int)
    if value < 0:
        raise ctx.error(
            _("{what} ne peut pas être négatif ({value}) : indiquez 0 ou plus.").format(
                what=what, value=value
            )
        )
    if value > maximum:
        raise ctx.error(
            _("{what} est trop grand ({value}) : {maximum} au plus.").format(
                what=what, value=value, maximum=maximum
            )
        )
    return value


def _period(ctx: _Ctx, value: object, what: str, maximum: int) -> int:
    _too_long(ctx, value, what, maximum)
    if not _is_int(value):
        raise ctx.error(
            _("{what} doit être un nombre entier de 1 ou plus, pas {value}.").format(
                what=what, value=_type_name(value)
            )
        )
    assert isinstance(value, int)
    if value <= 0:
        raise ctx.error(
            _(
                "{what} doit être d'au moins 1 ({value} donné) : indiquez une période positive."
            ).format(what=what, value=value)
        )
    if value > maximum:
        raise ctx.error(
            _("{what} est trop grand ({value}) : {maximum} au plus.").format(
                what=what, value=value, maximum=maximum
            )
        )
    return value


def _id_list(ctx: _Ctx, value: object, example: str) -> tuple[int, ...]:
    if not isinstance(value, list):
        raise ctx.error(
            _(
                "la valeur doit être une liste d'identifiants, par exemple {example}, pas {value}."
            ).format(example=example, value=_type_name(value))
        )
    if not value:
        raise ctx.error(
            _(
                "la liste est vide : indiquez au moins un identifiant, par exemple {example}."
            ).format(example=example)
        )
    out: dict[int, None] = {}  # in order, each once (200,000 ids in a fraction of a second)
    for element in value:
        if not _is_int(element) or element <= 0:
            raise ctx.error(
                _("{value} n'est pas un identifiant (nombre entier positif) : corrigez la liste, "
                  "par exemple {example}.").format(value=_type_name(element), example=example)
            )  # fmt: skip
        if element > MAX_ID:
            raise ctx.error(
                _("l'identifiant {value} est trop grand (PrestaShop n'en a pas au-delà de "
                  "{maximum}) : corrigez la liste, par exemple {example}.").format(
                    value=element, maximum=MAX_ID, example=example
                )
            )  # fmt: skip
        out[element] = None
    return tuple(out)


def _choice(ctx: _Ctx, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ctx.error(
            _("valeur {value} inconnue : choisissez parmi {choices}.").format(
                value=_type_name(value), choices=", ".join(f'"{a}"' for a in allowed)
            )
        )
    return value


def _date_value(ctx: _Ctx, value: object) -> DateValue:
    hint = _('une date "AAAA-MM-JJ", {"months_ago": 6} ou {"days_ago": 30}')
    if isinstance(value, str):
        text = value.strip()
        day: dt.date | None = None
        if _DATE_RE.fullmatch(text):
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                day = None
        if day is None:
            raise ctx.error(
                _("date invalide « {value} » : écrivez {hint}.").format(
                    value=_short(value), hint=hint
                )
            )
        return DateValue(day=day)
    if isinstance(value, dict):
        if len(value) == 1 and "months_ago" in value:
            return DateValue(months_ago=_period(ctx, value["months_ago"], "months_ago", MAX_MONTHS))
        if len(value) == 1 and "days_ago" in value:
            return DateValue(days_ago=_period(ctx, value["days_ago"], "days_ago", MAX_DAYS))
        raise ctx.error(
            _("date relative invalide {value} : écrivez {hint}.").format(
                value="{" + ", ".join(f"{_type_name(str(k))}: …" for k in list(value)[:3]) + "}",
                hint=hint,
            )
        )
    raise ctx.error(
        _("date attendue, pas {value} : écrivez {hint}.").format(value=_type_name(value), hint=hint)
    )


def _date_criterion(
    ctx: _Ctx, item: Mapping[str, Any]
) -> tuple[DateOperator, DateValue | DateRange]:
    _check_keys(ctx, item, ("operator", "value"))
    op = _operator(ctx, item, DATE_OPERATORS)
    raw = _require(ctx, item, "value", '"value": {"months_ago": 6}')
    if op == "between":
        if not isinstance(raw, list) or len(raw) != 2:
            raise ctx.error(
                _('« between » attend deux dates : "value": ["2025-01-01", "2025-06-30"], '
                  "pas {value}.").format(value=_type_name(raw))
            )  # fmt: skip
        low, high = _date_value(ctx, raw[0]), _date_value(ctx, raw[1])
        lk, hk = low.order_key(), high.order_key()
        if lk is not None and hk is not None and lk[0] == hk[0] and lk[1] > hk[1]:
            raise ctx.error(
                _("la première date de « between » est après la seconde : inversez-les.")
            )
        return "between", (low, high)
    return op, _date_value(ctx, raw)  # type: ignore[return-value]


def _amount(ctx: _Ctx, value: object) -> Decimal:
    if isinstance(value, _LongNumber):
        raise ctx.error(_("le montant est trop grand ({value}).").format(value=value.shown()))
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ctx.error(
            _("le montant doit être un nombre (par exemple 100 ou 99.90), pas {value}.").format(
                value=_type_name(value)
            )
        )
    try:
        amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:  # pragma: no cover - float/int always convert
        raise ctx.error(_("montant invalide {value}.").format(value=value)) from None
    if not amount.is_finite():
        raise ctx.error(_("montant invalide {value}.").format(value=value))
    if amount < 0:
        raise ctx.error(
            _("le montant ne peut pas être négatif ({value}) : indiquez 0 ou plus.").format(
                value=value
            )
        )
    if amount >= Decimal("1e12"):
        raise ctx.error(_("le montant est trop grand ({value}).").format(value=value))
    return amount


def _criterion(ctx: _Ctx, item: Mapping[str, Any]) -> Criterion:
    kind = ctx.name
    if kind == "newsletter":
        _check_keys(ctx, item, ("value",))
        value = _require(ctx, item, "value", '"value": true')
        if not isinstance(value, bool):
            raise ctx.error(
                _("la valeur doit être true ou false, pas {value}.").format(value=_type_name(value))
            )
        return Newsletter(value)
    if kind == "age":
        _check_keys(ctx, item, ("operator", "value"))
        op = _operator(ctx, item, AGE_OPERATORS)
        raw = _require(ctx, item, "value", '"value": 30')
        if op == "between":
            if not isinstance(raw, list) or len(raw) != 2:
                raise ctx.error(
                    _('« between » attend deux âges : "value": [25, 40], pas {value}.').format(
                        value=_type_name(raw)
                    )
                )
            low = _non_negative_int(ctx, raw[0], _("l'âge"), MAX_AGE)
            high = _non_negative_int(ctx, raw[1], _("l'âge"), MAX_AGE)
            if low > high:
                raise ctx.error(
                    _("le minimum ({low}) est plus grand que le maximum ({high}) : "
                      "écrivez [{high}, {low}].").format(low=low, high=high)
                )  # fmt: skip
            return Age("between", (low, high))
        return Age(op, _non_negative_int(ctx, raw, _("l'âge"), MAX_AGE))  # type: ignore[arg-type]
    if kind in ("shop", "group"):
        _check_keys(ctx, item, ("value",))
        ids = _id_list(ctx, _require(ctx, item, "value", '"value": [1]'), "[1, 2]")
        return Shop(ids) if kind == "shop" else Group(ids)
    if kind in ("last_order", "registration"):
        op, dates = _date_criterion(ctx, item)
        return LastOrder(op, dates) if kind == "last_order" else Registration(op, dates)
    if kind == "gender":
        _check_keys(ctx, item, ("value",))
        value = _choice(ctx, _require(ctx, item, "value", '"value": "women"'), GENDERS)
        return Gender(value)  # type: ignore[arg-type]
    if kind == "status":
        _check_keys(ctx, item, ("value",))
        value = _choice(ctx, _require(ctx, item, "value", '"value": "professional"'), STATUSES)
        return Status(value)  # type: ignore[arg-type]
    if kind == "country":
        _check_keys(ctx, item, ("value",))
        raw = _require(ctx, item, "value", '"value": ["FR", "BE"]')
        if not isinstance(raw, list):
            raise ctx.error(
                _('la valeur doit être une liste de codes pays, par exemple ["FR", "BE"], '
                  "pas {value}.").format(value=_type_name(raw))
            )  # fmt: skip
        if not raw:
            raise ctx.error(
                _('la liste est vide : indiquez au moins un code pays, par exemple ["FR"].')
            )
        codes: dict[str, None] = {}
        for element in raw:
            if not isinstance(element, str) or not _ISO_RE.fullmatch(element.strip()):
                raise ctx.error(
                    _("{value} n'est pas un code pays ISO à deux lettres (FR, BE, CH…).").format(
                        value=_type_name(element)
                    )
                )
            codes[element.strip().upper()] = None
        return Country(tuple(codes))
    if kind in ("orders_count", "orders_sum"):
        _check_keys(ctx, item, ("operator", "value", "months"))
        op = _operator(ctx, item, COMPARISONS)
        months = _period(
            ctx, _require(ctx, item, "months", '"months": 12'), _("le nombre de mois"), MAX_MONTHS
        )
        if kind == "orders_count":
            count = _non_negative_int(
                ctx, _require(ctx, item, "value", '"value": 2'), _("le nombre de commandes"), 10**9
            )
            return OrdersCount(op, count, months)  # type: ignore[arg-type]
        amount = _amount(ctx, _require(ctx, item, "value", '"value": 100'))
        return OrdersSum(op, amount, months)  # type: ignore[arg-type]
    raise AssertionError(kind)  # pragma: no cover - filtered by the caller


def segment_from_dict(document: object) -> Segment:
    """Validate a parsed JSON document and build the Segment (SegmentError when invalid)."""
    if not isinstance(document, dict):
        raise SegmentError(
            _('Le segment doit être un objet JSON {"version": 1, "name": …, "criteria": […]}.')
        )
    unknown = sorted(set(document) - {"version", "name", "criteria"})
    if unknown:
        raise SegmentError(
            _("Clé inconnue « {key} » dans le segment : les clés sont version, name et "
              "criteria.").format(key=unknown[0])
        )  # fmt: skip
    version = document.get("version")
    if not _is_int(version) or version != FORMAT_VERSION:
        raise SegmentError(
            _('Version de segment {value} non prise en charge : écrivez "version": 1.').format(
                value=_type_name(version)
            )
        )
    name = document.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SegmentError(_('Le segment n\'a pas de nom : ajoutez "name": "Fidèles" par exemple.'))
    criteria = document.get("criteria")
    if not isinstance(criteria, list):
        raise SegmentError(
            _('"criteria" doit être une liste de critères ([] pour tous les clients), '
              "pas {value}.").format(value=_type_name(criteria))
        )  # fmt: skip
    parsed: list[Criterion] = []
    for position, item in enumerate(criteria, start=1):
        if not isinstance(item, dict):
            raise SegmentError(
                _(
                    'Critère {position} : un objet {{"criterion": …}} est attendu, pas {value}.'
                ).format(position=position, value=_type_name(item)),
                position=position,
            )
        kind = item.get("criterion")
        if not isinstance(kind, str) or kind not in CRITERIA_KINDS:
            shown = _short(kind) if isinstance(kind, str) else _type_name(kind)
            kinds = ", ".join(CRITERIA_KINDS)
            raise SegmentError(
                _("Critère {position} ({name}) : critère inconnu ; les critères possibles sont "
                  "{kinds}.").format(position=position, name=shown, kinds=kinds),
                position=position,
                name=shown,
            )  # fmt: skip
        parsed.append(_criterion(_Ctx(position, kind), item))
    return Segment(name.strip(), tuple(parsed))


def load_segment_file(path: str | Path) -> Segment:
    """Read and validate a segment file (SegmentError names the file and the problem)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SegmentError(
            _("Fichier de segment introuvable : {path}. Vérifiez le chemin.").format(path=file)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SegmentError(
            _("Impossible de lire le fichier de segment {path} : {detail}.").format(
                path=file, detail=exc
            )
        ) from None
    try:
        document = json.loads(text, parse_float=Decimal, parse_int=_parse_int)
    except RecursionError:
        raise SegmentError(
            _("Le fichier {path} imbrique des listes ou des objets sur trop de niveaux : un "
              "segment n'en a que trois (le segment, ses critères, une valeur), "
              "corrigez-le.").format(path=file)
        ) from None  # fmt: skip
    except json.JSONDecodeError as exc:
        raise SegmentError(
            _("Le fichier {path} n'est pas du JSON valide (ligne {line}, colonne {column} : "
              "{detail}) : corrigez-le.").format(
                path=file, line=exc.lineno, column=exc.colno, detail=exc.msg
            )
        ) from None  # fmt: skip
    return segment_from_dict(document)
