#!/usr/bin/env bash
# usage: prof.sh ARCHIVE OUTNAME  -- profile initial mirror + 1% changes with JFR
set -euo pipefail
ARCHIVE=$1; OUT=$2
WORK=/tmp/perf-prof/run; KARAF=$WORK/karaf; SRC=$WORK/src
[ -x "$KARAF/bin/stop" ] && "$KARAF/bin/stop" >/dev/null 2>&1 || true
sleep 1
rm -rf "$WORK"; mkdir -p "$KARAF"
tar xzf "$ARCHIVE" -C "$KARAF" --strip-components=1
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SSH_PORT=$(free_port)
sed -i "s/^sshPort.*/sshPort = $SSH_PORT/" "$KARAF/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort.*/rmiRegistryPort = $(free_port)/; s/^rmiServerPort.*/rmiServerPort = $(free_port)/" "$KARAF/etc/org.apache.karaf.management.cfg"
printf 'settle.timeout.seconds = 600\nverification.timeout.seconds = 600\n' > "$KARAF/etc/org.filesync.service.cfg"
client() { "$KARAF/bin/client" -a "$SSH_PORT" -u karaf -p karaf -r 60 -d 2 -b 2>/dev/null | grep -v 'JAVA_HOME' || true; }
python3 - "$SRC" 20000 2 8 <<'PY'
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
PY
"$KARAF/bin/start"
until client <<< 'filesync:conduit-list' | grep -q '^Id'; do :; done
mkdir -p "$WORK/dst"
CONDUIT=$(client <<< "filesync:conduit-create --max-delete 100 $SRC $WORK/dst" | sed -n 's/^Conduit \([0-9]*\) created$/\1/p')
until client <<< 'filesync:location-list --no-format' | grep -F "$SRC" | grep -q settled; do :; done
PID=$(cat $KARAF/karaf.pid)
sync
[ "${NOJFR:-0}" = 1 ] || jcmd $PID JFR.start name=p settings=/tmp/perf-prof/fast.jfc >/dev/null
python3 /tmp/perf-prof/tsnap.py $PID /tmp/perf-prof/t0.json
c0=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' /proc/$PID/stat)
client <<< "filesync:sync --wait $CONDUIT" | tail -1
c1=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' /proc/$PID/stat)
python3 /tmp/perf-prof/tsnap.py $PID -diff /tmp/perf-prof/t0.json
echo "initial cpu $(awk -v a=$c0 -v b=$c1 'BEGIN{print b-a}')"
[ "${NOJFR:-0}" = 1 ] || jcmd $PID JFR.dump name=p filename=/tmp/perf-prof/$OUT-initial.jfr >/dev/null
[ "${NOJFR:-0}" = 1 ] || jcmd $PID JFR.stop name=p >/dev/null
sleep 2
python3 - "$SRC" <<'PY'
import os, random, sys
root = sys.argv[1]
rnd = random.Random(7)
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
PY
[ "${NOJFR:-0}" = 1 ] || jcmd $PID JFR.start name=q settings=/tmp/perf-prof/fast.jfc >/dev/null
python3 /tmp/perf-prof/tsnap.py $PID /tmp/perf-prof/t0.json
c0=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' /proc/$PID/stat)
client <<< "filesync:sync --wait $CONDUIT" | tail -1
c1=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' /proc/$PID/stat)
python3 /tmp/perf-prof/tsnap.py $PID -diff /tmp/perf-prof/t0.json
echo "1pct cpu $(awk -v a=$c0 -v b=$c1 'BEGIN{print b-a}')"
[ "${NOJFR:-0}" = 1 ] || jcmd $PID JFR.dump name=q filename=/tmp/perf-prof/$OUT-1pct.jfr >/dev/null
if [ "${WARM:-0}" = 1 ]; then
mkdir -p $WORK/dst2
C2=$(client <<< "filesync:conduit-create --max-delete 100 $SRC $WORK/dst2" | sed -n 's/^Conduit \([0-9]*\) created$/\1/p')
until client <<< 'filesync:location-list --no-format' | grep -F "$WORK/dst2" | grep -q settled; do :; done
sync; python3 /tmp/perf-prof/tsnap.py $PID /tmp/perf-prof/t0.json
c0=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' /proc/$PID/stat)
client <<< "filesync:sync --wait $C2" | tail -1
c1=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' /proc/$PID/stat)
python3 /tmp/perf-prof/tsnap.py $PID -diff /tmp/perf-prof/t0.json | head -6
echo "warm initial cpu $(awk -v a=$c0 -v b=$c1 'BEGIN{print b-a}')"
fi
cp $KARAF/data/log/karaf.log /tmp/perf-prof/$OUT-karaf.log || true
"$KARAF/bin/stop"
