package dev.lumen.launcher;

import dev.lumen.language.Compilation;
import dev.lumen.language.project.ProjectLoader;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.Disassembler;
import dev.lumen.lir.format.LirFormatException;
import dev.lumen.lir.format.LirJson;
import dev.lumen.lir.format.LirModule;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lumen lir FILE}: the LIR listing of a document (compiled on the spot) or of an emitted
 * {@code .lir.json} module, in the style of {@code luac -l}: the type and tool tables, then each cell's
 * instructions with their source lines, constants and register types.
 */
@Command(
        name = "lir",
        description = "Print the LIR listing of a Lumen document, or of a module written by `lumen emit`.",
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:the listing was printed",
            " 1:the document has errors, or the module is malformed",
            " 2:bad arguments or unreadable input",
        })
final class LirCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1", description = "A `.lm.md` document or a `.lir.json` module.")
    private String file;

    @Option(names = "--cell", paramLabel = "NAME", description = "List only this cell.")
    private String cell;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto, always or never, for diagnostics. auto colors only a terminal, and never when "
                    + "NO_COLOR is set.")
    private Terminal.ColorChoice color;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LirModule module;
        if (file.endsWith(".json")) {
            String text;
            try {
                text = Documents.text(file);
            } catch (Documents.Unreadable e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            try {
                module = LirJson.read(text);
            } catch (LirFormatException e) {
                err.println("error: `" + file + "` is not an LIR module: " + e.getMessage());
                return ExitCodes.ERRORS;
            }
        } else {
            SourceFile source = Documents.read(file, err);
            if (source == null) {
                return ExitCodes.USAGE;
            }
            Compilation compilation = ProjectLoader.compile(source);
            EmitCommand.report(compilation.result(), color, err);
            if (compilation.module() == null) {
                return ExitCodes.ERRORS;
            }
            module = compilation.module();
        }
        if (cell == null) {
            out.print(Disassembler.listing(module));
            return ExitCodes.OK;
        }
        List<CellDef> cells = module.cells();
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).name().equals(cell)) {
                out.print(Disassembler.cell(module, i));
                return ExitCodes.OK;
            }
        }
        err.println("error: no cell `" + cell + "` in `" + file + "`" + (cells.isEmpty() ? "; it has no cells"
                : "; its cells are " + String.join(", ", cells.stream().map(c -> "`" + c.name() + "`").toList())));
        return ExitCodes.USAGE;
    }
}
