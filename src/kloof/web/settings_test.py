"""Settings for the test suite: the production settings, with the database chosen
by ``KLOOF_TEST_DATABASE_URL`` (SQLite in memory when unset) and a throw-away data
folder, so that the same tests run on SQLite and on PostgreSQL.

The variables are set only while the production settings are read, so processes
the tests start see the environment they were given.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_saved = dict(os.environ)
# Never created: the key is given and the database is not in it.
os.environ["KLOOF_DATA_DIR"] = str(Path(tempfile.gettempdir()) / "kloof-test-data")
os.environ["KLOOF_SECRET_KEY"] = "kloof-tests-only-not-secret"  # noqa: S105
os.environ["KLOOF_DATABASE_URL"] = os.environ.get("KLOOF_TEST_DATABASE_URL") or "sqlite://"
try:
    from kloof.web.settings import *  # noqa: F403
finally:
    os.environ.clear()
    os.environ.update(_saved)
