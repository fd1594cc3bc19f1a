"""Where isend-tui keeps its files.

By default the platform's directories (platformdirs, app name "isend-tui"). `--data-dir`
or the ISEND_TUI_HOME environment variable put everything under one directory instead,
which is what the tests, the demo mode and servers with several shops use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from isend_tui.errors import ConfigError
from isend_tui.i18n import _
from isend_tui.private import make_private_dir, tighten_tree

APP_NAME = "isend-tui"
HOME_ENV = "ISEND_TUI_HOME"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    log_dir: Path

    @property
    def secrets_file(self) -> Path:
        return self.config_dir / "secrets.json"

    @property
    def store_file(self) -> Path:
        return self.data_dir / "isend-tui.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "isend-tui.log"

    @property
    def segments_dir(self) -> Path:
        return self.data_dir / "segments"

    @property
    def watcher_lock(self) -> Path:
        return self.data_dir / "watcher.lock"

    @property
    def directories(self) -> tuple[Path, Path, Path]:
        return (self.config_dir, self.data_dir, self.log_dir)

    def make_private(self) -> list[Path]:
        """Make everything already in the directories readable by its owner only; the
        paths that were readable by others (see isend_tui.private)."""
        return tighten_tree(self.directories)

    def ensure(self) -> AppPaths:
        """Create the directories (0700), with a message naming the one that cannot be
        written."""
        for directory in self.directories:
            try:
                make_private_dir(directory)
                probe = directory / ".write-test"
                probe.write_text("")
                probe.unlink()
            except OSError as exc:
                raise ConfigError(
                    _(
                        "Le dossier {path} n'est pas accessible en écriture ({reason}). "
                        "Donnez-vous les droits dessus ou choisissez un autre dossier avec "
                        "--data-dir."
                    ).format(path=directory, reason=exc.strerror or exc),
                    field="data_dir",
                ) from None
        return self


def resolve_paths(data_dir: str | Path | None = None) -> AppPaths:
    home = data_dir or os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return AppPaths(root / "config", root / "data", root / "logs")
    return AppPaths(
        platformdirs.user_config_path(APP_NAME),
        platformdirs.user_data_path(APP_NAME),
        platformdirs.user_log_path(APP_NAME),
    )
