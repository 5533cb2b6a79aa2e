"""Gunicorn settings of `python3 tasks.py run` and of the HTTP benchmark (`-c config/gunicorn.py`).

Options given on the command line or in GUNICORN_CMD_ARGS win over these (the benchmark and the
tests bind another port that way).
"""

import os

wsgi_app = "config.wsgi:application"
bind = ["127.0.0.1:8000"]
# Synchronous workers: requests are short and CPU-bound (template rendering), so one process per
# request in flight. 2 × cores, capped so that a large machine does not open dozens of database
# connections; WEB_CONCURRENCY sets it explicitly. Measured with the HTTP benchmark on 2 cores
# shared with PostgreSQL: the search page at 32 connections gives 180 req/s with 4 workers and
# 140 to 158 req/s with gunicorn's usual 2 × cores + 1 (more processes than the cores can run).
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * (os.cpu_count() or 1), 8))
# Heartbeat files in memory rather than on a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
timeout = 60
graceful_timeout = 10
# Errors (and the start-up lines) on the console; no access log by default: each line costs time
# under load (GUNICORN_CMD_ARGS="--access-logfile -" turns it on).
errorlog = "-"
# gunicorn's control socket is one path per user (~/.gunicorn/gunicorn.ctl): two servers on the
# same machine (the app and the benchmark, or a test) would take it from each other. Unused here.
control_socket_disable = True
