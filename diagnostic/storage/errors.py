"""Storage failures, each with a message in French meant for the user.

Front ends catch `StorageError` and show `str(exc)` (the command line turns it
into exit code 4). Programming errors (a non-JSON answer value, a wrong status
name) stay `TypeError`/`ValueError`.
"""
from __future__ import annotations


class StorageError(Exception):
    """A stored session or the data folder cannot be used as asked."""


class SessionNotFoundError(StorageError):
    def __init__(self, ref: str):
        super().__init__(f"aucune session ne correspond à « {ref} » (identifiant ou code de reprise)")
        self.ref = ref


class SessionBusyError(StorageError):
    """The session is open for writing elsewhere (another process, window or kiosk)."""

    def __init__(self, session_id: str, holder: str = ""):
        detail = f" ({holder})" if holder else ""
        super().__init__(
            f"la session {session_id} est déjà ouverte ailleurs{detail} ; "
            "fermez-la là-bas ou réessayez dans un instant")
        self.session_id = session_id


class SessionClosedError(StorageError):
    def __init__(self, session_id: str):
        super().__init__(f"la session {session_id} a été fermée : rouvrez-la pour continuer")


class CorruptDataError(StorageError):
    """A data file cannot be read (truncated, edited by hand, disk fault)."""


class UnsafeFileError(CorruptDataError):
    """A file or folder under the data folder is a link (symbolic or hard), or
    not a regular file: refused, never read or written through."""


class SchemaVersionError(StorageError):
    """Data written by a schema this program cannot read."""
