"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a store, by the Oxigraph server.

The server is ``oxigraph serve-read-only`` (PyPI ``oxigraph``: the engine of pyoxigraph,
whose store format it reads only at the same version, checked at start). It listens on
127.0.0.1 only and reads the union of the named graphs as its default graph
(``--union-default-graph``), as ``kg query`` reads a store, so a plain query sees every
document. Its page at ``/`` is Oxigraph's query editor (YASGUI).

It serves a snapshot of the store, never the store itself: RocksDB's read-only mode is
undefined beside a writer, and holding the store's read lock for as long as a server
runs would refuse every build. The snapshot is a RocksDB checkpoint (hard links to the
store's immutable files on the same file system) with a copy of the write-ahead log,
taken under the read lock, in a hidden folder beside the store that goes when the
server stops. Every :data:`POLL_SECONDS` the store is looked at: once a build has
changed it and finished, a new snapshot is taken and the Oxigraph server restarted on
it, on the same port. Queries sent during the restart (a fraction of a second) are
refused, and one running then is cut.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TextIO

import pyoxigraph

from kg.export.store import StoreError, is_locked, is_store, open_read_only

POLL_SECONDS = 2.0
"""How often a running server looks for a finished build of its store."""
START_SECONDS = 30.0
"""How long the Oxigraph server may take to listen before it is given up."""


class ServeError(Exception):
    """A server that cannot start or go on, with the reason in one line."""


def oxigraph_server() -> str:
    """The ``oxigraph`` program installed beside this Python (or on ``PATH``), checked to
    be pyoxigraph's version: only then is its store format the one we write."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    wanted = pyoxigraph.__version__
    if found is None:
        raise ServeError(f"the Oxigraph server is not installed: pip install oxigraph=={wanted}")
    try:
        answer = subprocess.run([found, "--version"], capture_output=True, text=True,
                                timeout=30, check=True).stdout.split()
    except (OSError, subprocess.SubprocessError) as err:
        raise ServeError(f"{found} does not run ({err})") from None
    version = answer[-1] if answer else "of no known version"
    if version != wanted:
        raise ServeError(f"{found} is Oxigraph {version} but pyoxigraph is {wanted}, whose "
                         f"store format it may not read: pip install oxigraph=={wanted}")
    return found


def check_store(store: Path) -> None:
    """Raise :class:`ServeError` unless ``store`` is a folder ``kg build --store`` wrote."""
    if not store.exists():
        raise ServeError(f"{store}: no such store (kg build PATH... --store {store} "
                         "writes one)")
    if not store.is_dir() or not is_store(store):
        raise ServeError(f"{store}: not a zhkg store (kg build PATH... --store DIR "
                         "writes one)")


def check_port(port: int) -> None:
    """Raise :class:`ServeError` when ``port`` on 127.0.0.1 cannot be listened on."""
    if not 0 < port < 65536:
        raise ServeError(f"--port {port}: give a port from 1 to 65535")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As the server binds: a port left in TIME_WAIT by a stopped server is free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as err:
            raise ServeError(f"port {port} on 127.0.0.1 is busy ({err.strerror}); give "
                             "another with --port N") from None


def _database_state(store: Path) -> tuple[tuple[str, int, int], ...]:
    """The names, sizes and modification times of the store's database files, which a
    build changes and a reader does not."""
    state = []
    for path in store.iterdir():
        name = path.name
        if name == "CURRENT" or name.startswith("MANIFEST-") or name.endswith((".sst", ".log")):
            with contextlib.suppress(FileNotFoundError):  # removed by a build meanwhile
                stat = path.stat()
                state.append((name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(state))


def _die_with_parent() -> None:
    """In the child: receive SIGTERM when kg serve dies, even by SIGKILL (Linux only)."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


class Endpoint:
    """The Oxigraph server over the latest snapshot of one store."""

    def __init__(self, store: Path, port: int, *, cors: bool = False) -> None:
        self.store = store
        self.port = port
        self.cors = cors
        self.url = f"http://127.0.0.1:{port}"
        self.program = oxigraph_server()
        self.process: subprocess.Popen[bytes] | None = None
        self.snapshot: Path | None = None
        self._state: tuple[tuple[str, int, int], ...] = ()
        self._work: Path | None = None
        self._taken = 0

    def start(self) -> None:
        """Snapshot the store and serve it; :class:`ServeError` when either fails."""
        check_store(self.store)
        check_port(self.port)
        try:
            self._work = Path(tempfile.mkdtemp(prefix=f".{self.store.name}.kg-serve-",
                                               dir=self.store.parent))
        except OSError:  # a folder we may not write to: the snapshot is a copy elsewhere
            self._work = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        self.snapshot = self._take_snapshot()
        self._run()

    def _take_snapshot(self) -> Path:
        assert self._work is not None
        self._taken += 1
        target = self._work / f"snapshot-{self._taken}"
        try:
            with open_read_only(self.store) as opened:
                state = _database_state(self.store)
                opened.backup(str(target))
                # The checkpoint of a read-only database leaves out what is still only in
                # the write-ahead log (a build killed before it flushed): copied, so the
                # server replays it as kg query does. No build writes under the lock.
                for log in self.store.glob("*.log"):
                    shutil.copyfile(log, target / log.name)
        except StoreError as err:
            raise ServeError(str(err)) from None
        except (OSError, RuntimeError, ValueError) as err:
            raise ServeError(f"{self.store}: cannot take a snapshot of the store "
                             f"({' '.join(str(err).split())})") from None
        self._state = state
        return target

    def _run(self) -> None:
        """Start the Oxigraph server on the snapshot and wait until it listens."""
        assert self._work is not None and self.snapshot is not None
        command = [self.program, "serve-read-only", "--location", str(self.snapshot),
                   "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"]
        if self.cors:
            command.append("--cors")
        log = self._work / "oxigraph.log"
        with log.open("ab") as out:
            # Its own session: Ctrl-C reaches kg serve, which stops the server itself.
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        deadline = time.monotonic() + START_SECONDS
        while True:
            if self.process.poll() is not None:
                raise ServeError(f"the Oxigraph server stopped at once: {_last_line(log)}")
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            if time.monotonic() > deadline:
                raise ServeError(f"the Oxigraph server did not listen on port {self.port} "
                                 f"within {START_SECONDS:g} s")
            time.sleep(0.05)

    def alive(self) -> str | None:
        """None while the Oxigraph server runs, else why it stopped."""
        if self.process is None or self.process.poll() is None:
            return None
        assert self._work is not None
        return f"the Oxigraph server stopped: {_last_line(self._work / 'oxigraph.log')}"

    def reload_if_rebuilt(self) -> bool:
        """Serve a new snapshot if a build has changed the store and finished; whether
        it did. A build that runs now is waited for: the next poll looks again."""
        if is_locked(self.store) or _database_state(self.store) == self._state:
            return False
        old = self.snapshot
        self.snapshot = self._take_snapshot()
        self._stop_process()
        self._run()
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return True

    def _stop_process(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        """Stop the server and remove the snapshots."""
        self._stop_process()
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None


def _last_line(log: Path) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return "no message"
    return next((line.strip() for line in reversed(lines) if line.strip()), "no message")


def serve(store: Path, port: int, *, cors: bool = False, out: TextIO = sys.stderr) -> int:
    """Serve ``store`` on ``port`` until Ctrl-C or SIGTERM; the exit status.

    Raises :class:`ServeError` when it cannot start; later failures to take a new
    snapshot are warnings, and the previous one is served on.
    """
    endpoint = Endpoint(store, port, cors=cors)
    # Ctrl-C and SIGTERM only ask to stop, and the loop stops between two polls: an
    # exception raised wherever the signal lands (inside a fork for the server, say)
    # could be swallowed. Set explicitly, also for a shell that started kg serve in
    # the background with SIGINT ignored.
    stop = threading.Event()
    handlers = {sig: signal.signal(sig, lambda signum, frame: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        endpoint.start()
        print(f"kg serve: {store}: SPARQL endpoint {endpoint.url}/query (read-only, the "
              f"named graphs as the default graph), query page {endpoint.url}/; "
              "Ctrl-C stops", file=out, flush=True)
        while not stop.wait(POLL_SECONDS):
            if (stopped := endpoint.alive()) is not None:
                print(f"kg serve: error: {stopped}", file=out)
                return 1
            try:
                if endpoint.reload_if_rebuilt():
                    print(f"kg serve: {store} was rebuilt: serving the new build",
                          file=out, flush=True)
            except ServeError as err:
                print(f"kg serve: warning: {err}; serving the previous build", file=out,
                      flush=True)
        print("kg serve: stopped", file=out)
        return 0
    finally:
        endpoint.stop()
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
