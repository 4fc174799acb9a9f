#!/usr/bin/env bash
# How long a durable host killed with SIGKILL takes to be exact again (docs/benchmarks.md).
# Load for a while, wait until the country and every village stand still, SIGKILL the host, start
# it again on the same database and read the country and every village every 0.5 s until they
# equal what they were before the kill.
#
# usage: restart-exact.sh HOST_DLL SIM_DLL GEOGRAPHY_TSV "CONNECTION STRING OF AN EMPTY DATABASE" SHOPS LOAD_SECONDS [host args…]
# e.g.   restart-exact.sh publish/host/TaobaoLive.Host.dll publish/sim/taobaolive-sim.dll geo-2000.tsv \
#          "Host=127.0.0.1;Port=5433;Database=rs1;Username=taobaolive;Password=…" 100000 30
set -u
host_dll=$1; sim_dll=$2; geography=$3; connection=$4; shops=$5; secs=$6; shift 6
port=5400
args=(--TaobaoLive:Geography="$geography" --urls http://127.0.0.1:$port --TaobaoLive:SiloPort=11400 --TaobaoLive:GatewayPort=30400
      --TaobaoLive:Store=PostgreSql "--ConnectionStrings:TaobaoLive=$connection" "$@")
out=$(mktemp -d)
echo "logs in $out"
villages() {
  for offset in 0 1000 2000 3000 4000 5000; do
    curl -sf "http://127.0.0.1:$port/api/regions?level=village&limit=1000&offset=$offset"; echo
  done | python3 -c 'import json,sys; rows=[r for line in sys.stdin if line.strip() for r in json.loads(line)]; print(json.dumps(sorted((r["id"], r["annualTurnover"]) for r in rows)))'
}
country() { curl -sf "http://127.0.0.1:$port/api/regions/country-cn" | python3 -c 'import json,sys; print(json.load(sys.stdin)["annualTurnover"])'; }
healthy() { for _ in $(seq 1 1200); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 0.1; done; return 1; }

dotnet "$host_dll" "${args[@]}" > "$out/host-before.log" 2>&1 &
pid=$!
healthy || { echo "the host did not start"; exit 1; }
dotnet "$sim_dll" bench --url "http://127.0.0.1:$port" --geography "$geography" --shops "$shops" --seconds "$secs" --connections 8 > "$out/bench.txt" 2> "$out/bench.err"
previous=""
for _ in $(seq 1 40); do
  before=$(villages); total=$(country)
  [ -n "$before" ] && [ "$before" = "$previous" ] && break
  previous=$before; sleep 3
done
echo "before the kill: country $total, $(echo "$before" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') villages"
kill -9 $pid; wait $pid 2>/dev/null
started=$(date +%s.%N)
dotnet "$host_dll" "${args[@]}" > "$out/host-after.log" 2>&1 &
pid=$!
healthy || { echo "the host did not come back"; kill $pid; exit 1; }
echo "healthy $(python3 -c "print(round($(date +%s.%N) - $started, 2))") s after start"
exact=""
for _ in $(seq 1 600); do
  if [ "$(country)" = "$total" ] && [ "$(villages)" = "$before" ]; then
    exact=$(python3 -c "print(round($(date +%s.%N) - $started, 2))"); break
  fi
  sleep 0.5
done
if [ -n "$exact" ]; then echo "the country and every village exact $exact s after start"; else echo "NOT exact within 300 s"; fi
kill $pid; wait $pid 2>/dev/null
