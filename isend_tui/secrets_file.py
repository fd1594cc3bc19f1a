"""The secrets file: the keyid, the shop's password and the secret of the receipt URL,
apart from the store, in a 0600 file of the config folder.

A file that cannot be parsed is kept aside (``.corrupt-<stamp>``) by the next save, so
nothing is destroyed; a file that cannot be READ (its permissions, its owner) is never
touched: saving a secret then fails with the fix, and saving anything else leaves it as
it is.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from isend_tui.errors import ConfigError
from isend_tui.i18n import _
from isend_tui.logs import register_secret

SECRET_FIELDS = ("keyid", "shop_password", "shop_cookie_key", "receipt_secret")
HIDDEN = "••••••••"


def mask_secret(value: str) -> str:
    """How a secret is shown: not one of its characters, nor its length."""
    return HIDDEN if value else ""


@dataclass
class SecretsFile:
    path: Path
    values: dict[str, str]
    warnings: list[str]
    corrupt: bool = False
    unreadable: bool = False

    @classmethod
    def load(cls, path: Path) -> SecretsFile:
        warnings: list[str] = []
        if not path.exists():
            return cls(path, {}, warnings)
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
            if mode & 0o077:
                warnings.append(
                    _(
                        "Le fichier des secrets {path} est lisible par d'autres utilisateurs "
                        "(mode {mode}). Corrigez avec : chmod 600 {path}"
                    ).format(path=path, mode=oct(mode)[2:])
                )
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("not an object")
            values = {k: str(v) for k, v in raw.items() if k in SECRET_FIELDS}
        except PermissionError:
            warnings.append(
                _(
                    "Le fichier des secrets {path} ne peut pas être lu (droits). Le keyid et le "
                    "mot de passe de la boutique sont ignorés : corrigez les droits du fichier."
                ).format(path=path)
            )
            return cls(path, {}, warnings, unreadable=True)
        except (OSError, ValueError, RecursionError) as exc:
            warnings.append(
                _(
                    "Le fichier des secrets {path} est illisible ({reason}). Il est laissé tel "
                    "quel ; ressaisissez le keyid et le mot de passe de la boutique (l'ancien "
                    "fichier sera conservé à côté)."
                ).format(path=path, reason=type(exc).__name__)
            )
            return cls(path, {}, warnings, corrupt=True)
        for value in values.values():
            register_secret(value)
        return cls(path, values, warnings)

    def save(self, values: dict[str, str]) -> None:
        if values == self.values and not self.corrupt:
            return  # nothing new: an unreadable file is left exactly as it is
        if self.unreadable:
            raise ConfigError(
                _(
                    "Le fichier des secrets {path} ne peut pas être lu : rien n'a été "
                    "enregistré. Rendez-le lisible (chmod 600 et propriétaire : vous) puis "
                    "recommencez."
                ).format(path=self.path),
                field="keyid",
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.corrupt and self.path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
            with contextlib.suppress(OSError):
                self.path.rename(self.path.with_name(f"{self.path.name}.corrupt-{stamp}"))
            self.corrupt = False
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(values, handle)
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)
        self.values = dict(values)
        for value in values.values():
            register_secret(value)
