"""`sar serve` as a person uses it: started in a terminal, its address opened in a real web browser (Debian's headless
Chromium), the first question of the chat seen on the page, then stopped with ctrl+c; and its refusals (a busy port, an
address of another computer), each one clear line.

Textual's web page draws the app with xterm.js on a canvas, so the page's HTML never holds the chat's text. The test
drives Chromium through the DevTools protocol (over `--remote-debugging-pipe`: no port, no extra package) and reads the
text xterm.js has drawn from its screen buffer. To see the terminal object, a script that runs before the page's own
catches it when textual-serve's client stores it as `this.terminal`; if a textual-serve release renames that, the test
says the terminal was not found.

`python tests/test_serve.py docs/images/serve.png` takes the README's picture the same way.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

from sar import interview, journey
from sar.cli.serve import served_command
from tests.test_cli_errors import run  # `sar ARGV` as a user runs it, no traceback
from sar.directory import Contact
from sar.i18n import gettext
from sar.requests import NewRequest, Tracker

CHROMIUM = next(filter(None, (shutil.which(name) for name in ("chromium", "chromium-browser"))), None)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary found (CI installs Debian's: apt-get install chromium)"
)
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.toml"
# Asked first when the language is given and no draft is waiting (the letters' language is the chat's: stated, not asked).
FIRST_QUESTION = interview.question("first_name").prompt
PATIENCE = 90  # seconds: a bound on each wait, so a broken server fails the test instead of hanging it; never a delay


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_until(fd: int, wanted: bytes, seconds: float = PATIENCE) -> bytes:
    """Read `fd` until `wanted` appears (or the process closes it, or `seconds` pass); returns what was read."""
    seen, deadline = b"", time.monotonic() + seconds
    while wanted not in seen:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(fd, 65536) if ready else b""
        if not chunk:
            break
        seen += chunk
    return seen


class Served:
    """`sar serve ARGS` in its own process group, as a terminal runs it; ctrl+c is sent to the whole group, as a
    terminal sends it (the server and each chat it started). Whatever happens, the group is killed on exit."""

    def __init__(self, *args: str, env: dict | None = None):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sar", "serve", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
            env=None if env is None else {**os.environ, **env},
        )
        self.printed = b""

    def __enter__(self) -> Served:
        return self

    def addresses(self) -> list[str]:
        """The addresses the server printed once it was ready (the first one first)."""
        self.printed += read_until(self.process.stdout.fileno(), b"ctrl+c", PATIENCE)
        words = [word.rstrip(":,.") for word in self.printed.decode().split() if word.startswith(("http://", "https://"))]
        if not words:
            self.__exit__()
            pytest.fail(f"sar serve printed no address: {self.printed!r}, stderr {self.process.stderr.read()!r}")
        return words

    def address(self) -> str:
        return self.addresses()[0]

    def loopback_address(self) -> str:
        """The printed address through 127.0.0.1 (with its access code, if any), as a second computer would use the
        network's one: the server listens on every network (0.0.0.0), so the non-loopback rules apply."""
        return next(address for address in self.addresses() if "//127.0.0.1:" in address)

    def ctrl_c(self) -> tuple[int, str, str]:
        os.killpg(self.process.pid, signal.SIGINT)
        out, err = self.process.communicate(timeout=PATIENCE)
        return self.process.returncode, (self.printed + out).decode(), err.decode()

    def __exit__(self, *exc) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # the group this test started: no server or chat left behind
        except ProcessLookupError:
            pass
        self.process.wait()


# Runs in the page before textual-serve's client: catches the xterm.js Terminal it creates (`this.terminal = ...`).
CATCH_TERMINAL = r"""
window.sarTerminal = new Promise((found) => {
  Object.defineProperty(Object.prototype, "terminal", {
    configurable: true,
    set(value) {
      Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
      if (value && value.buffer && value.buffer.active) found(value);
    },
  });
});
"""

# The text on the page's terminal once it shows EXPECTED (or what it shows after SECONDS, for the failure message).
SCREEN_TEXT = r"""
new Promise((resolve) => {
  const expected = EXPECTED;
  const timer = setTimeout(() => resolve("(after SECONDS s) " + (window.sarScreen ? window.sarScreen() : "the page's terminal was not found")), SECONDS * 1000);
  window.sarTerminal.then((terminal) => {
    window.sarScreen = () => {
      const buffer = terminal.buffer.active, lines = [];
      for (let row = 0; row < buffer.length; row++) lines.push(buffer.getLine(row).translateToString(true));
      return lines.join("\n");
    };
    const check = () => {
      const screen = window.sarScreen();
      if (screen.replace(/\s+/g, " ").includes(expected)) { clearTimeout(timer); resolve(screen); }
    };
    terminal.onWriteParsed(check);
    check();
  });
})
"""


class HeadlessChromium:
    """Debian's Chromium without a window, driven through the DevTools protocol on a pair of pipes (fds 3 and 4)."""

    def __init__(self, width: int = 1000, height: int = 700, *, options: tuple[str, ...] = ()):
        self.profile = tempfile.TemporaryDirectory(prefix="sar-chromium-")
        to_browser, self.commands = os.pipe()
        self.replies, from_browser = os.pipe()

        def pipes_as_3_and_4() -> None:  # where --remote-debugging-pipe expects them, open across exec
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-dev-shm-usage", "--remote-debugging-pipe",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             f"--user-data-dir={self.profile.name}", f"--window-size={width},{height}", *options, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=pipes_as_3_and_4, close_fds=False, start_new_session=True,
        )
        os.close(to_browser)
        os.close(from_browser)
        self.unread, self.last_id, self.events = b"", 0, []
        self.width, self.height = width, height

    def __enter__(self) -> HeadlessChromium:
        return self

    def _message(self, deadline: float) -> dict:
        while b"\0" not in self.unread:
            ready, _, _ = select.select([self.replies], [], [], max(0.0, deadline - time.monotonic()))
            assert ready, "Chromium did not answer"
            chunk = os.read(self.replies, 1 << 20)
            assert chunk, "Chromium closed the DevTools pipe"
            self.unread += chunk
        raw, self.unread = self.unread.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.last_id += 1
        command = {"id": self.last_id, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = session
        os.write(self.commands, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + PATIENCE + 30
        while (message := self._message(deadline)).get("id") != self.last_id:
            self.events.append(message)
        assert "error" not in message, f"{method}: {message['error']}"
        return message["result"]

    def wait_for(self, event: str, session: str) -> None:
        deadline = time.monotonic() + PATIENCE
        while not any(e.get("method") == event and e.get("sessionId") == session for e in self.events):
            self.events.append(self._message(deadline))

    def open(self, url: str) -> str:
        """A new tab showing `url`, with the terminal catcher in place; returns its session."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable", session=session)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False}, session)
        self.send("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL}, session)
        self.events.clear()
        self.send("Page.navigate", {"url": url}, session)
        self.wait_for("Page.loadEventFired", session)
        return session

    def screen_text(self, session: str, expected: str) -> str:
        script = SCREEN_TEXT.replace("EXPECTED", json.dumps(expected)).replace("SECONDS", str(PATIENCE))
        result = self.send("Runtime.evaluate", {"expression": script, "awaitPromise": True, "returnByValue": True},
                           session)
        return result["result"]["value"]

    def evaluate(self, session: str, expression: str):
        return self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)["result"]["value"]

    def press_ctrl(self, session: str, letter: str) -> None:
        """ctrl+LETTER typed on the page, as a keyboard would (into the terminal, focused as a click would)."""
        self.send("Runtime.evaluate", {"expression": "window.sarTerminal.then((t) => t.focus())", "awaitPromise": True},
                  session)
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": kind, "modifiers": 2, "key": letter, "code": f"Key{letter.upper()}",
                                                 "windowsVirtualKeyCode": ord(letter.upper())}, session)

    def press_key(self, session: str, key: str, virtual_key_code: int) -> None:
        """A key without modifiers (F8, Enter...) typed on the page, into the terminal, as a keyboard would."""
        self.send("Runtime.evaluate", {"expression": "window.sarTerminal.then((t) => t.focus())", "awaitPromise": True},
                  session)
        for kind in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": key,
                                                 "windowsVirtualKeyCode": virtual_key_code}, session)

    def type_text(self, session: str, text: str) -> None:
        """Characters typed on the page, into the terminal."""
        self.send("Runtime.evaluate", {"expression": "window.sarTerminal.then((t) => t.focus())", "awaitPromise": True},
                  session)
        self.send("Input.insertText", {"text": text}, session)

    def screenshot(self, session: str, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"}, session)["data"]))

    def __exit__(self, *exc) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(timeout=PATIENCE)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # Chromium's own helper processes, started by this test
            except ProcessLookupError:
                pass
            self.process.wait()
            os.close(self.commands)
            os.close(self.replies)
            self.profile.cleanup()


@pytest.fixture
def association_tracker(tmp_path) -> Path:
    """A tracker with one request, in a folder whose name a shell would split: if `sar serve` did not quote it, the
    chat would not start, or would start on another (empty) tracker."""
    path = tmp_path / "Anna's association" / "suivi.json"
    path.parent.mkdir()
    person = journey.load_answers(EXAMPLE).person
    Tracker(path).record_requests([NewRequest(person, "your-pharmacy", "Pharmacie du Parc", Contact(postal="Paris"))],
                                  today=date(2026, 9, 1))
    return path


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_browser_shows_the_first_question_and_the_tracker_then_ctrl_c_stops_cleanly(lang, association_tracker):
    question = gettext(FIRST_QUESTION, lang)
    with Served("--port", str(free_port()), "--lang", lang, "--db", str(association_tracker)) as served:
        address = served.address().rstrip("/")
        assert address.startswith("http://127.0.0.1:") and "token" not in address  # this computer only: no secret
        with HeadlessChromium() as browser:
            tab = browser.open(address)
            screen = browser.screen_text(tab, question)
            assert question in " ".join(screen.split()), screen
            # The page fetched everything from sar serve itself (no Google Fonts), and speaks the chat's language.
            fetched = browser.evaluate(tab, "performance.getEntriesByType('resource').map((entry) => entry.name)")
            assert fetched and all(url.startswith(address + "/") for url in fetched), fetched
            assert browser.evaluate(tab, "document.documentElement.lang") == lang
            # In a web page the footer offers F8 for the requests (a browser may keep ctrl+r to reload the page)...
            assert "f8 " + gettext("Requests", lang) in screen and "f2 " in screen, screen
            browser.press_key(tab, "F8", 119)
            screen = browser.screen_text(tab, "Pharmacie du Parc")
            assert "Pharmacie du Parc" in screen, screen
            browser.press_key(tab, "Escape", 27)
            browser.screen_text(tab, question)
            browser.press_ctrl(tab, "r")  # ... and ctrl+r still works where the page gets it
            screen = browser.screen_text(tab, "Pharmacie du Parc")
            assert "Pharmacie du Parc" in screen, screen
            code, out, err = served.ctrl_c()  # while the page is open, its chat running
    assert code == 0, err
    assert "Traceback" not in out + err
    assert err == ""
    assert out.splitlines()[-1] == gettext("sar serve has stopped.", lang)


def test_the_served_command_is_this_python_running_the_chat_with_the_same_options():
    tracker = Path("/home/anna/l'association/suivi $HOME.json")
    assert shlex.split(served_command("fr", tracker)) == [
        "exec", sys.executable, "-m", "sar", "tui", "--session", "--db", str(tracker), "--lang", "fr"]
    assert shlex.split(served_command(None, tracker)) == ["exec", sys.executable, "-m", "sar", "tui", "--session", "--db",
                                                          str(tracker)]


def test_a_busy_port_is_one_clear_line(capsys):
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        code, out, err = run(capsys, "serve", "--port", str(port))
    assert code == 2
    assert out == ""
    assert err == (f"sar: port {port} is already in use on 127.0.0.1: stop the program that uses it, or choose "
                   f"another port with --port (e.g. --port {port + 1})\n")


def test_an_address_of_another_computer_is_one_clear_line():
    # 192.0.2.1 is reserved for documentation (RFC 5737): no computer has it, so nothing listens and nothing is sent.
    result = subprocess.run([sys.executable, "-m", "sar", "serve", "--host", "192.0.2.1", "--port", str(free_port()),
                             "--lang", "fr"], capture_output=True, text=True, timeout=PATIENCE)
    assert result.returncode == 2
    assert result.stdout == ""
    (error,) = result.stderr.splitlines()
    assert error.startswith("sar : 192.0.2.1 n'est pas une adresse de cet ordinateur")


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_a_port_is_a_number_from_1_to_65535(capsys, port):
    code, out, err = run(capsys, "serve", "--port", port)
    assert code == 2
    assert f"{port!r} is not a port: give a number from 1 to 65535" in err


def test_help_teaches_the_address_the_secret_https_and_ctrl_c(capsys):
    code, out, err = run(capsys, "serve", "--help")
    assert code == 0
    text = " ".join(out.split())
    assert "127.0.0.1 by default" in text
    assert "a secret is required" in text and "--password-file" in text
    assert "--certfile" in text and "HTTPS" in text
    assert "ctrl+c" in text
    assert "sar serve --lang fr --db association.json" in text
    assert "serve" in " ".join(run(capsys, "--help")[1].split())


def test_help_in_french(capsys, monkeypatch):
    monkeypatch.setenv("SAR_LANG", "fr")
    code, out, err = run(capsys, "serve", "--help")
    assert code == 0
    text = " ".join(out.split())
    assert "127.0.0.1" in text and "secret" in text and "ctrl+c" in text
    assert "Serve the guided chat" not in text


if __name__ == "__main__":  # the README's picture: python tests/test_serve.py docs/images/serve.png
    os.environ["SAR_DATA_DIR"] = tempfile.mkdtemp(prefix="sar-screenshot-")
    with Served("--port", str(free_port()), "--lang", "en") as served, HeadlessChromium() as browser:
        tab = browser.open(served.address())
        screen = browser.screen_text(tab, FIRST_QUESTION)
        previous = None
        while screen != previous:  # Textual lays the screen out in a few passes: a picture waits for the last one
            time.sleep(2)
            previous, screen = screen, browser.screen_text(tab, FIRST_QUESTION)
        browser.screenshot(tab, Path(sys.argv[1]))
