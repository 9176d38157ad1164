package dev.lumen.launcher;

import com.sun.net.httpserver.HttpServer;
import dev.lumen.lsp.ServerSettings;
import dev.lumen.lsp.StartupTraining;
import dev.lumen.lsp.feature.CodeDescriptions;
import dev.lumen.lsp.run.LumenExecutable;
import dev.lumen.runtime.host.Host;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lumen train-startup} (hidden): the workload bin/lumen runs once after each build, with
 * {@code -XX:AOTCacheOutput}, to record the fast JVM's start-up cache. It checks a document with errors and one
 * without (and that the latter is formatted), and runs cells of a small program to a result (twice: tools run,
 * then come from the cache) and to a runtime error, so that the classes of {@code check}, {@code fmt} and of a short
 * traced {@code run} are all in the cache (HTTP calls in a {@code @parallel} block included, to a loopback server
 * it starts for the purpose, whose port replaces {@code PORT} in the program); then it holds a short language-server session over the program
 * ({@link StartupTraining}), for {@code lumen lsp}.
 * Its traces go to a store in a temporary directory, deleted afterwards. Output is discarded; the status is 0 when every
 * step behaved as expected, so a broken training shows up as a failed recording.
 */
@Command(name = "train-startup", hidden = true,
        description = "Record the start-up cache's workload (used by bin/lumen after a build).")
final class TrainCommand implements Callable<Integer> {
    private static final List<String> DOCUMENTS = List.of("program.lm.md", "errors.lm.md");

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("lumen-training");
        HttpServer loopback = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        loopback.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        loopback.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        loopback.start();
        try {
            String port = Integer.toString(loopback.getAddress().getPort());
            for (String name : DOCUMENTS) {
                try (InputStream in = TrainCommand.class.getResourceAsStream("training/" + name)) {
                    Files.writeString(dir.resolve(name),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PORT", port));
                }
            }
            String program = dir.resolve("program.lm.md").toString();
            boolean expected = step(ExitCodes.OK, "check", program)
                    & step(ExitCodes.ERRORS, "check", "--color=always", dir.resolve("errors.lm.md").toString())
                    & step(ExitCodes.OK, "fmt", "--check", program)
                    & step(ExitCodes.OK, "run", program)
                    & step(ExitCodes.OK, "run", program)
                    & step(ExitCodes.ERRORS, "run", program, "--cell", "fail", "--arg", "n=0")
                    & languageServer(dir.resolve("program.lm.md"));
            return expected ? ExitCodes.OK : ExitCodes.INTERNAL_ERROR;
        } finally {
            loopback.stop(0);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(TrainCommand::delete);
            }
        }
    }

    private boolean step(int status, String... args) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        int actual = Main.execute(discard, discard, args);
        if (actual != status) {
            spec.commandLine().getErr().println("lumen train-startup: `lumen " + String.join(" ", args)
                    + "` exited with " + actual + ", not " + status);
        }
        return actual == status;
    }

    /** An editing session with the language server, in this JVM over pipes; it runs no command. */
    private boolean languageServer(Path document) {
        ServerSettings settings = new ServerSettings(CodeDescriptions.none(),
                LumenExecutable.currentJvm(Main.class.getName()), ServerSettings.DEFAULT_COMMAND_TIMEOUT,
                ServerSettings.DEFAULT_OUTPUT_LIMIT, Host.current().environment(),
                new PrintStream(OutputStream.nullOutputStream()));
        boolean ok;
        try {
            ok = StartupTraining.session(document, settings);
        } catch (Exception e) {
            spec.commandLine().getErr().println("lumen train-startup: the language-server session failed: " + e);
            return false;
        }
        if (!ok) {
            spec.commandLine().getErr().println("lumen train-startup: the language server answered otherwise");
        }
        return ok;
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
