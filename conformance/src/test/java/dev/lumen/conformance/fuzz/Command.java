package dev.lumen.conformance.fuzz;

/**
 * What the fuzzer does with an input. Checking and emitting go through the {@code lumen} command or straight to
 * the front end, which is several times faster (no command line to parse, no file to write) and checks a little
 * more: the emitted module must read back and pass the verifier. Runs always go through the command.
 */
enum Command {
    /** {@code lumen check --offline} of a mutated document. */
    CHECK("lumen check"),
    /** The front end's check of a mutated document, its diagnostics rendered for a terminal and as JSON. */
    CHECK_FRONT_END("FrontEnd.check"),
    /** {@code lumen emit} of a mutated document. */
    EMIT("lumen emit"),
    /** The front end's compilation of a mutated document, the module written, read back and verified. */
    EMIT_FRONT_END("FrontEnd.compile"),
    /** {@code lumen run --offline} of a mutated document, with possibly mutated arguments. */
    RUN_DOCUMENT("lumen run .lm.md"),
    /** {@code lumen run --offline} of a mutated LIR module ({@code .lir.json}). */
    RUN_MODULE("lumen run .lir.json");

    private final String label;

    Command(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    boolean runs() {
        return this == RUN_DOCUMENT || this == RUN_MODULE;
    }

    boolean checks() {
        return this == CHECK || this == CHECK_FRONT_END;
    }

    /** The file name the input is written as. */
    String fileName() {
        return this == RUN_MODULE ? "input.lir.json" : "input.lm.md";
    }
}
