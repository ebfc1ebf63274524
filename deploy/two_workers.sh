#!/usr/bin/env bash
# Two Hearth workers on this machine sharing PostgreSQL and Redis, as behind a load balancer:
# create the database if missing, migrate it once, then run one gunicorn per port until Ctrl-C.
#
#   deploy/two_workers.sh                  # http://127.0.0.1:5001 and http://127.0.0.1:5002
#   PORTS="5001 5002 5003" deploy/two_workers.sh
#
# Put deploy/nginx.conf in front to give browsers one address with sticky sessions.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/hearth}
export SOCKETIO_MESSAGE_QUEUE=${SOCKETIO_MESSAGE_QUEUE:-redis://127.0.0.1:6379/0}
export SOCKETIO_CHANNEL=${SOCKETIO_CHANNEL:-hearth}
# The workers sit behind one proxy (deploy/nginx.conf) that appends the client's address to X-Forwarded-For:
# limits count that address, not nginx's. Without a proxy in front, set 0 (Hearth's default).
export HEARTH_TRUSTED_PROXIES=${HEARTH_TRUSTED_PROXIES:-1}
PORTS=${PORTS:-5001 5002}
LOGS=${LOGS:-instance/workers}
mkdir -p "$LOGS"

# Every worker must sign cookies with the same key, or a socket landing on another worker is a stranger.
if [ -z "${SECRET_KEY:-}" ]; then
  test -s instance/secret_key || "$PY" -c "from couples.config import instance_secret; instance_secret('instance')"
  SECRET_KEY=$(cat instance/secret_key)
fi
export SECRET_KEY

"$PY" - <<'PYTHON'
import os, re
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

url = make_url(re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", os.environ["DATABASE_URL"]))
if url.get_backend_name() == "postgresql":
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}):
            conn.execute(text(f'CREATE DATABASE "{url.database}"'))
            print(f"created database {url.database}")
    admin.dispose()
PYTHON

# Migrate once, before any worker starts (workers never migrate: they would race).
"$PY" -m flask --app app db upgrade

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait; }
trap stop EXIT INT TERM
for port in $PORTS; do
  PORT=$port "$PY" -m gunicorn -c deploy/gunicorn.conf.py wsgi:app >"$LOGS/worker-$port.log" 2>&1 &
  pids+=($!)
  echo "worker on http://127.0.0.1:$port (pid $!, log $LOGS/worker-$port.log)"
done
echo "database $DATABASE_URL, message queue $SOCKETIO_MESSAGE_QUEUE (channel $SOCKETIO_CHANNEL); Ctrl-C stops both"
wait -n "${pids[@]}" || true
echo "a worker stopped; stopping the others" >&2
