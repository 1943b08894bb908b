"""A throwaway PostgreSQL server for the tests and benchmarks (standard library only).

``initdb`` and ``pg_ctl`` in a temporary folder, listening on a free loopback port, trust
authentication for local test roles. PostgreSQL refuses to run as root, so when started by root
the server runs as the unprivileged ``nobody`` account. Used by ``tests/conftest.py`` (a server
per test session unless LEADGUARD_TEST_PG names one) and by ``.ci/run``:

    python3 tests/pg_server.py start DIR   # prints the server's URL
    python3 tests/pg_server.py stop DIR
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

SUPERUSER = "leadguard_admin"


def find_binary(name: str) -> str | None:
    """``initdb``/``pg_ctl``/``psql`` on PATH or in the usual Debian folders."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def available() -> bool:
    """True when the server binaries exist on this machine."""
    return all(find_binary(n) for n in ("initdb", "pg_ctl"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> str | None:
    """The account the server runs as: ``nobody`` when we are root, else ourselves."""
    return "nobody" if os.geteuid() == 0 else None


def url(port: int, dbname: str = "postgres", user: str = SUPERUSER) -> str:
    return f"postgresql://{user}@127.0.0.1:{port}/{dbname}"


def start(folder: Path) -> str:
    """Initialise and start a server in ``folder``; returns the superuser URL."""
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    folder.mkdir(parents=True, exist_ok=True)
    user = _run_as()
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    data, port = folder / "data", _free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "user": user}
    subprocess.run(
        [initdb, "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-sync"],
        check=True,
        **quiet,  # type: ignore[arg-type]
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "server.log"), "-w", "start"],
        check=True,
        **quiet,  # type: ignore[arg-type]
    )
    (folder / "port").write_text(str(port))
    return url(port)


def stop(folder: Path) -> None:
    """Stop the server in ``folder`` (fast shutdown) if it runs."""
    pg_ctl = find_binary("pg_ctl")
    if not pg_ctl or not (folder / "data" / "postmaster.pid").exists():
        return
    subprocess.run(
        [pg_ctl, "-D", str(folder / "data"), "-m", "fast", "-w", "stop"],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        user=_run_as(),
    )
    for _ in range(50):
        if not (folder / "data" / "postmaster.pid").exists():
            break
        time.sleep(0.1)


def psql(server_url: str, sql: str) -> str:
    """Run SQL with psql (used where a test needs the server's own view)."""
    binary = find_binary("psql")
    if not binary:
        raise RuntimeError("psql not found")
    done = subprocess.run(
        [binary, server_url, "-v", "ON_ERROR_STOP=1", "-Atc", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        sys.exit("usage: pg_server.py start|stop DIR")
    where = Path(sys.argv[2])
    if sys.argv[1] == "start":
        print(start(where))
    else:
        stop(where)
