package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.lumen.lsp.QuietClient;
import dev.lumen.lsp.run.Installation;
import dev.lumen.lsp.run.LumenExecutable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `lumen lsp` as an editor starts it: a process speaking LSP on its standard input and output, whose commands
 * run the real `lumen run` and `lumen trace last` as child processes of the same code.
 */
class LspCommandTest {
    @TempDir
    Path dir;

    @Test
    void theServerRunsACellAndShowsItsTraceInChildProcesses() throws Exception {
        Files.createDirectories(dir.resolve(".lumen"));
        Path doc = Files.writeString(dir.resolve("answer.lm.md"), """
                # The answer

                ```lumen
                cell main() -> Int
                  return 6 * 7
                end
                ```
                """);
        String uri = doc.toUri().toString();
        Process server = new ProcessBuilder(LumenExecutable.currentJvm(Main.class.getName()).commandLine(List.of("lsp")))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            CompletableFuture<PublishDiagnosticsParams> diagnostics = new CompletableFuture<>();
            Launcher<LanguageServer> client = LSPLauncher.createClientLauncher(new Client(diagnostics),
                    server.getInputStream(), server.getOutputStream());
            client.startListening();
            LanguageServer lsp = client.getRemoteProxy();
            InitializeParams init = new InitializeParams();
            init.setCapabilities(new ClientCapabilities());
            InitializeResult initialized = lsp.initialize(init).get(60, TimeUnit.SECONDS);
            assertEquals(List.of("lumen.runCell", "lumen.showTrace"),
                    initialized.getCapabilities().getExecuteCommandProvider().getCommands());

            lsp.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "lumen", 1, Files.readString(doc))));
            assertEquals(List.of(), diagnostics.get(60, TimeUnit.SECONDS).getDiagnostics());

            JsonObject run = json(lsp.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams("lumen.runCell", List.of(uri, "main"))).get(120, TimeUnit.SECONDS));
            assertEquals("lumen run " + doc + " --cell=main --color=never", run.get("command").getAsString());
            assertEquals(0, run.get("exitCode").getAsInt(), run.toString());
            assertEquals("42\n", run.get("output").getAsString());

            JsonObject trace = json(lsp.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams("lumen.showTrace", List.of(uri))).get(120, TimeUnit.SECONDS));
            assertEquals(0, trace.get("exitCode").getAsInt(), trace.toString());
            String shown = trace.get("output").getAsString();
            assertTrue(shown.startsWith("run ") && shown.contains("main"), shown);

            lsp.shutdown().get(60, TimeUnit.SECONDS);
            lsp.exit();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aServerStoppedBySignalKillsTheRunsItStarted() throws Exception {
        Path doc = Files.writeString(dir.resolve("forever.lm.md"), """
                ```lumen
                cell fib(n: Int) -> Int
                  if n < 2
                    return n
                  end
                  return fib(n - 1) + fib(n - 2)
                end

                cell main() -> Int
                  return fib(90)
                end
                ```
                """);
        Process server = new ProcessBuilder(LumenExecutable.currentJvm(Main.class.getName()).commandLine(List.of("lsp")))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<ProcessHandle> runs = List.of();
        try {
            Launcher<LanguageServer> client = LSPLauncher.createClientLauncher(new Client(new CompletableFuture<>()),
                    server.getInputStream(), server.getOutputStream());
            client.startListening();
            LanguageServer lsp = client.getRemoteProxy();
            InitializeParams init = new InitializeParams();
            init.setCapabilities(new ClientCapabilities());
            lsp.initialize(init).get(60, TimeUnit.SECONDS);
            lsp.getWorkspaceService().executeCommand(new ExecuteCommandParams("lumen.runCell",
                    List.of(doc.toUri().toString(), "main")));
            for (int i = 0; i < 200 && runs.isEmpty(); i++) {
                Thread.sleep(50);
                runs = server.descendants().toList();
            }
            assertTrue(!runs.isEmpty(), "no lumen run started");
            server.destroy(); // SIGTERM, as an editor stops a server that does not answer
            assertTrue(server.waitFor(60, TimeUnit.SECONDS));
            for (ProcessHandle run : runs) {
                run.onExit().get(30, TimeUnit.SECONDS);
                assertTrue(!run.isAlive(), "the run " + run.pid() + " outlived the server");
            }
        } finally {
            server.destroyForcibly();
            runs.forEach(ProcessHandle::destroyForcibly); // should the test fail, the run still ends
        }
    }

    @Test
    void commandsUseBinLumenOnlyWhenItRunsThisVeryJar() throws IOException {
        Files.createDirectories(dir.resolve("docs/spec"));
        Files.writeString(dir.resolve("docs/spec/diagnostics.md"), "");
        Path script = Files.createDirectories(dir.resolve("bin")).resolve("lumen");
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path jar = Files.createDirectories(dir.resolve("launcher/target/lib")).resolve("lumen-launcher.jar");
        Files.writeString(jar, "");
        Installation installation = Installation.containing(jar);

        assertEquals(List.of(script.toString()), LspCommand.childLumen(installation, jar).prefix());
        Path classes = Files.createDirectories(dir.resolve("launcher/target/classes"));
        LumenExecutable fromClasses = LspCommand.childLumen(installation, classes);
        assertEquals(Main.class.getName(), fromClasses.prefix().getLast(),
                "classes that bin/lumen does not run start as this JVM does");
    }

    private static JsonObject json(Object answer) {
        return new Gson().toJsonTree(answer).getAsJsonObject();
    }

    private static final class Client extends QuietClient {
        private final CompletableFuture<PublishDiagnosticsParams> diagnostics;

        Client(CompletableFuture<PublishDiagnosticsParams> diagnostics) {
            this.diagnostics = diagnostics;
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams published) {
            diagnostics.complete(published);
        }
    }
}
