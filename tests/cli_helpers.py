"""Run the CLI as a user does: a real process with a real exit code."""

import os
import subprocess
import sys


def run_cli(*args: str, db: str | None = None, stdin: str | None = None):
    """Run the installed CLI the way a user does (a real process, real exit code)."""
    env = dict(os.environ)
    if db:
        env["TIPTRACE_DB"] = db
    return subprocess.run([sys.executable, "-m", "tiptrace", *args], capture_output=True,
                          text=True, env=env, input=stdin, timeout=120)
