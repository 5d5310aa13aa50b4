#!/usr/bin/env bash
# Prints "rss_mb=.. heap_used_mb=.. heap_live_mb=.." for a JVM: RSS from /proc, heap from jstat before and after a
# full GC (live = what survives). Used by bench/run while every stream of the hold test is open.
pid=$1; jdk=$2
heap() { "$jdk/bin/jstat" -gc "$pid" | awk 'NR==1{for(i=1;i<=NF;i++) c[$i]=i} NR==2{printf "%.0f", ($c["S0U"]+$c["S1U"]+$c["EU"]+$c["OU"])/1024}'; }
rss=$(awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$pid/status")
used=$(heap)
"$jdk/bin/jcmd" "$pid" GC.run >/dev/null 2>&1
echo "rss_mb=$rss heap_used_mb=$used heap_live_mb=$(heap)"
