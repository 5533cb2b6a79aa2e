#!/usr/bin/env python3
"""Single entry point for a bare machine that only has python3 (3.11).

    python3 tasks.py run     install, migrate, load reference + demo data, serve on 127.0.0.1:8000
                             as in production (gunicorn, DEBUG off), with the background-jobs
                             worker (huey) beside the server
    python3 tasks.py dev     the same data, served by Django's runserver (reload, debug pages)
    python3 tasks.py test    install (with test tools and Chromium), lint, run the whole test suite
    python3 tasks.py lint    ruff check + ruff format --check + lint-imports
    python3 tasks.py fix     ruff check --fix + ruff format
    python3 tasks.py bench   run the benchmarks of bench/
    python3 tasks.py mutation  mutation testing of the pure modules (slow, not in CI)

Only the standard library is used here, because nothing else is installed yet when it runs.
"""

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("AIDESS_VENV", ROOT / ".venv"))
PYTHON = VENV / "bin" / "python"
CHROMIUM = Path("/usr/bin/chromium")


def sh(*args, **kwargs):
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=True, **kwargs)


def ensure_venv(lock_name):
    """Create .venv and install the pinned, hash-checked dependencies when the lock changed."""
    lock = ROOT / "requirements" / lock_name
    stamp = VENV / f".installed-{lock_name}"
    digest = hashlib.sha256(lock.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    if not PYTHON.exists():
        print(f"Création de l'environnement virtuel {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    sh(PYTHON, "-m", "pip", "install", "--quiet", "--require-hashes", "--no-deps", "-r", lock)
    stamp.write_text(digest)


def ensure_chromium():
    """Browser tests drive Debian's Chromium: Playwright cannot download its own browser here."""
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        sys.exit(
            "Chromium est requis pour les tests navigateur : installez les paquets Debian "
            "chromium et chromium-driver (apt-get install chromium chromium-driver)."
        )
    sh("apt-get", "update", "-qq")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    sh("apt-get", "install", "-y", "-qq", "chromium", "chromium-driver", env=env)


def manage(*args, env=None):
    sh(PYTHON, "manage.py", *args, env=env)


def load_data(env=None):
    manage("migrate", "--noinput", env=env)
    manage("load_reference_data", env=env)
    manage("load_catalog", env=env)
    manage("load_demo", env=env)


def run_together(*commands, env=None):
    """Start every command, wait; when one stops or on Ctrl-C, stop the others (SIGTERM, then
    SIGKILL after 15 s). Returns the exit code of the first one that stopped by itself."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped by a supervisor: same cleanup
    processes = []
    for command in commands:
        print("+", " ".join(str(a) for a in command), flush=True)
        processes.append(subprocess.Popen([str(a) for a in command], cwd=ROOT, env=env))
    code = 0
    try:
        while not any(process.poll() is not None for process in processes):
            time.sleep(0.5)
        code = next(process.returncode for process in processes if process.returncode is not None)
    except KeyboardInterrupt:
        code = 130
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    return code


def production_env():
    """config.settings.local_production: production over plain HTTP on 127.0.0.1 (SECRET_KEY
    from the environment, or made once in var/secret_key)."""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local_production"}


def worker_process():
    """The command of the background-jobs worker: huey's consumer (e-mails, daily jobs)."""
    return [str(PYTHON), "manage.py", "run_huey"]


@contextlib.contextmanager
def worker(env=None):
    """The worker runs as long as the server does, and stops with it (SIGINT: huey lets the
    tasks under way finish). `env`: the server's environment (settings, database, queue)."""
    process = subprocess.Popen(worker_process(), cwd=ROOT, env=env)
    try:
        yield process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def run(_args):
    ensure_venv("base.lock")
    env = production_env()
    load_data(env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)  # hashed names, compressed
    print("AidESS : http://127.0.0.1:8000/ (Ctrl-C pour arrêter)", flush=True)
    gunicorn = [VENV / "bin" / "gunicorn", "--config", "config/gunicorn.py"]
    with worker(env):
        code = run_together(gunicorn, env=env)
    sys.exit(code)


def dev(_args):
    ensure_venv("base.lock")
    load_data()
    with worker():
        manage("runserver", "127.0.0.1:8000")


def lint(_args):
    ensure_venv("test.lock")
    sh(PYTHON, "-m", "ruff", "check", ".")
    sh(PYTHON, "-m", "ruff", "format", "--check", ".")
    sh(VENV / "bin" / "lint-imports")  # the import contracts of pyproject.toml


def fix(_args):
    ensure_venv("test.lock")
    sh(PYTHON, "-m", "ruff", "check", "--fix", ".")
    sh(PYTHON, "-m", "ruff", "format", ".")


def test(args):
    ensure_venv("test.lock")
    ensure_chromium()
    lint(args)
    sh(PYTHON, "-m", "pytest", *args)


def bench(args):
    ensure_venv("test.lock")
    sh(PYTHON, "-m", "bench", *args)


def mutation(args):
    """mutmut on the pure modules with their unit tests ([tool.mutmut] of pyproject.toml), then
    each survivor again in a fresh process: mutmut forks its workers from a process where the
    tests already ran, and what they left cached can hide a mutant. `mutmut show <name>` gives
    a survivor's change."""
    ensure_venv("test.lock")
    mutmut = VENV / "bin" / "mutmut"
    sh(mutmut, "run", *args)
    listing = subprocess.run(
        [str(mutmut), "results"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    survivors = [
        line.split(":")[0].strip() for line in listing.splitlines() if line.endswith(": survived")
    ]
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    tests = config["pytest_add_cli_args_test_selection"]
    remaining = []
    for name in survivors:
        check = subprocess.run(
            [str(PYTHON), "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
            cwd=ROOT / "mutants",
            env={**os.environ, "MUTANT_UNDER_TEST": name},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if check.returncode == 0:
            remaining.append(name)
    print(f"{len(survivors)} mutants survivants pour mutmut, {len(remaining)} en processus neuf :")
    for name in remaining:
        print(f"    {name}")


COMMANDS = {
    "run": run,
    "dev": dev,
    "test": test,
    "lint": lint,
    "fix": fix,
    "bench": bench,
    "mutation": mutation,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    try:
        COMMANDS[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
    except KeyboardInterrupt:
        sys.exit(130)
