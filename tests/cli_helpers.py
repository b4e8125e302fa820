"""Run the CLI as a user does: a real process with a real exit code."""

import os
import signal
import subprocess
import sys
import time


def run_cli(*args: str, db: str | None = None, stdin: str | None = None):
    """Run the installed CLI the way a user does (a real process, real exit code)."""
    env = dict(os.environ)
    if db:
        env["TIPTRACE_DB"] = db
    return subprocess.run([sys.executable, "-m", "tiptrace", *args], capture_output=True,
                          text=True, env=env, input=stdin, timeout=120)


# The child pays for its imports first, says "ready", and starts the real CLI command only when
# told, so the random delay falls within the command's own work, not Python's start-up.
CHILD = """
import sys
import sqlalchemy, tiptrace.cli, tiptrace.record.countries, tiptrace.record.importer
import tiptrace.record.tables
print("ready", flush=True)
sys.stdin.readline()
tiptrace.cli.app(args=sys.argv[1:], prog_name="tiptrace")
"""


class Child:
    """A CLI command in a process of its own, started on `go()`."""

    def __init__(self, url: str, *args: str):
        env = {**os.environ, "TIPTRACE_DB": url}
        self.proc = subprocess.Popen([sys.executable, "-c", CHILD, *args], env=env, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self._ready = False

    def ready(self) -> None:
        if not self._ready:
            assert self.proc.stdout.readline().strip() == "ready"
            self._ready = True

    def go(self) -> float:
        self.ready()
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        return time.perf_counter()

    def kill_after(self, delay: float) -> bool:
        """Kill -9 after `delay` seconds; True if it was still running then."""
        time.sleep(delay)
        alive = self.proc.poll() is None
        if alive:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(60)
        return alive
