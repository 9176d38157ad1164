package dev.lumen.launcher;

import dev.lumen.language.CheckResult;
import dev.lumen.language.Compilation;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.HumanRenderer;
import dev.lumen.language.project.ProjectLoader;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.format.LirJson;
import dev.lumen.runtime.host.Host;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lumen emit FILE [-o OUT]}: compiles a document and writes its canonical LIR module
 * ({@code FILE.lir.json} beside it by default). Nothing runs. The file is replaced atomically: it is written
 * to a temporary file in the same directory and renamed over the target, so a reader never sees half a module.
 */
@Command(
        name = "emit",
        description = "Compile a Lumen document to its canonical LIR module (.lir.json) without running it.",
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:the module was written",
            " 1:the document has errors (nothing is written)",
            " 2:bad arguments, unreadable input or unwritable output",
        })
final class EmitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1", description = "The `.lm.md` document to compile.")
    private String file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Where to write the module. Default: FILE with `.lm.md` replaced by `.lir.json`.")
    private String output;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto, always or never. auto colors only a terminal, and never when NO_COLOR is set.")
    private Terminal.ColorChoice color;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SourceFile source = Documents.read(file, err);
        if (source == null) {
            return ExitCodes.USAGE;
        }
        Compilation compilation = ProjectLoader.compile(source);
        report(compilation.result(), color, err);
        if (compilation.module() == null) {
            return ExitCodes.ERRORS;
        }
        Path target;
        try {
            target = Path.of(output != null ? output : defaultOutput(file));
        } catch (InvalidPathException e) {
            err.println("error: `" + output + "` is not a valid path: " + e.getReason());
            return ExitCodes.USAGE;
        }
        try {
            AtomicWrite.write(target, LirJson.write(compilation.module()));
        } catch (IOException e) {
            err.println("error: couldn't write `" + target + "`: " + describe(e));
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }

    /** FILE with `.lm.md` (or `.md`) replaced by `.lir.json`. */
    static String defaultOutput(String file) {
        if (file.endsWith(".lm.md")) {
            return file.substring(0, file.length() - ".lm.md".length()) + ".lir.json";
        }
        if (file.endsWith(".md")) {
            return file.substring(0, file.length() - ".md".length()) + ".lir.json";
        }
        return file + ".lir.json";
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }

    /**
     * Prints a document's diagnostics as `lumen check` does (rustc style, on standard error), closed by a
     * summary line when there are errors or warnings.
     */
    static void report(CheckResult result, Terminal.ColorChoice color, PrintWriter err) {
        List<Diagnostic> diagnostics = result.diagnostics();
        if (diagnostics.isEmpty()) {
            return;
        }
        boolean useColor = Terminal.colorOnStderr(color, Host.current().environment());
        err.print(new HumanRenderer(useColor).render(result.file(), diagnostics));
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.size() - errors;
        String summary;
        if (errors > 0) {
            summary = headline("error", "1;31", "could not compile `" + result.file().name() + "` due to "
                    + plural(errors, "previous error") + (warnings > 0 ? "; " + plural(warnings, "warning")
                    + " emitted" : ""), useColor);
        } else {
            summary = headline("warning", "1;33", "`" + result.file().name() + "` generated "
                    + plural(warnings, "warning"), useColor);
        }
        err.println();
        err.println(summary);
    }

    private static String headline(String level, String ansi, String text, boolean color) {
        return color
                ? "\u001b[" + ansi + "m" + level + "\u001b[0m\u001b[1m: " + text + "\u001b[0m"
                : level + ": " + text;
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

}
