# Sourced by bench/run, bench/soak and bench/startup: the JDK, free ports, the mock upstreams and the gateway started
# as ./gateway run starts it. Expects ROOT, BENCH and WORK set; processes started go to PIDS and end with the script.
# launch_gateway reads CONF (a folder with upstreams, security, agents and tools yaml), GW_PORT and HOST_JAR.

PIDS=()
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- tools -------------------------------------------------------------------------------------------------------
find_java() {
  local candidates=()
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/* /opt/java/* /opt/jdk*)
  for home in "${candidates[@]}"; do
    [[ -x $home/bin/java ]] || continue
    local v
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')
    if [[ ${v%%.*} -ge 21 ]]; then echo "$home"; return; fi
  done
  die "no JDK >= 21 found (set JAVA_HOME)"
}
JAVA_HOME=$(find_java); export JAVA_HOME
JAVA=$JAVA_HOME/bin/java

if [[ ${BENCH_PIN:-1} == 1 && $(nproc) -ge 2 ]]; then
  SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1)
else
  SERVER_CPU=(); CLIENT_CPU=()
fi
HOST_JAR=$ROOT/gateway-host/target/gateway-host.jar
MOCK_CP=$ROOT/bench/mock-upstream/target/classes

free_port() {
  local port
  for port in $(seq "$1" $(($1 + 200))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  die "no free port near $1"
}
now_ms() { date +%s%3N; }
rss_mb() { awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
hwm_mb() { awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

start_mock() { # name port extra-args...; the mock prints "mock-upstream listening on <port>"
  local name=$1 port=$2; shift 2
  # The JDK's server keeps at most 200 idle connections and closes any beyond that right after its answer, unseen by
  # the client until its next call there fails. A burst opens more (the gateway had 260 open to the fast mock at the
  # agent phase's warm-up): as it ends the server counts them all idle, before the client has closed those beyond
  # what it keeps, and closes some that the client keeps. Servers made for production do not close them so.
  "${SERVER_CPU[@]}" "$JAVA" -XX:+UseSerialGC -Dsun.net.httpserver.maxIdleConnections=4096 -cp "$MOCK_CP" \
    io.agentgateway.mock.MockUpstream --port "$port" "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  # Up to 30 s: a JVM's start stretches on a machine busy with other work.
  for _ in $(seq 300); do grep -q "listening on" "$WORK/$name.log" && return; sleep 0.1; done
  die "mock $name did not start (see $WORK/$name.log)"
}

# Posts one chat completion until it answers 200; prints nothing, fails after ~30 s.
wait_served() { # pid url body-file header...
  local pid=$1 url=$2 body=$3; shift 3
  local args=()
  for h in "$@"; do args+=(-H "$h"); done
  for _ in $(seq 3000); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' -m 2 "${args[@]}" -H 'Content-Type: application/json' \
          --data-binary @"$body" "$url") == 200 ]]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.01
  done
  return 1
}

GW_JVM_OPTS=()
gateway_jvm_options() { # before each launch, outside the measured time: the first start records the cache
  GW_JVM_OPTS=()
  while IFS= read -r option; do GW_JVM_OPTS+=("$option"); done < <(JAVA_HOME=$JAVA_HOME "$ROOT/gateway" jvm-options)
}
launch_gateway() { # log-file extra-jvm-options...
  local logfile=$1; shift
  GATEWAY_PORT=$GW_PORT GATEWAY_HOST=127.0.0.1 GATEWAY_UPSTREAM_CONFIG=$CONF/upstreams.yaml \
    GATEWAY_SECURITY_CONFIG=$CONF/security.yaml GATEWAY_AGENT_CONFIG=$CONF/agents.yaml \
    GATEWAY_TOOL_CONFIG=$CONF/tools.yaml GATEWAY_PLUGINS_DIR=$ROOT/plugins-dist GATEWAY_LOG_LEVEL=WARNING \
    "${SERVER_CPU[@]}" "$JAVA" "${GW_JVM_OPTS[@]}" "$@" ${BENCH_GATEWAY_JAVA_OPTS:-} \
    -jar "$HOST_JAR" >"$logfile" 2>&1 &
  GW_PID=$!; PIDS+=($GW_PID)
}

# Stops the gateway as an orchestrator would (SIGTERM: drain, then exit) and waits for it: a run that records the
# ahead-of-time cache writes it while exiting, which a kill -9 would cut short.
stop_gateway() {
  kill "$GW_PID" 2>/dev/null || true
  for _ in $(seq 600); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.1; done
  wait "$GW_PID" 2>/dev/null || true
}

# Starts the gateway once when the JVM options say the class-data cache is to be recorded, so that the measured
# start runs from it, as every ./gateway run after the first does.
record_cache_if_needed() { # log-file url body-file header...
  local logfile=$1; shift
  gateway_jvm_options
  [[ " ${GW_JVM_OPTS[*]} " == *AOTCacheOutput* ]] || return 0
  log "recording the gateway's ahead-of-time cache (one start, one request, a stop)"
  launch_gateway "$logfile"
  wait_served "$GW_PID" "$@" || { tail -20 "$logfile"; die "gateway never served"; }
  stop_gateway
}
