package dev.lumen.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The cost of calling a small pure Lumen cell from an embedder, side by side with the same function written
 * in the caller's language, at peak in one JVM (bench/embedding runs it on the optimizing Truffle runtime):
 *
 * <ul>
 *   <li>Java {@code Value.execute} on the cell, and on a JavaScript function doing the same (the cost of a
 *       host-to-guest call into a Truffle language);</li>
 *   <li>Java {@code Value.invokeMember} on the module;</li>
 *   <li>a plain Java method (HotSpot inlines it: the floor);</li>
 *   <li>a JavaScript loop of 100,000 calls of {@code m.add(i, 1)}, and of a JavaScript {@code add}.</li>
 * </ul>
 *
 * Each piece of work makes {@code CALLS} calls of {@code add(i, 1)} and returns their sum, the same for all;
 * they are measured in turns by {@link PeakTimer} (its options apply), and each line printed gives the median.
 *
 * <p>A second group passes a record: {@code subtotal(quote)}, a quote of two lines (a record holding a list of
 * records), built for each call from a Java record, from a Java {@code Map}, and as a JavaScript object literal
 * in a JavaScript loop, beside the same subtotal computed in Java and in JavaScript; its rows share their own sum.
 *
 * <pre>
 * java [JIT options] -cp bench/target/lumen-benchmarks.jar dev.lumen.bench.EmbeddingBenchmark [--expect-jit] [timing]
 * </pre>
 */
public final class EmbeddingBenchmark {
    static final int CALLS = 100_000;

    static final String DOCUMENT = """
            ```lumen
            cell add(a: Int, b: Int) -> Int
              return a + b
            end
            ```

            ```lumen
            record Line
              sku: String
              quantity: Int
              unit_price: Float
            end

            record Quote
              customer: String
              currency: String
              lines: list[Line]
            end

            cell subtotal(quote: Quote) -> Float
              let mut sum = 0.0
              for line in quote.lines
                sum = sum + to_float(line.quantity) * line.unit_price
              end
              return sum
            end
            ```
            """;

    static final String SCRIPT = """
            function add(a, b) { return a + b; }
            function lumenLoop(m, n) { let s = 0; for (let i = 0; i < n; i++) { s += m.add(i, 1); } return s; }
            function jsLoop(n) { let s = 0; for (let i = 0; i < n; i++) { s += add(i, 1); } return s; }
            function quote(i) {
              return {customer: "ACME", currency: "EUR", lines: [
                  {sku: "A-1", quantity: i % 3 + 1, unit_price: 2.5}, {sku: "B-2", quantity: 2, unit_price: 0.25}]};
            }
            function subtotal(q) { let s = 0; for (const l of q.lines) { s += l.quantity * l.unit_price; } return s; }
            function lumenQuotes(m, n) { let s = 0; for (let i = 0; i < n; i++) { s += m.subtotal(quote(i)); } return s; }
            function jsQuotes(n) { let s = 0; for (let i = 0; i < n; i++) { s += subtotal(quote(i)); } return s; }
            """;

    private EmbeddingBenchmark() {
    }

    /** The plain-Java function the cell and the JS function compute. */
    static long add(long a, long b) {
        return a + b;
    }

    /** A quote line as a Java application holds it; Lumen reads its fields through the record's accessors. */
    public record Line(String sku, long quantity, double unit_price) {
    }

    /** A quote as a Java application holds it. */
    public record Quote(String customer, String currency, List<Line> lines) {
    }

    /** The quote the record rows pass on call {@code i}: two lines, the first one's quantity varying. */
    static Quote quote(int i) {
        return new Quote("ACME", "EUR", List.of(new Line("A-1", i % 3 + 1, 2.5), new Line("B-2", 2, 0.25)));
    }

    /** The same quote as a Java map of maps. */
    static Map<String, Object> quoteMap(int i) {
        return Map.of("customer", "ACME", "currency", "EUR", "lines", List.of(
                Map.of("sku", "A-1", "quantity", i % 3 + 1, "unit_price", 2.5),
                Map.of("sku", "B-2", "quantity", 2, "unit_price", 0.25)));
    }

    /** The plain-Java subtotal the cell and the JS function compute. */
    static double subtotal(Quote q) {
        double s = 0;
        for (Line l : q.lines()) {
            s += l.quantity() * l.unit_price();
        }
        return s;
    }

    /** Prints a line per result; exits if one's sum is not the Java method's, {@code results.get(reference)}. */
    private static void report(List<String> names, List<PeakTimer.Result> results, int reference) {
        String expected = results.get(reference).checksum();
        for (int w = 0; w < results.size(); w++) {
            PeakTimer.Result r = results.get(w);
            if (!r.checksum().equals(expected)) {
                System.err.println("error: " + names.get(w) + " returned " + r.checksum() + ", the Java method " + expected);
                System.exit(1);
            }
            double ms = r.medianMillis();
            System.out.println(String.format(Locale.ROOT, "%-42s %9.1f ns/call %9.3f ms per %,d calls (min %.3f ms)",
                    names.get(w), ms * 1e6 / CALLS, ms, CALLS, r.minMillis()));
        }
    }

    public static void main(String[] args) {
        PeakTimer timer = new PeakTimer();
        timer.warmupSeconds = 20;
        timer.warmupMin = 200;
        timer.iterations = 20;
        boolean expectJit = false;
        for (int i = 0; i < args.length; ) {
            int next = timer.parseOption(args, i);
            if (next != i) {
                i = next;
            } else if (args[i].equals("--expect-jit")) {
                expectJit = true;
                i++;
            } else {
                System.err.println("usage: EmbeddingBenchmark [--expect-jit] [--warmup-seconds S] [--warmup-min K]"
                        + " [--iterations M] [--budget-seconds B]; unexpected " + args[i]);
                System.exit(2);
                return;
            }
        }
        long jvmUpMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        long started = System.nanoTime();
        try (Context context = Context.newBuilder("lumen", "js").allowExperimentalOptions(true)
                .allowHostAccess(HostAccess.ALL) // Lumen reads a Java record's fields through its accessors
                .option("engine.WarnInterpreterOnly", "false").build()) {
            long built = System.nanoTime();
            String engine = context.getEngine().getImplementationName();
            if (expectJit && engine.toLowerCase(Locale.ROOT).contains("interpreted")) {
                System.err.println("error: the optimizing Truffle runtime is not active (engine: " + engine
                        + "); run on a JVM with the Graal compiler on the upgrade module path");
                System.exit(1);
            }
            Value module = context.eval(Source.newBuilder("lumen", DOCUMENT, "add.lm.md").buildLiteral());
            Value cell = module.getMember("add");
            long evaluated = System.nanoTime();
            long first = cell.execute(40, 2).asLong();
            long called = System.nanoTime();
            if (first != 42) {
                System.err.println("error: add(40, 2) returned " + first);
                System.exit(1);
            }
            // What an embedder's first call costs in a fresh JVM, before anything is warm.
            System.out.println(String.format(Locale.ROOT,
                    "first use: context %.1f ms, eval of the document %.1f ms, first call %.2f ms (the JVM up %d ms before)",
                    (built - started) / 1e6, (evaluated - built) / 1e6, (called - evaluated) / 1e6, jvmUpMillis));            context.eval("js", SCRIPT);
            Value js = context.getBindings("js");
            Value jsAdd = js.getMember("add");
            Value lumenLoop = js.getMember("lumenLoop");
            Value jsLoop = js.getMember("jsLoop");

            List<String> names = new ArrayList<>();
            List<Supplier<String>> works = new ArrayList<>();
            names.add("Java Value.execute, Lumen cell");
            works.add(() -> {
                long s = 0;
                for (int i = 0; i < CALLS; i++) {
                    s += cell.execute(i, 1).asLong();
                }
                return Long.toString(s);
            });
            names.add("Java Value.invokeMember, Lumen module");
            works.add(() -> {
                long s = 0;
                for (int i = 0; i < CALLS; i++) {
                    s += module.invokeMember("add", i, 1).asLong();
                }
                return Long.toString(s);
            });
            names.add("Java Value.execute, JS function");
            works.add(() -> {
                long s = 0;
                for (int i = 0; i < CALLS; i++) {
                    s += jsAdd.execute(i, 1).asLong();
                }
                return Long.toString(s);
            });
            names.add("Java method");
            works.add(() -> {
                long s = 0;
                for (int i = 0; i < CALLS; i++) {
                    s += add(i, 1);
                }
                return Long.toString(s);
            });
            names.add("JS loop, m.add (Lumen cell)");
            works.add(() -> Long.toString(lumenLoop.execute(module, CALLS).asLong()));
            names.add("JS loop, JS function");
            works.add(() -> Long.toString(jsLoop.execute(CALLS).asLong()));

            System.out.println("engine " + engine + "; " + String.format(Locale.ROOT, "%,d", CALLS)
                    + " calls of add(i, 1) per iteration, measured in turns");
            List<PeakTimer.Result> results = timer.measureInTurns(works);
            report(names, results, 3);
            System.out.println("warm-up " + results.get(0).warmupIterations() + " rounds; median of "
                    + results.get(0).nanos().length + " measured rounds");

            Value subtotal = module.getMember("subtotal");
            Value lumenQuotes = js.getMember("lumenQuotes");
            Value jsQuotes = js.getMember("jsQuotes");
            List<String> recordNames = new ArrayList<>();
            List<Supplier<String>> recordWorks = new ArrayList<>();
            recordNames.add("Java Value.execute, Lumen cell, record");
            recordWorks.add(() -> {
                double s = 0;
                for (int i = 0; i < CALLS; i++) {
                    s += subtotal.execute(quote(i)).asDouble();
                }
                return Double.toString(s);
            });
            recordNames.add("Java Value.execute, Lumen cell, Map");
            recordWorks.add(() -> {
                double s = 0;
                for (int i = 0; i < CALLS; i++) {
                    s += subtotal.execute(quoteMap(i)).asDouble();
                }
                return Double.toString(s);
            });
            recordNames.add("Java method, record");
            recordWorks.add(() -> {
                double s = 0;
                for (int i = 0; i < CALLS; i++) {
                    s += subtotal(quote(i));
                }
                return Double.toString(s);
            });
            recordNames.add("JS loop, m.subtotal (Lumen cell), object");
            recordWorks.add(() -> Double.toString(lumenQuotes.execute(module, CALLS).asDouble()));
            recordNames.add("JS loop, JS function, object");
            recordWorks.add(() -> Double.toString(jsQuotes.execute(CALLS).asDouble()));

            System.out.println(String.format(Locale.ROOT, "%,d", CALLS)
                    + " calls of subtotal(quote), a record holding a list of two records, per iteration");
            List<PeakTimer.Result> recordResults = timer.measureInTurns(recordWorks);
            report(recordNames, recordResults, 2);
        }
    }
}
