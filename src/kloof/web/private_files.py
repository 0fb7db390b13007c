"""Files only kloof's own user may read: the data folder (0700), the SQLite
database with its ``-wal`` and ``-shm`` files, the secret key (0600).

The database holds the sessions and the secret key signs them: a copy readable
by another user of the machine would let them take over logged-in sessions.
The usual umask (022) would leave a new folder 0755 and a new file 0644, so the
folder and the database file are made with their modes here, before SQLite
opens the file; SQLite gives its ``-wal`` and ``-shm`` files the database file's
own mode. A folder or file that exists with looser modes (made by an earlier
version, or by hand) is tightened, and a warning says so.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger("kloof.security")

#: Nobody but the owner: the group and other bits that must be off.
OTHERS = 0o077
#: The files SQLite keeps beside a database (write-ahead log, shared memory, journal).
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and missing parents) with mode 0700, or tighten it."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    tighten(folder)


def private_file(path: Path) -> None:
    """Tighten ``path`` to its owner only, if it exists."""
    if path.exists():
        tighten(path)


def private_database(path: Path) -> None:
    """Create the SQLite file ``path`` empty with mode 0600 if it is missing (SQLite
    takes an empty file as an empty database), and tighten it and its companions."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as error:
        # SQLite will say what is wrong with the path when it opens it.
        log.warning("kloof: could not create the database file %s: %s", path, error)
        return
    for candidate in (path, *(path.with_name(path.name + end) for end in SQLITE_COMPANIONS)):
        private_file(candidate)


def tighten(path: Path) -> None:
    """Take the group and other permissions off ``path``, with a warning when there
    were any; a path kloof may not change gets a warning that says so."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if not mode & OTHERS:
        return
    private = mode & ~OTHERS
    try:
        path.chmod(private)
    except OSError as error:
        log.warning(
            "kloof: %s can be read by other users of this machine (mode %04o) and could "
            "not be changed (%s): make it %04o yourself (chmod %o %s)",
            path,
            mode,
            error,
            private,
            private,
            path,
        )
        return
    log.warning(
        "kloof: %s could be read by other users of this machine (mode %04o); "
        "it is now %04o, for its owner only",
        path,
        mode,
        private,
    )
