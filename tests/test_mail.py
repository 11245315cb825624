"""The e-mail digest, sent to a real SMTP server (aiosmtpd) on loopback and read back."""

from __future__ import annotations

import datetime as dt
import email
import json
import re
import shutil
import socket
import ssl
import threading
import time
from email import policy
from pathlib import Path

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from briefgen.assemble import assemble
from briefgen.cli import main
from briefgen.config import Settings
from briefgen.model import ArticleBrief, Claim, Evidence, SentenceSpan, Source, SummarySentence
from briefgen.publish import commands
from briefgen.publish.mail import MAX_HTML_BYTES, MailError, build_message, email_html, parse_smtp, plain_text, send, write_eml
from briefgen.render import write_brief

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "articles" / "quetta-protest.txt"
SUBJECT = "Brief für Peshawar — résumé ☂"


class Mailbox:
    """An aiosmtpd handler keeping what it accepts; it can refuse recipients or drop the connection."""

    def __init__(self):
        self.received, self.refuse, self.drop, self.logins = [], set(), False, []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.drop:
            server.transport.abort()  # the line goes dead mid-message
            return "250 never seen"
        self.received.append(envelope)
        return "250 Message accepted"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback: yields (mailbox, "127.0.0.1:PORT")."""
    mailbox = Mailbox()
    port = _free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, authenticator=mailbox.authenticate, auth_require_tls=False)
    controller.start()
    try:
        yield mailbox, f"127.0.0.1:{port}"
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A real build (md, html, pdf, json) of one sample article."""
    out = tmp_path_factory.mktemp("build")
    assert main(["build", str(ARTICLE), "--date", "2025-03-10", "--out", str(out), "--quiet"]) == 0
    return out


def mail_args(out_dir: Path, *options: str) -> list[str]:
    """The ``mail`` command's arguments."""
    return ["mail", str(out_dir), *options]


def received_message(mailbox: Mailbox) -> email.message.EmailMessage:
    (envelope,) = mailbox.received
    return email.message_from_bytes(envelope.original_content, policy=policy.default)


def test_digest_reaches_the_server_with_both_parts_and_the_pdf(built, smtp_server):
    mailbox, smtp = smtp_server
    message = build_message(built, to=["desk@example.org", "Zoë Analyst <zoe@example.org>"], sender="Brief Desk <briefs@example.org>",
                            subject=SUBJECT, attach_pdf=True)
    assert send(message, smtp) == ["desk@example.org", "zoe@example.org"]
    assert mailbox.received[0].rcpt_tos == ["desk@example.org", "zoe@example.org"]
    raw_headers = mailbox.received[0].original_content.split(b"\r\n\r\n", 1)[0]
    assert raw_headers.isascii() and b"=?utf-8?" in raw_headers  # encoded words, not raw UTF-8
    got = received_message(mailbox)
    assert got["Subject"] == SUBJECT
    assert got["To"].addresses[1].display_name == "Zoë Analyst"
    assert got["Message-ID"].endswith("@example.org>") and got["Date"].datetime is not None
    assert got.get_content_type() == "multipart/mixed"
    alternative, attachment = got.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    plain, html = alternative.get_payload()
    assert plain.get_content_type() == "text/plain"
    # SMTP carries CRLF line ends, and the digest ends in a newline.
    assert plain.get_content().replace("\r\n", "\n").rstrip("\n") == plain_text((built / "brief.md").read_text(encoding="utf-8")).rstrip("\n")
    html_text = html.get_content()
    assert html.get_content_type() == "text/html" and "Traders shut markets in Quetta" in html_text
    assert 'style="' in html_text and "var(--" not in html_text  # CSS inlined and resolved for mail clients
    assert "@page" not in html_text and "print" not in html_text.split("<body", 1)[0]  # no print stylesheet
    assert attachment.get_content_type() == "application/pdf" and attachment.get_filename() == "brief-2025-03-10.pdf"
    assert attachment.get_content() == (built / "brief.pdf").read_bytes()


def test_without_pdf_the_message_is_alternative(built):
    message = build_message(built, to=["desk@example.org"])
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Subject"] == "Daily brief 2025-03-10"
    assert all(len(line) <= 998 for line in message.as_bytes().split(b"\r\n"))


def test_mail_command_sends_and_keeps_the_eml(built, smtp_server, tmp_path, capsys):
    mailbox, smtp = smtp_server
    eml = tmp_path / "digest.eml"
    args = mail_args(built, "--to", "desk@example.org", "--subject", SUBJECT, "--smtp", smtp, "--attach-pdf", "--eml", str(eml))
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines() == [str(eml), "sent to desk@example.org"]
    assert received_message(mailbox)["Subject"] == SUBJECT
    kept = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert kept["Subject"] == SUBJECT and kept["Message-ID"] == received_message(mailbox)["Message-ID"]


def test_refused_recipient_is_one_line_and_the_eml_is_kept(built, smtp_server, capsys):
    mailbox, smtp = smtp_server
    mailbox.refuse.add("nobody@example.org")
    (built / "digest.eml").unlink(missing_ok=True)
    assert main(mail_args(built, "--to", "nobody@example.org", "--smtp", smtp)) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error
    assert "refused every recipient: nobody@example.org (550 5.1.1 No such mailbox here)" in error
    assert f"kept in {built / 'digest.eml'}" in error and (built / "digest.eml").is_file()
    assert mailbox.received == []


def test_partly_refused_recipients_are_named(built, smtp_server):
    mailbox, smtp = smtp_server
    mailbox.refuse.add("nobody@example.org")
    with pytest.raises(MailError, match=r"refused nobody@example.org \(550.*sent to the other recipients"):
        send(build_message(built, to=["desk@example.org", "nobody@example.org"]), smtp)
    assert mailbox.received[0].rcpt_tos == ["desk@example.org"]


def test_dropped_connection_is_one_line_and_the_eml_is_kept(built, smtp_server, tmp_path, capsys):
    mailbox, smtp = smtp_server
    mailbox.drop = True
    eml = tmp_path / "kept.eml"
    assert main(mail_args(built, "--to", "desk@example.org", "--smtp", smtp, "--eml", str(eml))) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error
    assert "connection to 127.0.0.1" in error and "lost" in error and f"kept in {eml}" in error
    assert email.message_from_bytes(eml.read_bytes(), policy=policy.default).get_content_type() == "multipart/alternative"


def test_login_comes_from_the_environment_and_is_never_shown(built, smtp_server, monkeypatch, capsys):
    mailbox, smtp = smtp_server
    monkeypatch.setenv(commands.USER_ENV, "desk-bot")
    monkeypatch.setenv(commands.PASSWORD_ENV, "s3cret-password")
    assert main(mail_args(built, "--to", "desk@example.org", "--smtp", smtp)) == 0
    assert mailbox.logins == [("desk-bot", "s3cret-password")]
    shown = capsys.readouterr()
    assert "s3cret" not in shown.out + shown.err
    assert b"s3cret" not in (built / "digest.eml").read_bytes()


def test_non_ascii_password_is_one_line(built, smtp_server, monkeypatch, capsys):
    _, smtp = smtp_server
    monkeypatch.setenv(commands.USER_ENV, "desk-bot")
    monkeypatch.setenv(commands.PASSWORD_ENV, "s3cret-pässword")
    assert main(mail_args(built, "--to", "desk@example.org", "--smtp", smtp)) == 2
    error = capsys.readouterr().err
    assert "ASCII" in error and "s3cret" not in error and error.count("\n") == 1


def test_password_without_user_or_user_without_password(built, smtp_server, monkeypatch, capsys):
    _, smtp = smtp_server
    monkeypatch.setenv(commands.USER_ENV, "desk-bot")
    monkeypatch.delenv(commands.PASSWORD_ENV, raising=False)
    assert main(mail_args(built, "--to", "desk@example.org", "--smtp", smtp)) == 2
    assert f"${commands.PASSWORD_ENV} is not" in capsys.readouterr().err


def test_password_is_not_sent_unencrypted_to_a_remote_server(built):
    with pytest.raises(MailError, match="unencrypted"):
        send(build_message(built, to=["desk@example.org"]), "smtp.example.org:25", credentials=("u", "p"))


def test_unreachable_server_is_one_line(built, capsys):
    assert main(mail_args(built, "--to", "desk@example.org", "--smtp", f"127.0.0.1:{_free_port()}")) == 2
    error = capsys.readouterr().err
    assert error.startswith("briefgen: cannot reach 127.0.0.1:") and error.count("\n") == 1


def test_eml_only_without_smtp(built, tmp_path, capsys):
    eml = tmp_path / "only.eml"
    assert main(mail_args(built, "--eml", str(eml))) == 0
    assert capsys.readouterr().out.strip() == str(eml)
    assert write_eml(build_message(built), tmp_path / "again.eml").read_bytes().startswith(b"Subject:")


def test_missing_brief_files_are_one_line(tmp_path, capsys):
    assert main(mail_args(tmp_path)) == 2
    assert "holds no brief.md" in capsys.readouterr().err


@pytest.mark.parametrize("value, security, expected", [
    ("smtp.example.org:2525", "none", ("smtp.example.org", 2525)),
    ("smtp.example.org", "starttls", ("smtp.example.org", 587)),
    ("smtp.example.org", "ssl", ("smtp.example.org", 465)),
    ("[::1]:25", "none", ("::1", 25)),
    ("127.0.0.1:1025", "none", ("127.0.0.1", 1025)),
])
def test_parse_smtp(value, security, expected):
    assert parse_smtp(value, security) == expected


@pytest.mark.parametrize("value", ["host:port", "host:99999", "a b:25", ""])
def test_parse_smtp_rejects(value):
    with pytest.raises(MailError, match="--smtp"):
        parse_smtp(value)


@pytest.mark.parametrize("field, value", [
    ("subject", "Brief\r\nBcc: everyone@example.org"),
    ("sender", "briefs@example.org\nBcc: everyone@example.org"),
    ("to", "desk@example.org\rBcc: everyone@example.org"),
])
def test_a_line_break_in_a_header_is_one_line(built, capsys, field, value):
    with pytest.raises(MailError, match=f"{'a recipient' if field == 'to' else 'the ' + field} holds a line break"):
        build_message(built, **{field: [value] if field == "to" else value})
    flag = {"subject": "--subject", "sender": "--from", "to": "--to"}[field]
    assert main(mail_args(built, flag, value)) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "line break" in error and "Traceback" not in error


def test_a_line_break_in_the_title_names_brief_json(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    (out / "brief.json").write_text(json.dumps({**brief, "title": "Brief\nBcc: everyone@example.org"}), encoding="utf-8")
    with pytest.raises(MailError, match=r"the title in .*brief\.json holds a line break"):
        build_message(out, to=["desk@example.org"])


def drip_server(stop: threading.Event, most: int = 15) -> tuple[str, threading.Thread]:
    """A loopback server that answers one byte a second, ``most`` bytes at most (or until ``stop``): HOST:PORT and its thread."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)

    def serve():
        with listener:
            connection, _ = listener.accept()
            with connection:
                for byte in b"220 slow.example.org ESMTP"[:most]:
                    if stop.wait(1):
                        return
                    try:
                        connection.sendall(bytes([byte]))
                    except OSError:  # the client hung up
                        return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return f"127.0.0.1:{listener.getsockname()[1]}", thread


def test_a_server_that_drips_bytes_meets_the_send_deadline(built):
    stop = threading.Event()
    smtp, thread = drip_server(stop)
    start = time.monotonic()
    try:
        with pytest.raises(MailError, match=r"127\.0\.0\.1:\d+ did not finish the send within 2 s"):
            send(build_message(built, to=["desk@example.org"]), smtp, deadline=2)
        took = time.monotonic() - start
    finally:
        stop.set()
        thread.join(5)
    print(f"drip server, deadline 2 s: failed after {took:.1f} s")
    assert took < 6  # the server drips for 15 s; the deadline ends the send in about 2


@pytest.mark.parametrize("where", ["flag", "briefgen.toml"])
def test_the_send_deadline_is_a_setting(built, tmp_path, capsys, where):
    stop = threading.Event()
    smtp, thread = drip_server(stop)
    config = tmp_path / "briefgen.toml"
    config.write_text("[mail]\ndeadline = 1.5\n", encoding="utf-8")
    option = ["--deadline", "1.5"] if where == "flag" else ["--config", str(config)]
    start = time.monotonic()
    try:
        assert main(mail_args(built, "--to", "desk@example.org", "--smtp", smtp, "--eml", str(tmp_path / "d.eml"), *option)) == 2
        took = time.monotonic() - start
    finally:
        stop.set()
        thread.join(5)
    assert "did not finish the send within 1.5 s" in capsys.readouterr().err
    assert took < 6  # the server drips for 15 s


@pytest.mark.parametrize("value", ["0", "-1", "soon", "nan", "inf"])
def test_a_deadline_that_is_no_time_is_a_usage_error(built, capsys, value):
    with pytest.raises(SystemExit) as stopped:
        main(mail_args(built, "--deadline", value))
    assert stopped.value.code == 2 and "not a number of seconds" in capsys.readouterr().err


def _copy_of(built: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    return out


@pytest.mark.parametrize("name, attach_pdf", [("brief.pdf", True), ("brief.md", False), ("brief.html", False)])
def test_a_symlinked_build_file_is_refused_not_mailed(built, tmp_path, capsys, name, attach_pdf):
    out = _copy_of(built, tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("private key\n", encoding="utf-8")
    (out / name).unlink()
    (out / name).symlink_to(secret)
    with pytest.raises(MailError, match="symlink"):
        build_message(out, to=["desk@example.org"], attach_pdf=attach_pdf)
    assert main(mail_args(out, "--eml", str(tmp_path / "d.eml"), *(["--attach-pdf"] if attach_pdf else []))) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "symlink" in error and not (tmp_path / "d.eml").exists()


@pytest.mark.parametrize("fields", [{"date": 5}, {"date": ["2025-03-10"]}, {"title": 7}, {"title": None, "date": None}, {"articles": 5}])
def test_a_brief_json_of_the_wrong_shape_falls_back_to_the_markdown_title(built, tmp_path, fields):
    out = _copy_of(built, tmp_path)
    brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    (out / "brief.json").write_text(json.dumps({**brief, **fields}), encoding="utf-8")
    message = build_message(out, to=["desk@example.org"], attach_pdf=True)
    assert message["Subject"] == "Daily brief 2025-03-10"
    assert next(message.iter_attachments()).get_filename() == "brief.pdf"  # no date from a broken brief.json


# Mail over TLS: the server's certificate is checked against the host named in --smtp. A local CA (trustme)
# signs the test server's certificate and the client trusts it through SSL_CERT_FILE, as it would a public
# CA, so these run the real verification, with the server name briefgen gives an unconnected smtplib client.


@pytest.fixture(scope="module")
def authority(tmp_path_factory) -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def trusted(authority, tmp_path, monkeypatch) -> trustme.CA:
    """The test CA as the only one the client trusts."""
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    return authority


def _serve(ca: trustme.CA, certified_name: str, security: str):
    """A loopback server whose certificate names ``certified_name``: (mailbox, controller, port)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(certified_name).configure_cert(context)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    options = {"ssl_context": context} if security == "ssl" else {"tls_context": context, "require_starttls": True}
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    return mailbox, controller, port


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_a_certificate_for_the_named_host_is_accepted(built, trusted, security):
    mailbox, controller, port = _serve(trusted, "localhost", security)
    try:
        assert send(build_message(built, to=["desk@example.org"]), f"localhost:{port}", security) == ["desk@example.org"]
    finally:
        controller.stop()
    assert len(mailbox.received) == 1


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_a_certificate_for_another_host_is_refused_in_one_line(built, trusted, security):
    mailbox, controller, port = _serve(trusted, "mail.example.org", security)
    try:
        with pytest.raises(MailError) as refused:
            send(build_message(built, to=["desk@example.org"]), f"localhost:{port}", security)
    finally:
        controller.stop()
    assert "certificate" in str(refused.value).lower() and "\n" not in str(refused.value)
    assert mailbox.received == []


def test_the_text_part_keeps_the_words_of_in_page_links_not_their_targets(built):
    message = build_message(built, to=["desk@example.org"])
    plain, html = (part.get_content() for part in message.iter_parts())
    assert "](#story-1)" in (built / "brief.md").read_text(encoding="utf-8")
    assert "](#" not in plain and "Traders shut markets in Quetta" in plain
    assert plain_text("(story [3](#story-3)), [^2.5] and [a site](https://example.org/#top)") == "(story 3), [^2.5] and [a site](https://example.org/#top)"


def test_css_inlining_leaves_the_head_alone(built):
    html = build_message(built, to=["desk@example.org"]).get_payload()[1].get_content()
    head = html.split("<body", 1)[0]
    assert "<title>" in head and not re.search(r"<(head|meta|title)\b[^>]*style=", head)


def long_day(count: int) -> list[ArticleBrief]:
    """``count`` articles on as many unrelated subjects (each named by a word of its own, taken from the sample
    articles), each with claims and sources."""
    words = sorted({w.lower() for path in ARTICLE.parent.iterdir() for w in re.findall(r"[A-Za-z]{7,}", path.read_text(encoding="utf-8"))})
    assert len(words) >= count
    articles = []
    for n, subject in enumerate(words[:count]):
        sentences = [f"Officials said the {subject} project reopened on Monday after repairs that lasted {n + 3} weeks.",
                     f"Residents said the {subject} project had been closed since a flood damaged its roof.",
                     f"Police said {n % 7 + 1} people were hurt when a wall of the {subject} project collapsed."]
        text, spans = " ".join(sentences), []
        for sentence in sentences:
            start = text.index(sentence)
            spans.append(SentenceSpan(start, start + len(sentence)))
        evidence = [Evidence(i, span.start, span.end) for i, span in enumerate(spans)]
        articles.append(ArticleBrief(
            id=f"a{n}", title=f"The {subject} project reopens after repairs", url=f"https://news.example.org/{n}", publisher=f"Outlet {n % 9}",
            published="2025-03-10", source=f"{n}.txt", text=text, sentences=spans,
            summary=[SummarySentence(sentences[0], 0, spans[0].start, spans[0].end)],
            claims=[Claim(sentences[i].split(" said ", 1)[1], who, kind, "said", False, False, evidence[i])
                    for i, who, kind in ((0, "Officials", "official"), (1, "Residents", "anonymous"), (2, "Police", "official"))],
            sources=[Source("Officials", "official", False, 1), Source("Residents", "anonymous", True, 1), Source("Police", "official", False, 1)],
        ))
    return articles


@pytest.mark.parametrize("base_url", [None, "https://briefs.example.org/desk"])
def test_a_long_day_mails_the_top_stories_in_full_and_the_rest_as_headlines_under_the_clipping_size(tmp_path, base_url):
    brief = assemble(long_day(135), "Daily brief 2025-03-10", "2025-03-10")
    settings = Settings(out_dir=tmp_path, date=dt.date(2025, 3, 10), formats=("md", "html", "json"))
    write_brief(brief, settings)
    assert len(email_html((tmp_path / "brief.html").read_text(encoding="utf-8")).encode("utf-8")) > 2 * MAX_HTML_BYTES  # whole, it would be clipped
    plain, html = (part.get_content() for part in build_message(tmp_path, to=["desk@example.org"], base_url=base_url).iter_parts())
    assert len(html.encode("utf-8")) <= MAX_HTML_BYTES
    assert "](#" not in plain and "## Other stories" in plain and "### Key claims" in plain
    in_full = plain.split("## Other stories", 1)[0].count("### Key claims")
    headlines = re.findall(r"^(\d+)\. (.*)$", plain.split("## Other stories", 1)[1], re.M)
    assert in_full >= 5 and [int(n) for n, _ in headlines] == list(range(in_full + 1, len(brief.stories) + 1))
    if base_url:
        assert headlines[0][1].startswith(f"[{brief.stories[in_full].title}](https://briefs.example.org/desk/2025-03-10/#story-{in_full + 1})")
    else:
        assert headlines[0][1].startswith(brief.stories[in_full].title) and "brief.pdf" in plain


def test_mail_and_daily_link_a_long_days_headlines_to_the_configured_site(tmp_path):
    from email import message_from_bytes, policy

    from briefgen.publish.commands import mail_brief

    brief = assemble(long_day(135), "Daily brief 2025-03-10", "2025-03-10")
    write_brief(brief, Settings(out_dir=tmp_path, date=dt.date(2025, 3, 10), formats=("md", "html", "json")))
    mailed = mail_brief(tmp_path, {"to": ["desk@example.org"], "base_url": "https://briefs.example.org/desk"})
    message = message_from_bytes(mailed.eml.read_bytes(), policy=policy.default)
    plain = next(part for part in message.walk() if part.get_content_type() == "text/plain").get_content()
    assert "](https://briefs.example.org/desk/2025-03-10/#story-" in plain


def test_the_placeholder_sender_goes_only_to_a_server_on_this_machine(built):
    with pytest.raises(MailError, match=r"^no sender for a mail to smtp.example.org:25: give --from ADDR"):
        send(build_message(built, to=["desk@example.org"]), "smtp.example.org:25")
