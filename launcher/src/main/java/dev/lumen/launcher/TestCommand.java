package dev.lumen.launcher;

import dev.lumen.language.source.SourceFile;
import dev.lumen.runtime.host.Host;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lumen test [FILE|DIR]...}: runs the `test` blocks of documents (lumen-v1.md §16), several documents at
 * once, and reports each test and a summary. Tests call no real tool: their fixtures answer every tool call.
 */
@Command(
        name = "test",
        description = "Run the `test` blocks of Lumen documents.",
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:every test passed",
            " 1:a test failed, a document has errors, or no test was found",
            " 2:bad arguments or unreadable input",
        })
final class TestCommand implements Callable<Integer> {

    enum Format {
        human, json
    }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*",
            description = "Documents, or folders searched for `*.lm.md` documents. Default: the current folder.")
    private List<String> paths = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "SUBSTRING", description = "Run only the tests whose name contains it.")
    private String filter;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "human",
            description = "human (one line per test) or json (one object on stdout). Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML to FILE.")
    private Path junit;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto, always or never. auto colors only a terminal, and never when NO_COLOR is set.")
    private Terminal.ColorChoice color;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<SourceFile> documents = new ArrayList<>();
        for (String name : paths.isEmpty() ? List.of(".") : paths) {
            List<String> found;
            try {
                found = Files.isDirectory(Host.current().resolve(name)) ? documentsUnder(Path.of(name)) : List.of(name);
            } catch (IOException | UncheckedIOException e) {
                err.println("error: couldn't read the folder `" + name + "`: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            for (String document : found) {
                SourceFile source = Documents.read(document, err);
                if (source == null) {
                    return ExitCodes.USAGE;
                }
                documents.add(source);
            }
        }
        List<TestResult> results = runAll(documents);
        boolean useColor = Terminal.colorOnStderr(color, Host.current().environment());
        long tests = results.stream().mapToLong(r -> r.outcomes().size()).sum();
        if (format == Format.json) {
            out.println(TestReport.json(results));
        } else {
            results.forEach(r -> TestReport.human(r, useColor, out, err));
            out.println(TestReport.summary(results));
        }
        if (documents.isEmpty()) {
            err.println("error: no `.lm.md` documents in " + String.join(", ", paths.isEmpty() ? List.of(".") : paths));
        } else if (tests == 0 && results.stream().noneMatch(TestResult::hasErrors)) {
            err.println("error: no tests found" + (filter != null ? " whose name contains `" + filter + "`" : "")
                    + " in " + (documents.size() == 1 ? "`" + documents.get(0).name() + "`"
                            : documents.size() + " documents"));
        }
        if (junit != null) {
            try {
                AtomicWrite.write(junit, TestReport.junit(results));
            } catch (IOException e) {
                err.println("error: couldn't write `" + junit + "`: " + e.getMessage());
                return ExitCodes.ERRORS;
            }
        }
        boolean allPassed = tests > 0 && results.stream().allMatch(r -> r.failed() == 0 && !r.hasErrors());
        return allPassed ? ExitCodes.OK : ExitCodes.ERRORS;
    }

    /** The documents' results in the order given, run on as many threads as there are processors. */
    private List<TestResult> runAll(List<SourceFile> documents) {
        int threads = Math.max(1, Math.min(documents.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<TestResult>> running = new ArrayList<>();
            for (SourceFile document : documents) {
                running.add(pool.submit(() -> TestRunner.run(document, filter)));
            }
            List<TestResult> results = new ArrayList<>();
            for (Future<TestResult> result : running) {
                results.add(result.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while tests ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The `*.lm.md` documents under {@code folder}, sorted, outside hidden folders (`.lumen`, `.git`). */
    static List<String> documentsUnder(Path folder) throws IOException {
        Path at = Host.current().absolute(folder); // walked where the command runs, named as the user wrote it
        try (Stream<Path> walk = Files.walk(at)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".lm.md") && Files.isRegularFile(p))
                    .map(at::relativize)
                    .filter(p -> !hidden(p))
                    .map(p -> folder.resolve(p).toString())
                    .sorted()
                    .toList();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".") && !part.toString().equals(".")) {
                return true;
            }
        }
        return false;
    }
}
