"""A headless Chromium driven over the DevTools protocol on a pipe, with the standard library.

``--remote-debugging-pipe`` reads commands from file descriptor 3 and writes replies and events
to 4, each a JSON message ended by a NUL byte. The tests and ``benchmarks/html_view.py`` use it
to wait for a page's own readiness, run its script, dispatch real mouse events, collect every
console message, exception and network request, and take screenshots.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         # WebGL on the CPU (SwiftShader): headless machines have no GPU, and Chromium only
         # falls back to it silently with a deprecation message in the page's console
         "--enable-unsafe-swiftshader", "--remote-debugging-pipe")


class Chromium:
    """One headless browser with one page of ``width`` × ``height`` CSS pixels."""

    def __init__(self, width: int = 1400, height: int = 900) -> None:
        executable = shutil.which("chromium")
        assert executable, "make test installs Debian's chromium"
        to_child, self._out = os.pipe()
        self._in, from_child = os.pipe()

        def on_3_and_4() -> None:  # in the child, before exec: the pipe ends on fds 3 and 4
            ends = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]
            os.dup2(ends[0], 3)
            os.dup2(ends[1], 4)

        self.proc = subprocess.Popen(
            [executable, *FLAGS, f"--window-size={width},{height}", "about:blank"],
            pass_fds=(3, 4), preexec_fn=on_3_and_4,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._last_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        for domain in ("Runtime", "Page", "Log", "Network"):
            self.page(f"{domain}.enable")
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _message(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise TimeoutError(f"chromium did not answer within {timeout} s")
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed its DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, *, session: str | None = None, timeout: float = 120,
             **params: Any) -> dict[str, Any]:
        """The result of one DevTools command; events that arrive meanwhile are kept."""
        self._last_id += 1
        command = {"id": self._last_id, "method": method, "params": params}
        if session:
            command["sessionId"] = session
        os.write(self._out, json.dumps(command).encode("utf-8") + b"\0")
        while True:
            reply = self._message(timeout)
            if reply.get("id") != self._last_id:
                self.events.append(reply)
            elif "error" in reply:
                raise RuntimeError(f"{method}: {reply['error']}")
            else:
                return reply["result"]

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        """A DevTools command to the page."""
        return self.send(method, session=self.session, **params)

    def open(self, path: Path) -> None:
        """Load ``path`` into the page."""
        self.page("Page.navigate", url=path.resolve().as_uri())

    def evaluate(self, expression: str, timeout: float = 120) -> Any:
        """The value of a script expression in the page, promises awaited."""
        result = self.send("Runtime.evaluate", session=self.session, timeout=timeout,
                           expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(json.dumps(result["exceptionDetails"], ensure_ascii=False))
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        """Write the page as it is drawn now to ``path`` (PNG)."""
        data = self.page("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def of(self, method: str) -> list[dict[str, Any]]:
        """The parameters of the events of one kind received so far."""
        return [event["params"] for event in self.events if event.get("method") == method]

    def close(self) -> None:
        """Stop the browser."""
        self.proc.kill()
        self.proc.wait()
        os.close(self._in)
        os.close(self._out)
