package dev.lumen.conformance.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Runs a {@link ValidationCase} on an engine, traced into a fresh store, and checks every call: validation gives
 * the value or a ValidationError (a halt with its message for {@code expect schema}); a host value that does
 * not fit is an argument error; {@code patch} may stop the run with its own error. Anything else — an internal
 * error, a Java exception, a runtime error out of validation — fails the case.
 */
final class ValidationRuns {
    private static final Pattern SUMMARY = Pattern.compile("\\d+ validation errors? for .*", Pattern.DOTALL);
    /**
     * The test reads JSON into host values with limits beyond Lumen's, which are under test (nesting too, but
     * short of what the test's own recursion can take).
     */
    private static final ObjectMapper HOST_JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE).maxNestingDepth(1200).build())
            .build()).build();

    /** What {@link #hostValue} gives for text the test's own reader does not take. */
    private static final Object NOT_JSON = new Object();

    private ValidationRuns() {
    }

    /** An engine for Lumen with {@code options} (experimental ones allowed), its log discarded. */
    static Engine engine(Map<String, String> options) {
        return Engine.newBuilder("lumen").allowExperimentalOptions(true).options(options)
                .option("engine.WarnInterpreterOnly", "false").out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream()).build();
    }

    /** What every call of the case gave, in order, each checked. */
    static List<String> run(Engine engine, ValidationCase c) {
        Path store = temporaryStore();
        try (Context context = Context.newBuilder("lumen").engine(engine).option("lumen.Store", store.toString())
                .out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream()).build()) {
            Value module;
            try {
                module = context.eval(Source.newBuilder("lumen", c.document(), "generated.lm.md").buildLiteral());
            } catch (PolyglotException e) {
                return fail("the generated document does not compile:\n" + e.getMessage());
            }
            List<String> outcomes = new ArrayList<>();
            for (String text : c.texts()) {
                outcomes.add(soft(module.getMember("soft"), text));
                outcomes.add(call(module.getMember("strict"), "expect schema of " + ValidationCase.shown(text), text));
                Object data = hostValue(text);
                if (data != NOT_JSON) {
                    outcomes.add(call(module.getMember("tree"), "validate of the Json value " + ValidationCase.shown(text), data));
                    outcomes.add(call(module.getMember("host"), "the host value " + ValidationCase.shown(text), data));
                    outcomes.add(call(module.getMember("patched"), "patch to " + ValidationCase.shown(text), c.seed(), data));
                }
            }
            return outcomes;
        } finally {
            delete(store);
        }
    }

    /** {@code validate} returns ok(value) or err(a ValidationError with at least one failure and its summary). */
    private static String soft(Value cell, String text) {
        Value result;
        try {
            result = cell.execute(text);
        } catch (PolyglotException e) {
            return fail("validate of " + ValidationCase.shown(text) + " did not return a result: " + describe(e));
        }
        if (result.hasMember("err")) {
            Value error = result.getMember("err");
            String message = error.getMember("message").asString();
            assertTrue(SUMMARY.matcher(message).matches(), () -> "not a validation summary: " + message);
            assertTrue(error.getMember("errors").getArraySize() >= 1, () -> "a ValidationError without failures: " + message);
            return "err " + message;
        }
        assertTrue(result.hasMember("ok"), () -> "not a result: " + result);
        return "ok " + result.getMember("ok");
    }

    /**
     * A call that returns, or stops as the program may: a halt with a ValidationError's summary (from
     * {@code expect schema}), a host argument that does not fit, or a patched value that is not of the type.
     */
    private static String call(Value cell, String what, Object... arguments) {
        try {
            return "value " + cell.execute(arguments);
        } catch (PolyglotException e) {
            if (!e.isGuestException() || e.isInternalError() || e.getGuestObject() == null
                    || !e.getGuestObject().hasMember("kind")) {
                return fail(what + " failed with " + describe(e));
            }
            String kind = e.getGuestObject().getMember("kind").asString();
            String message = e.getMessage();
            boolean expected = switch (kind) {
                case "halt" -> SUMMARY.matcher(message).matches();
                case "runtime" -> what.startsWith("patch") && message.startsWith("patch: the patched value is not a valid ");
                case "argument" -> !what.startsWith("expect schema");
                default -> false;
            };
            assertTrue(expected, () -> what + " stopped with an error of kind " + kind + ": " + message);
            return kind + " " + message;
        }
    }

    private static String describe(PolyglotException e) {
        StringBuilder b = new StringBuilder(e.isInternalError() ? "an internal error: " : "an error: ").append(e.getMessage());
        for (var frame : e.getPolyglotStackTrace()) {
            if (frame.toString().contains("dev.lumen.conformance")) {
                break; // the test's own frames and the harness below them
            }
            b.append("\n  at ").append(frame);
        }
        return b.toString();
    }

    /**
     * JSON text as a host passes it (objects and arrays as proxies, as `lumen run --arg` does), or NOT_JSON. The
     * host's strings are taken as they are, lone surrogates included; a number past a double is not passed, since
     * a traced run must record its arguments and an infinity has no JSON form (run.md §3).
     */
    private static Object hostValue(String text) {
        try {
            return host(HOST_JSON.readTree(text));
        } catch (IOException | RuntimeException e) {
            return NOT_JSON;
        }
    }

    private static Object host(JsonNode node) {
        if (node == null) {
            throw new IllegalArgumentException("empty");
        }
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> members = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    members.put(e.getKey(), host(e.getValue()));
                }
                yield ProxyObject.fromMap(members);
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (JsonNode item : node) {
                    items.add(host(item));
                }
                yield ProxyArray.fromList(items);
            }
            case NUMBER -> {
                if (Double.isInfinite(node.doubleValue())) {
                    throw new IllegalArgumentException("a number past a double");
                }
                yield node.isIntegralNumber() ? (node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue())
                        : (Object) node.doubleValue();
            }
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            default -> null;
        };
    }

    /** A fresh, empty store in the temporary directory. */
    static Path temporaryStore() {
        try {
            return Files.createTempDirectory("lumen-validation");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same case on two engines gives the same outcomes, call by call. */
    static void assertSameOutcomes(List<String> expected, List<String> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            int at = i;
            assertEquals(expected.get(i), actual.get(i), () -> "call " + at + " differs");
        }
    }
}
