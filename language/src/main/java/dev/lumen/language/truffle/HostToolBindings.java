package dev.lumen.language.truffle;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import dev.lumen.embed.HostTools;
import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.interpreter.LumenImport;
import dev.lumen.lir.values.LumenJson;
import dev.lumen.lir.values.LumenType;
import dev.lumen.runtime.tools.HostTool;
import dev.lumen.runtime.tools.HostToolSet;
import dev.lumen.runtime.tools.ManifestException;
import dev.lumen.runtime.tools.ToolLocator;
import dev.lumen.runtime.tools.ToolManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tools a host offers (tool-manifest-v1.md §8): each polyglot binding named
 * {@code lumen.tool.<tool id>} whose value has a {@code manifest} (JSON text, or an object of that shape) and an
 * executable {@code call}. Java and JavaScript hosts put them there alike ({@code
 * context.getPolyglotBindings().putMember(…)}, {@code Polyglot.export(…)}). An offer that cannot be used is
 * kept as a problem, which the E0040 of an import that misses it notes. Nothing is read when the context does
 * not let Lumen read the polyglot bindings.
 */
final class HostToolBindings {
    private static final String PREFIX = HostTools.BINDING_PREFIX;

    private static final InteropLibrary INTEROP = InteropLibrary.getUncached();

    private HostToolBindings() {
    }

    /** A host's offer that cannot be used. */
    private static final class BadOffer extends Exception {
        private static final long serialVersionUID = 1L;

        BadOffer(String message) {
            super(message, null, false, false);
        }
    }

    /** The tools offered now, in the order of their bindings' names. */
    @TruffleBoundary
    static HostToolSet read(TruffleLanguage.Env env) {
        if (!env.isPolyglotBindingsAccessAllowed()) {
            return HostToolSet.NONE;
        }
        Object bindings = env.getPolyglotBindings();
        List<String> names = new ArrayList<>();
        try {
            Object members = INTEROP.getMembers(bindings);
            for (long i = 0, n = INTEROP.getArraySize(members); i < n; i++) {
                String name = INTEROP.asString(INTEROP.readArrayElement(members, i));
                if (name.startsWith(PREFIX)) {
                    names.add(name);
                }
            }
        } catch (InteropException e) {
            return HostToolSet.NONE; // bindings that cannot be listed offer nothing
        }
        names.sort(null);
        List<HostTool> tools = new ArrayList<>();
        List<ToolLocator.Problem> problems = new ArrayList<>();
        for (String name : names) {
            String where = "the host's polyglot binding `" + name + "`";
            try {
                tools.add(offer(env, name, where, INTEROP.readMember(bindings, name)));
            } catch (BadOffer | ManifestException e) {
                problems.add(new ToolLocator.Problem(where, e.getMessage()));
            } catch (InteropException | AbstractTruffleException e) {
                problems.add(new ToolLocator.Problem(where, "it cannot be read: " + e.getMessage()));
            }
        }
        return new HostToolSet(tools, problems);
    }

    private static HostTool offer(TruffleLanguage.Env env, String name, String where, Object offer)
            throws BadOffer, InteropException {
        ToolManifest manifest = ToolManifest.parseHost(manifestText(member(offer, "manifest")));
        String id = name.substring(PREFIX.length());
        if (!manifest.toolId().equals(id)) {
            throw new BadOffer("it offers `" + id + "`, but its manifest's tool_id is `" + manifest.toolId()
                    + "`; the binding is named `" + PREFIX + "` and the tool id");
        }
        Object call = member(offer, "call");
        if (!INTEROP.isExecutable(call)) {
            throw new BadOffer("its `call` is not a function: it is " + display(call));
        }
        return new HostTool(manifest, where, new HostToolCall(env, manifest, call));
    }

    private static Object member(Object offer, String name) throws BadOffer, InteropException {
        if (!INTEROP.isMemberReadable(offer, name)) {
            throw new BadOffer("it has no member `" + name + "`: a host tool is an object with a `manifest` and a "
                    + "`call` function");
        }
        return INTEROP.readMember(offer, name);
    }

    /** The manifest as JSON text: given as text, or as an object in the manifest's shape. */
    private static String manifestText(Object manifest) throws BadOffer, InteropException {
        if (INTEROP.isString(manifest)) {
            return INTEROP.asString(manifest);
        }
        try {
            return LumenJson.text(LumenImport.fromJson(manifest, LumenType.Primitive.JSON, "manifest",
                    LumenException.Kind.TOOL, "its manifest is not JSON text or a JSON object"));
        } catch (LumenFailure e) {
            throw new BadOffer(e.getMessage());
        }
    }

    /** A value as its language shows it, for messages. */
    private static String display(Object value) {
        try {
            return INTEROP.asString(INTEROP.toDisplayString(value));
        } catch (InteropException e) {
            return "a value that cannot be shown";
        }
    }
}
