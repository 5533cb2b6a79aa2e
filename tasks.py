#!/usr/bin/env python3
"""Single entry point for a bare machine that only has python3 (3.11).

    python3 tasks.py run     install, migrate, load reference + demo data, serve on 127.0.0.1:8000
                             with the background-jobs worker (huey) beside the server
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


def manage(*args):
    sh(PYTHON, "manage.py", *args)


def worker_process():
    """The command of the background-jobs worker: huey's consumer (e-mails, daily jobs)."""
    return [str(PYTHON), "manage.py", "run_huey"]


@contextlib.contextmanager
def worker():
    """The worker runs as long as the server does, and stops with it (SIGINT: huey lets the
    tasks under way finish)."""
    process = subprocess.Popen(worker_process(), cwd=ROOT)
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
    manage("migrate", "--noinput")
    manage("load_reference_data")
    manage("load_catalog")
    manage("load_demo")
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
