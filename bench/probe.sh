#!/usr/bin/env bash
# Prints "rss_mb=.. heap_used_mb=.. heap_live_mb=.. old_live_mb=.." for a JVM: RSS from /proc, heap from jstat before
# and after a full GC (live = what survives). Used by bench/run while every stream of the hold test is open, and by
# bench/soak every minute. old_live_mb is the old generation alone after the GC: a full GC leaves every survivor
# there, while eden fills again with whatever the process allocates in the second jstat takes to attach (under load,
# megabytes), which heap_live_mb counts.
pid=$1; jdk=$2
heap() { "$jdk/bin/jstat" -gc "$pid" | awk -v cols="$1" 'NR==1{for(i=1;i<=NF;i++) c[$i]=i} NR==2{n=split(cols,k,","); s=0; for(i=1;i<=n;i++) s+=$c[k[i]]; printf "%.0f", s/1024}'; }
rss=$(awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$pid/status")
used=$(heap S0U,S1U,EU,OU)
"$jdk/bin/jcmd" "$pid" GC.run >/dev/null 2>&1
after=$("$jdk/bin/jstat" -gc "$pid")
live=$(awk 'NR==1{for(i=1;i<=NF;i++) c[$i]=i} NR==2{printf "%.0f", ($c["S0U"]+$c["S1U"]+$c["EU"]+$c["OU"])/1024}' <<<"$after")
old=$(awk 'NR==1{for(i=1;i<=NF;i++) c[$i]=i} NR==2{printf "%.0f", $c["OU"]/1024}' <<<"$after")
echo "rss_mb=$rss heap_used_mb=$used heap_live_mb=$live old_live_mb=$old"
