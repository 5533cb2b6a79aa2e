"""HTTP benchmark: the production server on PostgreSQL with the demo data, under wrk.

    python -m bench http [--connections 1,8,32] [--duration 10] [--postgres-url URL] [--reset]

gunicorn (config/gunicorn.py, config.settings.local_production: DEBUG off, hashed static files)
serves a PostgreSQL database of its own (`aidess_bench_http`, created and loaded with the reference
data, the catalog and the demo the first time, kept afterwards). wrk requests each page at 1, 8
and 32 connections; a Lua `done()` gives the exact p50 and p95. The home page is the baseline:
each page's throughput is also given as a share of the home page's at the same connections, a
ratio that holds on any machine. Figures go to bench/results/http.json.
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "http.json"
POSTGRES_URL = os.environ.get(
    "BENCH_HTTP_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/aidess_bench_http"
)
DEMO_MEMBER = "structure@demo.aidess.fr"
AID_SLUG = "dla"
# (name, path, text the page must contain, signed in as the demo structure's member)
PAGES = [
    ("accueil", "/", "Simuler sans compte", False),
    ("recherche", "/aides/?q=tr%C3%A9sorerie&commune=23008", "aides trouvées", False),
    (
        "simulation",
        "/simulation/?legal_form=association&commune=23008&sector=culture&ess=yes"
        "&employees_fte=4&annual_budget_eur=250000&situations=public_funding_cut&needs=cash",
        "Aides auxquelles votre structure est éligible",
        False,
    ),
    ("fiche aide", f"/aides/{AID_SLUG}/", "accompagnement (DLA)", False),
    ("Mes aides", "/structures/{structure}/mes-aides/", "est éligible", True),
]
BASELINE = "accueil"
GOAL_SEARCH_RPS, GOAL_SEARCH_P95_MS, GOAL_SEARCH_SHARE = 150.0, 200.0, 1 / 6
GOAL_CONNECTIONS = 32
# Called by wrk once the run is over: one JSON line with the exact percentiles (microseconds).
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'AIDESS {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
    .. '"mean_us": %.1f, "max_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.mean, latency.max, errors.connect, errors.read,
    errors.write, errors.status, errors.timeout))
end
"""


def admin_connection(url):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        urlunsplit(parts._replace(path="/postgres")), autocommit=True, connect_timeout=5
    )


def ensure_database(url, reset):
    """Create the benchmark's database if missing (or anew with --reset); True if created."""
    name = urlsplit(url).path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise ValueError(f"Nom de base inattendu : {name!r}")
    with admin_connection(url) as connection:
        if reset:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
        return not exists


def server_environment(database_url, static_root, conn_max_age):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "STATIC_ROOT"}
        and not key.startswith(("DJANGO_", "GUNICORN_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.local_production",
        # One key for the run: the session made by `prepare` must be valid for the server.
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE=str(conn_max_age),
        STATIC_ROOT=str(static_root),
    )
    return environment


def prepare(output):
    """In the server's settings: migrate, load the data once, sign the demo member in."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", interactive=False, verbosity=0)
    user = get_user_model().objects.filter(email=DEMO_MEMBER).first()
    if user is None:
        print("Base vide : référentiels, catalogue et démonstration (une seule fois)…", flush=True)
        for command in ["load_reference_data", "load_catalog", "load_demo"]:
            call_command(command)
        user = get_user_model().objects.get(email=DEMO_MEMBER)
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    membership = user.structure_memberships.filter(is_active=True).first()
    Path(output).write_text(
        json.dumps(
            {
                "cookie": f"{settings.SESSION_COOKIE_NAME}="
                f"{client.cookies[settings.SESSION_COOKIE_NAME].value}",
                "structure": membership.structure_id,
            }
        ),
        encoding="utf-8",
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(environment, port, workers, log_path):
    command = [str(Path(sys.executable).with_name("gunicorn")), "--config", "config/gunicorn.py"]
    command += ["--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers)] if workers else []
    with open(log_path, "w", encoding="utf-8") as log:  # the server keeps its own descriptor
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn s'est arrêté :\n{log_path.read_text(encoding='utf-8')}")
        try:
            with socket.create_connection(("127.0.0.1", port), 1):
                return process
        except OSError:
            time.sleep(0.3)
    stop(process)
    sys.exit("gunicorn n'a pas répondu en 60 s.")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def check_page(base_url, name, path, marker, cookie):
    """The page answers 200 with what it shows (not a login redirect or an error page)."""
    headers = {"Accept-Language": "fr", **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(base_url + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - local server
            body, final = response.read().decode(), response.url
    except urllib.error.HTTPError as error:
        sys.exit(f"{name} ({path}) : HTTP {error.code}, la page ne peut pas être mesurée.")
    if final != base_url + path or marker not in body:
        sys.exit(f"{name} ({path}) : « {marker} » absent de la réponse ({final}).")


def wrk(url, connections, duration, cookie, script):
    command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{duration}s", "--timeout", "30s"]
    command += ["-s", script, "-H", "Accept-Language: fr"]
    command += ["-H", f"Cookie: {cookie}"] if cookie else []
    completed = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=duration + 60
    )
    line = next(line for line in completed.stdout.splitlines() if line.startswith("AIDESS "))
    figures = json.loads(line.removeprefix("AIDESS "))
    seconds = figures["duration_us"] / 1e6
    return {
        "connections": connections,
        "requests": figures["requests"],
        "rps": round(figures["requests"] / seconds, 1),
        "p50_ms": figures["p50_us"] / 1000,
        "p95_ms": figures["p95_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "max_ms": figures["max_us"] / 1000,
        "errors": sum(figures["errors"].values()),
        "non_2xx_3xx": figures["errors"]["status"],
    }


def share_of_baseline(results, name, connections):
    def rps(page):
        return next(
            row["rps"]
            for row in results
            if row["page"] == page and row["connections"] == connections
        )

    return rps(name) / rps(BASELINE) if rps(BASELINE) else None


def verdict(results):
    search = next(
        (r for r in results if r["page"] == "recherche" and r["connections"] == GOAL_CONNECTIONS),
        None,
    )
    if search is None:
        return None
    return {
        "search_rps": search["rps"],
        "search_rps_ok": search["rps"] >= GOAL_SEARCH_RPS,
        "search_p95_ms": search["p95_ms"],
        "search_p95_ok": search["p95_ms"] <= GOAL_SEARCH_P95_MS,
        "search_share_of_home": search["share_of_home"],
        "search_share_ok": search["share_of_home"] >= GOAL_SEARCH_SHARE,
    }


def print_table(results, check):
    print(
        f"\n{'page':<12}{'conn.':>6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'/accueil':>10}{'erreurs':>9}"
    )
    for row in results:
        share = f"1/{1 / row['share_of_home']:.1f}" if row["share_of_home"] else "–"
        share = "1" if row["page"] == BASELINE else share
        print(
            f"{row['page']:<12}{row['connections']:>6}{row['rps']:>9.1f}{row['p50_ms']:>9.1f}"
            f"{row['p95_ms']:>9.1f}{share:>10}{row['errors']:>9}"
        )
    if check is None:
        print(f"\nObjectifs : la recherche n'a pas été mesurée à {GOAL_CONNECTIONS} connexions.")
        return

    def status(ok):
        return "atteint" if ok else "NON atteint"

    print(f"\nObjectifs de la recherche à {GOAL_CONNECTIONS} connexions (issue 12) :")
    print(
        f"  ≥ {GOAL_SEARCH_RPS:.0f} req/s : {check['search_rps']:.1f} → "
        f"{status(check['search_rps_ok'])}"
    )
    print(
        f"  p95 ≤ {GOAL_SEARCH_P95_MS:.0f} ms : {check['search_p95_ms']:.1f} ms → "
        f"{status(check['search_p95_ok'])}"
    )
    print(
        f"  ≥ 1/6 du débit de l'accueil : 1/{1 / check['search_share_of_home']:.1f} → "
        f"{status(check['search_share_ok'])}"
    )
    print(
        "  (à l'ouverture de l'issue, même machine, 4 workers : 37 req/s, p50 840 ms, "
        "1/25 de l'accueil à 926 req/s)"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench http", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--connections", default="1,8,32", help="niveaux de connexions simultanées")
    parser.add_argument("--duration", type=int, default=10, help="secondes par mesure")
    parser.add_argument("--warmup", type=int, default=3, help="secondes de chauffe par page")
    parser.add_argument("--workers", type=int, default=0, help="workers gunicorn (défaut : config)")
    parser.add_argument(
        "--conn-max-age", type=int, default=60, help="DATABASE_CONN_MAX_AGE du serveur (s)"
    )
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument(
        "--pages", help="pages mesurées, séparées par des virgules (défaut : toutes)"
    )
    parser.add_argument("--reset", action="store_true", help="recréer et recharger la base")
    parser.add_argument("--prepare", help=argparse.SUPPRESS)  # inside the server's settings
    args = parser.parse_args(argv)
    if args.prepare:
        return prepare(args.prepare)
    if shutil.which("wrk") is None:
        sys.exit("wrk est introuvable : installez-le (apt-get install wrk) puis relancez.")
    connections = [int(level) for level in args.connections.split(",")]
    chosen = set(args.pages.split(",")) if args.pages else None
    pages = [page for page in PAGES if chosen is None or page[0] in chosen or page[0] == BASELINE]

    load, cpus = os.getloadavg()[0], os.cpu_count() or 1
    if load > cpus / 2:
        print(f"Attention : charge de la machine {load:.1f} pour {cpus} cœurs, débits réduits.")
    try:
        created = ensure_database(args.postgres_url, args.reset)
    except Exception as error:  # noqa: BLE001 - any failure means: no PostgreSQL to measure
        sys.exit(f"PostgreSQL injoignable ({args.postgres_url}) : {' '.join(str(error).split())}")
    print(f"Base {args.postgres_url}{' (créée)' if created else ''}", flush=True)
    started, results = time.perf_counter(), []
    with tempfile.TemporaryDirectory(prefix="aidess-bench-http-") as directory:
        environment = server_environment(
            args.postgres_url, Path(directory) / "static", args.conn_max_age
        )
        session = Path(directory) / "session.json"
        command = [sys.executable, "-m", "bench.http", "--prepare", str(session)]
        subprocess.run(command, cwd=ROOT, env=environment, check=True)
        prepared = json.loads(session.read_text(encoding="utf-8"))
        script = Path(directory) / "report.lua"
        script.write_text(WRK_REPORT, encoding="utf-8")
        port = free_port()
        log_path = Path(directory) / "gunicorn.log"
        server = start_gunicorn(environment, port, args.workers, log_path)
        base_url = f"http://127.0.0.1:{port}"
        try:
            targets = []
            for name, path, marker, signed_in in pages:
                path = path.format(structure=prepared["structure"])
                cookie = prepared["cookie"] if signed_in else None
                check_page(base_url, name, path, marker, cookie)
                if args.warmup:
                    wrk(base_url + path, max(connections), args.warmup, cookie, str(script))
                targets.append((name, path, cookie))
            # Level by level, every page in turn: a page and the home page it is compared with
            # are measured within a minute of each other, under much the same machine load.
            for level in connections:
                for name, path, cookie in targets:
                    print(f"  {name} ({path}) à {level} connexion(s)…", flush=True)
                    row = wrk(base_url + path, level, args.duration, cookie, str(script))
                    results.append({"page": name, "path": path, **row})
            order = [name for name, _, _ in targets]
            results.sort(key=lambda row: (order.index(row["page"]), row["connections"]))
        finally:
            stop(server)
            log = log_path.read_text(encoding="utf-8")
            errors = [line for line in log.splitlines() if "Traceback" in line]
    if errors:
        print(f"Attention : {len(errors)} erreur(s) du serveur pendant la mesure.")
    for row in results:
        row["share_of_home"] = share_of_baseline(results, row["page"], row["connections"])
    check = verdict(results)
    print_table(results, check)
    document = {
        "benchmark": "http",
        "parameters": {key: value for key, value in vars(args).items() if key != "prepare"},
        "server": {
            "settings": "config.settings.local_production",
            "gunicorn_config": "config/gunicorn.py",
            "workers": args.workers or "config/gunicorn.py",
            "database": "postgresql",
        },
        "machine": {
            "cpus": cpus,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_before": [load],
            "load_average_after": list(os.getloadavg()),
        },
        "goals": {
            "search_rps": GOAL_SEARCH_RPS,
            "search_p95_ms": GOAL_SEARCH_P95_MS,
            "search_share_of_home": GOAL_SEARCH_SHARE,
            "connections": GOAL_CONNECTIONS,
        },
        "verdict": check,
        "duration_s": round(time.perf_counter() - started, 1),
        "results": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nRésultats : {RESULTS.relative_to(ROOT)} ({document['duration_s']:.0f} s)")
    return 1 if any(row["errors"] for row in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
