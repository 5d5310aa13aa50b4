# Sourced by bench/run once every phase is done: turns the results in R[...] into one markdown table,
# prints it and writes it to bench/results/<timestamp>.md (and latest.md).

calc() { awk "BEGIN { v = $1; if (v == int(v)) printf \"%d\", v; else printf \"%.${2:-2}f\", v }" 2>/dev/null || echo "?"; }
val() { local v=${R[$1]:-}; echo "${v:--}"; }
have() { [[ -n ${R[$1]:-} && ${R[$1]} != "?" ]]; }
verdict() { awk "BEGIN { exit !($1) }" 2>/dev/null && echo "met" || echo "**missed**"; }
has_pk() { [[ " ${TARGETS[*]} " == *" portkey "* ]]; }

pk() { has_pk && val "portkey.$1" || echo "-"; }
# A latency phase's median followed by each run's value, in run order.
runs() { local v; v=$(val "$1"); have "$1.runs" && v="$v (${R[$1.runs]})"; echo "$v"; }
pk_runs() { has_pk && runs "portkey.$1" || echo "-"; }
minus() { have "$1.$3" && have "$2.$3" && awk "BEGIN { printf \"%+.3f\", ${R[$1.$3]} - ${R[$2.$3]} }" || echo "-"; }
added() { minus "$1" direct "$2"; }
over_floor() { minus gateway floor "$1"; }

rps_ratio=$(calc "${R[gateway.rps]} / ${R[direct.rps]}" 2)
floor_ratio=$(calc "${R[floor.rps]} / ${R[direct.rps]}" 2)
rps_vs_floor=$(calc "${R[gateway.rps]} / ${R[floor.rps]}" 2)
rps_vs_pk=$(has_pk && calc "${R[gateway.rps]} / ${R[portkey.rps]}" 1 || echo "-")
pk_ratio=$(has_pk && calc "${R[portkey.rps]} / ${R[direct.rps]}" 3 || echo "-")
rps_verdict=$(verdict "${rps_ratio:-0} >= 0.40")
has_pk && [[ $rps_verdict == met ]] && rps_verdict=$(verdict "${rps_vs_pk:-0} >= 15")
p50_add=$(added gateway p50); p99_add=$(added gateway p99); ttfb_add=$(added gateway ttfb)
agent_p50_add=$(have agent.turn_p50 && have agent.plain_p50 \
  && awk "BEGIN { printf \"%+.3f\", ${R[agent.turn_p50]} - ${R[agent.plain_p50]} }" || echo "-")
agent_verdict=$(have agent.turn_ms && have agent.counter_ms \
  && verdict "${R[agent.turn_ms]} <= 0.5 && ${R[agent.counter_ms]} <= 0.5" || echo "**missed**")
total_errors=$(( ${R[gateway.errors]:-0} + ${R[hold.errors]:-0} ))
# Where the open-files limit caps the streams asked for, the verdict is on what was asked, and says so. Streams the
# gateway refuses at its in-flight limit (503 gateway_overloaded) are neither held nor errors: the row shows them apart,
# and the heap per stream is over the streams actually held.
capped=$([[ $HOLD -lt $STREAMS ]] && echo " at $HOLD, the open-files limit" || true)
hold_verdict=$(verdict "${R[hold.open]:-0} >= $HOLD && ${R[hold.errors]:-1} == 0")
[[ $hold_verdict == met ]] && hold_verdict="met${capped}"
per_stream_kb=$(have hold.live && calc "${R[hold.live]} * 1024 / ${R[hold.probe_open]:-1}" 0 || echo "-")
live_at_target=$(have hold.live && calc "${R[hold.live]} * $STREAMS / ${R[hold.probe_open]:-1}" 0 || echo "-")
heap_verdict=$(verdict "${R[hold.heap]:-9999} <= 512 && ${R[hold.live]:-9999} <= 512 && ${R[hold.probe_open]:-0} >= $HOLD")
[[ $heap_verdict == met ]] && heap_verdict="met${capped}"
per_stream_verdict=$(verdict "${per_stream_kb/-/9999} <= 20")
# Each shipped plugin's file size; the provider plugin ships without libraries of its own (target under 200 KB).
plugin_sizes=$(for f in "$ROOT"/plugins-dist/*.jar "$ROOT"/plugins-dist/*.zip; do
  [[ -f $f ]] && printf '%s %s KB, ' "$(basename "$f")" "$(( ($(stat -c %s "$f") + 1023) / 1024 ))"; done | sed 's/, $//')
provider_jar=$(ls "$ROOT"/plugins-dist/openai-compatible*.jar 2>/dev/null | head -1 || true)
provider_kb=$([[ -n $provider_jar ]] && echo $(( ($(stat -c %s "$provider_jar") + 1023) / 1024 )) || echo 999999)

machine="$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo), $(nproc) cores, \
$(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, Linux $(uname -r); \
JDK $("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/{print $2}'), \
node $(node --version 2>/dev/null || echo -), wrk $( (wrk -v 2>&1 || true) | awk 'NR==1{print $2}')"
busy="load average before the run ${LOAD_AT_START}, at the end $(cut -d' ' -f1 /proc/loadavg)"
pinning=$([[ ${#SERVER_CPU[@]} -gt 0 ]] && echo "servers on CPU 0, load generators on CPU 1" || echo "no CPU pinning")

TABLE=$(cat <<EOF
Machine: $machine; $pinning; $busy. Gateway heap capped with -Xmx512m.

Stack floor: bench/StackFloor.java, Helidon's web server and WebClient with nothing between them, the gateway's
libraries and JVM options. Latency rows: the median of ${LATENCY_RUNS} runs per target, the targets taking turns; each
run's value in brackets, in run order.

| measure | direct to mock | stack floor | Agent Gateway | Portkey 1.15.2 | ours vs direct | ours vs floor | ours vs Portkey | target | result |
|---|---|---|---|---|---|---|---|---|---|
| saturated req/s, non-streaming (wrk, 32 conns) | $(val direct.rps) | $(val floor.rps) | $(val gateway.rps) | $(pk rps) | ${rps_ratio} x (floor ${floor_ratio} x, Portkey ${pk_ratio} x) | ${rps_vs_floor} x | ${rps_vs_pk} x | >= 0.40 x direct, >= 15 x Portkey | ${rps_verdict} |
| saturated load before the rate was steady (10 s rounds until two in a row gain < 5 %), s | $(val direct.warm) | $(val floor.warm) | $(val gateway.warm) | $(pk warm) | | | | | |
| P50 at $RATE req/s, ms | $(runs direct.p50) | $(runs floor.p50) | $(runs gateway.p50) | $(pk_runs p50) | ${p50_add} ms (floor $(added floor p50), Portkey $(added portkey p50)) | $(over_floor p50) ms | | <= +1 ms | $(verdict "${p50_add} <= 1") |
| P99 at $RATE req/s, ms | $(runs direct.p99) | $(runs floor.p99) | $(runs gateway.p99) | $(pk_runs p99) | ${p99_add} ms (floor $(added floor p99), Portkey $(added portkey p99)) | $(over_floor p99) ms | | <= +2 ms | $(verdict "${p99_add} <= 2") |
| time to first streamed event P50, ms | $(runs direct.ttfb) | $(runs floor.ttfb) | $(runs gateway.ttfb) | $(pk_runs ttfb) | ${ttfb_add} ms (floor $(added floor ttfb), Portkey $(added portkey ttfb)) | $(over_floor ttfb) ms | | <= +0.5 ms | $(verdict "${ttfb_add} <= 0.5") |
| time to first streamed event P99, ms | $(runs direct.ttfb99) | $(runs floor.ttfb99) | $(runs gateway.ttfb99) | $(pk_runs ttfb99) | $(added gateway ttfb99) ms (floor $(added floor ttfb99), Portkey $(added portkey ttfb99)) | $(over_floor ttfb99) ms | | | |
| gaps between chunks (upstream every ${CHUNK_GAP_MS} ms), all runs: min / max, ms | $(val direct.gapmin) / $(val direct.gapmax) | $(val floor.gapmin) / $(val floor.gapmax) | $(val gateway.gapmin) / $(val gateway.gapmax) | $(pk gapmin) / $(pk gapmax) | | | | within ${CHUNK_GAP_MS} +- 2 ms | |
| gaps outside ${CHUNK_GAP_MS} +- 2 ms, all runs | $(val direct.gapout) | $(val floor.gapout) | $(val gateway.gapout) | $(pk gapout) | | | | 0 | $(verdict "${R[gateway.gapout]%%/*} == 0") |
| gaps under 2 ms (events held back and sent together), all runs | $(val direct.batched) | $(val floor.batched) | $(val gateway.batched) | $(pk batched) | | | | 0 | $(verdict "${R[gateway.batched]:-1} == 0") |
| agent turn overhead, ms per turn (run time minus upstream and tool time, gateway meters): one turn / word_count call then answer | | | ${R[agent.turn_ms]:--} / ${R[agent.counter_ms]:--} (${R[agent.counter_turns]:-0} turns in ${R[agent.counter_runs]:-0} runs) | | client P50 at ${AGENT_RATE} req/s, agent minus plain upstream model: ${agent_p50_add} ms | | | <= 0.5 ms | ${agent_verdict} |
| start-up to first served request (with the ahead-of-time cache), ms | | | ${GW_STARTUP} | ${PK_STARTUP:--} | | | | <= 1000 | $(verdict "$GW_STARTUP <= 1000") |
| RSS idle, MB | | | ${GW_IDLE} | ${PK_IDLE:--} | | | | <= 128 | $(verdict "$GW_IDLE <= 128") |
| RSS under saturated load (peak), MB | | | $(val gateway.rss_load) | $(pk rss_load) | | | | | |
| most streams open at once (slow upstream) | | | $(val hold.open) of ${HOLD} asked$([[ $HOLD -lt $STREAMS ]] && echo " (open-files limit $FD_LIMIT)"), ${R[hold.refused]:-0} refused at the in-flight limit | | | | | $STREAMS | ${hold_verdict} |
| heap used / live after full GC / RSS with $(val hold.probe_open) streams open, MB | | | $(val hold.heap) / $(val hold.live) / $(val hold.rss) (at $STREAMS streams about ${live_at_target} MB) | | | | | heap <= 512 | ${heap_verdict} |
| live heap per stream held (live after full GC / streams open), KB | | | ${per_stream_kb} | | | | | <= 20 | ${per_stream_verdict} |
| plugin sizes (plugins-dist/) | | | ${plugin_sizes} | | | | | openai-compatible < 200 KB | $(verdict "$provider_kb < 200") |
| errors (all phases; streams test: ${R[hold.completed]:-0} completed; those refused at the in-flight limit are not errors) | $(val direct.errors) | $(val floor.errors) | ${total_errors} | $(pk errors) | | | | 0 | $(verdict "$total_errors == 0") |
EOF
)

STAMP=$(date +%Y%m%d-%H%M%S)
printf '%s\n' "$TABLE" | tee "$RESULTS/$STAMP.md"
cp "$RESULTS/$STAMP.md" "$RESULTS/latest.md"
log "written to bench/results/$STAMP.md"
