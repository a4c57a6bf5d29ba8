#!/usr/bin/env bash
# Rows per second into PostgreSQL: `vanban load postgres` against `psql \copy`
# of the same rows (the CSV export of the same index), in the same run, on a
# throwaway cluster (fsync off for both).
#
# Usage: benches/load_pg.sh INDEX [path/to/vanban]
# Prints wall and CPU seconds (user+sys of the client process) for each and rows/s.
set -euo pipefail
index=${1:?usage: load_pg.sh INDEX [vanban binary]}
bin=${2:-target/release/vanban}
repo=$(cd "$(dirname "$0")/.." && pwd)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
[[ -x $pgbin/initdb ]] || { echo "load_pg.sh: PostgreSQL is not installed" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/vanban-load-pg.XXXXXX")
as=()
if [[ $(id -u) == 0 ]]; then chown postgres "$work"; as=(runuser -u postgres --); fi
port=$((20000 + RANDOM % 20000))
"${as[@]}" "$pgbin/initdb" -D "$work/data" -A trust -U vanban -E UTF8 --locale=C >/dev/null
"${as[@]}" "$pgbin/pg_ctl" -D "$work/data" -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off" -l "$work/log" -w start >/dev/null
trap '"${as[@]}" "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null; rm -rf "$work"' EXIT
url="postgres://vanban@127.0.0.1:$port/postgres"

"$bin" export --index "$index" --format csv --out "$work/csv" 2>/dev/null
rows=0
for t in documents references money case_counts periods; do
    n=$(( $(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))))" "$work/csv/$t.csv") - 1 ))
    rows=$((rows + n))
done

# timed CMD...: prints "wall_s cpu_s" of CMD (GNU time).
timed() {
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
    awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$work/time"
}

read -r load_wall load_cpu < <(timed "$bin" load postgres --url "$url" --index "$index" --schema bench_load)
{
    echo "CREATE SCHEMA bench_copy; SET search_path = bench_copy;"
    echo "\\i $repo/sql/tables.sql"
    for t in documents references money case_counts periods; do
        echo "\\copy \"$t\" FROM '$work/csv/$t.csv' WITH (FORMAT csv, HEADER true)"
    done
} >"$work/copy.sql"
read -r copy_wall copy_cpu < <(timed psql -q -v ON_ERROR_STOP=1 "$url" -f "$work/copy.sql")

# The same \copy into the schema `vanban load` creates (its migrations: the same
# keys, ON DELETE CASCADE, and the indexes on number, date, kind, agency, cited number),
# so the server does the same work for both.
{
    echo "CREATE SCHEMA bench_same; SET search_path = bench_same;"
    for m in "$repo"/sql/postgres/[0-9]*.sql; do echo "\\i $m"; done
    # CSV has no way to tell an empty text from no text: the loader writes empty
    # texts into NOT NULL columns, \copy would read them as NULL. Lift those checks.
    echo 'DO $do$ DECLARE r record; BEGIN FOR r IN SELECT table_name, column_name FROM information_schema.columns'
    echo "  WHERE table_schema = 'bench_same' AND is_nullable = 'NO' AND data_type = 'text' AND column_name NOT IN ('id', 'doc_id')"
    echo '  LOOP EXECUTE format($f$ALTER TABLE bench_same.%I ALTER COLUMN %I DROP NOT NULL$f$, r.table_name, r.column_name); END LOOP; END $do$;'
    for t in documents references money case_counts periods; do
        cols=$(head -n1 "$work/csv/$t.csv" | tr -d '\r' | sed 's/[^,][^,]*/"&"/g')
        echo "\\copy \"$t\" ($cols) FROM '$work/csv/$t.csv' WITH (FORMAT csv, HEADER true)"
    done
} >"$work/same.sql"
read -r same_wall same_cpu < <(timed psql -q -v ON_ERROR_STOP=1 "$url" -f "$work/same.sql")

echo "rows: $rows (5 tables)"
echo "vanban load postgres: ${load_wall} s wall, ${load_cpu} s CPU, $(awk -v r=$rows -v s=$load_wall 'BEGIN{printf "%.0f", r/s}') rows/s"
echo "psql \\copy of the CSV: ${copy_wall} s wall, ${copy_cpu} s CPU, $(awk -v r=$rows -v s=$copy_wall 'BEGIN{printf "%.0f", r/s}') rows/s"
echo "psql \\copy into vanban's own DDL: ${same_wall} s wall, ${same_cpu} s CPU, $(awk -v r=$rows -v s=$same_wall 'BEGIN{printf "%.0f", r/s}') rows/s"
echo "ratio (load / copy throughput), keys only: $(awk -v a=$load_wall -v b=$copy_wall 'BEGIN{printf "%.2f", b/a}')"
echo "ratio (load / copy throughput), same DDL: $(awk -v a=$load_wall -v b=$same_wall 'BEGIN{printf "%.2f", b/a}')"
