"""Logging to a rotating file, with every known secret redacted.

The keyid and the shop password are registered with register_secret() as soon as they are
loaded; the filter replaces them wherever they appear in a record (message, arguments,
exception text), so a stray f-string cannot leak them.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from pathlib import Path

from isend_tui.private import tighten

_secrets: set[str] = set()
_lock = threading.Lock()
# A keyid-shaped query parameter anywhere in a URL or body is masked even if unregistered.
_KEYID_PARAM = re.compile(r"(keyid[\"']?\s*[=:]\s*[\"']?)([^&\"'\s,}]+)", re.IGNORECASE)
MASK = "***"


def register_secret(value: str | None) -> None:
    if value and len(value) >= 4:
        with _lock:
            _secrets.add(value)


def redact(text: str) -> str:
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, MASK)
    return _KEYID_PARAM.sub(lambda m: m.group(1) + MASK, text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(log_file: Path, *, verbose: bool = False) -> None:
    """Send isend_tui's logs to a rotating file (and stderr with --verbose)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_isend", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = RedactingFormatter("%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s")
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        tighten(log_file)
    except OSError:
        file_handler = logging.NullHandler()
    file_handler.setFormatter(fmt)
    file_handler.addFilter(RedactingFilter())
    file_handler._isend = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if verbose:
        err = logging.StreamHandler(sys.stderr)
        err.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
        err.addFilter(RedactingFilter())
        err._isend = True  # type: ignore[attr-defined]
        root.addHandler(err)
    # httpx logs every request URL at INFO; some iSendPro calls carry the keyid in the
    # query string. Keep those libraries quiet.
    for noisy in ("httpx", "httpcore", "uvicorn.access", "peewee", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
