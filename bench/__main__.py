"""Benchmark of the catalog search on SQLite and PostgreSQL (see bench/README.md).

    python -m bench [--aids 10000] [--queries 200] [--database sqlite|postgresql|both]
    python -m bench eligibility [...]      # any other bench: python -m bench.<name> ...

Each database gets a fresh database (a temporary SQLite file; a PostgreSQL database created then
dropped), filled and measured by `python -m bench.catalog_search` in a subprocess so that Django
starts with that database's settings. Figures go to bench/results/catalog_search.json.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "catalog_search.json"
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/aidess_bench"
)
GOAL_P95_MS, GOAL_RATIO = 50.0, 1.5
GIN_INDEX = "aids_aid_search_vector_gin"


def admin_connection(url):
    """Autocommit connection to the server's `postgres` database, to create or drop ours."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        urlunsplit(parts._replace(path="/postgres")), autocommit=True, connect_timeout=5
    )


def postgres_database(url, action):
    name = urlsplit(url).path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise ValueError(f"Nom de base inattendu : {name!r}")
    with admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if action == "create":
            connection.execute(f'CREATE DATABASE "{name}"')


def run_one(database_url, options, output):
    command = [sys.executable, "-m", "bench.catalog_search", "--database-url", database_url]
    command += ["--output", str(output), *options]
    completed = subprocess.run(command, cwd=ROOT, check=False)
    if completed.returncode != 0:
        print(f"  échec de la mesure (code {completed.returncode}).", flush=True)
        return None
    return json.loads(output.read_text(encoding="utf-8"))


def run_sqlite(options, keep):
    directory = Path(tempfile.mkdtemp(prefix="aidess-bench-"))
    path = directory / "bench.sqlite3"
    try:
        return run_one(f"sqlite:///{path}", options, directory / "result.json")
    finally:
        if keep:
            print(f"  base SQLite conservée : {path}")
        else:
            for child in directory.iterdir():
                child.unlink()
            directory.rmdir()


def run_postgresql(url, options, keep):
    try:
        postgres_database(url, "create")
    except Exception as error:  # noqa: BLE001 - any failure means: no PostgreSQL to measure
        reason = " ".join(str(error).split())
        print(f"  PostgreSQL injoignable ({url}) : {reason}", flush=True)
        print("  → mesure PostgreSQL ignorée (SQLite est mesuré avec --database both).", flush=True)
        return {"database": "postgresql", "skipped": f"PostgreSQL injoignable : {reason}"}
    try:
        with tempfile.TemporaryDirectory(prefix="aidess-bench-") as directory:
            return run_one(url, options, Path(directory) / "result.json")
    finally:
        if keep:
            print(f"  base PostgreSQL conservée : {url}")
        else:
            postgres_database(url, "drop")


def verdict(result):
    if result.get("database") != "postgresql" or "orm_ms" not in result:
        return None
    p95, ratio = result["orm_ms"]["p95"], result["ratio_median"]
    return {
        "p95_orm_ms": p95,
        "p95_ok": p95 <= GOAL_P95_MS,
        "ratio_median": ratio,
        "ratio_ok": ratio <= GOAL_RATIO,
    }


def print_table(results, args):
    print(f"\nRecherche du catalogue : {args.aids} aides, {args.queries} requêtes (ms)")
    header = f"{'base':<11}{'ORM méd.':>10}{'ORM p95':>10}{'SQL méd.':>10}{'SQL p95':>10}"
    header += f"{'ratio méd.':>12}{'ratio p95':>11}{'résultats':>11}{'GIN':>9}"
    print(header)
    for result in results:
        if "orm_ms" not in result:
            print(f"{result['database']:<11}{result.get('skipped', 'échec')}")
            continue
        gin = result.get("page_plans_using_gin")
        gin = "–" if gin is None else f"{gin}/{result['queries']}"
        row = f"{result['database']:<11}{result['orm_ms']['median']:>10.1f}"
        row += f"{result['orm_ms']['p95']:>10.1f}{result['raw_ms']['median']:>10.1f}"
        row += f"{result['raw_ms']['p95']:>10.1f}{result['ratio_median']:>12.2f}"
        row += f"{result['ratio_p95']:>11.2f}{result['results_avg']:>11.1f}"
        row += f"{gin:>9}"
        print(row)
    measured = [result["per_query"] for result in results if "per_query" in result]
    if len(measured) == 2:
        same = sum(a["results"] == b["results"] for a, b in zip(*measured, strict=True))
        print(f"  mêmes totaux sur SQLite et PostgreSQL : {same}/{len(measured[0])} requêtes")
    for result in results:
        if "orm_ms" in result:
            parts = ", ".join(
                f"{name} {part['median']:.1f}/{part['p95']:.1f}"
                for name, part in result["raw_parts_ms"].items()
                if part
            )
            print(
                f"  {result['database']} : SQL par requête (méd./p95) : {parts} ; "
                f"{result['orm_statements_avg']:.1f} requêtes SQL par recherche ORM ; "
                f"écarts ORM/SQL : {result['mismatches']}"
            )
            compiling = result["compiling_ms"]
            print(
                f"  {result['database']} : ORM recompilé à chaque recherche (sans le cache des "
                f"instructions) : méd. {compiling['median']:.1f} / p95 {compiling['p95']:.1f} ms, "
                f"ratio méd. {result['compiling_ratio_median']:.2f}"
            )
        gin = result.get("gin_check", {})
        if "uses_gin" in gin:
            without = ", ".join(f"{stem} ×{n}" for stem, n in result["stems_without_gin"].items())
            print(
                f"  {result['database']} : EXPLAIN « {gin['query']['q']} » "
                f"({gin['aids_matching_text']} aides contiennent le mot) : index "
                f"{GIN_INDEX} {'utilisé' if gin['uses_gin'] else 'NON utilisé'} ; "
                f"requêtes de page sans l'index : {without or 'aucune'}"
            )
        check = verdict(result)
        if check:
            p95 = "atteint" if check["p95_ok"] else "NON atteint"
            ratio = "atteint" if check["ratio_ok"] else "NON atteint"
            print(
                f"  Objectifs PostgreSQL : p95 ORM ≤ {GOAL_P95_MS:.0f} ms {p95} "
                f"({check['p95_orm_ms']:.1f} ms) ; ratio ORM/SQL ≤ {GOAL_RATIO} {ratio} "
                f"({check['ratio_median']:.2f})."
            )


def benches():
    """The runnable benches: bench/NAME.py files with a `__main__` block. Their helper modules
    (catalog_data, catalog_report, eligibility_*…) have none, so they are not advertised."""
    return sorted(
        path.stem
        for path in (ROOT / "bench").glob("*.py")
        if not path.stem.startswith("_")
        and 'if __name__ == "__main__":' in path.read_text(encoding="utf-8")
    )


def dispatch(argv):
    """`python -m bench NAME ...` runs bench/NAME.py; without a name, the catalog search bench."""
    if argv and not argv[0].startswith("-") and argv[0] not in {"catalog", "catalog_search"}:
        if argv[0] not in benches():
            sys.exit(f"Banc inconnu : {argv[0]} (bancs : {', '.join(benches())}).")
        command = [sys.executable, "-m", f"bench.{argv[0]}", *argv[1:]]
        return subprocess.run(command, cwd=ROOT, check=False).returncode
    return main(argv[1:] if argv and not argv[0].startswith("-") else argv)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--aids", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--repeat", type=int, default=3, help="passages par requête (le meilleur)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--no-analyze", action="store_true", help="pas d'ANALYZE après le chargement"
    )
    parser.add_argument("--keep", action="store_true", help="conserver les bases pour les examiner")
    args = parser.parse_args(argv)
    options = ["--aids", args.aids, "--queries", args.queries, "--repeat", args.repeat]
    options = [str(option) for option in [*options, "--seed", args.seed]]
    options += ["--no-analyze"] if args.no_analyze else []
    started, results = time.perf_counter(), []
    load, cpus = os.getloadavg()[0], os.cpu_count() or 1
    if load > cpus:
        print(f"Attention : charge de la machine {load:.1f} pour {cpus} cœurs, temps gonflés.")
    for database in ["sqlite", "postgresql"] if args.database == "both" else [args.database]:
        print(f"{database} : base neuve, migrations, territoires, {args.aids} aides…", flush=True)
        if database == "sqlite":
            result = run_sqlite(options, args.keep)
        else:
            result = run_postgresql(args.postgres_url, options, args.keep)
        results.append(result or {"database": database, "failed": True, "skipped": "échec"})
    print_table(results, args)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": "catalog_search",
        "parameters": vars(args),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average": os.getloadavg(),
        },
        "goals": {"postgresql_p95_orm_ms": GOAL_P95_MS, "ratio_orm_raw": GOAL_RATIO},
        "verdict": next((verdict(r) for r in results if verdict(r)), None),
        "duration_s": round(time.perf_counter() - started, 1),
        "results": results,
    }
    RESULTS.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nRésultats : {RESULTS.relative_to(ROOT)} ({document['duration_s']:.0f} s)")
    return 1 if any(result.get("failed") for result in results) else 0


if __name__ == "__main__":
    sys.exit(dispatch(sys.argv[1:]))
