package dev.lumen.bench;

import dev.lumen.language.ide.Analysis;
import dev.lumen.language.ide.DocumentSession;
import dev.lumen.language.project.Project;
import dev.lumen.language.source.SourceFile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The front end as an editor drives it (dev.lumen.language.ide), timed without any protocol around it: a
 * character typed and deleted again at random places, with the diagnostics of each new version; completion on
 * the version an edit just made (which builds its semantic model) and on one already queried; and the heap that
 * 100 open documents hold. Prints one table; see bench/README.md for the targets and measured figures.
 *
 * <pre>java -Xmx256m -cp bench/target/lumen-benchmarks.jar dev.lumen.bench.EditorBenchmark [--quick]</pre>
 */
public final class EditorBenchmark {
    private static final Random RANDOM = new Random(17);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long sink;
    private static long lastCpu;

    private EditorBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        boolean quick = Arrays.asList(args).contains("--quick");
        int rounds = quick ? 300 : 3_000;
        String invoice = Files.readString(Path.of(System.getProperty("lumen.invoice", "examples/invoice_agent.lm.md")));
        String generated = DocumentGenerator.generate(5_000);
        System.out.printf("JVM: %s, max heap %d MB, load average %.2f%n", Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20, load());
        System.out.printf("%-46s %26s %26s%n", "", "wall time (ms)", "CPU time (ms)");
        System.out.printf("%-46s %8s %8s %8s %8s %8s %8s %7s%n", "measure", "p50", "p99", "max", "p50", "p99", "max",
                "n");
        for (String[] doc : List.of(new String[] {"invoice_agent.lm.md", invoice},
                new String[] {"generated, " + generated.lines().count() + " lines", generated})) {
            String name = doc[0];
            String text = doc[1];
            int n = text.length() > 100_000 ? rounds / 3 : rounds;
            List<Integer> code = codeLineEnds(text);
            List<Integer> prose = proseLineEnds(text);
            // After `o.` (an order record) in the generated document, after `e.` (a ValidationError) in the example.
            List<Integer> dots = occurrences(text, "o.");
            if (dots.isEmpty()) {
                dots = occurrences(text, "e.message");
            }
            // Warm-up: the same work, unrecorded, so the figures are those of a JIT-compiled editor.
            typing(text, code, "x", n);
            row(name + ": char typed in code", typing(text, code, "x", n));
            row(name + ": char typed in prose", typing(text, prose, "x", n / 2));
            row(name + ": line break typed in code", typing(text, code, "\n", n / 2));
            completion(text, dots, n);
            row(name + ": completion after an edit", completion(text, dots, n));
            row(name + ": completion, same version again", completionAgain(text, dots, n));
        }
        memory("invoice_agent.lm.md", invoice, codeLineEnds(invoice), rounds / 3);
        memory("generated", generated, codeLineEnds(generated), rounds / 10);
        System.out.printf("load average after: %.2f%n", load());
        if (sink == 42) {
            System.out.println();
        }
    }

    /** Times {@code n} edits that each insert {@code typed} at one of {@code places} or delete it again. */
    private static Times typing(String text, List<Integer> places, String typed, int n) {
        return typing(open(text), places, typed, n);
    }

    private static Times typing(DocumentSession session, List<Integer> places, String typed, int n) {
        Times times = new Times(n);
        for (int i = 0; i < n; i += 2) {
            int at = places.get(RANDOM.nextInt(places.size()));
            times.record(i, () -> session.edit(at, at, typed).diagnostics());
            if (i + 1 < n) {
                times.record(i + 1, () -> session.edit(at, at + typed.length(), "").diagnostics());
            }
        }
        return times;
    }

    /** Times completion after a `.` on the version an edit (on the same line, after the dot) just made. */
    private static Times completion(String text, List<Integer> dots, int n) {
        return completions(text, dots, n, false);
    }

    private static Times completionAgain(String text, List<Integer> dots, int n) {
        return completions(text, dots, n, true);
    }

    private static Times completions(String text, List<Integer> dots, int n, boolean again) {
        DocumentSession session = open(text);
        Times times = new Times(n);
        for (int i = 0; i < n; i++) {
            int dot = dots.get(RANDOM.nextInt(dots.size())) + 2;
            int end = text.indexOf('\n', dot);
            Analysis a = session.edit(end, end, " ");
            if (again) {
                a.completion(dot);
            }
            times.record(i, () -> a.completion(dot).items().size());
            session.edit(end, end + 1, "");
        }
        return times;
    }

    /**
     * 100 open documents, each queried once (so that its semantic model is built): the heap they hold with their
     * trees kept as memory allows; then, the other 99 trimmed as a server trims idle documents, typing in one of
     * them, the heap that remains, and the first query on a trimmed one (which parses and checks it again).
     */
    private static void memory(String what, String text, List<Integer> code, int n) {
        List<DocumentSession> open = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // Distinct texts, as distinct files would be: sessions share nothing but code.
            DocumentSession s = open("<!-- copy " + i + " -->\n" + text);
            s.current().hover(text.length() / 2);
            open.add(s);
        }
        long kept = usedAfterGc();
        DocumentSession active = open.get(50);
        open.stream().filter(s -> s != active).forEach(DocumentSession::trim);
        long trimmed = usedAfterGc();
        row(what + ": typing in 1 of 100 open", typing(active, shifted(code, text, active), "x", n));
        Times first = new Times(10);
        for (int i = 0; i < 10; i++) {
            DocumentSession s = open.get(i);
            first.record(i, () -> s.current().hover(text.length() / 2));
        }
        row(what + ": first query on an idle one", first);
        open.clear();
        long none = usedAfterGc();
        System.out.printf("%-46s %8.1f MB with trees kept as memory allows, %.1f MB with 99 trimmed%n",
                what + ": heap of 100 open", (kept - none) / 1e6, (trimmed - none) / 1e6);
    }

    /** Offsets of {@code text} moved to where they are in the session's copy (which starts with a comment line). */
    private static List<Integer> shifted(List<Integer> offsets, String text, DocumentSession s) {
        int by = s.current().text().length() - text.length();
        return offsets.stream().map(o -> o + by).toList();
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static DocumentSession open(String text) {
        return new DocumentSession(new SourceFile("doc.lm.md", text), Project.none());
    }

    /** Wall time of {@code work}; its CPU time goes to {@link #cpu}, at the same index. */
    private static long time(java.util.function.Supplier<?> work) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Object result = work.get();
        long elapsed = System.nanoTime() - start;
        lastCpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        sink += result.hashCode();
        return elapsed;
    }

    /** Wall times and the CPU times of the same operations. */
    private record Times(long[] wall, long[] cpu) {
        Times(int n) {
            this(new long[n], new long[n]);
        }

        void record(int i, java.util.function.Supplier<?> work) {
            wall[i] = time(work);
            cpu[i] = lastCpu;
        }
    }

    private static void row(String what, Times t) {
        System.out.printf("%-46s %s %s %7d%n", what, percentiles(t.wall()), percentiles(t.cpu()), t.wall().length);
    }

    private static String percentiles(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        IntFunction<Double> ms = i -> sorted[Math.min(sorted.length - 1, i)] / 1e6;
        return String.format("%8.3f %8.3f %8.3f", ms.apply(sorted.length / 2),
                ms.apply((int) Math.ceil(sorted.length * 0.99) - 1), ms.apply(sorted.length - 1));
    }

    /** Ends of lines inside `lumen` fences that hold code: where typing lands in code. */
    private static List<Integer> codeLineEnds(String text) {
        return lineEnds(text, true);
    }

    private static List<Integer> proseLineEnds(String text) {
        return lineEnds(text, false);
    }

    private static List<Integer> lineEnds(String text, boolean code) {
        List<Integer> out = new ArrayList<>();
        boolean inFence = false;
        int start = 0;
        for (String line : text.split("\n", -1)) {
            boolean fence = line.startsWith("```");
            if (fence) {
                inFence = !inFence;
            } else if (inFence == code && !line.isBlank() && !line.startsWith("@") && !line.startsWith("#")) {
                out.add(start + line.length());
            }
            start += line.length() + 1;
        }
        return out;
    }

    private static List<Integer> occurrences(String text, String what) {
        List<Integer> out = new ArrayList<>();
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            if (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))) {
                out.add(i);
            }
        }
        return out;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
