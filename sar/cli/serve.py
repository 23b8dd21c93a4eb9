"""`sar serve`: the same chat in a web browser, for association help desks and people who do not use a terminal.

Textual's own web server (textual-serve) starts one `sar tui` for each browser page that opens the address, with the same
Python, language and tracker as `sar serve` itself, and relays its screen to the page. Nothing else changes: the answers,
the tracker and the letters are files on the computer that runs `sar serve`.

The page shows health data (a special category under GDPR art. 9) and has no login: whoever can open the address can read
and change the answers and the tracker, and write letters. So the server listens on 127.0.0.1 (this computer only) unless
asked otherwise, and then says on stderr what that means. An address that listens on every network at once (0.0.0.0, ::)
is refused: textual-serve writes the address it listens on into the page for the browser to connect back to, and no
browser can connect to "0.0.0.0"; the computer's own address on the help desk's network works.

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
import subprocess
import sys
import tempfile
from pathlib import Path

from sar.cli.common import EXIT_OK, add_db_option, language, tracker_path
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
            "`sar tui` runs there, one chat per open page, with the same tracker and letters on this computer. "
            "It listens on 127.0.0.1 by default, so only this computer can open the page. The page shows health data "
            "and has no login: with --host, anyone who can reach that address on the network can read and change "
            "the answers and the tracker. Every open page shares the tracker; each page's answers are its own and "
            "are erased when its chat ends. Press ctrl+c to stop."
        ),
        epilog=_("Example: sar serve --lang fr --port 8080 --db association.json, then open http://127.0.0.1:8080 "
                 "in a web browser"),
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, metavar="ADDRESS",
        help=_("the address to listen on (default: 127.0.0.1, this computer only); another address lets other "
               "computers open the page"),
    )
    parser.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, metavar="PORT",
        help=_("the port to listen on (default: 8000)"),
    )
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


def every_network_message(host: str) -> str:
    return _("--host {host} would listen on every network at once, and browsers could not find the chat from the "
             "page: give this computer's own address on the network the page is for (e.g. --host 192.168.1.20), "
             "or leave --host out (127.0.0.1, this computer only)").format(host=host)


def page_address(host: str, port: int) -> str:
    """The address to open in a browser (an IPv6 address goes in brackets: http://[::1]:8000)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


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
    if any(is_every_network(address[0].split("%")[0]) for *_rest, address in addresses):
        raise InputError(every_network_message(host))  # a name for 0.0.0.0, such as "0"
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
    if is_every_network(host):
        raise InputError(every_network_message(host))
    database = tracker_path(args.db).resolve()
    if not is_this_computer_only(host):
        print(_(
            "Warning: sar will accept connections on {host}, so anyone who can reach this address on the network can "
            "open the chat. It shows health data and has no login: they could read and change the answers and the "
            "tracker, and write letters. Use this only on a network you trust, for as long as you need it; "
            "without --host, only this computer can open it.").format(host=host), file=sys.stderr, flush=True)
    check_can_listen(host, port)

    with tempfile.TemporaryDirectory(prefix="sar-serve-") as folder:
        server = _server(served_command(args.lang, database), host, port, page_template(Path(folder)))
        try:
            server.serve()
        except OSError as error:  # the port was taken between the check and the server's own bind
            raise InputError(bind_error_message(error, host, port)) from None
    print(_("sar serve has stopped."), flush=True)
    return EXIT_OK


def _server(command: str, host: str, port: int, templates: Path | None):
    """textual-serve's Server, telling the person what they need (the address, ctrl+c) in their language instead of
    its banner and a log line per request (warnings and errors, such as a chat that fails to start, still go to stderr),
    and ending every chat before it stops."""
    import asyncio
    import logging

    from textual_serve.server import Server  # imported only here: `sar --help` and the other commands stay fast

    address = page_address(host, port)

    class SarServer(Server):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.chats: dict = {}  # each page's websocket -> the AppService running its `sar tui`, until it ends

        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)

        async def on_startup(self, app) -> None:
            print(_("The chat is ready at {address}: open this address in a web browser.").format(address=address),
                  flush=True)
            print(_("Press ctrl+c to stop."), flush=True)

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

    options = {"templates_path": templates} if templates is not None else {}
    return SarServer(command, host=host, port=port, title="sar", public_url=address, **options)
