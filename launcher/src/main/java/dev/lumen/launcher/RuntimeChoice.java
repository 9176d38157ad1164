package dev.lumen.launcher;

import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.format.LirFormatException;
import dev.lumen.lir.format.LirJson;
import dev.lumen.lir.format.RunSettings;
import java.util.OptionalInt;
import org.graalvm.polyglot.Source;

/**
 * Which of bin/lumen's two JVMs a {@code run} belongs on (run.md §5.3). bin/lumen starts {@code run} on the
 * fast-starting JVM unless told {@code --jit}, and passes {@code -Dlumen.jit.restart=STATUS}: when the program
 * asks for the optimizing runtime ({@code @profile prod}, and no {@code --no-jit}), the launcher exits with
 * STATUS before running anything, and bin/lumen starts the command again on the optimizing JVM. Only the
 * document's directives are read for this, so a restart costs tens of milliseconds, and no effect has happened.
 * A polyglot option the fast JVM's engine does not know (a compiler option) restarts the command the same way.
 */
final class RuntimeChoice {
    static final String RESTART_PROPERTY = "lumen.jit.restart";

    private RuntimeChoice() {
    }

    /** The status to exit with so that bin/lumen restarts on the optimizing JVM, if that is needed. */
    static OptionalInt restartStatus(Boolean jitOption, Source source) {
        String restart = System.getProperty(RESTART_PROPERTY);
        if (restart == null || Boolean.FALSE.equals(jitOption)) {
            return OptionalInt.empty();
        }
        if (Boolean.TRUE.equals(jitOption) || profile(source) == RunSettings.Profile.PROD) {
            return OptionalInt.of(Integer.parseInt(restart));
        }
        return OptionalInt.empty();
    }

    /**
     * The status to exit with when the fast JVM's engine rejected a polyglot option: compiler options such as
     * {@code --engine.TraceCompilation} exist only on the optimizing runtime, which reports the option if it
     * does not know it either.
     */
    static OptionalInt restartForOptions(Boolean jitOption) {
        String restart = System.getProperty(RESTART_PROPERTY);
        if (restart == null || Boolean.FALSE.equals(jitOption)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(restart));
    }

    /** The document's {@code @profile}; a document or module with errors has the default (they are reported when it is compiled). */
    private static RunSettings.Profile profile(Source source) {
        String text = source.getCharacters().toString();
        if ("application/x-lumen-lir+json".equals(source.getMimeType())) {
            try {
                return LirJson.read(text).settings().profile();
            } catch (LirFormatException e) {
                return RunSettings.DEFAULTS.profile();
            }
        }
        return MarkdownExtractor.extract(new SourceFile(source.getName(), text), new Diagnostics()).settings().profile();
    }
}
