package dev.lumen.bench;

import dev.lumen.bench.baseline.Programs;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Peak time of a Lumen cell, in-process: builds a polyglot {@link Context} for language {@code lumen},
 * evaluates the document once, then executes one cell repeatedly, warm-up iterations first (see {@link
 * PeakTimer}).
 *
 * <pre>
 * java [JVM options] -cp bench/target/lumen-benchmarks.jar dev.lumen.bench.PeakRunner FILE
 *      [--cell NAME] [--arg NAME=VALUE]... [--expect-jit | --expect-interpreter]
 *      [--warmup-seconds S] [--warmup-min K] [--iterations M] [--budget-seconds B] [--once]
 *      [--java PROGRAM]
 *      [--engine.OPTION=VALUE | --OPTION=VALUE ...]
 * </pre>
 *
 * <p>Whether guest code is compiled is decided by the JVM it runs on, as for {@code bin/lumen}: the
 * optimizing runtime needs the Graal compiler on the upgrade module path ({@code lumen_jit_jvm_opts} in
 * bin/lumen-jvm.sh); on any other JVM Truffle only interprets. {@code --expect-jit} fails the run when the
 * engine is not the optimizing one, so a silent fallback to the interpreter is not reported as a JIT time;
 * {@code --expect-interpreter} fails it when it is. Other {@code --name=value} options are polyglot options
 * ({@code --engine.Compilation=false} turns the JIT off on the optimizing runtime).
 *
 * <p>The cell defaults to {@code run}. Arguments are matched to the cell's parameters by name; for a
 * parameter that is not a String, a value that reads as an integer is an Int, {@code true}/{@code false} a
 * Bool, a decimal number a Float. The last line printed is {@link PeakTimer.Result#line()}, whose checksum is the cell's result
 * as canonical JSON; with {@code --once} only that JSON is printed. Errors go to standard error, one line
 * first (what bench/run shows), exit status 1.
 *
 * <p>{@code --java PROGRAM} also times the plain-Java version of the program ({@link Programs}, on the
 * argument {@code n}) in the same JVM, in turns with the cell ({@link PeakTimer#measureInTurns}), and then
 * prints {@code java checksum=C median_ms=X min_ms=Y ratio=R}: R is the median of the rounds' Lumen time over
 * Java time. Timing both in one process moments apart keeps the machine's own variation (which on a shared
 * virtual machine moves either side by half from one process to the next) out of the ratio. The Java code is
 * compiled by HotSpot's C2 as on a plain JVM: the Graal compiler of the optimizing runtime compiles only
 * Truffle's guest code.
 */
public final class PeakRunner {
    private PeakRunner() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (PolyglotException e) {
            System.err.println("error: " + firstLine(e.getMessage()));
            if (e.isInternalError() || e.isHostException()) {
                e.printStackTrace();
            }
            System.exit(1);
        } catch (RuntimeException | IOException e) {
            System.err.println("error: " + firstLine(String.valueOf(e.getMessage())) + " (" + e.getClass().getName() + ")");
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static int run(String[] args) throws IOException {
        String file = null;
        String cell = "run";
        Map<String, String> argValues = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        String expect = null;
        boolean once = false;
        String javaName = null;
        PeakTimer timer = new PeakTimer();
        for (int i = 0; i < args.length; ) {
            String a = args[i];
            int next = timer.parseOption(args, i);
            if (next != i) {
                i = next;
            } else if (a.equals("--cell") && i + 1 < args.length) {
                cell = args[i + 1];
                i += 2;
            } else if (a.equals("--arg") && i + 1 < args.length) {
                String nv = args[i + 1];
                int eq = nv.indexOf('=');
                if (eq < 0) {
                    return usage("--arg takes NAME=VALUE, got " + nv);
                }
                argValues.put(nv.substring(0, eq), nv.substring(eq + 1));
                i += 2;
            } else if (a.equals("--expect-jit") || a.equals("--expect-interpreter")) {
                expect = a;
                i++;
            } else if (a.equals("--java") && i + 1 < args.length) {
                javaName = args[i + 1];
                i += 2;
            } else if (a.equals("--once")) {
                once = true;
                i++;
            } else if (a.startsWith("--") && a.contains("=")) {
                int eq = a.indexOf('=');
                options.put(a.substring(2, eq), a.substring(eq + 1));
                i++;
            } else if (!a.startsWith("--") && file == null) {
                file = a;
                i++;
            } else {
                return usage("unexpected argument " + a);
            }
        }
        if (file == null) {
            return usage("no document given");
        }
        LongUnaryOperator javaProgram = javaName == null ? null : Programs.ALL.get(javaName);
        if (javaName != null && (javaProgram == null || !argValues.containsKey("n"))) {
            return usage("--java takes one of " + Programs.NAMES + " and needs --arg n=N");
        }

        Context.Builder builder = Context.newBuilder("lumen")
                .allowAllAccess(true)
                .option("engine.WarnInterpreterOnly", "false")
                .options(options);
        try (Context context = builder.build()) {
            Engine engine = context.getEngine();
            if (!engine.getLanguages().containsKey("lumen")) {
                System.err.println("error: language lumen is not installed (no TruffleLanguage registration)");
                return 1;
            }
            String implementation = engine.getImplementationName();
            boolean interpreted = implementation.toLowerCase(Locale.ROOT).contains("interpreted");
            if ("--expect-jit".equals(expect) && interpreted) {
                System.err.println("error: the optimizing Truffle runtime is not active (engine: " + implementation
                        + "); run on a JVM with the Graal compiler on the upgrade module path");
                return 1;
            }
            if ("--expect-interpreter".equals(expect) && !interpreted && !"false".equals(options.get("engine.Compilation"))) {
                System.err.println("error: expected the interpreter-only runtime, got " + implementation);
                return 1;
            }
            Source source = Source.newBuilder("lumen", new File(file)).build();
            Value document = context.eval(source);
            Value target = findCell(context, document, cell);
            if (target == null) {
                System.err.println("error: no cell `" + cell + "` in " + file);
                return 1;
            }
            Object[] callArgs = arguments(target, argValues);
            if (once) {
                System.out.println(toJson(target.execute(callArgs)));
                return 0;
            }
            System.out.println("engine " + implementation + ", cell " + cell + " " + argValues);
            Supplier<String> lumen = () -> toJson(target.execute(callArgs));
            if (javaProgram == null) {
                PeakTimer.Result result = timer.measure(lumen);
                System.out.println(result.timesLine());
                System.out.println(result.line());
                return 0;
            }
            long n = Long.parseLong(argValues.get("n").replace("_", ""));
            List<PeakTimer.Result> results = timer.measureInTurns(List.of(lumen, () -> Long.toString(javaProgram.applyAsLong(n))));
            PeakTimer.Result result = results.get(0);
            PeakTimer.Result baseline = results.get(1);
            if (!result.checksum().equals(baseline.checksum())) {
                System.err.println("error: the cell returned " + result.checksum() + ", the Java program " + baseline.checksum());
                return 1;
            }
            System.out.println(result.timesLine());
            System.out.println(result.line());
            System.out.println("java " + baseline.timesLine());
            System.out.println(String.format(Locale.ROOT, "java checksum=%s median_ms=%.3f min_ms=%.3f ratio=%.3f",
                    baseline.checksum(), baseline.medianMillis(), baseline.minMillis(), PeakTimer.medianRatio(result, baseline)));
            return 0;
        }
    }

    /** The cell as an executable value: a member of the evaluated document, else of the language bindings. */
    static Value findCell(Context context, Value document, String cell) {
        if (document != null && document.hasMembers() && document.hasMember(cell)) {
            Value v = document.getMember(cell);
            if (v.canExecute()) {
                return v;
            }
        }
        Value bindings = context.getBindings("lumen");
        if (bindings.hasMember(cell) && bindings.getMember(cell).canExecute()) {
            return bindings.getMember(cell);
        }
        return null;
    }

    /**
     * The arguments in parameter order: the cell's {@code parameters} member lists their names and types (as
     * {@code lumen run} reads them); a String parameter takes the text as it is. Without that member, the
     * values go positionally in the order given.
     */
    static Object[] arguments(Value cell, Map<String, String> given) {
        if (!cell.hasMember("parameters")) {
            return given.values().stream().map(PeakRunner::parseValue).toArray();
        }
        Value params = cell.getMember("parameters");
        Object[] values = new Object[(int) params.getArraySize()];
        for (int i = 0; i < values.length; i++) {
            Value p = params.getArrayElement(i);
            String name = p.getHashValue("name").asString();
            String text = given.get(name);
            if (text == null) {
                throw new IllegalArgumentException("missing argument " + name + ": pass --arg " + name + "=VALUE");
            }
            values[i] = "String".equals(p.getHashValue("type").asString()) ? text : parseValue(text);
        }
        if (given.size() > values.length) {
            throw new IllegalArgumentException("the cell takes " + values.length + " arguments, given " + given.keySet());
        }
        return values;
    }

    static Object parseValue(String text) {
        if (text.matches("-?[0-9][0-9_]*")) {
            return Long.parseLong(text.replace("_", ""));
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        if (text.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
            return Double.parseDouble(text);
        }
        return text;
    }

    /** A guest value as compact JSON (objects with sorted members), enough for checksums. */
    static String toJson(Value v) {
        StringBuilder out = new StringBuilder();
        writeJson(v, out);
        return out.toString();
    }

    private static void writeJson(Value v, StringBuilder out) {
        if (v == null || v.isNull()) {
            out.append("null");
        } else if (v.isBoolean()) {
            out.append(v.asBoolean());
        } else if (v.isNumber() && v.fitsInLong()) {
            out.append(v.asLong());
        } else if (v.isNumber()) {
            out.append(v.asDouble());
        } else if (v.isString()) {
            out.append(dev.lumen.runtime.json.CanonicalJson.quote(v.asString()));
        } else if (v.hasArrayElements()) {
            out.append('[');
            for (long i = 0; i < v.getArraySize(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeJson(v.getArrayElement(i), out);
            }
            out.append(']');
        } else if (v.hasHashEntries()) {
            Map<String, Value> sorted = new TreeMap<>();
            Value it = v.getHashEntriesIterator();
            while (it.hasIteratorNextElement()) {
                Value entry = it.getIteratorNextElement();
                sorted.put(entry.getArrayElement(0).asString(), entry.getArrayElement(1));
            }
            writeObject(sorted, out);
        } else if (v.hasMembers()) {
            Map<String, Value> sorted = new TreeMap<>();
            for (String key : v.getMemberKeys()) {
                sorted.put(key, v.getMember(key));
            }
            writeObject(sorted, out);
        } else {
            out.append(dev.lumen.runtime.json.CanonicalJson.quote(v.toString()));
        }
    }

    private static void writeObject(Map<String, Value> members, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Value> e : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(dev.lumen.runtime.json.CanonicalJson.quote(e.getKey())).append(':');
            writeJson(e.getValue(), out);
        }
        out.append('}');
    }

    private static int usage(String problem) {
        System.err.println("error: " + problem);
        System.err.println("usage: PeakRunner FILE [--cell NAME] [--arg NAME=VALUE]... [--expect-jit|--expect-interpreter]"
                + " [--warmup-seconds S] [--warmup-min K] [--iterations M] [--budget-seconds B] [--once] [--java PROGRAM]"
                + " [--engine.OPTION=VALUE ...]");
        return 2;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
