"""The e-mail digest: a built brief as one MIME message, saved as .eml or sent over SMTP.

The message is multipart/alternative: brief.md as text/plain (it reads well as
plain text) and brief.html with its CSS inlined into style attributes (mail
clients drop <style> blocks), both quoted-printable so any server takes them.
The brief's figures (inline SVG, which mail clients drop or mangle) are left
out of the HTML part: the digest carries no pictures; the PDF has them.
The plain text keeps the words of the Markdown's in-page links ("story 3"), not
their targets ("(#story-3)"), which lead nowhere in a mail.

Common mail clients clip a message whose HTML is over about 100 KB (Gmail at
102 KB), so a long day is not mailed whole: when the brief's HTML would be over
MAX_HTML_BYTES, the digest is rendered from brief.json (``digest.md.j2``) with
the first stories in full (DIGEST_STORIES, fewer when they do not fit) and the
others as headlines, linked to the day's page on the site when a base URL is
given.
With the PDF attached, a multipart/mixed wraps the alternative. Headers go
through ``email.policy.SMTP``, so non-ASCII subjects and names are encoded.

A send has a deadline (``DEADLINE``, settable per call): a server that answers
a byte at a time never trips the per-read timeout, so a timer cuts the
connection when the whole send (connecting, the dialogue, the message) has
taken that long.

SMTP credentials come only from the caller (the CLI reads them from the
environment); they are never put in messages, files or errors.
"""

from __future__ import annotations

import ipaddress
import re
import smtplib
import socket
import ssl
import threading
from collections.abc import Sequence
from contextlib import suppress
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid, parseaddr
from pathlib import Path

import css_inline

from ..atomic_write import write_atomic
from ..config import Settings
from ..config_file import SECURITY
from ..errors import BriefgenError
from ..model import Brief, from_dict
from ..render import render_digest
from ..render.files import finish_renames
from .site import MAX_FILE_BYTES, MAX_TEXT_BYTES, PublishError, check_base_url, decode_text, read_brief, read_file

DEFAULT_SENDER = "briefgen@localhost"
DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}
TIMEOUT = 60  # seconds for connecting and for each SMTP reply
DEADLINE = 180  # seconds for the whole send
MAX_HTML_BYTES = 100_000  # the most HTML a mail client shows unclipped
DIGEST_STORIES = 10  # a long day's digest carries at most this many stories in full

# The layout's print stylesheet is for the PDF; inlined, it would make the e-mail look like paper.
_PRINT_STYLE = re.compile(r"<style\b[^>]*\bmedia=\"print\"[^>]*>.*?</style>\s*", re.S | re.I)
# The figures render.figures writes (the one kind of <figure> in a brief): no inline SVG in mail.
_FIGURE = re.compile(r'<figure class="brief-figure\b.*?</figure>', re.S)
# A Markdown link to a place in the page, "[3](#story-3)": the text keeps its words.
_IN_PAGE_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(#[^)\s]*\)")
_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False, keep_at_rules=True, resolve_css_variables=True)


class MailError(BriefgenError):
    """The digest could not be built or delivered; the message is one line."""


def _read(folder: Path, name: str, limit: int = MAX_TEXT_BYTES) -> bytes:
    """A build's file, read as publish reads it: a regular file, not a symlink, at most ``limit`` bytes."""
    try:
        return read_file(folder / name, limit)
    except FileNotFoundError:
        formats = "pdf" if name.endswith(".pdf") else "md,html"
        raise MailError(f"{folder} holds no {name} (build with --format including {formats})") from None
    except PublishError as error:
        raise MailError(str(error)) from None


def _read_text(folder: Path, name: str) -> str:
    try:
        return decode_text(_read(folder, name), folder / name)
    except PublishError as error:
        raise MailError(str(error)) from None


def _title_and_date(folder: Path, markdown_text: str) -> tuple[str, str | None]:
    """The brief's title and date from brief.json when it is a sound brief, else the Markdown's first heading."""
    try:
        brief = read_brief(folder)
    except PublishError:
        brief = {}
    title = brief.get("title")
    if isinstance(title, str) and title.strip():
        return title, brief["date"]
    heading = next((line[2:].strip() for line in markdown_text.splitlines() if line.startswith("# ")), "")
    return heading or "Brief", brief.get("date")


def email_html(html: str) -> str:
    """The brief's page made fit for mail clients: CSS in style attributes, no print styles, no figures."""
    return _INLINER.inline(_FIGURE.sub("", _PRINT_STYLE.sub("", html)))


def plain_text(markdown_text: str) -> str:
    """The Markdown as the mail's text part: in-page links as their words."""
    return _IN_PAGE_LINK.sub(r"\1", markdown_text)


def digest_parts(out_dir: Path, base_url: str | None = None) -> tuple[str, str]:
    """The digest's Markdown and mail-ready HTML: the brief's own, or on a long day the shorter digest (see above)."""
    markdown_text = _read_text(out_dir, "brief.md")
    html = email_html(_read_text(out_dir, "brief.html"))
    if len(html.encode("utf-8")) <= MAX_HTML_BYTES:
        return markdown_text, html
    try:
        day_url = check_base_url(base_url)
        brief = from_dict(Brief, read_brief(out_dir))
    except PublishError as error:
        raise MailError(f"{error}; a long day's digest is made from it") from None
    day_url = f"{day_url}{brief.date}/" if day_url else None
    for full_stories in range(min(DIGEST_STORIES, len(brief.stories)), -1, -1):
        markdown_text, page = render_digest(brief, Settings(), full_stories, day_url)
        html = email_html(page)
        if len(html.encode("utf-8")) <= MAX_HTML_BYTES:
            break
    return markdown_text, html


def _set_header(message: EmailMessage, name: str, value: str, field: str) -> None:
    """``message[name] = value``, refusing in one line what would spill into other headers."""
    if "\r" in value or "\n" in value:
        raise MailError(f"{field} holds a line break; a {name} header must be one line")
    message[name] = value


def default_subject(title: str, date: str | None) -> str:
    return title if not date or date in title else f"{title} ({date})"


def build_message(out_dir: Path, to: Sequence[str] = (), sender: str | None = None, subject: str | None = None,
                  attach_pdf: bool = False, base_url: str | None = None) -> EmailMessage:
    """The digest of the brief built in ``out_dir``; ``base_url`` is the published site's, for a long day's headlines."""
    out_dir = Path(out_dir)
    finish_renames(out_dir)  # never mail a half-replaced brief
    markdown_text, html = digest_parts(out_dir, base_url)
    title, date = _title_and_date(out_dir, markdown_text)
    sender = sender or DEFAULT_SENDER
    message = EmailMessage(policy=policy.SMTP)
    subject_field = "the subject" if subject else f"the title in {out_dir / 'brief.json'}"
    _set_header(message, "Subject", subject or default_subject(title, date), subject_field)
    _set_header(message, "From", sender, "the sender")
    if to:
        _set_header(message, "To", ", ".join(to), "a recipient")
    message["Date"] = formatdate(localtime=True)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(plain_text(markdown_text), subtype="plain", cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    if attach_pdf:
        pdf = _read(out_dir, "brief.pdf", MAX_FILE_BYTES)
        message.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"brief-{date}.pdf" if date else "brief.pdf")
    return message


def write_eml(message: EmailMessage, path: Path) -> Path:
    """Save the message as an .eml file (atomically); returns the path."""
    write_atomic(Path(path), message.as_bytes(policy=policy.SMTP))
    return Path(path)


def parse_smtp(value: str, security: str = "none") -> tuple[str, int]:
    """HOST:PORT (or HOST, with the security's usual port) as (host, port); [v6]:PORT works too."""
    match = re.fullmatch(r"\[(?P<v6>[^\]]+)\](?::(?P<p6>\d+))?|(?P<host>[^:\s]+)(?::(?P<port>\d+))?", value.strip())
    if not match:
        raise MailError(f"--smtp must be HOST:PORT, got {value!r}")
    host = match["v6"] or match["host"]
    port = int(match["p6"] or match["port"] or DEFAULT_PORTS[security])
    if not 0 < port < 65536:
        raise MailError(f"--smtp port must be 1-65535, got {port}")
    return host, port


def _is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _reply(code: int, text: bytes | str) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(text.split())}"


def _refusals(refused: dict) -> str:
    return "; ".join(f"{address} ({_reply(code, text)})" for address, (code, text) in refused.items())


def _cut(client: smtplib.SMTP, expired: threading.Event) -> None:
    """The deadline's timer: mark the send expired and shut its socket, which ends any read or write under way."""
    expired.set()
    sock = client.sock
    if sock is not None:
        with suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's shutdown, TLS or not


def send(message: EmailMessage, smtp: str, security: str = "none", credentials: tuple[str, str] | None = None,
         timeout: float = TIMEOUT, deadline: float = DEADLINE) -> list[str]:
    """Deliver the message to its To addresses through ``smtp``; returns them. Raises MailError.

    ``timeout`` bounds connecting and each reply; ``deadline`` the whole send.
    """
    recipients = [address for _, address in getaddresses(message.get_all("To", []))]
    if not recipients:
        raise MailError("no recipient: give --to ADDR (or mail.to in briefgen.toml)")
    if security not in SECURITY:
        raise MailError(f"security must be one of {', '.join(SECURITY)}, got {security!r}")
    host, port = parse_smtp(smtp, security)
    where = f"{host}:{port}"
    if credentials and security == "none" and not _is_loopback(host):
        raise MailError(f"refusing to send the SMTP password to {where} unencrypted; use --starttls or --ssl")
    if parseaddr(message["From"])[1] == DEFAULT_SENDER and not _is_loopback(host):
        raise MailError(f"no sender for a mail to {where}: give --from ADDR (or mail.from in briefgen.toml)")
    timeout = min(timeout, deadline)
    context = ssl.create_default_context()
    # Made unconnected so the deadline's timer holds the client (and its socket) before the first byte is read.
    client = smtplib.SMTP_SSL(timeout=timeout, context=context) if security == "ssl" else smtplib.SMTP(timeout=timeout)
    # What the constructor would keep as TLS's server name (SMTP_SSL and starttls read it); smtplib has no public way
    # to give it to an unconnected client.
    client._host = host  # type: ignore[attr-defined]
    expired = threading.Event()
    timer = threading.Timer(deadline, _cut, (client, expired))
    timer.daemon = True
    timer.start()
    try:
        return _converse(client, host, port, security, context, credentials, message, recipients, timeout)
    except MailError:
        if expired.is_set():
            raise MailError(f"{host}:{port} did not finish the send within {deadline:g} s (the send's deadline)") from None
        raise
    finally:
        timer.cancel()
        client.close()


def _converse(client: smtplib.SMTP, host: str, port: int, security: str, context: ssl.SSLContext,
              credentials: tuple[str, str] | None, message: EmailMessage, recipients: list[str], timeout: float) -> list[str]:
    """Connect ``client``, log in when asked and send the message; every failure as one MailError."""
    where = f"{host}:{port}"
    try:
        code, greeting = client.connect(host, port)
        with client:
            if code != 220:
                raise MailError(f"{where} refused the connection ({_reply(code, greeting)})")
            if security == "starttls":
                client.starttls(context=context)
            if credentials:
                client.login(*credentials)
            refused = client.send_message(message, to_addrs=recipients)
    except UnicodeEncodeError:  # smtplib sends logins as ASCII only
        raise MailError(f"cannot log in to {where}: the SMTP user name and password must be ASCII") from None
    except smtplib.SMTPRecipientsRefused as error:
        raise MailError(f"{where} refused every recipient: {_refusals(error.recipients)}; nothing was sent") from None
    except smtplib.SMTPAuthenticationError as error:
        raise MailError(f"{where} refused the login ({_reply(error.smtp_code, error.smtp_error)})") from None
    except smtplib.SMTPSenderRefused as error:
        raise MailError(f"{where} refused the sender {error.sender} ({_reply(error.smtp_code, error.smtp_error)})") from None
    except smtplib.SMTPResponseException as error:
        raise MailError(f"{where} refused the message ({_reply(error.smtp_code, error.smtp_error)})") from None
    except smtplib.SMTPServerDisconnected as error:
        raise MailError(f"the connection to {where} was lost before the message was accepted ({error or 'closed'})") from None
    except smtplib.SMTPNotSupportedError as error:
        raise MailError(f"{where} does not support {'STARTTLS' if security == 'starttls' else 'that'}: {error}") from None
    except ssl.SSLError as error:
        raise MailError(f"TLS with {where} failed: {error.reason or error}") from None
    except TimeoutError:
        raise MailError(f"{where} did not answer within {timeout:g} s") from None
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(f"cannot reach {where}: {getattr(error, 'strerror', None) or error}") from None
    if refused:
        raise MailError(f"{where} refused {_refusals(refused)}; sent to the other recipients")
    return recipients
