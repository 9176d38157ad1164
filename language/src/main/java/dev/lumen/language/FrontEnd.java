package dev.lumen.language;

import dev.lumen.language.check.CheckedProgram;
import dev.lumen.language.check.Checker;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.lower.Lowering;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.syntax.ParsedDocument;
import dev.lumen.language.syntax.Parser;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.RunSettings;

/** The front end's entry points: extract → lex → parse → resolve → typecheck ({@link #check}), then lower to LIR ({@link #compile}). */
public final class FrontEnd {
    private FrontEnd() {
    }

    public static CheckResult check(SourceFile file) {
        return analyse(file).result();
    }

    /**
     * Checks a document and, when it has no errors, lowers it to LIR. A document that checks cleanly can
     * still fail to lower when a cell exceeds an LIR limit (E0034, E0035); those errors join the result.
     */
    public static Compilation compile(SourceFile file) {
        Analysis analysis = analyse(file);
        if (analysis.result().hasErrors()) {
            return new Compilation(analysis.result(), null);
        }
        Diagnostics lowering = new Diagnostics();
        LirModule module = Lowering.lower(analysis.program(), file, analysis.settings(), lowering);
        if (module == null) {
            Diagnostics all = new Diagnostics();
            analysis.result().diagnostics().forEach(all::add);
            lowering.sorted().forEach(all::add);
            return new Compilation(new CheckResult(file, all.sorted()), null);
        }
        return new Compilation(analysis.result(), module);
    }

    private record Analysis(CheckResult result, CheckedProgram program, RunSettings settings) {
    }

    private static Analysis analyse(SourceFile file) {
        Diagnostics diagnostics = new Diagnostics();
        LumenDocument document = MarkdownExtractor.extract(file, diagnostics);
        ParsedDocument parsed = Parser.parseDocument(document, diagnostics);
        // The checker runs even after syntax errors, so independent type errors are reported too;
        // what it says about code that recovery dropped is left out.
        Diagnostics semantic = new Diagnostics();
        CheckedProgram program = Checker.check(parsed.program(), semantic);
        for (Diagnostic d : semantic.sorted()) {
            if (!parsed.hides(d, file)) {
                diagnostics.add(d);
            }
        }
        return new Analysis(new CheckResult(file, diagnostics.sorted()), program, document.settings().run());
    }
}
