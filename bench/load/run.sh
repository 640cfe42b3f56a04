#!/usr/bin/env bash
# Load benchmark: the production setup on loopback under a mixed workload, then a check that the
# database holds exactly the writes that were acknowledged.
#
#   bench/load/run.sh                      # 200 users for 3 minutes
#   DURATION=10m USERS=200 bench/load/run.sh
#
# Needs: PostgreSQL reachable as $PG_ADMIN_URL (creates/drops the database jiceng_load), Redis at
# $JICENG_BROKER_URL, and gunicorn + locust in .venv (pip install gunicorn==27.0.1 locust==2.47.0).
# Runs gunicorn (4 sync workers) and one Celery worker, seeds the demo county, drives it with
# locust, prints the per-route latency table and the acknowledged-writes check. Everything it
# started is stopped on exit; the results stay in $OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BIN=$ROOT/.venv/bin

DURATION=${DURATION:-3m}
USERS=${USERS:-200}
SPAWN_RATE=${SPAWN_RATE:-10}
PORT=${PORT:-8790}
WORKERS=${WORKERS:-4}
OUT=${OUT:-$ROOT/var/load/$(date +%Y%m%d-%H%M%S)}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
DB=${LOAD_DB:-jiceng_load}

mkdir -p "$OUT/data"
export DATABASE_URL=${PG_ADMIN_URL%/*}/$DB
export JICENG_SECRET_KEY=${JICENG_SECRET_KEY:-$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(48))')}
export JICENG_DATA_DIR=$OUT/data
export JICENG_ALLOWED_HOSTS=127.0.0.1,localhost
export JICENG_JOBS_MODE=worker
export JICENG_BROKER_URL=${JICENG_BROKER_URL:-redis://127.0.0.1:6379/5}
export JICENG_JOBS_QUEUE=jiceng-load
export JICENG_DB_CONN_MAX_AGE=${JICENG_DB_CONN_MAX_AGE:-60}
export LOAD_TAG="压测$(date +%H%M%S)"
export LOAD_ACKS=$OUT/acks.json

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

echo "== database $DB (fresh), results in $OUT"
psql "$PG_ADMIN_URL" -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"$BIN/python" manage.py migrate -v0
"$BIN/python" manage.py collectstatic --noinput -v0 2>/dev/null || true

echo "== Celery worker and gunicorn ($WORKERS workers)"
"$BIN/celery" -A jiceng.jobs worker -Q "$JICENG_JOBS_QUEUE" --concurrency 2 -l warning >"$OUT/worker.log" 2>&1 &
PIDS+=($!)
"$BIN/gunicorn" jiceng.web.wsgi:application -w "$WORKERS" -b "127.0.0.1:$PORT" --timeout 120 \
  --access-logfile "$OUT/access.log" >"$OUT/gunicorn.log" 2>&1 &
PIDS+=($!)

echo "== seeding the demo county"
time "$BIN/python" -c "
import django, os
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'jiceng.web.settings')
django.setup()
from jiceng.web.demo_seed import seed_demo
print(seed_demo(seed=1).describe().splitlines()[0])
"
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/login/" >/dev/null && break; sleep 1; done
"$BIN/python" bench/load/verify.py snapshot --out "$OUT/base.json"

echo "== locust: $USERS users, $DURATION"
"$BIN/locust" -f bench/load/locustfile.py --headless -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/stats" --only-summary >"$OUT/locust.log" 2>&1 || true
tail -n 40 "$OUT/locust.log"

echo "== acknowledged writes against the database"
"$BIN/python" bench/load/verify.py check "$OUT/base.json" "$LOAD_ACKS" --stats "$OUT/stats_stats.csv" | tee "$OUT/verify.txt"
