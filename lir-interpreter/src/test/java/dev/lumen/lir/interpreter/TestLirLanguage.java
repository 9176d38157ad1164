package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.instrumentation.ProvidedTags;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.Source;
import dev.lumen.lir.errors.LumenSyntaxError;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.DebugInfo;
import dev.lumen.lir.format.LirFormatException;
import dev.lumen.lir.format.LirJson;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.Verifier;
import java.net.URI;

/**
 * A test-only language that runs canonical LIR JSON, so the interpreter is tested without the front end.
 * Evaluating a module returns its {@link LumenModuleObject}. A module of MIME type {@link #DEBUG_MIME} runs
 * as if compiled from a document at {@link #documentUri}: a stand-in text as long and as wide as the module's
 * source map needs, so that its instructions and statements have source sections a debugger can stop at.
 */
@TruffleLanguage.Registration(id = TestLirLanguage.ID, name = "Lumen LIR (tests)",
        characterMimeTypes = {TestLirLanguage.MIME, TestLirLanguage.DEBUG_MIME},
        defaultMimeType = TestLirLanguage.MIME, contextPolicy = TruffleLanguage.ContextPolicy.EXCLUSIVE)
@ProvidedTags({StandardTags.RootTag.class, StandardTags.RootBodyTag.class, StandardTags.StatementTag.class,
    StandardTags.CallTag.class})
public final class TestLirLanguage extends TruffleLanguage<Object> {
    static final String ID = "lumenlirtest";
    static final String MIME = "application/x-lumen-lir-test+json";
    static final String DEBUG_MIME = "application/x-lumen-lir-test-debug+json";
    private static final int STAND_IN_WIDTH = 100;

    @Override
    protected Object createContext(Env env) {
        return new Object();
    }

    @Override
    protected CallTarget parse(ParsingRequest request) throws LirFormatException {
        LirModule module = LirJson.read(request.getSource().getCharacters().toString());
        var problems = Verifier.verify(module);
        if (!problems.isEmpty()) {
            throw new LumenSyntaxError(String.join("\n", problems), problems.size());
        }
        Source doc = DEBUG_MIME.equals(request.getSource().getMimeType())
                ? Source.newBuilder(ID, standIn(module), module.source()).uri(documentUri(module.source())).build()
                : Source.newBuilder(ID, "", module.source()).content(Source.CONTENT_NONE).build();
        LumenProgram program = LumenProgram.link(this, module, doc, module.source(), LumenEffects.UNAVAILABLE);
        return RootNode.createConstantNode(program.newModuleObject(LumenEffects.UNAVAILABLE)).getCallTarget();
    }

    /** The URI of the stand-in document of a {@link #DEBUG_MIME} module whose source is {@code name}. */
    static URI documentUri(String name) {
        return URI.create("file:///lumen-test/" + name);
    }

    private static String standIn(LirModule module) {
        int lines = 1;
        for (CellDef cell : module.cells()) {
            for (int line : cell.lines()) {
                lines = Math.max(lines, line);
            }
            for (DebugInfo.Statement s : cell.debug().statements()) {
                lines = Math.max(lines, s.span().endLine());
            }
        }
        return (" ".repeat(STAND_IN_WIDTH) + "\n").repeat(lines);
    }
}
