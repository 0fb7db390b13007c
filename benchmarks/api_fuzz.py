"""The long schemathesis run against the JSON API: every operation of
``/api/openapi.json`` with many more examples than the suite's short run.

    .venv/bin/python benchmarks/api_fuzz.py                 # 500 examples per operation
    .venv/bin/python benchmarks/api_fuzz.py --examples 2000
    KLOOF_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kapi_c \\
        .venv/bin/python benchmarks/api_fuzz.py             # on PostgreSQL

It runs tests/web/test_api_schemathesis.py (in-process WSGI app, all checks,
authenticated with an editor's token on the demo case) with
``KLOOF_API_FUZZ_EXAMPLES`` set, and reports the time taken. Exit status: that
of pytest (0: no 5xx, every answer as the schema documents it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST = "tests/web/test_api_schemathesis.py"
DEFAULT_EXAMPLES = 500


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=DEFAULT_EXAMPLES, help="per operation")
    args = parser.parse_args(argv)
    env = {**os.environ, "KLOOF_API_FUZZ_EXAMPLES": str(args.examples)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TEST]
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    seconds = time.monotonic() - started
    database = "PostgreSQL" if os.environ.get("KLOOF_TEST_DATABASE_URL") else "SQLite"
    verdict = "no failures" if result.returncode == 0 else "FAILURES (see above)"
    print(f"api fuzz: {args.examples} examples per operation on {database}: {verdict}")
    print(f"api fuzz: {seconds:.0f} s")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
