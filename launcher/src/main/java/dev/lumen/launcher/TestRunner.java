package dev.lumen.launcher;

import dev.lumen.language.CheckedDocument;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.ast.Decl;
import dev.lumen.language.project.ProjectLoader;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.syntax.Assertions;
import dev.lumen.language.truffle.LumenLanguage;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.json.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Runs the tests of one document: each in a context of its own whose tool calls only its fixtures answer
 * (option {@code lumen.Fixtures}), with no store, so a test writes no trace and reads no cache.
 */
final class TestRunner {
    private TestRunner() {
    }

    /** The outcomes of the tests of {@code file} whose names contain {@code filter} (all when it is null). */
    static TestResult run(SourceFile file, String filter) {
        CheckedDocument checked = FrontEnd.analyse(file, ProjectLoader.load(file, Host.current().environment()));
        if (checked.result().hasErrors()) {
            return new TestResult(file, List.of(), checked.result().diagnostics());
        }
        List<Decl.Cell> tests = new ArrayList<>();
        for (Decl decl : checked.program().program().decls()) {
            if (decl instanceof Decl.Cell cell && cell.test() != null
                    && (filter == null || cell.test().title().contains(filter))) {
                tests.add(cell);
            }
        }
        List<TestResult.Outcome> outcomes = new ArrayList<>();
        if (tests.isEmpty()) {
            return new TestResult(file, outcomes, List.of());
        }
        Source.Builder builder = Source.newBuilder(LumenLanguage.ID, file.text(), file.name()).mimeType("text/x-lumen");
        file.path().ifPresent(path -> builder.uri(Host.current().absolute(path).toUri()));
        Source source = builder.buildLiteral();
        ByteArrayOutputStream engineOutput = new ByteArrayOutputStream();
        try (Engine engine = RunEngines.builder(engineOutput, engineOutput, false, Map.of()).build()) {
            for (Decl.Cell test : tests) {
                outcomes.add(runOne(engine, source, test));
            }
        }
        return new TestResult(file, outcomes, List.of());
    }

    private static TestResult.Outcome runOne(Engine engine, Source source, Decl.Cell test) {
        long started = System.nanoTime();
        ByteArrayOutputStream guest = new ByteArrayOutputStream();
        try (Context context = Context.newBuilder(LumenLanguage.ID).engine(engine).out(guest).err(guest)
                .option("lumen.Fixtures", fixtures(test.test())).build()) {
            try {
                Value module = context.eval(source);
                module.getMember(test.name().name()).execute();
                return outcome(test, true, null, null, started);
            } catch (PolyglotException e) {
                if (!e.isGuestException() || e.isInternalError() || e.isCancelled()) {
                    throw e;
                }
                // read while the context is open: the error is a guest object
                Decl.ExpectError expected = test.test().expected();
                if (expected == null || expected.returned().equals(e.getMessage())) {
                    return outcome(test, false, e.getMessage(), location(e), started);
                }
                String kind = member(e.getGuestObject(), "kind");
                if (!stoppedOnLine(e.getGuestObject(), test.name().name(), expected.line())) {
                    return outcome(test, false, e.getMessage(), location(e), started);
                }
                if (expected.kind().equals(kind)) {
                    return outcome(test, true, null, null, started);
                }
                return outcome(test, false, "expect_error: expected a " + expected.kind() + " error, but the call "
                        + "failed with a " + kind + " error: " + e.getMessage(), location(e), started);
            }
        }
    }

    private static TestResult.Outcome outcome(Decl.Cell test, boolean passed, String message, String location,
            long started) {
        return new TestResult.Outcome(test.test().title(), test.span().line(), passed, message, location,
                millisSince(started));
    }

    /** Whether the error's Lumen stack has the test's own cell stopped on {@code line} (its `expect_error`). */
    private static boolean stoppedOnLine(Value error, String cell, int line) {
        if (error == null || !error.hasMember("stack")) {
            return false;
        }
        Value stack = error.getMember("stack");
        for (long i = 0; i < stack.getArraySize(); i++) {
            Value frame = stack.getArrayElement(i);
            if (frame.hasHashEntries() && cell.equals(frame.getHashValue("cell").asString())) {
                Value at = frame.getHashValue("line");
                return at != null && !at.isNull() && at.asInt() == line;
            }
        }
        return false;
    }

    private static String member(Value object, String name) {
        if (object == null || !object.hasMember(name) || object.getMember(name).isNull()) {
            return null;
        }
        Value value = object.getMember(name);
        return value.isString() ? value.asString() : value.toString();
    }

    /** Where a failure happened, as {@code FILE:LINE:COLUMN}, or null when the error has no place. */
    private static String location(PolyglotException e) {
        Value guest = e.getGuestObject();
        if (guest == null || !guest.hasMember("line") || guest.getMember("line").isNull()) {
            return null;
        }
        return guest.getMember("file").asString() + ":" + guest.getMember("line").asInt() + ":"
                + guest.getMember("column").asInt();
    }

    /** The option {@code lumen.Fixtures} of a test: the list of its fixtures' outputs by alias (or Alias.tool). */
    static String fixtures(Decl.Test test) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (Decl.Fixture f : test.fixtures()) {
            outputs.put(f.alias().name() + (f.tool() == null ? "" : "." + f.tool().name()),
                    f.values().stream().map(Assertions::json).toList());
        }
        return CanonicalJson.write(outputs);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
