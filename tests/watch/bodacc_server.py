"""A real HTTP server on 127.0.0.1 answering like the BODACC open-data API (Opendatasoft
Explore v2.1) from the records of tests/fixtures/bodacc/records.json (and any a test adds):
`where` is read for `familleavis="…"` and `registre="…"`, then `order_by=dateparution`,
`limit` and `offset` applied. `failing` SIRENs get a 500."""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

RECORDS = Path(__file__).resolve().parent.parent / "fixtures" / "bodacc" / "records.json"
PATH = "/api/explore/v2.1/catalog/datasets/annonces-commerciales/records"


def fixture_records():
    return json.loads(RECORDS.read_text(encoding="utf-8"))["records"]


class BodaccServer:
    def __init__(self, records=None, failing=()):
        self.records = fixture_records() if records is None else records
        self.failing = set(failing)
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                parsed = urlparse(self.path)
                query = {key: values[0] for key, values in parse_qs(parsed.query).items()}
                server.requests.append((parsed.path, query))
                status, body = server.answer(parsed.path, query)
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/explore/v2.1"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def answer(self, path, query):
        if path != PATH:
            return 404, {"error_code": "NotFound"}
        where = query.get("where", "")
        family = re.search(r'familleavis="([^"]*)"', where)
        siren = re.search(r'registre="([^"]*)"', where)
        if siren and siren.group(1) in self.failing:
            return 500, {"error_code": "InternalError"}
        limit, offset = int(query.get("limit", 10)), int(query.get("offset", 0))
        if limit > 100:
            return 400, {"error_code": "InvalidRESTParameterError"}
        found = [
            record
            for record in self.records
            if (not family or record.get("familleavis") == family.group(1))
            and (not siren or siren.group(1) in record.get("registre", []))
        ]
        if query.get("order_by") == "dateparution":
            found.sort(key=lambda record: record.get("dateparution", ""))
        return 200, {"total_count": len(found), "results": found[offset : offset + limit]}

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
