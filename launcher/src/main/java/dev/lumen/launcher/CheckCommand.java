package dev.lumen.launcher;

import dev.lumen.language.CheckResult;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.HumanRenderer;
import dev.lumen.language.diagnostics.JsonRenderer;
import dev.lumen.language.project.ProjectLoader;
import dev.lumen.language.source.SourceFile;
import dev.lumen.runtime.host.Host;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lumen check FILE...}: front end only (extract, parse, resolve, typecheck). Nothing written in a document
 * runs: the calls of the MCP servers it imports are typed from the manifests the lock file records, and a
 * server it does not record is an error naming {@code lumen lock}, which reads them (mcp-bridge-v1.md §10).
 */
@Command(
        name = "check",
        description = "Check Lumen documents for errors without running them.",
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:no errors (warnings allowed)",
            " 1:at least one document has errors",
            " 2:bad arguments or unreadable input",
        })
final class CheckCommand implements Callable<Integer> {

    enum Format {
        human, json
    }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "`.lm.md` documents to check.")
    private List<String> files;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "human",
            description = "human (rustc-style, on stderr) or json (one object on stdout). Default: ${DEFAULT-VALUE}.")
    private Format format;

    /** Accepted and ignored: `check` never starts an MCP server, so it is always offline. */
    @Option(names = "--offline", hidden = true)
    private boolean offline;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto, always or never. auto colors only a terminal, and never when NO_COLOR is set.")
    private Terminal.ColorChoice color;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        List<SourceFile> sources = new ArrayList<>(files.size());
        boolean unreadable = false;
        for (String name : files) {
            SourceFile source = Documents.read(name, err);
            if (source == null) {
                unreadable = true;
            } else {
                sources.add(source);
            }
        }
        if (unreadable) {
            return ExitCodes.USAGE;
        }

        List<CheckResult> results = new ArrayList<>(sources.size());
        for (SourceFile source : sources) {
            results.add(ProjectLoader.check(source));
        }

        if (format == Format.json) {
            String json = JsonRenderer.render(results);
            out.print(json);
            if (!json.endsWith("\n")) {
                out.println();
            }
        } else {
            boolean useColor = Terminal.colorOnStderr(color, Host.current().environment());
            HumanRenderer renderer = new HumanRenderer(useColor);
            for (CheckResult result : results) {
                if (!result.diagnostics().isEmpty()) {
                    err.print(renderer.render(result.file(), result.diagnostics()));
                    String summary = summary(result.file().name(), result.diagnostics(), useColor);
                    if (summary != null) {
                        err.println();
                        err.println(summary);
                    }
                }
            }
        }
        return results.stream().anyMatch(CheckResult::hasErrors) ? ExitCodes.ERRORS : ExitCodes.OK;
    }

    /**
     * The line closing one document's diagnostics, in cargo's words, e.g. {@code error: could not check
     * `a.lm.md` due to 2 previous errors; 1 warning emitted}; null if there is nothing to sum up.
     */
    static String summary(String name, List<Diagnostic> diagnostics, boolean color) {
        return summary("check", name, diagnostics, color);
    }

    /** As {@link #summary(String, List, boolean)}, for a command that does {@code verb} (`could not VERB …`). */
    static String summary(String verb, String name, List<Diagnostic> diagnostics, boolean color) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.size() - errors;
        if (errors > 0) {
            String text = "could not " + verb + " `" + name + "` due to " + plural(errors, "previous error")
                    + (warnings > 0 ? "; " + plural(warnings, "warning") + " emitted" : "");
            return headline("error", "1;31", text, color);
        }
        if (warnings > 0) {
            return headline("warning", "1;33", "`" + name + "` generated " + plural(warnings, "warning"), color);
        }
        return null;
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
