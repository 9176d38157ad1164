package dev.lumen.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The start-up of {@code lumen lsp} as an editor sees it: the time from starting {@code bin/lumen lsp} to the
 * answer to {@code initialize}, and to the first diagnostics of examples/invoice_agent.lm.md opened right
 * after, whole process. Cold is without the start-up cache ({@code -XX:AOTMode=off}), warm with it.
 *
 * <pre>java -cp bench/target/lumen-benchmarks.jar dev.lumen.bench.LspStartup bin/lumen [runs]</pre>
 */
public final class LspStartup {
    private LspStartup() {
    }

    public static void main(String[] args) throws Exception {
        Path lumen = Path.of(args.length > 0 ? args[0] : "bin/lumen");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path document = Path.of("examples/invoice_agent.lm.md").toAbsolutePath();
        String text = Files.readString(document);
        System.out.println("| lumen lsp start-up | runs | initialize answered: median (min–max) | first diagnostics: median (min–max) |");
        System.out.println("|---|---|---|---|");
        for (boolean warm : new boolean[] {false, true}) {
            List<long[]> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                times.add(once(lumen, warm, document, text));
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s |%n", warm ? "warm (start-up cache)" : "cold (no cache)",
                    runs, summary(times, 0), summary(times, 1));
        }
    }

    /** Milliseconds to the initialize answer and to the first diagnostics. */
    private static long[] once(Path lumen, boolean warm, Path document, String text) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(lumen.toString(), "lsp")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("LUMEN_BUILD", "0");
        if (!warm) {
            env.put("LUMEN_JAVA_OPTS", "-XX:AOTMode=off");
        }
        long start = System.nanoTime();
        Process p = builder.start();
        try (OutputStream out = p.getOutputStream(); InputStream in = p.getInputStream()) {
            LspWire.send(out, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                    + "\"rootUri\":null,\"capabilities\":{}}}");
            long initialized = awaitMessage(in, "\"id\":1", start);
            LspWire.send(out, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
            LspWire.send(out, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{"
                    + "\"uri\":" + LspWire.quote(document.toUri().toString()) + ",\"languageId\":\"lumen\",\"version\":1,"
                    + "\"text\":" + LspWire.quote(text) + "}}}");
            long diagnosed = awaitMessage(in, "textDocument/publishDiagnostics", start);
            LspWire.send(out, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
            awaitMessage(in, "\"id\":2", start);
            LspWire.send(out, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
            p.waitFor();
            return new long[] {initialized, diagnosed};
        } finally {
            p.destroyForcibly();
        }
    }

    private static long awaitMessage(InputStream in, String containing, long start) throws Exception {
        for (String message; (message = LspWire.read(in)) != null;) {
            if (message.contains(containing)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
        }
        throw new IllegalStateException("the server ended before sending " + containing);
    }

    private static String summary(List<long[]> times, int column) {
        long[] values = times.stream().mapToLong(t -> t[column]).sorted().toArray();
        long median = values[values.length / 2];
        return String.format(Locale.ROOT, "%d ms (%d–%d)", median, values[0], values[values.length - 1]);
    }

}
