package dev.lumen.lsp.feature;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.lumen.language.syntax.Lexer;
import dev.lumen.lsp.run.ChildProcesses;
import dev.lumen.lsp.run.LumenExecutable;
import dev.lumen.lsp.text.OpenDocument;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * {@code workspace/executeCommand} for {@value #RUN_CELL} and {@value #SHOW_TRACE} (docs/spec/lsp.md §5): each
 * runs a {@code lumen} command in a child process of the server's own installation, never in the server's JVM,
 * bounded in time and output, and answers with a {@link CommandResult}.
 */
public final class RunCommands {
    public static final String RUN_CELL = "lumen.runCell";
    public static final String SHOW_TRACE = "lumen.showTrace";
    /** The exit status reported for a command stopped at the time limit, as timeout(1) reports it. */
    static final int TIMED_OUT = 124;
    /** The exit status reported for a command that could not be started, as a shell reports it. */
    static final int NOT_STARTED = 127;
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./@%+=:,-]+");

    private final LumenExecutable lumen;
    private final ChildProcesses children;
    private final Duration timeout;
    private final int outputLimit;
    private final Executor executor;
    private final Function<String, OpenDocument> openDocuments;

    /**
     * @param openDocuments the open document for a URI, or null: a run notes when the open text is not saved
     */
    public RunCommands(LumenExecutable lumen, ChildProcesses children, Duration timeout, int outputLimit,
            Executor executor, Function<String, OpenDocument> openDocuments) {
        this.lumen = lumen;
        this.children = children;
        this.timeout = timeout;
        this.outputLimit = outputLimit;
        this.executor = executor;
        this.openDocuments = openDocuments;
    }

    public void register(ServerCapabilities capabilities) {
        capabilities.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(RUN_CELL, SHOW_TRACE)));
    }

    /** Runs the command {@code params} names; fails with an InvalidParams error for anything else. */
    public CompletableFuture<Object> execute(ExecuteCommandParams params) {
        String command = params == null ? null : params.getCommand();
        List<Object> arguments = params == null || params.getArguments() == null ? List.of() : params.getArguments();
        List<String> args;
        Path document;
        if (RUN_CELL.equals(command)) {
            document = document(command, arguments, 2);
            String cell = string(command, arguments, 1, "a cell name");
            if (!isName(cell)) {
                throw invalid("`" + cell + "` is not a cell name");
            }
            args = List.of("run", document.toString(), "--cell=" + cell, "--color=never");
        } else if (SHOW_TRACE.equals(command)) {
            document = document(command, arguments, 1);
            args = List.of("trace", "last", "--store=" + Store.forDocument(document).root());
        } else {
            throw invalid("the Lumen language server has no command `" + command + "`; its commands are "
                    + RUN_CELL + " and " + SHOW_TRACE);
        }
        String shown = "lumen " + String.join(" ", args.stream().map(RunCommands::quoted).toList());
        String note = RUN_CELL.equals(command) ? unsavedNote(params, document) : "";
        CompletableFuture<Object> answer = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                answer.complete(run(shown, args, document, note, answer));
            } catch (Throwable t) { // the protocol's error handler logs it and answers InternalError
                answer.completeExceptionally(t);
            }
        });
        return answer;
    }

    private CommandResult run(String shown, List<String> args, Path document, String note,
            CompletableFuture<Object> answer) {
        ChildProcesses.Child child;
        try {
            child = children.start(lumen.commandLine(args), lumen.environment(), document.getParent(), outputLimit);
        } catch (IOException e) {
            return new CommandResult(shown, NOT_STARTED, note + "lumen: could not start `" + shown + "`: "
                    + e.getMessage() + "\n");
        }
        answer.whenComplete((result, failure) -> {
            if (answer.isCancelled()) {
                child.kill();
            }
        });
        try {
            ChildProcesses.Outcome outcome = child.await(timeout);
            StringBuilder output = new StringBuilder(note).append(outcome.output());
            if (outcome.droppedBytes() > 0) {
                ensureNewline(output).append("lumen: ").append(outcome.droppedBytes())
                        .append(" more bytes of output are not shown (the language server keeps the first ")
                        .append(outputLimit).append(")\n");
            }
            if (outcome.timedOut()) {
                ensureNewline(output).append("lumen: stopped after ").append(timeout.toSeconds())
                        .append(" s, the language server's time limit for a command\n");
            }
            return new CommandResult(shown, outcome.timedOut() ? TIMED_OUT : outcome.exitCode(), output.toString());
        } catch (InterruptedException e) {
            child.kill();
            Thread.currentThread().interrupt();
            return new CommandResult(shown, TIMED_OUT, note + "lumen: the command was stopped\n");
        }
    }

    private static StringBuilder ensureNewline(StringBuilder s) {
        if (!s.isEmpty() && s.charAt(s.length() - 1) != '\n') {
            s.append('\n');
        }
        return s;
    }

    /** A note when the open document's text is not what is saved, since the child reads the file. */
    private String unsavedNote(ExecuteCommandParams params, Path document) {
        OpenDocument open = openDocuments.apply(string(params.getCommand(), params.getArguments(), 0, "a URI"));
        if (open == null) {
            return "";
        }
        try {
            String saved = Files.readString(document, StandardCharsets.UTF_8);
            return saved.equals(open.text()) ? ""
                    : "lumen: the document has unsaved changes; this run used the file as saved\n";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The document of argument 0, a {@code file:} URI of an existing file; {@code count} arguments expected. */
    private static Path document(String command, List<Object> arguments, int count) {
        if (arguments.size() != count) {
            throw invalid(command + " takes " + (count == 1 ? "[documentUri]" : "[documentUri, cellName]")
                    + ", not " + arguments.size() + " argument" + (arguments.size() == 1 ? "" : "s"));
        }
        String uri = string(command, arguments, 0, "a URI");
        Path path = OpenDocument.pathOf(uri);
        if (path == null) {
            throw invalid(command + " runs a saved document: `" + uri + "` is not a file: URI");
        }
        if (!Files.isRegularFile(path)) {
            throw invalid(command + ": there is no file " + path);
        }
        return Host.current().absolute(path).normalize();
    }

    private static String string(String command, List<Object> arguments, int index, String what) {
        Object value = index < arguments.size() ? arguments.get(index) : null;
        if (value instanceof JsonElement json && json.isJsonPrimitive() && ((JsonPrimitive) json).isString()) {
            return json.getAsString();
        }
        if (value instanceof String s) {
            return s;
        }
        throw invalid(command + ": argument " + index + " must be " + what + " (a string)");
    }

    private static boolean isName(String s) {
        if (s.isEmpty() || !Lexer.isNameStart(s.charAt(0))) {
            return false;
        }
        return s.chars().allMatch(c -> Lexer.isNamePart((char) c));
    }

    private static String quoted(String word) {
        return PLAIN_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static ResponseErrorException invalid(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }

    /** The arguments a code lens passes to {@value #RUN_CELL}. */
    static List<Object> runCellArguments(String uri, String cell) {
        return new ArrayList<>(List.of(uri, cell));
    }
}
