"""Running a command's body on the data directory's context, closed afterwards."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from isend_tui.context import AppContext, open_context


def with_context(args: argparse.Namespace, body: Callable[[AppContext], int]) -> int:
    ctx = open_context(getattr(args, "data_dir", None))
    try:
        return body(ctx)
    finally:
        ctx.close()
