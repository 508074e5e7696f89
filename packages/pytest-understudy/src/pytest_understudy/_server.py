"""Starting and stopping `understudy serve` for a test session."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from typing import IO, Any, Dict, List, Optional

STARTUP_TIMEOUT = float(os.environ.get("UNDERSTUDY_STARTUP_TIMEOUT", "120"))


class UnderstudyError(Exception):
    """The server could not be found, started, or refused an admin call. The message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message if message.startswith("[understudy") else f"[understudy:pytest] {message}")


def server_command(env: Optional[Dict[str, str]] = None) -> List[str]:
    """How to run the CLI: $UNDERSTUDY_BIN (a path or a command line), `understudy` on PATH, or npx.

    >>> server_command({"UNDERSTUDY_BIN": "node /opt/cli/dist/bin.js"})
    ['node', '/opt/cli/dist/bin.js']
    """
    env = dict(os.environ) if env is None else env
    explicit = env.get("UNDERSTUDY_BIN", "").strip()
    if explicit:
        if os.path.isfile(explicit):
            return [explicit]
        return shlex.split(explicit)
    path = env.get("PATH")
    found = shutil.which("understudy", path=path)
    if found:
        return [found]
    npx = shutil.which("npx", path=path)
    if npx:
        return [npx, "--yes", "@understudy/cli"]
    raise UnderstudyError(
        "No understudy server to start: set UNDERSTUDY_BIN to the single-file binary "
        "(e.g. UNDERSTUDY_BIN=./understudy-linux-x64), put `understudy` on PATH "
        "(npm install -g @understudy/cli), or install Node so `npx @understudy/cli` works."
    )


@dataclass
class Server:
    """A running `understudy serve --port 0 --json`, as its first line described it."""

    url: str
    services: List[str]
    pid: int
    info: Dict[str, Any]
    process: "subprocess.Popen[str]" = field(repr=False)
    _log: Optional[IO[str]] = field(repr=False, default=None)

    def stop(self) -> None:
        if self.process.poll() is None:
            if self.pid != self.process.pid:
                # npx passes no signal on: stop the server itself (its pid is in the JSON line), npx follows.
                try:
                    os.kill(self.pid, signal.SIGTERM)
                except OSError:
                    pass
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
        if self._log:
            self._log.close()

    def log(self) -> str:
        """What the server wrote to stderr so far."""
        if not self._log:
            return ""
        self._log.flush()
        self._log.seek(0)
        return self._log.read()


def start_server(command: Optional[List[str]] = None, args: Optional[List[str]] = None) -> Server:
    """Starts the server on a free port and waits for its JSON line."""
    command = command or server_command()
    argv = [*command, "serve", "--port", "0", "--json", *(args or [])]
    log = tempfile.TemporaryFile("w+", encoding="utf-8")
    try:
        process = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL, text=True, encoding="utf-8"
        )
    except OSError as error:
        log.close()
        raise UnderstudyError(f"Could not run {shlex.join(argv)}: {error}. Check UNDERSTUDY_BIN.") from error

    line: List[str] = []
    reader = threading.Thread(target=lambda: line.append(process.stdout.readline() if process.stdout else ""))
    reader.daemon = True
    reader.start()
    reader.join(STARTUP_TIMEOUT)
    first = line[0] if line else ""
    try:
        info = json.loads(first)
        url = info["url"]
    except (ValueError, KeyError, TypeError):
        if process.poll() is None:
            process.kill()
        process.wait()
        log.seek(0)
        why = log.read().strip() or f"no output within {STARTUP_TIMEOUT:.0f}s"
        log.close()
        raise UnderstudyError(
            f"{shlex.join(argv)} did not start (exit code {process.returncode}): {why}"
        ) from None
    return Server(url=url, services=list(info.get("services", [])), pid=int(info.get("pid", process.pid)),
                  info=info, process=process, _log=log)
