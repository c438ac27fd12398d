"""Where the data live: a per-user folder, overridable.

Precedence: the ``--data-dir`` option, then the ``DIAGNOSTIC_DATA_DIR``
environment variable, then ``$XDG_DATA_HOME/diagnostic``, then
``~/.local/share/diagnostic`` (the XDG Base Directory convention).

platformdirs is not used: on Linux, where kiosks and advisers' machines run,
it returns exactly this folder, and a deployment on another system sets
``DIAGNOSTIC_DATA_DIR``. One fewer dependency.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

ENV_VAR = "DIAGNOSTIC_DATA_DIR"
APP_NAME = "diagnostic"


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The data folder when no option is given (environment, then XDG)."""
    env = os.environ if environ is None else environ
    explicit = env.get(ENV_VAR, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    xdg = env.get("XDG_DATA_HOME", "").strip()
    if xdg and os.path.isabs(xdg):  # the spec says relative values are ignored
        return Path(xdg) / APP_NAME
    home = env.get("HOME") or str(Path.home())
    return Path(home) / ".local" / "share" / APP_NAME


def resolve_data_dir(option: str | os.PathLike | None = None,
                     environ: Mapping[str, str] | None = None) -> Path:
    """The ``--data-dir`` value if given, else `default_data_dir`."""
    if option:
        return Path(option).expanduser()
    return default_data_dir(environ)
