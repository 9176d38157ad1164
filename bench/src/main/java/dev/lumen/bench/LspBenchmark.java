package dev.lumen.bench;

import dev.lumen.lsp.QuietClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The language server's speed over the real protocol, as an editor uses it: {@code bin/lumen lsp} as a child
 * process, driven by an lsp4j client. For examples/invoice_agent.lm.md and a generated 5,000-line document:
 * the time from a one-character edit ({@code didChange}) to that version's diagnostics, p50 and p99 over many
 * edits after a warm-up, each edit awaited before the next (so none is coalesced). An edit types a character
 * after the name a {@code match} examines and the next deletes it, so the diagnostics alternate between an error
 * and none; after each edit's diagnostics, the time to the completions at the cursor (the first query of that
 * version, so it includes building its semantic model). Then the server's heap (used, after a full collection, read with jcmd) with 100 copies of each
 * document open, each asked for its symbols, semantic tokens and code lenses as an editor asks on opening it.
 *
 * <pre>java -cp bench/target/lumen-benchmarks.jar dev.lumen.bench.LspBenchmark bin/lumen [edits] [warm-up]</pre>
 */
public final class LspBenchmark {
    private static final Pattern MATCHED_NAME = Pattern.compile("(?m)^\\s*match ([A-Za-z_]\\w*)");

    private LspBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path lumen = Path.of(args.length > 0 ? args[0] : "bin/lumen");
        int edits = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path dir = Files.createTempDirectory("lumen-lsp-bench");
        String invoice = Files.readString(Path.of("examples/invoice_agent.lm.md"));
        String generated = DocumentGenerator.generate(5000);
        try (Server server = Server.start(lumen)) {
            System.out.println("| document | lines | edits | diagnostics after a one-character edit: p50 | p99 | max "
                    + "| completion after it: p50 | p99 |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            latency(server, dir, "invoice_agent.lm.md", invoice, edits, warmup);
            latency(server, dir, "generated 5,000 lines", generated, edits / 4, warmup / 4);
        }
        System.out.println();
        System.out.println("| documents open | server heap used after a full GC |");
        System.out.println("|---|---|");
        for (String[] doc : List.of(new String[] {"invoice_agent.lm.md", invoice},
                new String[] {"generated 5,000 lines", generated})) {
            try (Server server = Server.start(lumen)) {
                long before = server.heapUsed();
                for (int i = 0; i < 100; i++) {
                    String uri = dir.resolve("heap-" + i + ".lm.md").toUri().toString();
                    server.open(uri, doc[1]);
                    server.requestAll(uri); // what an editor asks for a document it shows
                }
                System.out.printf(Locale.ROOT, "| 100 × %s | %.1f MB (%.1f MB with none open) |%n", doc[0],
                        server.heapUsed() / 1e6, before / 1e6);
            }
        }
    }

    private static void latency(Server server, Path dir, String name, String text, int edits, int warmup)
            throws Exception {
        String uri = dir.resolve(name.replace(' ', '-').replace(",", "") + (name.endsWith(".md") ? "" : ".lm.md"))
                .toUri().toString();
        Matcher m = MATCHED_NAME.matcher(text);
        int at = -1;
        while (m.find()) {
            at = m.end(1);
        }
        String before = text.substring(0, at);
        Position position = new Position((int) before.chars().filter(c -> c == '\n').count(),
                at - (before.lastIndexOf('\n') + 1));
        server.open(uri, text);
        long[] nanos = new long[edits];
        long[] completions = new long[edits];
        Position after = new Position(position.getLine(), position.getCharacter() + 1);
        for (int i = 0; i < warmup + edits; i++) {
            boolean typing = i % 2 == 0;
            Range range = typing ? new Range(position, position) : new Range(position, after);
            long t = server.edit(uri, range, typing ? "x" : "");
            // As the user types, the editor asks what completes the name: the first query of the new version.
            long c = server.completion(uri, typing ? after : position);
            if (i >= warmup) {
                nanos[i - warmup] = t;
                completions[i - warmup] = c;
            }
        }
        server.close(uri);
        Arrays.sort(nanos);
        Arrays.sort(completions);
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", name,
                text.lines().count(), edits, nanos[edits / 2] / 1e6, p99(nanos) / 1e6, nanos[edits - 1] / 1e6,
                completions[edits / 2] / 1e6, p99(completions) / 1e6);
    }

    private static long p99(long[] sorted) {
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    }

    /** A {@code lumen lsp} process and a client of it. */
    private static final class Server extends QuietClient implements AutoCloseable {
        private final Process process;
        private final LanguageServer lsp;
        private final List<CompletableFuture<PublishDiagnosticsParams>> waiting = new ArrayList<>();
        private volatile String awaitedUri;
        private volatile int awaitedVersion;
        private int version;

        private Server(Process process) {
            this.process = process;
            Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(this, process.getInputStream(),
                    process.getOutputStream());
            launcher.startListening();
            this.lsp = launcher.getRemoteProxy();
        }

        static Server start(Path lumen) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(lumen.toString(), "lsp")
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("LUMEN_BUILD", "0");
            Server server = new Server(builder.start());
            InitializeParams init = new InitializeParams();
            init.setCapabilities(new ClientCapabilities());
            server.lsp.initialize(init).get(60, TimeUnit.SECONDS);
            return server;
        }

        void open(String uri, String text) throws Exception {
            CompletableFuture<PublishDiagnosticsParams> published = expect(uri, ++version);
            lsp.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "lumen", version, text)));
            published.get(120, TimeUnit.SECONDS);
        }

        /** Sends one edit and returns the nanoseconds until its diagnostics arrived. */
        long edit(String uri, Range range, String text) throws Exception {
            CompletableFuture<PublishDiagnosticsParams> published = expect(uri, ++version);
            long start = System.nanoTime();
            lsp.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, version),
                    List.of(new TextDocumentContentChangeEvent(range, text))));
            published.get(120, TimeUnit.SECONDS);
            return System.nanoTime() - start;
        }

        /** Asks for the completions at {@code at} and returns the nanoseconds until they arrived. */
        long completion(String uri, Position at) throws Exception {
            long start = System.nanoTime();
            lsp.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri), at))
                    .get(120, TimeUnit.SECONDS);
            return System.nanoTime() - start;
        }

        /** Asks for the document's symbols, semantic tokens and code lenses, as an editor does on opening it. */
        void requestAll(String uri) throws Exception {
            TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
            lsp.getTextDocumentService().documentSymbol(new DocumentSymbolParams(id)).get(120, TimeUnit.SECONDS);
            lsp.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(id)).get(120, TimeUnit.SECONDS);
            lsp.getTextDocumentService().codeLens(new CodeLensParams(id)).get(120, TimeUnit.SECONDS);
        }

        void close(String uri) {
            lsp.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
        }

        private synchronized CompletableFuture<PublishDiagnosticsParams> expect(String uri, int v) {
            CompletableFuture<PublishDiagnosticsParams> f = new CompletableFuture<>();
            waiting.clear();
            waiting.add(f);
            awaitedUri = uri;
            awaitedVersion = v;
            return f;
        }

        @Override
        public synchronized void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            if (diagnostics.getUri().equals(awaitedUri) && diagnostics.getVersion() != null
                    && diagnostics.getVersion() == awaitedVersion) {
                waiting.forEach(f -> f.complete(diagnostics));
            }
        }

        /** The server JVM's used heap after a full collection, in bytes (jcmd GC.run, then GC.heap_info). */
        long heapUsed() throws IOException, InterruptedException {
            jcmd("GC.run");
            long used = 0;
            Matcher m = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
            while (m.find()) {
                used += Long.parseLong(m.group(1)) * 1024;
            }
            return used;
        }

        /** The heap's generations only: the metaspace lines follow them. */
        private String jcmd(String command) throws IOException, InterruptedException {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            int metaspace = out.indexOf("Metaspace");
            return metaspace < 0 ? out : out.substring(0, metaspace);
        }

        @Override
        public void close() throws Exception {
            lsp.shutdown().get(60, TimeUnit.SECONDS);
            lsp.exit();
            process.waitFor(60, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }
}
