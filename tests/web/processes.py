"""Running kloof web in a child process, with only the environment a test gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RUN_MANAGE = "import sys; from kloof.web.runner import manage; sys.exit(manage(sys.argv[1:]))"


def clean_env(data_dir: Path, **variables: str) -> dict[str, str]:
    """This process's environment without Django's or kloof's variables, plus these."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("KLOOF_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env["KLOOF_DATA_DIR"] = str(data_dir)
    env.update(variables)
    return env


def run_python(code: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
