"""The `isend-tui` command: no sub-command starts the TUI; sub-commands serve scripts.

Every command exits 0 on success and non-zero with a one-line reason on failure. A bug
never shows a traceback: it is logged to the log file and reported in one line.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from isend_tui import __version__, i18n
from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.logs import setup_logging
from isend_tui.paths import resolve_paths

log = logging.getLogger("isend_tui")

EXIT_UNEXPECTED = 70
EXIT_INTERRUPTED = 130


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help=_("dossier des données (remplace ISEND_TUI_HOME et les dossiers par défaut)"),
    )
    common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS)
    common.add_argument(
        "--verbose", action="store_true", default=argparse.SUPPRESS, help=_("journal sur stderr")
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    from isend_tui.commands import register_all

    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="isend-tui",
        parents=[common],
        description=_(
            "SMS marketing et notifications de commande pour PrestaShop, via iSendPro. "
            "Sans sous-commande : ouvre l'application plein écran."
        ),
    )
    parser.add_argument("--version", action="version", version=f"isend-tui {__version__}")
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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
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
    try:
        if handler is None:
            from isend_tui.commands.tui import run_tui

            return int(run_tui(args))
        return int(handler(args))
    except UserError as exc:
        log.info("command failed: %s", exc.message)
        print(f"isend-tui: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(_("isend-tui : interrompu."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:
        log.exception("unexpected error")
        print(
            _("isend-tui : erreur inattendue, détails dans {log}").format(log=paths.log_file),
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED
