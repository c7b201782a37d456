"""Local fake servers that speak real providers' protocols as documented, for tests (never the
internet). `FakeServer` is a threaded `http.server` on 127.0.0.1 on a free port; each fake
answers its provider's requests from its own book and has switches for what goes wrong.

`FakeKavenegar` speaks Kavenegar's REST API (https://kavenegar.com/rest.html):
`POST /v1/{API-KEY}/sms/send.json` with form fields receptor, message, sender, localid;
answers `{"return": {"status": …, "message": …}, "entries": [...]}` with the HTTP status equal
to `return.status`. A repeated `localid` sends nothing and returns the first entry again, as
Kavenegar documents.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class FakeServer:
    """Start with `start()`, stop with `stop()`; subclasses implement `handle(method, path,
    headers, body) -> (status, content_type, body_bytes)`."""

    def __init__(self, port: int = 0) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status, content_type, payload = fake.handle(
                    self.command, self.path, dict(self.headers), body
                )
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

            do_GET = _answer
            do_POST = _answer

            def log_message(self, format, *args):
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def handle(self, method: str, path: str, headers: dict, body: bytes):
        raise NotImplementedError


def _json(status: int, message: str, entries=None) -> tuple[int, str, bytes]:
    payload = {"return": {"status": status, "message": message}, "entries": entries}
    return status, "application/json; charset=utf-8", json.dumps(payload).encode()


class FakeKavenegar(FakeServer):
    def __init__(self, api_key: str = "fake-kavenegar-key-" + "k" * 40, port: int = 0) -> None:
        super().__init__(port)
        self.echo = False  # print each message (scripts/fake_providers.py: the demo's codes)
        self.api_key = api_key
        self.sent: list[dict[str, str]] = []  # what was really sent
        self.requests = 0
        self.delay = 0.0  # seconds before answering (a slow provider: timeouts)
        self.fail_next = 0  # answer this many requests with HTTP 502 (an outage)
        self.busy_next = 0  # answer this many with Kavenegar's 409 (server cannot answer)
        self.credit = True  # False: 418, not enough credit
        self.invalid_receptors: set[str] = set()  # answered 411, an invalid receptor
        self._by_localid: dict[str, dict] = {}

    def handle(self, method: str, path: str, headers: dict, body: bytes):
        with self.lock:
            self.requests += 1
        if self.delay:
            time.sleep(self.delay)
        with self.lock:
            if self.fail_next > 0:
                self.fail_next -= 1
                return 502, "text/html", b"<html>502 Bad Gateway</html>"
            if self.busy_next > 0:
                self.busy_next -= 1
                return _json(409, "خطای سرور")
        match = re.fullmatch(r"/v1/([^/]+)/sms/send\.json", urlsplit(path).path)
        if match is None:
            return _json(404, "متد نامعتبر است")
        if method != "POST":
            return _json(405, "استفاده از متد Get یا Post نادرست است")
        if match.group(1) != self.api_key:
            return _json(403, "کد شناسائی API-Key معتبر نمی‌باشد")
        if not self.credit:
            return _json(418, "اعتبار حساب شما کافی نیست")
        fields = {key: values[0] for key, values in parse_qs(body.decode()).items()}
        receptor, message = fields.get("receptor", ""), fields.get("message", "")
        if not re.fullmatch(r"09\d{9}", receptor) or receptor in self.invalid_receptors:
            return _json(411, "دریافت کننده نامعتبر است")
        if not message:
            return _json(413, "پیام خالی است و یا طول پیام بیش از حد مجاز می‌باشد")
        with self.lock:
            localid = fields.get("localid", "")
            if localid and localid in self._by_localid:
                return _json(200, "تایید شد", [self._by_localid[localid]])
            entry = {
                "messageid": 8792343 + len(self.sent),
                "message": message,
                "status": 1,
                "statustext": "در صف ارسال",
                "sender": fields.get("sender", "10004346"),
                "receptor": receptor,
                "date": int(time.time()),
                "cost": 120,
            }
            self.sent.append({"receptor": receptor, "message": message, "localid": localid})
            if self.echo:
                print(f"[Kavenegar fake → {receptor}] {message}", flush=True)
            if localid:
                self._by_localid[localid] = entry
        return _json(200, "تایید شد", [entry])
