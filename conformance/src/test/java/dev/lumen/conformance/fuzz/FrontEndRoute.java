package dev.lumen.conformance.fuzz;

import dev.lumen.language.CheckResult;
import dev.lumen.language.Compilation;
import dev.lumen.language.project.ProjectLoader;
import dev.lumen.language.diagnostics.HumanRenderer;
import dev.lumen.language.diagnostics.JsonRenderer;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.format.LirFormatException;
import dev.lumen.lir.format.LirJson;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.Verifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Checks or compiles a document with the front end directly, as {@code lumen check --offline} and {@code lumen
 * emit} do, and reports like them: exit status 0, 1 with the diagnostics, 2 for input that is not UTF-8, and 101
 * with the stack trace for an exception. A compiled module must survive {@code LirJson} and the {@link Verifier}:
 * whatever the front end accepts, the interpreter must be able to load.
 */
final class FrontEndRoute {
    private FrontEndRoute() {
    }

    static InProcessLumen.Result check(byte[] content, Path file) {
        return guarded(content, file, source -> {
            CheckResult result = ProjectLoader.check(source);
            String rendered = new HumanRenderer(false).render(source, result.diagnostics());
            String json = JsonRenderer.render(List.of(result));
            return new InProcessLumen.Result(result.hasErrors() ? 1 : 0, json, rendered, false, false);
        });
    }

    static InProcessLumen.Result compile(byte[] content, Path file) {
        return guarded(content, file, source -> {
            Compilation compilation = ProjectLoader.compile(source);
            String rendered = new HumanRenderer(false).render(source, compilation.result().diagnostics());
            if (compilation.module() == null) {
                return new InProcessLumen.Result(1, "", rendered, false, false);
            }
            String written = LirJson.write(compilation.module());
            LirModule back;
            try {
                back = LirJson.read(written);
            } catch (LirFormatException e) {
                return internal("the emitted module does not read back: " + e.getMessage());
            }
            List<String> problems = Verifier.verify(back);
            if (!problems.isEmpty()) {
                return internal("the emitted module does not verify: " + String.join("; ", problems));
            }
            if (!LirJson.write(back).equals(written)) {
                return internal("the emitted module reads back as another module");
            }
            return new InProcessLumen.Result(0, "", rendered, false, false);
        });
    }

    /** {@code body} on the document, as `lumen` reads it; an exception is an internal error. */
    private static InProcessLumen.Result guarded(byte[] content, Path file, Function<SourceFile, InProcessLumen.Result> body) {
        try {
            SourceFile source = source(content, file);
            return source == null ? notUtf8(file) : body.apply(source);
        } catch (RuntimeException | StackOverflowError e) {
            StringWriter trace = new StringWriter();
            PrintWriter w = new PrintWriter(trace);
            w.println("error: internal error in the front end: " + e);
            e.printStackTrace(w);
            w.flush();
            return new InProcessLumen.Result(101, "", trace.toString(), false, false);
        }
    }

    private static InProcessLumen.Result internal(String message) {
        return new InProcessLumen.Result(101, "", "error: internal error: " + message + "\n", false, false);
    }

    private static InProcessLumen.Result notUtf8(Path file) {
        return new InProcessLumen.Result(2, "", "error: `" + file + "` is not valid UTF-8\n", false, false);
    }

    /** The document as `lumen` reads it: strict UTF-8, named by its path; null if it is not UTF-8. */
    private static SourceFile source(byte[] content, Path file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
            return new SourceFile(file.toString(), text, file);
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
