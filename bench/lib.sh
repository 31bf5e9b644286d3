# Shared by the benchmark scripts (sourced, not run): unpacks the distribution into $WORK/karaf with
# free ports and long settle/verification timeouts, stops it and removes $WORK on exit (KEEP=1 keeps
# it; DEBUG=1 logs step times; HTTP_PORT is the REST API's port), and defines the helpers below. Needs WORK, ARCHIVE, ROOT; the scripts set FILES, LARGE, LARGE_MB.
# DATABASE=postgresql keeps filesync's state in a throw-away PostgreSQL server (scripts/postgres.sh,
# in the folder $PG, default $WORK/postgresql), switched as the README says; the default is the embedded Derby.
KARAF=$WORK/karaf
cleanup() {
    local pid
    pid=$(cat "$KARAF/karaf.pid" 2>/dev/null || true)
    [ -x "$KARAF/bin/stop" ] && "$KARAF/bin/stop" >/dev/null 2>&1 || true
    # bin/stop only asks: wait until the JVM has gone, so that nothing writes into $WORK while it is removed
    for _ in $(seq 60); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    [ "${DATABASE:-derby}" != postgresql ] || "$ROOT/scripts/postgres.sh" stop "$PG" || true
    [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
rm -rf "$WORK" && mkdir -p "$KARAF"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
tar xzf "$ARCHIVE" -C "$KARAF" --strip-components=1
SSH_PORT=$(free_port)
sed -i "s/^sshPort.*/sshPort = $SSH_PORT/" "$KARAF/etc/org.apache.karaf.shell.cfg"
HTTP_PORT=$(free_port)
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $HTTP_PORT/" "$KARAF/etc/org.ops4j.pax.web.cfg"
sed -i "s/^rmiRegistryPort.*/rmiRegistryPort = $(free_port)/; s/^rmiServerPort.*/rmiServerPort = $(free_port)/" \
    "$KARAF/etc/org.apache.karaf.management.cfg"
# A 100 000-file first scan can take longer than the default 30 s settle timeout on a busy machine.
printf 'settle.timeout.seconds = 600\nverification.timeout.seconds = 600\n' > "$KARAF/etc/org.filesync.service.cfg"
# SYSTEM_PROPS: extra lines for etc/system.properties, for experiments (e.g. a Derby setting)
[ -z "${SYSTEM_PROPS:-}" ] || printf '%s\n' "$SYSTEM_PROPS" >> "$KARAF/etc/system.properties"
# DEBUG=1 (with KEEP=1): the step times of each run, copy job and verification in data/log/karaf.log
if [ "${DEBUG:-0}" = 1 ]; then
    for logger in org.filesync.transfer org.filesync.verification org.filesync.service org.filesync.index.internal; do
        printf 'log4j2.logger.%s.name = %s\nlog4j2.logger.%s.level = DEBUG\n' \
            "${logger//./_}" "$logger" "${logger//./_}" >> "$KARAF/etc/org.ops4j.pax.logging.cfg"
    done
fi

if [ "${DATABASE:-derby}" = postgresql ]; then
    PG=${PG:-$WORK/postgresql}
    "$ROOT/scripts/postgres.sh" start "$PG" >/dev/null
    printf '%s\n' "osgi.jdbc.driver.name = PostgreSQL JDBC Driver" "url = $("$ROOT/scripts/postgres.sh" url "$PG")" \
        "user = filesync" "password = filesync" "dataSourceName = filesync" "pool = hikari" "xa = false" \
        "hikari.connectionTimeout = 5000" > "$KARAF/etc/org.ops4j.datasource-filesync.cfg"
elif [ "${DATABASE:-derby}" != derby ]; then
    echo "DATABASE must be derby or postgresql, not $DATABASE" >&2; exit 2
fi

# start_karaf: bin/start, the feature filesync-postgresql with DATABASE=postgresql, then waits for filesync
start_karaf() {
    "$KARAF/bin/start"
    if [ "${DATABASE:-derby}" = postgresql ]; then
        until client <<< 'feature:install filesync-postgresql' && client <<< 'feature:list -i' | grep -q '^filesync-postgresql '; do :; done
    fi
    until client <<< 'filesync:conduit-list' | grep -q '^Id'; do :; done
}

client() { "$KARAF/bin/client" -a "$SSH_PORT" -u karaf -p karaf -r 60 -d 2 -b 2>/dev/null | grep -v 'JAVA_HOME' || true; }
jvm_cpu() { # user+sys seconds of the Karaf JVM
    awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' "/proc/$(cat "$KARAF/karaf.pid")/stat"
}
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b>0) printf "%.2f", a/b; else print "-" }'; }

# generate_tree DIR: FILES files of 1-16 KiB in nested folders plus LARGE files of LARGE_MB MiB, seeded
generate_tree() {
python3 - "$1" "$FILES" "$LARGE" "$LARGE_MB" <<'EOF'
import os, random, sys
root, files, large, large_mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(42)
per_dir = 90
for i in range(files):
    d = os.path.join(root, "d%03d" % (i // (per_dir * 100)), "e%03d" % ((i // per_dir) % 100))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%06d.dat" % i), "wb") as f:
        f.write(rnd.randbytes(rnd.randint(1024, 16384)))
os.makedirs(os.path.join(root, "large"), exist_ok=True)
for i in range(large):
    with open(os.path.join(root, "large", "big%02d.bin" % i), "wb") as f:
        f.write(rnd.randbytes(large_mb * 1024 * 1024))
EOF
}

# change_tree DIR SEED: 1 % of the files outside large/ modified, 0.1 % deleted, renamed and added, seeded
change_tree() {
python3 - "$1" "$2" <<'EOF'
import os, random, sys
root, seed = sys.argv[1], int(sys.argv[2])
rnd = random.Random(seed)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if "/large" not in d)
n = len(files)
picked = rnd.sample(files, n // 100 + 3 * (n // 1000))
modify, rest = picked[: n // 100], picked[n // 100:]
delete, rename, add = rest[: n // 1000], rest[n // 1000: 2 * (n // 1000)], rest[2 * (n // 1000):]
for p in modify:
    with open(p, "wb") as f:
        f.write(rnd.randbytes(rnd.randint(1024, 16384)))
for p in delete:
    os.remove(p)
for p in rename:
    os.rename(p, p + ".renamed")
for p in add:
    with open(p + ".new", "wb") as f:
        f.write(rnd.randbytes(rnd.randint(1024, 16384)))
print("# changed: %d modified, %d deleted, %d renamed, %d added" % (len(modify), len(delete), len(rename), len(add)))
EOF
}

# threads_cpu FILE [BEFORE]: the CPU ticks of each Karaf JVM thread into FILE; with BEFORE (an
# earlier FILE), prints to stderr where the CPU went in between, by thread name (digits folded):
# threads that ended in between (a job's copy workers) only count in the total
threads_cpu() {
python3 - "$(cat "$KARAF/karaf.pid")" "$@" <<'EOF'
import collections, json, os, re, sys
pid, out = sys.argv[1], sys.argv[2]
hz = os.sysconf("SC_CLK_TCK")
now = {}
for t in os.listdir(f"/proc/{pid}/task"):
    try:
        s = open(f"/proc/{pid}/task/{t}/stat").read()
    except OSError:
        continue
    f = s[s.rindex(")") + 2:].split()
    now[t] = [s[s.index("(") + 1:s.rindex(")")], int(f[11]) + int(f[12])]
json.dump(now, open(out, "w"))
if len(sys.argv) > 3:
    before = json.load(open(sys.argv[3]))
    by = collections.Counter()
    for t, (name, ticks) in now.items():
        by[re.sub(r"[0-9a-f]{8}|\d+", "N", name)] += ticks - before.get(t, [name, 0])[1]
    threads = [(n, c / hz) for n, c in by.most_common(8) if c > 0]
    print("    cpu by thread: " + ", ".join(f"{n} {c:.2f}s" for n, c in threads), file=sys.stderr)
EOF
}

# run_filesync: filesync:sync --wait $CONDUIT; prints: elapsed_s end_to_end_s cpu_s summary
# (THREADS=1: also where the JVM's CPU went, by thread, on stderr)
run_filesync() {
    local cpu0 t0 out t1 cpu1
    [ "${THREADS:-0}" = 1 ] && threads_cpu "$WORK/threads-before.json"
    cpu0=$(jvm_cpu); t0=$(now)
    out=$(client <<< "filesync:sync --wait $CONDUIT" | tail -1)
    t1=$(now); cpu1=$(jvm_cpu)
    [ "${THREADS:-0}" = 1 ] && threads_cpu "$WORK/threads-after.json" "$WORK/threads-before.json"
    local elapsed
    elapsed=$(sed -n 's/.*elapsed=\([0-9.]*\)s.*/\1/p' <<< "$out")
    [ -n "$elapsed" ] || { echo "filesync:sync failed: $out" >&2; exit 1; }
    echo "$elapsed $(seconds "$t0" "$t1") $(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN{printf "%.2f", b-a}') $out"
}

# spread NAME RATIO...: the median, lowest and highest of the ratios of repeated rounds, on one line
spread() {
    local name=$1
    shift
    printf '%s\n' "$@" | sort -g | awk -v name="$name" '{r[NR] = $1}
        END {m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2;
             printf "%s: median ratio %.2f over %d rounds (lowest %.2f, highest %.2f)\n", name, m, NR, r[1], r[NR]}'
}

# round_label N: "N", or "N, warm-up" for the first WARMUP rounds
round_label() {
    if [ "$1" -le "${WARMUP:-0}" ]; then echo "$1, warm-up"; else echo "$1"; fi
}

# spreads NAME RATIO...: the spread of every round's ratio and, with WARMUP, of the rounds after it.
# filesync runs in a long-lived JVM: its first runs of a kind pay for the JIT compiling the code they
# use (a third of the CPU of the fifth after-change run of a fresh Karaf was the C2 compiler), which
# a running service pays once; the anchor tools start fresh every time and have nothing to warm up.
spreads() {
    local name=$1
    shift
    spread "$name, all rounds" "$@"
    if [ "${WARMUP:-0}" -gt 0 ]; then
        spread "$name, after $WARMUP warm-up rounds" "${@:WARMUP+1}"
    fi
}
