# Sourced by bench/run after the streaming phase: the agent turn overhead. Two declarative agents run on the fast mock
# (see the agents.yaml bench/run writes): bench/turn answers in one turn; bench/counter calls the text-tools plugin's
# word_count once and then answers (two turns), on the mock's scenario tool-once-word_count, which decides each turn
# from the conversation: a script queue is shared first in, first out by all concurrent runs, so one run that failed
# after taking an answer would shift every later run's answers by one. For each, at AGENT_RATE req/s, non-streaming:
#   - from the gateway's own meters, per turn: (agent run time - upstream call time - tool time) / turns, the deltas
#     of agent_gateway_agent_run_latency_ms, agent_gateway_upstream_latency_ms{upstream="fast"} (nothing else calls
#     that upstream meanwhile), agent_gateway_tool_latency_ms and agent_gateway_agent_turns_total;
#   - from the client: P50 of the agent model minus P50 of the plain upstream model fast/m, same mock, same rate.

AGENT_RATE=${BENCH_AGENT_RATE:-50}
AGENT_WARM_RATE=400
METRICS_URL=http://127.0.0.1:$GW_PORT/metrics/prometheus

scrape() { curl -s -m 10 -H "$GW_AUTH" "$METRICS_URL"; }
# Sum of the samples of one metric whose labels contain the given text ("" for all).
sample_sum() { # prometheus-text metric label-text
  awk -v n="$2" -v f="$3" 'index($0, n "{") == 1 && index($0, f) > 0 { s += $NF } END { printf "%.6f", s + 0 }' <<<"$1"
}
delta() { # before after metric label-text
  awk -v a="$(sample_sum "$1" "$3" "$4")" -v b="$(sample_sum "$2" "$3" "$4")" 'BEGIN { printf "%.6f", b - a }'
}

# Runs in a subshell (its output is captured), so the meter scrapes go to files.
agent_rate() { # model body-file -> the measured client line; warms up first with an unmeasured run
  local args=(--url "$GW_URL" --body "$2" -H "$GW_AUTH")
  # The agent code is cold while the plain path has had the saturated phases: warm it with a few thousand runs.
  local warm
  warm=$(client rate "${args[@]}" --rps "$AGENT_WARM_RATE" --warmup-seconds 1 --seconds 4)
  # Unmeasured, but its failures can shape the measured run (an open circuit refuses calls for its cool-down).
  [[ $(field "$warm" errors) == 0 ]] || log "warm-up of $1 had errors: $warm"
  scrape >"$WORK/metrics-before.txt"
  client rate "${args[@]}" --rps "$AGENT_RATE" --warmup-seconds 1 --seconds "$SECONDS_PER_PHASE"
  scrape >"$WORK/metrics-after.txt"
}

turn_overhead() { # agent-id -> "ms-per-turn turns runs"
  local b a label="agent=\"$1\""
  b=$(<"$WORK/metrics-before.txt"); a=$(<"$WORK/metrics-after.txt")
  local run up tool turns runs
  run=$(delta "$b" "$a" agent_gateway_agent_run_latency_ms_sum "$label")
  runs=$(delta "$b" "$a" agent_gateway_agent_run_latency_ms_count "$label")
  turns=$(delta "$b" "$a" agent_gateway_agent_turns_total "$label")
  up=$(delta "$b" "$a" agent_gateway_upstream_latency_ms_sum 'upstream="fast"')
  tool=$(delta "$b" "$a" agent_gateway_tool_latency_ms_sum 'tool="word_count"')
  awk -v r="$run" -v u="$up" -v t="$tool" -v n="$turns" -v c="$runs" \
    'BEGIN { if (n > 0) printf "%.3f %d %d", (r - u - t) / n, n, c; else print "? 0 0" }'
}

body agent-plain fast/m false; body agent-turn bench/turn false; body agent-counter bench/counter false

out=$(agent_rate fast/m "$WORK/agent-plain.json"); echo "$out" >"$WORK/agent-plain.txt"
R[agent.plain_p50]=$(field "$out" p50_ms); R[gateway.errors]=$(( R[gateway.errors] + $(field "$out" errors) ))

out=$(agent_rate bench/turn "$WORK/agent-turn.json"); echo "$out" >"$WORK/agent-turn.txt"
R[agent.turn_p50]=$(field "$out" p50_ms); R[gateway.errors]=$(( R[gateway.errors] + $(field "$out" errors) ))
read -r R[agent.turn_ms] R[agent.turn_turns] R[agent.turn_runs] <<<"$(turn_overhead bench/turn)"
log "agent, one turn: ${R[agent.turn_ms]} ms per turn over ${R[agent.turn_turns]} turns; client: $out"

out=$(agent_rate bench/counter "$WORK/agent-counter.json"); echo "$out" >"$WORK/agent-counter.txt"
R[agent.counter_p50]=$(field "$out" p50_ms); R[gateway.errors]=$(( R[gateway.errors] + $(field "$out" errors) ))
read -r R[agent.counter_ms] R[agent.counter_turns] R[agent.counter_runs] <<<"$(turn_overhead bench/counter)"
log "agent, tool call then answer: ${R[agent.counter_ms]} ms per turn over ${R[agent.counter_turns]} turns" \
  "(${R[agent.counter_runs]} runs); client: $out"
