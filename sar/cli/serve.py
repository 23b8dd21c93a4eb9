"""`sar serve`: the same chat in a web browser, for association help desks and people who do not use a terminal.

Textual's own web server (textual-serve) starts one `sar tui` for each browser page that opens the address, with the same
Python, language and tracker as `sar serve` itself, and relays its screen to the page. Nothing else changes: the answers,
the tracker and the letters are files on the computer that runs `sar serve`; the letters a page's chat wrote can be
downloaded from that page (`sar.tui.served`).

The page shows health data (a special category under GDPR art. 9). On 127.0.0.1 (the default) only this computer can
open it, and it opens as it is. On any other address, other computers can reach it, so a secret is required
(`sar.cli.serve_access`): a random access code printed inside the address, or a password from a file the association
keeps (--password-file); every page, websocket and download without it is refused. With --certfile and --keyfile the
page is served over HTTPS; without them sar says that the network can read the traffic (the chat and the secret). An
address that listens on every network at once (0.0.0.0, ::) is allowed: the page connects back to whichever address
the browser used.

The page textual-serve ships loads its font from Google Fonts, which would tell Google of every visit; sar serves the
same font (Roboto Mono, bundled with textual-serve) itself instead, so the page fetches nothing from outside.
"""

from __future__ import annotations

import argparse
import errno
import html
import ipaddress
import os
import re
import shlex
import socket
import ssl
import subprocess
import sys
import tempfile
from pathlib import Path

from sar.cli.common import EXIT_OK, add_db_option, language, tracker_path
from sar.cli.serve_access import Secret, address_with_secret, gate, password_file_warning, read_password_file
from sar.errors import InputError
from sar.i18n import _, current_language, set_language

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TEMPLATE_NAME = "app_index.html"  # the page textual-serve renders (textual_serve/templates/), kept by that name


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help=_("the guided chat in a web browser (for help desks, or if you do not use a terminal)"),
        description=_(
            "Serve the guided chat as a web page: open the address it prints in a web browser, and the same chat as "
            "`sar tui` runs there, one chat per open page, with the same tracker and letters on this computer; each "
            "page can download the letters its chat wrote. It listens on 127.0.0.1 by default, so only this computer "
            "can open the page. With --host, other computers of the network can open it, and a secret is required: "
            "sar prints an address that carries a random access code (give it only to the volunteers), or asks for the "
            "password written in --password-file. The page shows health data: serve it over HTTPS with --certfile and "
            "--keyfile, or the network can read it. Every open page shares the tracker; each page's answers are its "
            "own and are erased when its chat ends. Press ctrl+c to stop."
        ),
        epilog=_("Examples: sar serve --lang fr --db association.json, then open the address it prints in a web "
                 "browser; sar serve --host 192.168.1.20 --certfile cert.pem --keyfile key.pem --db association.json "
                 "for the other computers of the help desk"),
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, metavar="ADDRESS",
        help=_("the address to listen on (default: 127.0.0.1, this computer only); another address lets other "
               "computers open the page, with a secret (0.0.0.0: every network of this computer)"),
    )
    parser.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, metavar="PORT",
        help=_("the port to listen on (default: 8000)"),
    )
    parser.add_argument(
        "--password-file", metavar="FILE",
        help=_("ask for the password written on the first line of FILE (at least 12 characters) instead of an access "
               "code in the address"),
    )
    parser.add_argument("--certfile", metavar="FILE", help=_("serve HTTPS with this certificate (PEM), with --keyfile"))
    parser.add_argument("--keyfile", metavar="FILE", help=_("the private key (PEM) of --certfile"))
    parser.add_argument("--lang", type=language, metavar="fr|en",
                        help=_("language of the chat and of these messages (default: your system's)"))
    add_db_option(parser)
    parser.set_defaults(func=run)


def port_number(text: str) -> int:
    """argparse type: a TCP port, 1 to 65535 (0 would let the system pick one, and the printed address be wrong)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(_("{value!r} is not a port: give a number from 1 to 65535, e.g. 8000").format(
            value=text))
    return value


def is_this_computer_only(host: str) -> bool:
    """True for the loopback addresses (127.0.0.0/8, ::1) and `localhost`, which no other computer can reach."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_every_network(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def page_address(host: str, port: int, scheme: str = "http") -> str:
    """The address to open in a browser (an IPv6 address goes in brackets: http://[::1]:8000)."""
    shown = f"[{host}]" if ":" in host else host
    return f"{scheme}://{shown}:{port}"


def addresses_to_open(host: str) -> list[str]:
    """The addresses a browser can use: `host` itself; for every network at once (0.0.0.0, ::), this computer's own
    address on its network (found without sending anything) and the loopback."""
    if not is_every_network(host):
        return [host]
    loopback = "::1" if ":" in host else "127.0.0.1"
    found = []
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    probe_target = ("2001:db8::1" if ":" in host else "192.0.2.1", 9)  # documentation addresses (RFC 3849, 5737)
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect(probe_target)  # a datagram socket's connect only picks a route: nothing is sent
            own = probe.getsockname()[0]
            if not ipaddress.ip_address(own).is_loopback and not ipaddress.ip_address(own).is_unspecified:
                found.append(own)
    except OSError:
        pass
    return found + [loopback]


def tls_context(certfile: str | None, keyfile: str | None) -> ssl.SSLContext | None:
    """The server's TLS context from a PEM certificate and its key; None without them. One clear line if unusable."""
    if not certfile and not keyfile:
        return None
    if not (certfile and keyfile):
        raise InputError(_("--certfile and --keyfile go together: give both, or neither"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(Path(certfile).expanduser(), Path(keyfile).expanduser())
    except FileNotFoundError as error:
        raise InputError(_("{path} does not exist").format(path=error.filename)) from None
    except (ssl.SSLError, OSError, ValueError) as error:
        raise InputError(_("cannot use the certificate {certfile} with the key {keyfile}: {reason}").format(
            certfile=certfile, keyfile=keyfile, reason=getattr(error, "reason", None) or error)) from None
    return context


def served_command(lang: str | None, database: Path) -> str:
    """The shell command textual-serve runs for each page: this Python's `sar tui`, with the tracker and language given,
    as a session (`--session`): each page's answers are its own and are erased when its chat ends.

    Quoted for the shell textual-serve starts it with (the tracker's path may hold spaces or quotes); on POSIX the shell
    `exec`s it, so that the chat is the very process textual-serve stops (or, if it hangs, kills).
    """
    words = [sys.executable, "-m", "sar", "tui", "--session", "--db", str(database)]
    if lang:
        words += ["--lang", lang]
    return subprocess.list2cmdline(words) if os.name == "nt" else "exec " + shlex.join(words)


def check_can_listen(host: str, port: int) -> None:
    """Bind (then release) host:port as the server will, so that a busy port or a wrong address costs one clear line
    before anything starts. The same checks run again if the server's own bind fails (`bind_error_message`)."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError):
        raise InputError(_("unknown address {host!r}: give an address of this computer, such as 127.0.0.1 "
                           "(the default)").format(host=host)) from None
    for family, kind, protocol, _name, address in addresses:
        with socket.socket(family, kind, protocol) as probe:
            if os.name != "nt":
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does (aiohttp)
            try:
                probe.bind(address)
            except OSError as error:
                raise InputError(bind_error_message(error, host, port)) from None


def bind_error_message(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return _("port {port} is already in use on {host}: stop the program that uses it, or choose another port "
                 "with --port (e.g. --port {other})").format(port=port, host=host, other=port + 1 if port < 65535 else 8000)
    if error.errno == errno.EADDRNOTAVAIL:
        return _("{host} is not an address of this computer: give one of its own addresses, or leave --host out "
                 "(127.0.0.1, this computer only)").format(host=host)
    if error.errno in (errno.EACCES, errno.EPERM):
        return _("permission denied to listen on port {port}: ports below 1024 usually need administrator rights; "
                 "choose another with --port (the default is 8000)").format(port=port)
    return _("cannot listen on {host} port {port}: {reason}").format(host=host, port=port, reason=error.strerror or error)


def page_template(folder: Path) -> Path | None:
    """textual-serve's page, written into `folder` with its font served locally and its few words in sar's language.

    None if textual-serve's page is not where version 1.1 keeps it: the server then uses its own page unchanged.
    """
    import textual_serve

    original = Path(textual_serve.__file__).parent / "templates" / TEMPLATE_NAME
    try:
        page = original.read_text(encoding="utf-8")
    except OSError:
        return None
    local_font = (
        '<style>@font-face { font-family: "Roboto Mono"; '
        'src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf"); }</style>'
    )
    page = re.sub(r"<link[^>]*fonts\.googleapis\.com[^>]*>", lambda _match: local_font, page)
    words = {">Session ended.<": _("The chat has ended."), ">Restart<": _("Start a new chat"), ">Start<": _("Start")}
    for english, translated in words.items():
        page = page.replace(english, f">{html.escape(translated)}<")
    page = page.replace("<html>", f'<html lang="{current_language()}">', 1)
    (folder / TEMPLATE_NAME).write_text(page, encoding="utf-8")
    return folder


def run(args: argparse.Namespace) -> int:
    if args.lang:
        set_language(args.lang)
    host, port = args.host, args.port
    database = tracker_path(args.db).resolve()
    tls = tls_context(args.certfile, args.keyfile)
    this_computer_only = is_this_computer_only(host)
    if args.password_file:
        secret: Secret | None = read_password_file(args.password_file)
    else:
        secret = None if this_computer_only else Secret.random()
    check_can_listen(host, port)
    warnings = [password_file_warning(secret) if secret else None]
    if not this_computer_only:
        warnings.append(_(
            "Other computers of the network can reach the chat on {host}. Only those who have its address with "
            "the access code, or the password, can open it: it shows health data.").format(host=host))
        if tls is None:
            warnings.append(_(
                "Warning: without --certfile and --keyfile the page is served over plain HTTP, so anyone on the "
                "network can read what it shows (health data) and its secret. Use this only on a network you trust, "
                "for as long as you need it, or serve HTTPS."))
    for warning in filter(None, warnings):
        print(warning, file=sys.stderr, flush=True)

    scheme = "https" if tls else "http"
    addresses = [address_with_secret(page_address(shown, port, scheme), secret) for shown in addresses_to_open(host)]
    with tempfile.TemporaryDirectory(prefix="sar-serve-") as folder:
        server = _server(served_command(args.lang, database), host, port, page_template(Path(folder)),
                         addresses=addresses, secret=secret, tls=tls, loopback_only=this_computer_only)
        try:
            server.serve()
        except OSError as error:  # the port was taken between the check and the server's own bind
            raise InputError(bind_error_message(error, host, port)) from None
    print(_("sar serve has stopped."), flush=True)
    return EXIT_OK


def ready_lines(addresses: list[str], secret: Secret | None) -> list[str]:
    """What the person running `sar serve` needs to know once it is ready: where to open the chat, and how."""
    lines = [_("The chat is ready at {address}: open this address in a web browser.").format(address=addresses[0])]
    lines += [_("It can also be opened at {address}").format(address=other) for other in addresses[1:]]
    if secret is not None and secret.in_address:
        lines.append(_("The address carries the access code: give it only to the volunteers who help with the chat."))
    elif secret is not None:
        lines.append(_("The page asks for the password written in {path}.").format(path=secret.from_file))
    lines.append(_("Press ctrl+c to stop."))
    return lines


def _server(command: str, host: str, port: int, templates: Path | None, *, addresses: list[str],
            secret: Secret | None, tls: ssl.SSLContext | None, loopback_only: bool):
    """textual-serve's Server, telling the person what they need (the address, ctrl+c) in their language instead of
    its banner and a log line per request (warnings and errors, such as a chat that fails to start, still go to stderr),
    guarding every request (`sar.cli.serve_access.gate`), writing into the page the address the browser used (so that
    0.0.0.0 works, and HTTPS), and ending every chat before it stops."""
    import asyncio
    import logging
    import signal

    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server  # imported only here: `sar --help` and the other commands stay fast

    class SarServer(Server):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.chats: dict = {}  # each page's websocket -> the AppService running its `sar tui`, until it ends

        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(gate(secret, port, loopback_only=loopback_only))
            return app

        async def handle_index(self, request: web.Request):
            """textual-serve's page, with the addresses of the websocket and the scripts taken from the request: the
            address the browser used (127.0.0.1 or the network's, http or https), not one fixed at start."""
            base = f"{request.scheme}://{request.host}"
            try:
                font_size = max(8, min(48, int(request.query.get("fontsize", "16"))))
            except ValueError:
                font_size = 16
            context = {
                "font_size": font_size,
                "app_websocket_url": ("wss" if request.scheme == "https" else "ws") + f"://{request.host}/ws",
                "config": {"static": {"url": f"{base}/static/"}},
                "application": {"name": self.title},
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def on_startup(self, app) -> None:
            """Nothing: textual-serve's banner is replaced by `ready_lines`, said once the server listens."""

        async def _process_messages(self, websocket, app_service) -> None:
            for page, chat in list(self.chats.items()):
                if page.closed and getattr(getattr(chat, "_process", None), "returncode", 0) is not None:
                    del self.chats[page]  # that chat has ended
            self.chats[websocket] = app_service
            await super()._process_messages(websocket, app_service)

        async def on_shutdown(self, app) -> None:
            """Close each page (its chat quits, as when the page is closed; every answer given is already saved), and
            wait for each chat's process to end while the event loop still runs: a process that outlived the loop
            would end with asyncio's traceback on the terminal."""
            chats = list(self.chats.items())
            for websocket, _chat in chats:
                await websocket.close()
            for _websocket, chat in chats:
                process = getattr(chat, "_process", None)  # textual-serve 1.1 keeps the chat's process there
                if process is None:
                    continue
                try:
                    await asyncio.wait_for(process.wait(), timeout=10)
                except asyncio.TimeoutError:
                    process.kill()
                    await process.wait()

        def serve(self, debug: bool = False) -> None:
            """textual-serve's serve, with the TLS context (HTTPS) when there is one, saying the chat is ready once
            the server listens (aiohttp's startup hooks run before it does), and stopping on ctrl+c or SIGTERM."""
            self.debug = debug
            self.initialize_logging()
            try:
                asyncio.run(self._serve())
            except KeyboardInterrupt:  # where ctrl+c has no signal handler (Windows): the pages were closed on the way
                pass

        async def _serve(self) -> None:
            loop = asyncio.get_running_loop()
            stop = asyncio.Event()
            for signal_number in (signal.SIGINT, signal.SIGTERM):
                try:
                    loop.add_signal_handler(signal_number, stop.set)
                except (NotImplementedError, RuntimeError):  # Windows: ctrl+c raises KeyboardInterrupt instead
                    pass
            runner = web.AppRunner(await self._make_app(), handle_signals=False)
            await runner.setup()
            try:
                await web.TCPSite(runner, self.host, self.port, ssl_context=tls).start()
                for line in ready_lines(addresses, secret):
                    print(line, flush=True)
                await stop.wait()
            finally:
                await runner.cleanup()  # closes every page and waits for its chat (on_shutdown)

    options = {"templates_path": templates} if templates is not None else {}
    return SarServer(command, host=host, port=port, title="sar", public_url=addresses[0].split("/?")[0].rstrip("/"),
                     **options)
