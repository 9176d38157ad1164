# Sourced by bin/mvn and bin/lumen: selects a JDK 25, exports JAVA_HOME and sets LUMEN_JDK_VERSION
# (the JDK's full version, e.g. 25.0.3).
#
# Order: $JAVA_HOME if it is a JDK 25 (or newer), then
# /usr/lib/jvm/temurin-25-jdk-amd64, then any /usr/lib/jvm/*25*.

lumen_jdk_feature() { # prints the feature version of the JDK at $1, or nothing
    local release="$1/release" v
    [[ -x "$1/bin/java" && -x "$1/bin/javac" && -r "$release" ]] || return 0
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release")
    printf '%s' "$v"
}

lumen_select_jdk() {
    local candidate v
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
        [[ -n "$candidate" && -d "$candidate" ]] || continue
        v=$(lumen_jdk_feature "$candidate")
        if [[ -n "$v" && "$v" -ge 25 ]]; then
            export JAVA_HOME="$candidate"
            LUMEN_JDK_VERSION=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$candidate/release")
            return 0
        fi
    done
    echo "lumen: no JDK 25 found. Install one (e.g. Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64)" \
         "or set JAVA_HOME to a JDK 25." >&2
    return 1
}
