package dev.lumen.launcher;

import dev.lumen.language.diagnostics.HumanRenderer;
import dev.lumen.language.format.FormatResult;
import dev.lumen.language.format.Formatter;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import dev.lumen.runtime.host.Host;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lumen fmt FILE...}: lays out the `lumen` blocks of documents in the one style of docs/spec/format.md,
 * changing nothing else. Each file is rewritten atomically (a temporary file renamed over it, its permissions
 * kept) and only when it changes. Every file is read and formatted before any is written: an unreadable file
 * or one with syntax errors leaves every file as it was. Nothing in a document runs.
 */
@Command(
        name = "fmt",
        description = "Format the lumen code blocks of Lumen documents in place.",
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:every document is formatted (with --check: none would change)",
            " 1:a document has syntax errors (nothing is written), or with --check would change",
            " 2:bad arguments, unreadable input or unwritable output",
        })
final class FmtCommand implements Callable<Integer> {
    private static final String DOCUMENT = ".lm.md";
    private static final String STDIN_NAME = "<stdin>";

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "`.lm.md` documents to format in place.")
    private List<String> files = new ArrayList<>();

    @Option(names = "--check", description = "Change nothing; list the documents that would change, and exit 1 "
            + "if there are any.")
    private boolean check;

    @Option(names = "--stdin", description = "Format standard input and write the result to standard output.")
    private boolean stdin;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto, always or never. auto colors only a terminal, and never when NO_COLOR is set.")
    private Terminal.ColorChoice color;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    private final InputStream input;

    /** Reads standard input, with {@code --stdin}, from the {@link Host} the command runs for. */
    FmtCommand() {
        this(null);
    }

    FmtCommand(InputStream input) {
        this.input = input;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (stdin) {
            if (!files.isEmpty()) {
                err.println("error: `--stdin` formats standard input, and takes no FILE (got `" + files.getFirst()
                        + "`)");
                return ExitCodes.USAGE;
            }
            return formatStandardInput(err);
        }
        if (files.isEmpty()) {
            err.println("error: missing required parameter: `FILE`");
            err.println("  = help: name the documents, as in `lumen fmt doc.lm.md`, or pass `--stdin`");
            err.println();
            err.println("For more information, try 'lumen fmt --help'.");
            return ExitCodes.USAGE;
        }
        List<SourceFile> sources = new ArrayList<>(files.size());
        for (String name : files) {
            SourceFile source = read(name, err);
            if (source == null) {
                return ExitCodes.USAGE;
            }
            sources.add(source);
        }
        List<FormatResult> results = new ArrayList<>(sources.size());
        boolean refused = false;
        for (SourceFile source : sources) {
            FormatResult result = Formatter.format(source);
            refused |= report(source, result, err);
            results.add(result);
        }
        if (refused) {
            return ExitCodes.ERRORS;
        }
        return check ? listChanged(sources, results) : writeChanged(sources, results, err);
    }

    private int formatStandardInput(PrintWriter err) {
        String text;
        try {
            byte[] bytes = (input != null ? input : Host.current().in()).readAllBytes();
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            err.println("error: couldn't read standard input: it is not valid UTF-8");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("error: couldn't read standard input: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        SourceFile source = new SourceFile(STDIN_NAME, text);
        FormatResult result = Formatter.format(source);
        if (report(source, result, err)) {
            return ExitCodes.ERRORS;
        }
        FormatResult.Formatted formatted = (FormatResult.Formatted) result;
        if (check) {
            return listChanged(List.of(source), List.of(result));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(formatted.text());
        out.flush();
        return ExitCodes.OK;
    }

    /** Reads a document named on the command line, or says why it cannot and returns null. */
    private static SourceFile read(String name, PrintWriter err) {
        try {
            if (!Documents.fileName(name).endsWith(DOCUMENT)) {
                err.println("error: `" + name + "` is not a Lumen document (lumen fmt formats `" + DOCUMENT
                        + "` files)");
                return null;
            }
            return new SourceFile(name, Documents.text(name), Host.current().resolve(name));
        } catch (Documents.Unreadable e) {
            err.println("error: " + e.getMessage());
            return null;
        }
    }

    /** Prints what stops or qualifies formatting a document; returns whether it was refused (syntax errors). */
    private boolean report(SourceFile source, FormatResult result, PrintWriter err) {
        switch (result) {
            case FormatResult.Refused refused -> {
                boolean useColor = Terminal.colorOnStderr(color, Host.current().environment());
                err.print(new HumanRenderer(useColor).render(source, refused.diagnostics()));
                err.println();
                err.println(CheckCommand.summary("format", source.name(), refused.diagnostics(), useColor));
                return true;
            }
            case FormatResult.Formatted formatted -> {
                for (Span fence : formatted.keptAsWritten()) {
                    err.println("warning: left the block at " + source.name() + ":" + fence.line() + ":"
                            + fence.column() + " as written: the formatter could not lay it out without changing "
                            + "it (please report this)");
                }
                return false;
            }
        }
    }

    private int listChanged(List<SourceFile> sources, List<FormatResult> results) {
        PrintWriter out = spec.commandLine().getOut();
        boolean any = false;
        for (int i = 0; i < sources.size(); i++) {
            if (((FormatResult.Formatted) results.get(i)).changed()) {
                out.println(sources.get(i).name());
                any = true;
            }
        }
        return any ? ExitCodes.ERRORS : ExitCodes.OK;
    }

    private static int writeChanged(List<SourceFile> sources, List<FormatResult> results, PrintWriter err) {
        int status = ExitCodes.OK;
        for (int i = 0; i < sources.size(); i++) {
            FormatResult.Formatted formatted = (FormatResult.Formatted) results.get(i);
            if (!formatted.changed()) {
                continue;
            }
            SourceFile source = sources.get(i);
            try {
                // Through a symbolic link to the file it names, so the link stays a link.
                AtomicWrite.write(Host.current().resolve(source.name()).toRealPath(), formatted.text());
            } catch (IOException e) {
                err.println("error: couldn't write `" + source.name() + "`: " + EmitCommand.describe(e));
                status = ExitCodes.USAGE;
            }
        }
        return status;
    }
}
