"""Who may open `sar serve`'s page: the secret that guards it beyond this computer, and the checks every request passes.

On any address other than the loopback, the chat shows health data (GDPR art. 9) to whoever reaches it, so a secret is
required: a random access code that sar prints inside the page's address (as notebook servers do), or a password the
association keeps in a file (`--password-file`). Every request without it (the page, its websocket, a letter's download,
even the page's scripts) is refused with 403, and the secret is compared in constant time (`hmac.compare_digest`). Once
given, a cookie carries it for the rest of the visit: a random value of this run of the server (never the password),
HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure over HTTPS. The address's access
code is then taken out of the address bar, so that it is not left in the browser's history more than once.

Two checks guard the loopback too, where no secret is asked: a page of another site open in the same browser cannot
drive the chat through its websocket (the websocket's Origin must be the page's own), and a name that resolves to this
computer by a trick (DNS rebinding) is not served (the Host must be localhost or a loopback address).
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from sar.errors import InputError
from sar.i18n import _, current_language

TOKEN_PARAMETER = "token"
LOGIN_PATH = "/login"
MIN_PASSWORD_LENGTH = 12
FAILED_LOGIN_PAUSE = 1.0  # seconds every refused secret waits, one at a time: a guessed password costs a second a try


@dataclass(frozen=True)
class Secret:
    """What opens the page: `value` (the access code or the password), and the cookie's own random value."""

    value: str
    from_file: Path | None = None  # the password file; None: a random access code carried by the address
    cookie_value: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)

    @classmethod
    def random(cls) -> Secret:
        return cls(secrets.token_urlsafe(24))

    @property
    def in_address(self) -> bool:
        return self.from_file is None

    def matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode("utf-8"), self.value.encode("utf-8"))

    def cookie_matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode("utf-8"), self.cookie_value.encode("utf-8"))


def read_password_file(text: str) -> Secret:
    """The password in the file's first line (spaces around it left out); refused if missing, short, or unreadable."""
    path = Path(text).expanduser()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(_("{path} does not exist: write the password in it (one line), then start again").format(
            path=path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(_("cannot read the password file {path}: {reason}").format(
            path=path, reason=getattr(error, "strerror", None) or error)) from None
    password = lines[0].strip() if lines else ""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(_("the password in {path} is too short: write one of at least {count} characters on its "
                           "first line").format(path=path, count=MIN_PASSWORD_LENGTH))
    return Secret(password, from_file=path)


def password_file_warning(secret: Secret) -> str | None:
    """A warning when other users of this computer can read the password file."""
    if secret.from_file is None:
        return None
    try:
        mode = secret.from_file.stat().st_mode
    except OSError:
        return None
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        return _("Warning: other users of this computer can read {path}; make it yours only (chmod 600 {path}).").format(
            path=secret.from_file)
    return None


def address_with_secret(address: str, secret: Secret | None) -> str:
    """The page's address as sar prints it: with the access code when the secret is one."""
    if secret is None or not secret.in_address:
        return address + "/"
    return f"{address}/?{urlencode({TOKEN_PARAMETER: secret.value})}"


def cookie_name(port: int) -> str:
    return f"sar-serve-{port}"  # a cookie is not kept apart by port: two sar serves on one computer keep their own


def is_loopback_host(host_header: str) -> bool:
    """True for a Host header naming this computer only: localhost, 127.x.y.z, [::1] (with or without a port)."""
    hostname = urlsplit(f"//{host_header}").hostname or ""
    if hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def same_origin(request) -> bool:
    """A request without an Origin (not sent by a browser's page) or from the page's own origin."""
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.host}"


def gate(secret: Secret | None, port: int, *, loopback_only: bool):
    """The aiohttp middleware every request passes (see the module docstring)."""
    import asyncio

    from aiohttp import web

    name = cookie_name(port)
    refusals = asyncio.Lock()

    def refused(request, message: str = "", *, page: bool = False):
        """403: for the page itself (or a refused login), the form that asks for the secret; for anything else, a line."""
        if secret is not None and (page or (request.method == "GET" and request.path == "/")):
            return web.Response(status=403, text=login_page(secret, message), content_type="text/html",
                                charset="utf-8")
        return web.Response(status=403, text=_("Forbidden: open the address sar serve printed.") + "\n")

    def let_in(request, location: str):
        """The secret was right: the cookie carries it from now on, and the page loads without it in its address."""
        response = web.Response(status=303, headers={"Location": location})
        response.set_cookie(name, secret.cookie_value, httponly=True, samesite="Strict", secure=request.secure,
                            path="/")
        return response

    @web.middleware
    async def check(request, handler):
        if loopback_only and not is_loopback_host(request.host):
            return refused(request)
        if request.path == "/ws" and not same_origin(request):
            return refused(request)
        if secret is None:
            return with_safe_headers(await handler(request))
        if secret.cookie_matches(request.cookies.get(name)):
            return with_safe_headers(await handler(request))
        if request.method == "POST" and request.path == LOGIN_PATH and same_origin(request):
            form = await request.post()
            if secret.matches(str(form.get("secret", ""))):
                return with_safe_headers(let_in(request, "/"))
            async with refusals:  # one refused secret at a time, each a second: guessing is slow
                await asyncio.sleep(FAILED_LOGIN_PAUSE)
            wrong = _("This is not the password.") if secret.from_file else _("This is not the access code.")
            return with_safe_headers(refused(request, wrong, page=True))
        if request.path == "/" and secret.in_address and TOKEN_PARAMETER in request.query:
            if secret.matches(request.query.get(TOKEN_PARAMETER)):
                kept = {key: value for key, value in request.query.items() if key != TOKEN_PARAMETER}
                return with_safe_headers(let_in(request, "/" + (f"?{urlencode(kept)}" if kept else "")))
            async with refusals:
                await asyncio.sleep(FAILED_LOGIN_PAUSE)
        return with_safe_headers(refused(request))

    return check


def with_safe_headers(response):
    """Nothing of the page cached, framed by another site, or sent on as a referrer (the address may hold the code)."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def login_page(secret: Secret, message: str = "") -> str:
    """The 403 page: what to do, and a field for the password or the access code (posted, never put in an address)."""
    if secret.from_file:
        explanation = _("This chat is protected by a password. Ask the association for it, and type it here.")
        label = _("Password")
    else:
        explanation = _("This chat is protected: open the full address sar serve printed (it carries an access code), "
                        "or type the access code here.")
        label = _("Access code")
    error = f'<p class="error">{html.escape(message)}</p>' if message else ""
    return f"""<!DOCTYPE html>
<html lang="{current_language()}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>sar</title>
<style>body{{font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em}}.error{{color:#b00020}}
input,button{{font-size:1em;padding:.4em}}</style></head>
<body><h1>sar</h1><p>{html.escape(explanation)}</p>{error}
<form method="post" action="{LOGIN_PATH}"><label>{html.escape(label)}
<input type="password" name="secret" autocomplete="current-password" autofocus required></label>
<button type="submit">{html.escape(_("Open the chat"))}</button></form></body></html>
"""
