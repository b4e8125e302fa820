"""CPU-heavy work (claim checks, figures) in worker processes, with a time and output limit.

The event loop only waits on a pipe, so /healthz and cached pages answer while a check runs.
A job over its time limit has its process killed (a thread could not be stopped) and a new
one starts; a result over the output limit is refused in the worker, before it is sent.
Callers are sync routes (FastAPI runs them in its thread pool); they block on the pipe with
the GIL released.
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import threading
from dataclasses import dataclass

from ..errors import TiptraceError


@dataclass(frozen=True)
class WorkLimits:
    seconds: float = 20.0  # one job's wall time
    output_bytes: int = 16 * 2**20  # one job's result
    memory_bytes: int = 2 * 2**30  # a worker's address space (a runaway job gets MemoryError)
    processes: int = 1
    queue_seconds: float = 10.0  # waiting for a free worker before answering 503


class WorkError(TiptraceError):
    """A job's error, carried back from the worker with its status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class _Worker:
    def __init__(self, ctx, store_url: str, limits: WorkLimits):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, store_url, limits),
                                daemon=True, name="tiptrace-work")
        self.proc.start()
        child.close()

    def call(self, job: str, args: tuple, seconds: float):
        self.conn.send((job, args))
        if not self.conn.poll(seconds):
            raise TimeoutError
        return self.conn.recv()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkPool:
    """At most `limits.processes` workers, started on first use."""

    def __init__(self, store_url: str, limits: WorkLimits | None = None):
        self.store_url = store_url
        self.limits = limits or WorkLimits()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._started = 0
        self._lock = threading.Lock()
        self._ctx = multiprocessing.get_context("spawn")  # the server has threads: no fork

    def run(self, job: str, *args):
        """Run JOB (a function in web.jobs) in a worker; its result, or its error raised."""
        worker = self._acquire()
        try:
            status, payload = worker.call(job, args, self.limits.seconds)
        except TimeoutError:
            self._discard(worker)
            worker = None
            raise WorkError(504, f"the work took longer than {self.limits.seconds:g} s and "
                                 "was stopped") from None
        except (EOFError, OSError):  # the worker died (killed, out of memory)
            self._discard(worker)
            worker = None
            raise WorkError(503, "the worker stopped; try again") from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if status != 200:
            raise WorkError(status, payload)
        return payload

    def _acquire(self) -> _Worker:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._started < self.limits.processes:
                self._started += 1
                try:
                    return _Worker(self._ctx, self.store_url, self.limits)
                except Exception:
                    self._started -= 1
                    raise
        try:
            return self._idle.get(timeout=self.limits.queue_seconds)
        except queue.Empty:
            raise WorkError(503, "the server is busy with other checks; try again in a "
                                 "moment") from None

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._started -= 1

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return


def _worker_main(conn, store_url: str, limits: WorkLimits) -> None:
    import resource

    from . import jobs

    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    jobs.open_store(store_url)
    while True:
        try:
            job, args = conn.recv()
        except (EOFError, OSError):
            return  # the server went away
        try:
            result = getattr(jobs, job)(*args)
            size = len(result) if isinstance(result, bytes) else len(pickle.dumps(result))
            if size > limits.output_bytes:
                reply = (413, f"the result would be {size / 2**20:.0f} MB; the limit is "
                              f"{limits.output_bytes // 2**20} MB: send a shorter text")
            else:
                reply = (200, result)
        except TiptraceError as exc:
            reply = (exc.status, str(exc))
        except MemoryError:
            reply = (413, "the work needs more memory than the server allows: send a "
                          "shorter text")
        except Exception:  # noqa: BLE001 - reported as a server error, never a traceback
            reply = (500, "internal error")
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return
