"""The `isend-tui` command: no sub-command starts the TUI; sub-commands serve scripts.

Every command exits 0 on success and non-zero with a one-line reason on failure. A bug
never shows a traceback: it is logged to the log file and reported in one line.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
from collections.abc import Callable, Sequence

from isend_tui import __version__, i18n
from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.logs import setup_logging
from isend_tui.paths import AppPaths, resolve_paths
from isend_tui.private import protect_process, tightened_notice
from isend_tui.safe_text import SafeStream

log = logging.getLogger("isend_tui")

EXIT_UNEXPECTED = 70
EXIT_DISK_FULL = 74
EXIT_INTERRUPTED = 130
EXIT_CLOSED_PIPE = 141  # what a shell reports for a program stopped by SIGPIPE (128 + 13)


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help=_("dossier des données (remplace ISEND_TUI_HOME et les dossiers par défaut)"),
    )
    common.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("langue des écrans et des messages (sinon celle des réglages)"),
    )
    common.add_argument(
        "--verbose", action="store_true", default=argparse.SUPPRESS, help=_("journal sur stderr")
    )
    return common


def _warn(message: str) -> None:
    print(f"isend-tui: {message}", file=sys.stderr)


def _make_private(paths: AppPaths) -> None:
    """Data left readable by others by an earlier version or another umask is tightened,
    and the merchant told in one line (the TUI says it in a toast instead)."""
    tightened = paths.make_private()
    if tightened:
        _warn(tightened_notice(tightened))


def build_parser() -> argparse.ArgumentParser:
    from isend_tui.commands import argparse_text, register_all

    argparse_text.install()
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="isend-tui",
        parents=[common],
        description=_(
            "SMS marketing et notifications de commande pour PrestaShop, via iSendPro. "
            "Sans sous-commande : ouvre l'application plein écran."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"isend-tui {__version__}",
        help=_("affiche la version et quitte"),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("démarre sur une boutique de démonstration et le bac à sable, sans compte"),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE")
    register_all(subparsers, [common])
    return parser


def _early_language(argv: Sequence[str]) -> None:
    """Pick the language before building the parser so --help is translated too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in i18n.LANGUAGES:
            i18n.set_language(argv[i + 1], chosen=True)
            return
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in i18n.LANGUAGES:
            i18n.set_language(arg.split("=", 1)[1], chosen=True)
            return


def _disk_full(exc: BaseException) -> bool:
    """SQLite's "database or disk is full", or ENOSPC, anywhere in the exception's chain."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno == errno.ENOSPC:
            return True
        if "database or disk is full" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _quiet_closed_stdout() -> None:
    """After `| head` closed the pipe: point stdout at /dev/null so that the interpreter's
    last flush does not report the same broken pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    protect_process()
    # A log file that cannot be written (disk full) must not print tracebacks on stderr.
    logging.raiseExceptions = False
    i18n.reset()
    _early_language(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir = getattr(args, "data_dir", None)
    verbose = getattr(args, "verbose", False)
    if getattr(args, "lang", None):
        i18n.set_language(args.lang, chosen=True)
    paths = resolve_paths(data_dir)
    setup_logging(paths.log_file, verbose=verbose and args.command is not None)
    handler = getattr(args, "handler", None)
    if handler is None:
        from isend_tui.commands.tui import run_tui

        return _guarded(lambda: int(run_tui(args)), paths)
    from isend_tui import context

    # Customer data (names, cities, gateway messages) is printed by many commands: every
    # line a command writes goes through the one terminal filter.
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(real_out), SafeStream(real_err)
    try:
        _make_private(paths)
        context.warning_sink = _warn
        return _guarded(lambda: int(handler(args)), paths)
    finally:
        context.warning_sink = None
        sys.stdout, sys.stderr = real_out, real_err


def _guarded(run: Callable[[], int], paths: AppPaths) -> int:
    """Run a command: one line and a non-zero exit for every failure, never a traceback."""
    try:
        return run()
    except UserError as exc:
        log.info("command failed: %s", exc.message)
        print(f"isend-tui: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(_("isend-tui : interrompu."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `isend-tui recipients … | head`: the reader has what it wanted
        _quiet_closed_stdout()
        return EXIT_CLOSED_PIPE
    except Exception as exc:
        if _disk_full(exc):
            log.error("disk full: %s", exc)
            print(
                _(
                    "isend-tui : le disque est plein ({path}). Libérez de la place puis "
                    "relancez : ce qui était enregistré est conservé, et un envoi interrompu "
                    "se reprend (campaign resume)."
                ).format(path=paths.data_dir),
                file=sys.stderr,
            )
            return EXIT_DISK_FULL
        log.exception("unexpected error")
        print(
            _("isend-tui : erreur inattendue, détails dans {log}").format(log=paths.log_file),
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED
