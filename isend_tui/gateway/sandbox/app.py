"""The sandbox as an ASGI app (Starlette): ``create_app(account, faults)``.

API endpoints are served at the root and under ``/cgi-bin`` (``/sms`` and
``/cgi-bin/sms`` are the same), with any method; parameters are read from the query
string, then a form or JSON body (the JSON body wins), as the live API mixes them.

Sandbox-only control endpoints (not part of iSendPro's API, no keyid needed):

- ``GET /_sandbox/state``: credit, quantite, blacklist, sms_count, directories, ...
- ``POST /_sandbox/state``: JSON with any of ``credit``, ``ip_whitelist`` (bool),
  ``allowed_ips`` (list), ``unassigned`` (numbers to answer 21 for); returns the state.
- ``GET /_sandbox/faults`` and ``POST /_sandbox/faults``: see ``faults.py``.
- ``GET /_sandbox/receipts`` and ``POST /_sandbox/receipts``: the delivery receipts sent
  back (``receipts.py``): JSON with any field of ReceiptConfig (``url``, ``delay_s``,
  ``delivery_rate``, ``permanent_failure_rate``, ``overrides``…; ``resend``: every
  receipt again, e.g. to a URL set after the SMS were accepted); returns the
  configuration, the counts and how many receipts are still to send.

In-process use without a socket: ``httpx.ASGITransport(app=create_app(account))``.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from isend_tui.gateway import codes
from isend_tui.gateway.sandbox.account import SandboxAccount
from isend_tui.gateway.sandbox.api import ENDPOINTS, GatewayApi, Refused, refusal_reply
from isend_tui.gateway.sandbox.faults import (
    FaultKind,
    FaultMiddleware,
    Faults,
    silence_dropped_connection_logs,
)
from isend_tui.gateway.sandbox.receipts import ReceiptSender

log = logging.getLogger(__name__)

_METHODS = ["GET", "POST", "PUT", "DELETE"]
API_PATHS = frozenset(f"{prefix}/{name}" for name in ENDPOINTS for prefix in ("", "/cgi-bin"))


def _merge(target: dict[str, Any], pairs: dict[str, list[str]]) -> None:
    for key, values in pairs.items():
        name = key.removesuffix("[]")
        target[name] = values[0] if len(values) == 1 and not key.endswith("[]") else values


# Endpoints whose published contract has no JSON body: /credit is GET with a query string
# (swagger 1.1.1) or, in the official client since 2025, a POST form. A JSON body there is
# not read, as the live API may not read it: the keyid is then missing (code 3).
QUERY_OR_FORM_ONLY = frozenset({"credit"})


async def read_params(request: Request, *, json_body: bool = True) -> dict[str, Any]:
    """Query string, then the form or JSON body. Raises Refused on an unreadable body."""
    params: dict[str, Any] = {}
    query: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        query.setdefault(key, []).append(value)
    _merge(params, query)
    body = await request.body()
    if not body.strip():
        return params
    content_type = request.headers.get("content-type", "")
    try:
        text = body.decode("utf-8")
        if "json" in content_type or text.lstrip()[:1] in ("{", "["):
            if not json_body:
                return params
            data = json.loads(text)
            if not isinstance(data, dict):
                raise ValueError("JSON body is not an object")
            params.update(data)
        else:
            _merge(params, parse_qs(text, keep_blank_values=True))
    except ValueError:
        raise Refused(codes.INVALID_PARAMETER, name="body") from None
    return params


def create_app(
    account: SandboxAccount | None = None,
    faults: Faults | None = None,
    receipts: ReceiptSender | None = None,
) -> Starlette:
    """The sandbox app; ``app.state.account``, ``.faults``, ``.api`` and ``.receipts``."""
    account = account if account is not None else SandboxAccount()
    faults = faults if faults is not None else Faults()
    sender = receipts if receipts is not None else ReceiptSender(account)
    api = GatewayApi(account, faults)
    silence_dropped_connection_logs()

    async def endpoint(request: Request) -> Response:
        name = request.url.path.removeprefix("/cgi-bin").strip("/")
        client_ip = request.client.host if request.client else None
        try:
            params = await read_params(request, json_body=name not in QUERY_OR_FORM_ONLY)
        except Refused as refused:
            reply = refusal_reply(refused)
        else:
            reply = api.handle(name, params, client_ip)
        log.debug("sandbox %s /%s -> %d", request.method, name, reply.status)
        return Response(reply.body, reply.status, media_type=reply.content_type)

    async def get_state(request: Request) -> Response:
        if request.method == "POST":
            try:
                data = json.loads(await request.body() or b"{}")
                if "credit" in data:
                    account.set_credit(Decimal(str(data["credit"])))
                if "ip_whitelist" in data or "allowed_ips" in data:
                    account.set_ip_whitelist(
                        bool(data.get("ip_whitelist", account.ip_whitelist)),
                        data.get("allowed_ips"),
                    )
                if "unassigned" in data:
                    account.mark_unassigned(*[str(n) for n in data["unassigned"]])
            except (ValueError, TypeError, InvalidOperation) as exc:
                return JSONResponse({"error": str(exc)}, 400)
        return JSONResponse(account.state())

    async def fault_plan(request: Request) -> Response:
        if request.method == "POST":
            try:
                data = dict(json.loads(await request.body() or b"{}"))
                if data.pop("reset", False):
                    faults.reset()
                queued = data.pop("fail_next", None)
                if data:
                    faults.configure(**data)
                if queued:
                    faults.fail_next(
                        FaultKind(queued["kind"]),
                        int(queued.get("count", 1)),
                        paths=tuple(queued.get("paths", ())),
                    )
            except (ValueError, TypeError, KeyError) as exc:
                return JSONResponse({"error": str(exc)}, 400)
        return JSONResponse(faults.as_dict())

    async def receipt_plan(request: Request) -> Response:
        if request.method == "POST":
            try:
                data = dict(json.loads(await request.body() or b"{}"))
                resend = data.pop("resend", False)
                if data:
                    sender.configure(**data)
                if resend:
                    sender.resend()
            except (ValueError, TypeError) as exc:
                return JSONResponse({"error": str(exc)}, 400)
        return JSONResponse(
            {
                "config": sender.config.as_dict(),
                "stats": sender.stats.as_dict(),
                "pending": sender.pending(),
            }
        )

    routes = [Route(path, endpoint, methods=_METHODS) for path in sorted(API_PATHS)]
    routes.append(Route("/_sandbox/receipts", receipt_plan, methods=["GET", "POST"]))
    routes.append(Route("/_sandbox/state", get_state, methods=["GET", "POST"]))
    routes.append(Route("/_sandbox/faults", fault_plan, methods=["GET", "POST"]))
    app = Starlette(
        routes=routes,
        middleware=[Middleware(FaultMiddleware, faults=faults, api_paths=API_PATHS)],
    )
    app.state.account = account
    app.state.faults = faults
    app.state.api = api
    app.state.receipts = sender
    return app
