package dev.lumen.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The fuzzer's oracle tells failures from every other outcome, and names a failure's class by where it came from. */
class OracleTest {
    private static InProcessLumen.Result result(int status, String err) {
        return new InProcessLumen.Result(status, "", err, false, false);
    }

    @Test
    void internalErrorsAndJavaTracesAreFailures() {
        assertEquals(Verdict.FAILURE, Oracle.verdict(Command.CHECK, result(101, "")));
        assertEquals(Verdict.FAILURE, Oracle.verdict(Command.RUN_MODULE, result(1,
                "error: boom\n\tat dev.lumen.lir.interpreter.LumenBytecodeNode.length(LumenBytecodeNode.java:937)\n")));
        assertEquals(Verdict.FAILURE, Oracle.verdict(Command.RUN_DOCUMENT, result(1, "error: java.lang.ClassCastException")));
        assertEquals(Verdict.FAILURE, Oracle.verdict(Command.CHECK, result(1, "error: NullPointerException")));
        assertEquals(Verdict.FAILURE, Oracle.verdict(Command.EMIT, result(1, "error: internal error: no arithmetic")));
        assertEquals(Verdict.FAILURE, Oracle.verdict(Command.RUN_MODULE, result(3, "")));
        assertEquals(Verdict.FAILURE, Oracle.verdict(Command.RUN_MODULE, new InProcessLumen.Result(-1, "", "", true, true)));
    }

    @Test
    void everythingElseIsSortedByOutcome() {
        assertEquals(Verdict.OK, Oracle.verdict(Command.RUN_DOCUMENT, result(0, "")));
        assertEquals(Verdict.DIAGNOSTICS, Oracle.verdict(Command.CHECK, result(1, "error[E0012]: mismatched types\n")));
        assertEquals(Verdict.DIAGNOSTICS, Oracle.verdict(Command.RUN_MODULE,
                result(1, "`x.lir.json` is not a valid LIR module:\n  cell `run` pc 0: …\n")));
        assertEquals(Verdict.RUNTIME_ERROR, Oracle.verdict(Command.RUN_DOCUMENT,
                result(1, "error: division by zero: 1 / 0\n  --> a.lm.md:3:10\n")));
        // Lumen's own error records are not Java exceptions
        assertEquals(Verdict.RUNTIME_ERROR, Oracle.verdict(Command.RUN_DOCUMENT, result(1, "error: ValidationError: at `a`\n")));
        assertEquals(Verdict.USAGE, Oracle.verdict(Command.RUN_DOCUMENT, result(2, "error: missing argument `n: Int`\n")));
        assertEquals(Verdict.TIMEOUT, Oracle.verdict(Command.RUN_MODULE,
                new InProcessLumen.Result(1, "", "error: the run was cancelled\n", true, false)));
    }

    @Test
    void aFailureIsNamedByItsExceptionAndInnermostLumenFrame() {
        String trace = """
                error: internal error in lumen: org.graalvm.polyglot.PolyglotException: java.lang.ClassCastException: class java.lang.Long cannot be cast to class java.lang.Boolean
                org.graalvm.polyglot.PolyglotException: java.lang.ClassCastException: class java.lang.Long cannot be cast
                \tat dev.lumen.lir.interpreter.LumenBytecodeNode.writeBoxed(LumenBytecodeNode.java:716)
                \tat dev.lumen.lir.interpreter.LumenBytecodeNode.arithmetic(LumenBytecodeNode.java:976)
                """;
        assertEquals("java.lang.ClassCastException at dev.lumen.lir.interpreter.LumenBytecodeNode.writeBoxed(LumenBytecodeNode.java:716)",
                Oracle.failureClass(result(101, trace)));
        // without a trace: the first line, numbers and quoted text blanked, so that messages alike are one class
        assertEquals(Oracle.failureClass(result(1, "error: internal error: cannot order `a` and 12\n")),
                Oracle.failureClass(result(1, "error: internal error: cannot order `bb` and 7\n")));
    }

    @Test
    void aLongChainOfNamesIsReadWithoutOverflowingTheStack() {
        String chain = "x" + ".a".repeat(200_000) + " Error";
        assertEquals(Verdict.DIAGNOSTICS, Oracle.verdict(Command.CHECK, result(1, "error[E0029]: " + chain)));
    }
}
