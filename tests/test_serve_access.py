"""`sar serve` beyond this computer (issue 25.1) and its letters downloaded from the page (issue 24.6).

From a second computer's point of view: the server listens on every network (0.0.0.0) and is reached through 127.0.0.1,
so the rules for other computers apply (the address it listens on decides, not the one a visitor comes from). A plain
HTTP client (httpx) gets nothing of the chat or of any letter without the secret: not the page, not its scripts, not the
websocket, not a download; a headless Chromium opens the chat with the printed address, then again with the cookie
alone, and downloads the letters the page's chat wrote. HTTPS is tested with a certificate made for the test.
"""

from __future__ import annotations

import base64
import os
import shutil
import ssl
import subprocess
import time
import zipfile
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from sar import journey
from sar.directory import Contact
from sar.i18n import gettext
from sar.requests import NewRequest, Tracker
from tests.test_cli_errors import run
from tests.test_serve import (CHROMIUM, EXAMPLE, FIRST_QUESTION, PATIENCE, HeadlessChromium, Served, free_port,
                              needs_chromium)

OPENSSL = shutil.which("openssl")
needs_openssl = pytest.mark.skipif(OPENSSL is None, reason="no openssl command to make a test certificate")
WEBSOCKET_HANDSHAKE = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
                       "Sec-WebSocket-Key": base64.b64encode(b"sar-test-key-16b").decode()}


@pytest.fixture
def overdue_tracker(tmp_path) -> Path:
    """A request to Doctolib sent on 27 February 2026, received on 2 March and never answered: its reminder can be
    written."""
    path = tmp_path / "association.json"
    person = journey.load_answers(EXAMPLE).person
    tracker = Tracker(path)
    (request,) = tracker.record_requests([NewRequest(person, "doctolib", "Doctolib SAS",
                                                     Contact(postal="Doctolib SAS\n54 quai Charles Pasqua\n92300 "
                                                             "Levallois-Perret"))], today=date(2026, 3, 1))
    tracker.mark_sent(request.id, date(2026, 2, 27))
    tracker.mark_received(request.id, date(2026, 3, 2))
    return path


def without_secret(address: str) -> str:
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}"


def test_without_the_secret_nothing_of_the_chat_is_served(overdue_tracker):
    with Served("--host", "0.0.0.0", "--port", str(free_port()), "--lang", "en", "--db", str(overdue_tracker)) as served:
        address = served.loopback_address()
        assert "/?token=" in address
        base = without_secret(address)
        with httpx.Client(base_url=base, timeout=PATIENCE) as stranger:
            page = stranger.get("/")
            assert page.status_code == 403
            assert "data-session-websocket-url" not in page.text and "textual.js" not in page.text
            assert 'name="secret"' in page.text  # the page asks for the access code, and holds nothing else
            for path in ("/static/js/textual.js", "/static/css/xterm.css", "/download/0123456789abcdef", "/ws"):
                assert stranger.get(path).status_code == 403, path
            assert stranger.get("/ws", headers=WEBSOCKET_HANDSHAKE).status_code == 403
            wrong = stranger.get("/", params={"token": "guess" + address[-8:]})
            assert wrong.status_code == 403 and "set-cookie" not in wrong.headers
            refused = stranger.post("/login", data={"secret": "not-it"})
            assert refused.status_code == 403 and "This is not the access code." in refused.text
        with httpx.Client(base_url=base, timeout=PATIENCE) as volunteer:
            opened = volunteer.get(address.removeprefix(base))
            assert opened.status_code == 303 and opened.headers["location"] == "/"  # the code leaves the address bar
            cookie = opened.headers["set-cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
            assert address.split("token=")[1] not in cookie  # the cookie is not the access code itself
            page = volunteer.get("/")
            assert page.status_code == 200
            assert f'data-session-websocket-url="ws://{base.removeprefix("http://")}/ws"' in page.text
            assert volunteer.get("/static/js/textual.js").status_code == 200
            assert volunteer.get("/download/0123456789abcdef").status_code == 404  # let in: no such download
            assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"
        with httpx.Client(base_url=base, timeout=PATIENCE) as typed:
            assert typed.post("/login", data={"secret": address.split("token=")[1]}).status_code == 303
            assert typed.get("/").status_code == 200
        code, out, err = served.ctrl_c()
    assert code == 0 and "Traceback" not in out + err
    assert "The address carries the access code: give it only to the volunteers" in out
    assert "anyone on the network can read what it shows" in err  # no HTTPS: said


def test_a_password_from_the_associations_file(overdue_tracker, tmp_path):
    password_file = tmp_path / "password.txt"
    password_file.write_text("correct horse battery staple\n", encoding="utf-8")
    password_file.chmod(0o600)
    with Served("--host", "0.0.0.0", "--port", str(free_port()), "--lang", "en", "--db", str(overdue_tracker),
                "--password-file", str(password_file)) as served:
        address = served.loopback_address()
        assert "token" not in address
        with httpx.Client(base_url=address.rstrip("/"), timeout=PATIENCE) as client:
            page = client.get("/")
            assert page.status_code == 403 and "protected by a password" in page.text
            assert client.get("/", params={"token": "correct horse battery staple"}).status_code == 403
            assert client.post("/login", data={"secret": "correct horse battery stapler"}).status_code == 403
            assert client.post("/login", data={"secret": "correct horse battery staple"}).status_code == 303
            assert client.get("/").status_code == 200
        code, out, err = served.ctrl_c()
    assert f"The page asks for the password written in {password_file}" in out
    assert "other users of this computer can read" not in err


def test_a_password_file_is_checked_before_anything_starts(capsys, tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("secret\n", encoding="utf-8")
    code, out, err = run(capsys, "serve", "--password-file", str(short))
    assert code == 2 and "is too short: write one of at least 12 characters" in err
    code, out, err = run(capsys, "serve", "--password-file", str(tmp_path / "none.txt"))
    assert code == 2 and "does not exist" in err
    code, out, err = run(capsys, "serve", "--certfile", str(short))
    assert code == 2 and "--certfile and --keyfile go together" in err
    code, out, err = run(capsys, "serve", "--certfile", str(short), "--keyfile", str(short))
    assert code == 2 and err.startswith(f"sar: cannot use the certificate {short}")


def test_this_computer_only_stays_as_easy_and_refuses_other_sites(overdue_tracker):
    with Served("--port", str(free_port()), "--lang", "en", "--db", str(overdue_tracker)) as served:
        address = served.address().rstrip("/")
        assert "token" not in address
        with httpx.Client(base_url=address, timeout=PATIENCE) as client:
            assert client.get("/").status_code == 200
            # A page of another site, open in the same browser, cannot drive the chat through the websocket...
            assert client.get("/ws", headers={**WEBSOCKET_HANDSHAKE, "Origin": "http://evil.example"}).status_code == 403
            # ... nor reach the page under a name that resolves to this computer by a trick (DNS rebinding).
            assert client.get("/", headers={"Host": "evil.example"}).status_code == 403
        served.ctrl_c()


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, made for the test (openssl, no network)."""
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(certificate)],
                   check=True, capture_output=True, timeout=PATIENCE)
    return certificate, key


@needs_openssl
def test_https_with_the_associations_certificate(overdue_tracker, tmp_path):
    certificate, key = make_certificate(tmp_path)
    with Served("--host", "0.0.0.0", "--port", str(free_port()), "--lang", "en", "--db", str(overdue_tracker),
                "--certfile", str(certificate), "--keyfile", str(key)) as served:
        address = served.loopback_address()
        assert address.startswith("https://127.0.0.1:")
        base = without_secret(address)
        with httpx.Client(base_url=base, verify=ssl.create_default_context(cafile=str(certificate)),
                          timeout=PATIENCE) as client:
            assert client.get("/").status_code == 403
            opened = client.get(address.removeprefix(base))
            assert opened.status_code == 303 and "Secure" in opened.headers["set-cookie"]
            page = client.get("/")
            assert page.status_code == 200 and f'"wss://{base.removeprefix("https://")}/ws"' in page.text
        with pytest.raises((httpx.RemoteProtocolError, httpx.ConnectError)):  # nothing in clear on that port
            httpx.get(base.replace("https://", "http://") + "/", timeout=PATIENCE)
        if CHROMIUM is not None:  # the page and its websocket (wss) over HTTPS, in a browser that trusts the test's cert
            with HeadlessChromium(options=("--ignore-certificate-errors",)) as browser:
                tab = browser.open(address)
                question = gettext(FIRST_QUESTION, "en")
                assert question in " ".join(browser.screen_text(tab, question).split())
                assert browser.evaluate(tab, "window.location.protocol") == "https:"
        code, out, err = served.ctrl_c()
    assert code == 0
    assert "plain HTTP" not in err


@needs_chromium
def test_the_browser_opens_the_chat_with_the_printed_address_then_with_the_cookie_alone(overdue_tracker):
    question = gettext(FIRST_QUESTION, "en")
    with Served("--host", "0.0.0.0", "--port", str(free_port()), "--lang", "en", "--db", str(overdue_tracker)) as served:
        address = served.loopback_address()
        with HeadlessChromium() as browser:
            tab = browser.open(address)
            screen = browser.screen_text(tab, question)
            assert question in " ".join(screen.split()), screen
            assert "token" not in browser.evaluate(tab, "window.location.href")  # the code left the address bar
            assert browser.evaluate(tab, "document.cookie") == ""  # HttpOnly: no script of the page reads it
            again = browser.open(without_secret(address) + "/")  # a second page of the same browser: the cookie
            screen = browser.screen_text(again, question)
            assert question in " ".join(screen.split()), screen
        with HeadlessChromium() as stranger:  # another browser, without the address's code
            tab = stranger.open(without_secret(address) + "/")
            assert "protected" in stranger.evaluate(tab, "document.body.innerText")
            assert stranger.evaluate(tab, "document.querySelector('.textual-terminal') === null")
        served.ctrl_c()


@needs_chromium
def test_the_letters_of_the_pages_chat_download_from_the_page(overdue_tracker, tmp_path):
    """Issue 24.6: F8 (the requests: a key browsers leave to the page), f to write the reminder, F9 to download, then
    the archive of every letter the chat wrote arrives in the browser's downloads."""
    home, downloads = tmp_path / "home", tmp_path / "downloads"
    home.mkdir()
    downloads.mkdir()
    with Served("--host", "0.0.0.0", "--port", str(free_port()), "--lang", "en", "--db", str(overdue_tracker),
                env={"HOME": str(home)}) as served:
        address = served.loopback_address()
        with HeadlessChromium() as browser:
            browser.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads),
                                                         "eventsEnabled": True})
            tab = browser.open(address)
            screen = browser.screen_text(tab, gettext(FIRST_QUESTION, "en"))
            assert "f9 Download" in screen, screen  # served: the footer offers the download
            assert "Quit" not in screen, screen  # closing the page ends the chat; ctrl+q would quit some browsers
            browser.press_key(tab, "F8", 119)
            assert "Doctolib SAS" in browser.screen_text(tab, "Doctolib SAS")
            browser.type_text(tab, "f")
            assert "Write a follow-up" in browser.screen_text(tab, "Write a follow-up about Doctolib SAS")
            browser.press_key(tab, "Enter", 13)
            screen = browser.screen_text(tab, "Reminder written")
            assert "Reminder written" in screen, screen
            browser.press_key(tab, "F9", 120)
            screen = browser.screen_text(tab, "sar-letters.zip")
            assert "doctolib.fr.reminder.pdf" in screen, screen
            browser.press_key(tab, "Enter", 13)  # the first button: all of them, as one archive
            archive = downloads / "sar-letters.zip"
            deadline = time.monotonic() + PATIENCE
            while not archive.exists() and time.monotonic() < deadline:
                browser.events.append(browser._message(deadline))  # wait on the browser's own events, no sleep
            assert archive.exists(), sorted(p.name for p in downloads.iterdir())
            with zipfile.ZipFile(archive) as letters:
                names = letters.namelist()
                assert any(name.endswith("doctolib.fr.reminder.pdf") for name in names), names
                written = next(home.rglob("doctolib.fr.reminder.pdf"))
                pdf = next(name for name in names if name.endswith(".pdf"))
                assert letters.read(pdf) == written.read_bytes()
        served.ctrl_c()


async def test_in_a_terminal_the_letters_are_already_here_so_no_download_key():
    from sar.tui.app import SarApp
    from sar.tui.served import DownloadDialog

    app = SarApp(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.check_action("download_letters", ()) is False
        await pilot.press("f9")
        await pilot.pause()
        assert not isinstance(app.screen, DownloadDialog)
        shown = app.screen.active_bindings.get("f9")
        assert shown is None or not shown.enabled


async def test_a_web_page_s_chat_offers_no_quit_key(monkeypatch):
    """ctrl+q quits Firefox on Linux: a web page's footer does not offer it (the chat ends with its page); a terminal's
    does."""
    from sar.tui.app import SarApp

    for web, shown in ((False, True), (True, False)):
        monkeypatch.setattr(SarApp, "is_web", property(lambda self, web=web: web))
        app = SarApp(lang="en")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert bool(app.check_action("quit", ())) is shown
            in_footer = {active.binding.action for active in app.screen.active_bindings.values()
                         if active.binding.show and active.enabled}
            assert ("quit" in in_footer) is shown
