#!/usr/bin/env bash
# How long a durable host (or a cluster of them) killed with SIGKILL takes to be exact again (docs/benchmarks.md).
# Load for a while, wait until the country and every village stand still, SIGKILL the host, start
# it again on the same database and read the country and every village every 0.5 s until they
# equal what they were before the kill.
#
# With SILOS=N in the environment (default 1) it runs N silos of one cluster on this machine
# (HTTP ports 5400…, silo ports 11400…, gateway ports 30400…), loads through the first, kills all of
# them at once and starts all of them again; readings go through the first.
#
# usage: [SILOS=N] restart-exact.sh HOST_DLL SIM_DLL GEOGRAPHY_TSV "CONNECTION STRING OF AN EMPTY DATABASE" SHOPS LOAD_SECONDS [host args…]
# e.g.   restart-exact.sh publish/host/TaobaoLive.Host.dll publish/sim/taobaolive-sim.dll geo-2000.tsv \
#          "Host=127.0.0.1;Port=5433;Database=rs1;Username=taobaolive;Password=…" 100000 30
set -u
host_dll=$1; sim_dll=$2; geography=$3; connection=$4; shops=$5; secs=$6; shift 6
port=5400
silos=${SILOS:-1}
# Host logs (in the directory printed first) with timestamps and the journal keeper's recovery lines.
common=(--TaobaoLive:Geography="$geography" --TaobaoLive:Store=PostgreSql "--ConnectionStrings:TaobaoLive=$connection"
  --Logging:Console:FormatterName=simple "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss.fff "
  --Logging:LogLevel:TaobaoLive.Host.Persistence.Journal.JournalKeeper=Information "$@")
out=$(mktemp -d)
echo "logs in $out"
villages() {
  for offset in 0 1000 2000 3000 4000 5000; do
    curl -sf "http://127.0.0.1:$port/api/regions?level=village&limit=1000&offset=$offset"; echo
  done | python3 -c 'import json,sys; rows=[r for line in sys.stdin if line.strip() for r in json.loads(line)]; print(json.dumps(sorted((r["id"], r["annualTurnover"]) for r in rows)))'
}
country() { curl -sf "http://127.0.0.1:$port/api/regions/country-cn" | python3 -c 'import json,sys; print(json.load(sys.stdin)["annualTurnover"])'; }
healthy() {
  for i in $(seq 0 $((silos-1))); do
    until curl -sf "http://127.0.0.1:$((port+i))/healthz" >/dev/null; do
      [ $SECONDS -gt $((deadline)) ] && return 1; sleep 0.1
    done
  done
}
start() {  # $1: log name; sets pids
  pids=(); deadline=$((SECONDS+120))
  for i in $(seq 0 $((silos-1))); do
    dotnet "$host_dll" "${common[@]}" --urls http://127.0.0.1:$((port+i)) --TaobaoLive:SiloPort=$((11400+i)) --TaobaoLive:GatewayPort=$((30400+i)) > "$out/host-$1-$i.log" 2>&1 &
    pids+=($!)
  done
}

start before
healthy || { echo "the hosts did not start"; exit 1; }
dotnet "$sim_dll" bench --url "http://127.0.0.1:$port" --geography "$geography" --shops "$shops" --seconds "$secs" --connections 8 > "$out/bench.txt" 2> "$out/bench.err"
previous=""
for _ in $(seq 1 40); do
  before=$(villages); total=$(country)
  [ -n "$before" ] && [ "$before" = "$previous" ] && break
  previous=$before; sleep 3
done
echo "before the kill: country $total, $(echo "$before" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') villages"
kill -9 "${pids[@]}"; wait "${pids[@]}" 2>/dev/null
started=$(date +%s.%N)
start after
healthy || { echo "the hosts did not come back"; kill "${pids[@]}"; exit 1; }
echo "$silos silo(s) healthy $(python3 -c "print(round($(date +%s.%N) - $started, 2))") s after start"
exact=""
for _ in $(seq 1 600); do
  if [ "$(country)" = "$total" ] && [ "$(villages)" = "$before" ]; then
    exact=$(python3 -c "print(round($(date +%s.%N) - $started, 2))"); break
  fi
  sleep 0.5
done
if [ -n "$exact" ]; then echo "the country and every village exact $exact s after start"; else echo "NOT exact within 300 s"; fi
kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null
