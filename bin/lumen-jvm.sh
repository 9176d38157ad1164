# Sourced by bin/lumen and by scripts that start Lumen's JVMs themselves (bench/run): the JVM options of
# the two ways Lumen runs.
#
#   lumen_fast_jvm_opts        array: interpreter-only Truffle on HotSpot's tiered C1 and C2 (C2 compiles
#                              the Truffle interpreter's own loop: loop 10M 2.28 s on C1 alone, 1.25 s with
#                              C2). An AOT cache must be trained and used with exactly these options.
#                              A young generation of at most 32 MB: a program that allocates much (strings 1M)
#                              peaked at 267 MB RSS with the default's, 185 MB with it, in the same time.
#   lumen_short_jvm_opts       array: added to the fast path's options for the commands that run no guest
#                              program (check, fmt, --help, ...): C1 alone, as profiling for C2 costs about
#                              150 ms of CPU on a 0.3 s process and pays off only for longer runs. HotSpot
#                              accepts the same AOT cache with it (-Xlog:aot: "Opened AOT cache").
#   lumen_jit_jvm_opts DIR     prints, one per line, the options of the optimizing Truffle runtime: the
#                              Graal compiler jars in DIR on the upgrade module path under JVMCI. Read them
#                              with: mapfile -t opts < <(lumen_jit_jvm_opts "$dir")
#
# The parent pom's lumen.jit.argLine holds the same JIT options for test JVMs, but for the compiler setting.

# shellcheck disable=SC2034  # used by the scripts that source this file
lumen_fast_jvm_opts=(
    -XX:+UseSerialGC -XX:MaxNewSize=32m
    -Xlog:aot=off -Xlog:cds=off
    --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
    -Dpolyglot.engine.WarnInterpreterOnly=false
)

# shellcheck disable=SC2034
lumen_short_jvm_opts=(-XX:TieredStopAtLevel=1)

# The client of the daemon (docs/spec/daemon.md) copies bytes between its streams and a socket: C1 alone, the
# serial collector, a small heap, and no performance-data file, for a JVM that starts in ~40 ms.
# shellcheck disable=SC2034
lumen_client_jvm_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx32m -XX:-UsePerfData
    -Xlog:disable -Xlog:all=warning:stderr)

# Added to the optimizing runtime's options for the daemon, which outlives its commands: the serial collector
# (about 90 MB less resident than G1 for the same runs, in the same time), which gives back what a collection
# leaves over 20 % free, all at once (not over several collections), down to an initial heap of 48 MB (the
# default, 1/64 of the machine's memory, is a floor the heap never shrinks below: ~400 MB here). The young
# generation is fixed at 32 MB: sized with a heap that shrinks after every large run, it would be 10 MB, and
# allocation-heavy runs would collect it all the time and promote what dies soon after (strings 1M ran 1.4x
# slower). The daemon collects after a run that grew the heap (docs/spec/daemon.md).
# shellcheck disable=SC2034
lumen_daemon_jvm_opts=(-XX:+UseSerialGC -Xms48m -Xmn32m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20
    -XX:-ShrinkHeapInSteps)

# compiler.InliningRecursionDepth: Graal inlines a cell into itself 4 levels deep instead of 2, so that a
# recursive cell makes a Truffle call (argument array, boxed result) once per 31 activations instead of once
# per 7: fib(32) is about 1.2x faster, and cells that do not recurse are unaffected (bench/README.md).
# The option is experimental: a Context built on this JVM must allow experimental options, as Lumen's own
# do. Test JVMs leave it out (lumen.jit.argLine); RunConformanceTest passes it to its compiled runs.
lumen_jit_jvm_opts() {
    printf '%s\n' -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI \
        "--upgrade-module-path=$1" \
        --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
        -Dpolyglot.compiler.InliningRecursionDepth=4
}
