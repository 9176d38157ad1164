package dev.lumen.conformance.fuzz;

/** How one command ended, as the figures count it. Only {@link #FAILURE} breaks the fuzzer's oracle. */
enum Verdict {
    /** Exit status 0. */
    OK("ok"),
    /** Exit status 1 with compile diagnostics, or an invalid LIR module. */
    DIAGNOSTICS("diagnostics"),
    /** Exit status 1 from a run that halted or hit a runtime error. */
    RUNTIME_ERROR("runtime error"),
    /** Exit status 2: unreadable input or bad arguments. */
    USAGE("usage"),
    /** The watchdog cancelled a run that went on too long (a mutated program may loop forever). */
    TIMEOUT("timeout"),
    /** An internal error, a Java stack trace, another exit status, or a run that did not stop when cancelled. */
    FAILURE("FAILURE");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
