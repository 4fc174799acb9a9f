#!/usr/bin/env bash
# A soak at full load (docs/benchmarks.md): one host, `taobaolive-sim bench` for SECONDS, the
# host's RSS every 30 s and, with PostgreSQL, the journal's rows and bytes and the database's size.
#
# usage: soak.sh OUT_DIR HOST_DLL SIM_DLL GEOGRAPHY_TSV SECONDS SHOPS ["CONNECTION STRING OF AN EMPTY DATABASE"]
# e.g.   soak.sh /tmp/soak publish/host/TaobaoLive.Host.dll publish/sim/taobaolive-sim.dll geo-2000.tsv 1800 100000 \
#          "Host=127.0.0.1;Port=5433;Database=soak1;Username=taobaolive;Password=…"
set -u
out=$1; host_dll=$2; sim_dll=$3; geography=$4; secs=$5; shops=$6; connection=${7:-}
port=5600
mkdir -p "$out"
args=(--TaobaoLive:Geography="$geography" --urls http://127.0.0.1:$port --TaobaoLive:SiloPort=11600 --TaobaoLive:GatewayPort=30600)
[ -n "$connection" ] && args+=(--TaobaoLive:Store=PostgreSql "--ConnectionStrings:TaobaoLive=$connection")
dotnet "$host_dll" "${args[@]}" > "$out/host.log" 2>&1 &
hp=$!
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 1; done
# psql takes libpq keywords: Host=…;Database=…;Username=… becomes host=… dbname=… user=…
libpq=$(echo "$connection" | tr ';' '\n' | sed -E 's/^Host=/host=/I; s/^Port=/port=/I; s/^Database=/dbname=/I; s/^(Username|User Id)=/user=/I; s/^Password=/password=/I' | grep -E '^(host|port|dbname|user|password)=' | tr '\n' ' ')
start=$(date +%s)
( while kill -0 $hp 2>/dev/null; do
    line="$(date +%T) $(( ($(date +%s)-start)/60 )) min rss $(awk '/VmRSS/{print $2}' /proc/$hp/status) kB"
    if [ -n "$connection" ]; then
      line="$line journal $(psql "$libpq" -Atc "select count(*)||' rows '||coalesce(sum(octet_length(body)),0)||' body bytes '||pg_total_relation_size('taobaolive_journal')||' table bytes db '||pg_database_size(current_database()) from taobaolive_journal" 2>/dev/null)"
    fi
    echo "$line"; sleep 30
  done ) > "$out/mem.txt" &
sampler=$!
dotnet "$sim_dll" bench --url http://127.0.0.1:$port --geography "$geography" --shops "$shops" --seconds "$secs" --connections 8 > "$out/bench.txt" 2> "$out/sim.err"
echo "warn/fail lines in the host's log during the run: $(grep -ciE '^(warn|fail)' "$out/host.log")" >> "$out/bench.txt"
kill $hp; wait $hp 2>/dev/null; kill $sampler 2>/dev/null
echo "warn/fail lines after its stop: $(grep -ciE '^(warn|fail)' "$out/host.log")" >> "$out/bench.txt"
cat "$out/bench.txt"
