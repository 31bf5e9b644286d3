#!/usr/bin/env bash
# Kill test (docs/guarantees.md: "a crash or kill at any moment loses no data").
#
# Unpacks the filesync distribution into a temp folder with free ports, generates a seeded source
# tree (small files of 1-64 KiB in nested folders, a few large files), creates a mirror conduit into
# an empty target, then per round: starts `filesync:sync ID`, kills the Karaf JVM with kill -9 after
# a seeded random delay while a checker watches the target, restarts Karaf, runs
# `filesync:sync --wait ID` and checks the invariants:
#   - the checker never saw a file under its final name (outside .filesync/) that is not a complete
#     version of the source file of that path (size and SHA-256), during the run or after the kill;
#   - no source file changed (manifest with content, mode, mtime before the run and after);
#   - the target equals the source (diff -r, and rsync -ani dry run for mtimes and permissions);
#   - the history shows the killed generation as failed / failed:interrupted;
#   - no temp file is left in .filesync/tmp of either endpoint.
# Between rounds the source is mutated (seeded: rewrite 10 % of the small files, delete 5 %, add 5 %,
# move 2 % (a third renamed within their directory, a third into another existing directory, a third
# into a new directory), rename one directory of tens of files (left alone otherwise, so that it moves
# as one), rewrite every large file), so that each round has work to interrupt. A moved file is a
# version of its new path, so the checker's invariant covers it: at a new path only the moved content
# may appear. A round whose run ended before its kill still checks every invariant, and says so on its
# line. Each round's line says how many moves its change set made (files, directories) and the rerun's
# `moved=N`, the moves the killed run had not done: all of them means the kill came before the moves,
# none after them, some during them; the last lines count the rounds of each.
#
# --mode bidirectional kills bidirectional runs instead (the first round is the initial union into
# the empty target). Between rounds BOTH ends are mutated on disjoint sets of files (seeded: the
# source rewrites 5 % of the small files, deletes 2.5 %, adds 2.5 % and moves 1 % as above, and renames
# one directory of tens of files; the target does the same to other files and another directory; new
# files land in neither renamed directory; each large file is rewritten on one side, alternating by
# round), so there is no conflict and the result is determined: the expected tree is the agreed tree
# with both sides' changes (the moved entries at their new paths, the directories a side renamed gone). The checker watches both ends against every version either side held; after the restart
# the invariants are:
#   - the checker never saw, at either end, a file under its final name that is not a complete
#     version some side held at that path;
#   - both ends equal the expected tree (files: content, mode, mtime; directories: mode), and each
#     other (diff -r, rsync -ani). Directory mtimes are not compared: bidirectional mode agrees on
#     directories by kind, and restores a directory's mtime only after a generation wrote into it,
#     so a directory only the killed generation wrote into keeps the time of that write; the round's
#     line counts them;
#   - the rerun reports conflicts=0, `filesync:conflicts --all` lists none, and a dry run after it
#     plans nothing;
#   - the history shows the killed generation as failed:interrupted; no temp file in either end.
#
#   scripts/kill-test.sh [--mode mirror|bidirectional] [--rounds N] [--seed S] [--files N] [--large N] [--large-mb MB]
#                        [--min-delay MS] [--max-delay MS] [--archive PATH] [--work DIR] [--keep] [--short]
#
# Defaults: 50 rounds, seed 1, 2000 small files, 3 large files of about 60 MiB, kills 100-2000 ms after
# the shell printed the generation. --short is the CI size (3 rounds, 300 small files, one large file
# of about 20 MiB, kills after 100-800 ms); options given after it override it.
# Prints one line per round and ends with "N passed, M failed"; exits 1 if any round failed, 2 on a
# usage or setup error. Karaf is stopped and the temp folder removed on exit (--keep keeps it).
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"

rounds=50
seed=1
files=2000
large=3
large_mb=60
min_delay=100
max_delay=2000
archive=""
mode=mirror
work_parent="${TMPDIR:-/tmp}"
keep=0

usage() {
    sed -n '2,/^set -uo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --mode) mode="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --files) files="$2"; shift 2 ;;
        --large) large="$2"; shift 2 ;;
        --large-mb) large_mb="$2"; shift 2 ;;
        --min-delay) min_delay="$2"; shift 2 ;;
        --max-delay) max_delay="$2"; shift 2 ;;
        --archive) archive="$2"; shift 2 ;;
        --work) work_parent="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        --short) rounds=3; files=300; large=1; large_mb=20; min_delay=100; max_delay=800; shift ;;
        -h|--help) usage ;;
        *) echo "unknown option: $1" >&2; usage ;;
    esac
done
for n in "$rounds" "$seed" "$files" "$large" "$large_mb" "$min_delay" "$max_delay"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "not a number: $n" >&2; exit 2; }
done
[ "$max_delay" -ge "$min_delay" ] || { echo "--max-delay must be >= --min-delay" >&2; exit 2; }
case "$mode" in
    mirror | bidirectional) ;;
    *) echo "--mode must be mirror or bidirectional, got: $mode" >&2; exit 2 ;;
esac

if [ -z "$archive" ]; then
    archive="$(ls "$repo"/karaf-assembly/target/filesync-karaf-*.tar.gz 2>/dev/null | head -n 1)"
fi
[ -n "$archive" ] && [ -f "$archive" ] || {
    echo "no distribution archive: build it (mvn install -DskipTests) or pass --archive PATH" >&2
    exit 2
}
archive="$(cd "$(dirname "$archive")" && pwd)/$(basename "$archive")"

# ------------------------------------------------------------------ tools
need() { # need COMMAND DEBIAN-PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing $2 for $1" >&2
        { apt-get install -y "$2" || { apt-get update && apt-get install -y "$2"; }; } >/dev/null 2>&1
    fi
    command -v "$1" >/dev/null 2>&1 || { echo "missing $1 (Debian package $2)" >&2; exit 2; }
}
need java openjdk-17-jdk-headless
need javac openjdk-17-jdk-headless
need tar tar
need diff diffutils
need rsync rsync

export LC_ALL=C.UTF-8 LANG=C.UTF-8

# ------------------------------------------------------------------ work folder and cleanup
mkdir -p "$work_parent"
work="$(mktemp -d "$work_parent/kill-test.XXXXXX")"
karaf="$work/karaf"
src="$work/src"
dst="$work/dst"
tools="$work/tools"
checker_pid=""

karaf_jvm() { # the pid of a live Karaf JVM, if any
    local pid
    pid="$(cat "$karaf/karaf.pid" 2>/dev/null)" || return 1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

wait_gone() { # wait_gone PID SECONDS
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

cleanup() {
    local pid
    if [ -n "$checker_pid" ]; then
        kill "$checker_pid" 2>/dev/null
        wait "$checker_pid" 2>/dev/null
    fi
    if pid="$(karaf_jvm)"; then
        "$karaf/bin/stop" >/dev/null 2>&1
        wait_gone "$pid" 60 || kill -9 "$pid" 2>/dev/null
        wait_gone "$pid" 10
    fi
    if [ "$keep" = 1 ]; then
        echo "kept $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tool() { java -cp "$tools" KillTestTool "$@"; }

mkdir -p "$tools"
javac -d "$tools" "$here/KillTestTool.java" || exit 2

# ------------------------------------------------------------------ Karaf
mkdir -p "$karaf"
tar xzf "$archive" -C "$karaf" --strip-components=1 || exit 2
chmod +x "$karaf"/bin/*
set_property() { # set_property FILE KEY VALUE
    sed -i "/^[[:space:]]*$2[[:space:]]*=/d" "$karaf/$1"
    echo "$2 = $3" >>"$karaf/$1"
}
# ports of its own, the HTTP port too, so that it runs beside another Karaf (another kill test among them)
mapfile -t ports < <(tool ports 4)
set_property etc/org.apache.karaf.shell.cfg sshPort "${ports[0]}"
set_property etc/org.apache.karaf.management.cfg rmiRegistryPort "${ports[1]}"
set_property etc/org.apache.karaf.management.cfg rmiServerPort "${ports[2]}"
set_property etc/org.ops4j.pax.web.cfg org.osgi.service.http.port "${ports[3]}"

client() { # client COMMAND...: runs the commands through bin/client -b; output in $out, exit code returned
    local rc
    out="$(printf '%s\n' "$@" | "$karaf/bin/client" -u karaf -p karaf -r 60 -d 2 -b 2>&1)"
    rc=$?
    out="$(printf '%s\n' "$out" | grep -v 'JAVA_HOME not set' | sed 's/\x1b\[[;0-9]*m//g')"
    return $rc
}

start_karaf() {
    local deadline=$((SECONDS + 180))
    rm -f "$karaf/karaf.pid"
    "$karaf/bin/start" >/dev/null 2>&1 || { echo "bin/start failed" >&2; return 1; }
    # bin/client retries until the shell answers; the command also waits for the filesync commands
    until client filesync:conduit-list; do
        if [ $SECONDS -ge $deadline ]; then
            echo "Karaf did not come up: $out" >&2
            return 1
        fi
        sleep 1
    done
    karaf_jvm >/dev/null || { echo "no Karaf JVM after start" >&2; return 1; }
}

log_excerpt() { # the warnings and errors of the Karaf log, for a failed round
    grep -E ' (WARN|ERROR) ' "$karaf/data/log/karaf.log" 2>/dev/null | grep -i filesync | tail -n 8 | sed 's/^/    log: /'
}

# ------------------------------------------------------------------ set up
echo "kill test: mode=$mode seed=$seed rounds=$rounds files=$files large=${large}x~${large_mb}MiB delay=${min_delay}-${max_delay}ms"
echo "distribution: $archive"
tool generate "$src" "$seed" "$files" "$large" "$large_mb" || exit 2
mkdir -p "$dst"
start_karaf || exit 2
client "filesync:conduit-create --mode $mode $src $dst" || { echo "conduit-create failed: $out" >&2; exit 2; }
id="$(printf '%s\n' "$out" | sed -n 's/^Conduit \([0-9][0-9]*\) created$/\1/p')"
[ -n "$id" ] || { echo "unexpected conduit-create output: $out" >&2; exit 2; }

RANDOM=$seed # the kill delays: their own seeded sequence
passed=0
failed=0
ended_before_kill=0
declare -A kills_by_moves # before, during, after the moves of the killed run (from the rerun's moved=N)

for ((round = 1; round <= rounds; round++)); do
    r="$work/round-$round"
    mkdir -p "$r"
    reasons=()
    if [ "$mode" = bidirectional ]; then
        if [ "$round" -gt 1 ]; then
            tool mutate-both "$src" "$dst" "$seed" "$round" "$large_mb" "$r/expected.txt" >"$r/mutate.txt" || exit 2
        else
            tool manifest "$src" "$r/expected.txt" || exit 2
        fi
        # what may legitimately appear at a path on either end: any version either end held
        tool versions "$src" "$work/versions.txt" || exit 2
        tool versions "$dst" "$work/versions.txt" || exit 2
        watched=("$dst" "$src")
    else
        if [ "$round" -gt 1 ]; then
            tool mutate "$src" "$seed" "$round" "$large_mb" >"$r/mutate.txt" || exit 2
        fi
        tool versions "$src" "$work/versions.txt" || exit 2
        tool manifest "$src" "$r/source-before.txt" || exit 2
        watched=("$dst")
    fi

    # the checker watches the target (both ends in bidirectional) from before the run until after the kill
    tool check "${watched[0]}" "$work/versions.txt" "$r/stop" "$r/violations.txt" "${watched[@]:1}" >"$r/checker.out" 2>&1 &
    checker_pid=$!
    until [ -e "$r/violations.txt.ready" ] || ! kill -0 "$checker_pid" 2>/dev/null; do sleep 0.05; done

    delay=$((min_delay + RANDOM * (max_delay - min_delay) / 32767))
    # the delay counts from the moment the shell printed the generation, not from the client's exit
    : >"$r/sync.out"
    printf 'filesync:sync %s\n' "$id" | "$karaf/bin/client" -u karaf -p karaf -r 60 -d 2 -b >"$r/sync.out" 2>&1 &
    sync_client=$!
    generation=""
    while [ -z "$generation" ] && kill -0 "$sync_client" 2>/dev/null; do
        generation="$(sed -n 's/^Generation \([0-9][0-9]*\) started.*$/\1/p' "$r/sync.out")"
        [ -n "$generation" ] || sleep 0.01
    done
    [ -n "$generation" ] || generation="$(sed -n 's/^Generation \([0-9][0-9]*\) started.*$/\1/p' "$r/sync.out")"
    if [ -n "$generation" ]; then
        sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    else
        reasons+=("sync did not start: $(tr '\n' ' ' <"$r/sync.out")")
    fi
    pid="$(karaf_jvm)" && kill -9 "$pid" && wait_gone "$pid" 30
    wait "$sync_client" 2>/dev/null

    touch "$r/stop"
    wait "$checker_pid"
    checker_pid=""
    if [ -s "$r/violations.txt" ]; then
        reasons+=("partial file under a final name: $(head -n 1 "$r/violations.txt")")
    elif ! grep -q '^checker:' "$r/checker.out"; then
        reasons+=("checker failed: $(tail -n 3 "$r/checker.out")")
    fi

    if ! start_karaf; then
        reasons+=("Karaf did not restart")
    else
        if ! client "filesync:sync --wait $id"; then
            reasons+=("rerun failed: $(printf '%s\n' "$out" | tail -n 1)")
        elif ! printf '%s\n' "$out" | grep -q 'status=verified$'; then
            reasons+=("rerun not verified: $(printf '%s\n' "$out" | tail -n 1)")
        elif [ "$mode" = bidirectional ] && ! printf '%s\n' "$out" | tail -n 1 | grep -q ' conflicts=0 '; then
            reasons+=("rerun saw conflicts: $(printf '%s\n' "$out" | tail -n 1)")
        fi
        rerun_moved="$(printf '%s\n' "$out" | tail -n 1 | sed -n 's/.* moved=\([0-9][0-9]*\) .*/\1/p')"
        if [ "$mode" = bidirectional ]; then
            # disjoint edits: no conflict, ever; and the converged ends leave nothing to plan
            client "filesync:conflicts --no-format --all $id"
            printf '%s\n' "$out" >"$r/conflicts.txt"
            conflicts="$(grep -v -e '^Path' -e '^No conflicts recorded' -e '^[[:space:]]*$' "$r/conflicts.txt" | head -n 2 | tr '\n' ' ')"
            [ -z "$conflicts" ] || reasons+=("conflicts recorded: $conflicts")
            client "filesync:sync --dry-run $id"
            printf '%s\n' "$out" >"$r/dry-run.txt"
            grep -q '^Dry run: 0 operations' "$r/dry-run.txt" ||
                reasons+=("a dry run after the rerun plans: $(head -n 3 "$r/dry-run.txt" | tr '\n' ' ')")
        fi
        client "filesync:history --no-format $id"
        printf '%s\n' "$out" >"$r/history.txt"
        if [ -n "$generation" ]; then
            # columns (--no-format prints no header): generation, started, completed, phase, trigger, copied,
            # deleted, conflicts, bytes, status, ...
            phase="$(awk -F'\t' -v g="$generation" '$1 + 0 == g { gsub(/ /, "", $4); print $4 }' "$r/history.txt")"
            status="$(awk -F'\t' -v g="$generation" '$1 + 0 == g { gsub(/^ +| +$/, "", $10); print $10 }' "$r/history.txt")"
            if [ "$phase" = failed ] && [ "$status" = failed:interrupted ]; then
                :
            elif [ "$phase" = completed ]; then
                # the kill came after the run had ended: nothing to interrupt, the other checks still hold
                ended_before_kill=$((ended_before_kill + 1))
                note=" (generation $generation had ended before the kill: $status)"
            else
                reasons+=("history does not show generation $generation as failed:interrupted: phase=${phase:-none} status=${status:-none}")
            fi
        fi
    fi

    if [ "$mode" = bidirectional ]; then
        for end in source target; do
            [ "$end" = source ] && dir="$src" || dir="$dst"
            tool manifest "$dir" "$r/$end-after.txt"
            if ! cmp -s "$r/expected.txt" "$r/$end-after.txt"; then
                reasons+=("$end differs from the expected tree: $(diff "$r/expected.txt" "$r/$end-after.txt" | grep '^[<>]' | head -n 2 | tr '\n' ' ')")
            fi
        done
    else
        tool manifest "$src" "$r/source-after.txt"
        if ! cmp -s "$r/source-before.txt" "$r/source-after.txt"; then
            reasons+=("source changed: $(diff "$r/source-before.txt" "$r/source-after.txt" | head -n 3 | tr '\n' ' ')")
        fi
    fi
    if ! diff -r --exclude=.filesync "$src" "$dst" >"$r/diff.txt" 2>&1; then
        reasons+=("target differs from source: $(head -n 2 "$r/diff.txt" | tr '\n' ' ')")
    fi
    # the root folder's own mtime is not compared: the target's changes when .filesync/ is written in it
    rsync -ani --delete --exclude=.filesync "$src/" "$dst/" 2>&1 | grep -v '^\.d\.\.t\.\.\.\.\.\. \./$' >"$r/rsync.txt"
    if [ "$mode" = bidirectional ]; then
        # bidirectional mode agrees on directories by kind alone: a directory's mtime is restored only
        # after a generation wrote into it, so one the killed generation wrote into keeps the time of
        # that write. Counted and reported on the round's line, not a failure.
        dir_mtimes="$(grep -c '^\.d\.\.t\.\.\.\.\.\. ' "$r/rsync.txt")"
        grep -v '^\.d\.\.t\.\.\.\.\.\. ' "$r/rsync.txt" >"$r/rsync-files.txt"
        mv "$r/rsync-files.txt" "$r/rsync.txt"
        [ "$dir_mtimes" -eq 0 ] || note="${note:-} ($dir_mtimes directory mtimes differ between the ends)"
    fi
    if [ -s "$r/rsync.txt" ]; then
        reasons+=("rsync sees differences: $(head -n 3 "$r/rsync.txt" | tr '\n' ' ')")
    fi
    if ! tool compare "$src" "$dst" >"$r/compare.txt"; then
        reasons+=("mode or mtime differs: $(head -n 1 "$r/compare.txt")")
    fi
    leftovers="$(find "$src/.filesync/tmp" "$dst/.filesync/tmp" -mindepth 1 -not -type d 2>/dev/null | head -n 3)"
    [ -z "$leftovers" ] || reasons+=("temp files left: $(echo "$leftovers" | tr '\n' ' ')")

    # the moves the round's change set made, and how many of them the rerun still had to do
    moves="$(sed -n 's/^moves: //p' "$r/mutate.txt" 2>/dev/null)"
    if [ -n "$moves" ]; then
        planned_moves="$(printf '%s\n' "$moves" | awk '{ print $1 + $3 }')"
        if [ "${rerun_moved:-}" = 0 ]; then
            killed_moves=after
        elif [ "${rerun_moved:-}" = "$planned_moves" ]; then
            killed_moves=before
        elif [ -n "${rerun_moved:-}" ]; then
            killed_moves=during
        else
            killed_moves=unknown
        fi
        kills_by_moves[$killed_moves]=$((${kills_by_moves[$killed_moves]:-0} + 1))
        moved=" ($moves moved; rerun moved=${rerun_moved:-?}: killed $killed_moves the moves)"
    else
        moved=" (rerun moved=${rerun_moved:-?})"
    fi
    if [ ${#reasons[@]} -eq 0 ]; then
        passed=$((passed + 1))
        echo "round $round: killed after $delay ms$moved, PASS${note:-}"
    else
        failed=$((failed + 1))
        echo "round $round: killed after $delay ms$moved, FAIL: $(printf '%s; ' "${reasons[@]}")"
        log_excerpt
    fi
    note=""
    rerun_moved=""
done

[ "$ended_before_kill" -eq 0 ] || echo "($ended_before_kill of $rounds runs had ended before their kill)"
if [ ${#kills_by_moves[@]} -gt 0 ]; then
    echo "(kills by the moves of the killed run: before ${kills_by_moves[before]:-0}, during ${kills_by_moves[during]:-0}, after ${kills_by_moves[after]:-0}, unknown ${kills_by_moves[unknown]:-0})"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
