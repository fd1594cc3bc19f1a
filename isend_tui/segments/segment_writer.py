"""A segment written back to its JSON form (README, "Segment files"): the inverse of
segment_file.segment_from_dict, and the atomic save of a segment file."""

from __future__ import annotations

import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from isend_tui.segments.dates import DateRange, DateValue
from isend_tui.segments.model import (
    Age,
    Country,
    Criterion,
    Gender,
    Group,
    LastOrder,
    Newsletter,
    OrdersCount,
    OrdersSum,
    Registration,
    Segment,
    Shop,
    Status,
)

FORMAT_VERSION = 1


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _dates_json(value: DateValue | DateRange) -> Any:
    if isinstance(value, tuple):
        return [value[0].to_json(), value[1].to_json()]
    return value.to_json()


def criterion_to_dict(criterion: Criterion) -> dict[str, Any]:
    out: dict[str, Any] = {"criterion": criterion.kind}
    match criterion:
        case Newsletter(value) | Gender(value) | Status(value):
            out["value"] = value
        case Shop(ids) | Group(ids):
            out["value"] = list(ids)
        case Country(codes):
            out["value"] = list(codes)
        case Age(op, value):
            out["operator"] = op
            out["value"] = list(value) if isinstance(value, tuple) else value
        case LastOrder(op, value) | Registration(op, value):
            out["operator"] = op
            out["value"] = _dates_json(value)
        case OrdersCount(op, count, months):
            out.update(operator=op, value=count, months=months)
        case OrdersSum(op, amount, months):
            out.update(operator=op, value=_json_number(amount), months=months)
    return out


def segment_to_dict(segment: Segment) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "name": segment.name,
        "criteria": [criterion_to_dict(c) for c in segment.criteria],
    }


def save_segment_file(segment: Segment, path: str | Path) -> None:
    """Write the segment as indented UTF-8 JSON, atomically (a temporary file renamed)."""
    file = Path(path)
    text = json.dumps(segment_to_dict(segment), ensure_ascii=False, indent=2) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", dir=file.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
