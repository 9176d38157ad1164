package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.Source;
import dev.lumen.lir.errors.LumenSyntaxError;
import dev.lumen.lir.format.LirFormatException;
import dev.lumen.lir.format.LirJson;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.Verifier;

/**
 * A test-only language that runs canonical LIR JSON, so the interpreter is tested without the front end.
 * Evaluating a module returns its {@link LumenModuleObject}.
 */
@TruffleLanguage.Registration(id = TestLirLanguage.ID, name = "Lumen LIR (tests)", characterMimeTypes = TestLirLanguage.MIME,
        defaultMimeType = TestLirLanguage.MIME, contextPolicy = TruffleLanguage.ContextPolicy.EXCLUSIVE)
public final class TestLirLanguage extends TruffleLanguage<Object> {
    static final String ID = "lumenlirtest";
    static final String MIME = "application/x-lumen-lir-test+json";

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
        Source doc = Source.newBuilder(ID, "", module.source()).content(Source.CONTENT_NONE).build();
        LumenProgram program = LumenProgram.link(this, module, doc, module.source(), LumenEffects.UNAVAILABLE);
        return RootNode.createConstantNode(program.moduleObject()).getCallTarget();
    }
}
