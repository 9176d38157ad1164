# Sourced by bin/mvn and bin/lumen: selects a JDK 25, exports JAVA_HOME and sets LUMEN_JDK_VERSION
# (the JDK's full version, e.g. 25.0.3).
#
# Order: $JAVA_HOME if it is a JDK 25 (or newer), then
# /usr/lib/jvm/temurin-25-jdk-amd64, then any /usr/lib/jvm/*25*.

# Sets LUMEN_JDK_VERSION to the full version of the JDK at $1 and returns 0 if it is a JDK 25 or newer.
# Read with the shell's own read and pattern match: no process is forked, as this runs before every command.
lumen_jdk_is_25() {
    local release="$1/release" line version=""
    [[ -x "$1/bin/java" && -x "$1/bin/javac" && -r "$release" ]] || return 1
    while IFS= read -r line || [[ -n $line ]]; do
        if [[ $line =~ ^JAVA_VERSION=\"([0-9]+)([^\"]*)\"$ ]]; then
            (( BASH_REMATCH[1] >= 25 )) || return 1
            version="${BASH_REMATCH[1]}${BASH_REMATCH[2]}"
            break
        fi
    done <"$release"
    [[ -n $version ]] || return 1
    LUMEN_JDK_VERSION=$version
}

lumen_select_jdk() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
        [[ -n "$candidate" && -d "$candidate" ]] || continue
        if lumen_jdk_is_25 "$candidate"; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    echo "lumen: no JDK 25 found. Install one (e.g. Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64)" \
         "or set JAVA_HOME to a JDK 25." >&2
    return 1
}
