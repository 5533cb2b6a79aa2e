"""Real HTTP servers on 127.0.0.1 standing in for the API Recherche d'entreprises.

`ReplayServer` answers `GET /search?q=…` with the recorded real responses of
tests/fixtures/recherche-entreprises/ (by SIRET, then by its SIREN, else the recorded empty result);
other modes answer with an HTTP error or accept the connection and never answer.
"""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "recherche-entreprises"
EMPTY_RESULT = "search-12345678900003.json"


def recorded_body(query):
    for name in (f"search-{query}.json", f"search-{query[:9]}.json", EMPTY_RESULT):
        path = FIXTURES / name
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))["result"]
    raise AssertionError("missing recorded empty result")


class ReplayServer:
    """mode: "replay" (default), or an HTTP status such as 429 or 500."""

    def __init__(self, mode="replay"):
        self.mode = mode
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                parsed = urlparse(self.path)
                query = parse_qs(parsed.query).get("q", [""])[0]
                server.requests.append((parsed.path, query, self.headers.get("User-Agent")))
                if server.mode == "replay" and parsed.path == "/search":
                    status, body = 200, recorded_body(query)
                elif server.mode == "replay":
                    status, body = 404, {"erreur": "Not Found"}
                else:
                    status, body = int(server.mode), {"erreur": "Erreur simulée"}
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                if status == 429:
                    self.send_header("Retry-After", "1")
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class SilentServer:
    """Accepts TCP connections and never answers: the client must give up on its timeout."""

    def __enter__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        return self

    def __exit__(self, *exc):
        self.sock.close()
