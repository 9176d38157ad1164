package dev.lumen.language.check;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.syntax.Parser;
import dev.lumen.language.types.Type;
import dev.lumen.runtime.tools.BundledTools;
import dev.lumen.runtime.tools.ManifestException;
import dev.lumen.runtime.tools.ToolManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves `use tool` lines against the bundled tool manifests (E0040 for an unknown id) and turns each
 * manifest's schemas into a Lumen signature.
 */
final class ToolCatalog {
    private final Context cx;
    private final Map<String, ToolAlias.Signature> signatures = new HashMap<>();

    ToolCatalog(Context cx) {
        this.cx = cx;
    }

    ToolAlias resolve(Decl.UseTool use) {
        if (use.mcpServer() != null) {
            return new ToolAlias(use, null, null);
        }
        String id = use.toolId().name();
        ToolManifest manifest = BundledTools.find(id).orElse(null);
        if (manifest == null) {
            Diagnostic.Builder d = Diagnostic.error(Code.E0040, use.toolId().span(), "unknown tool `" + id + "`")
                    .label("no bundled tool has this id");
            if (!Names.suggest(d, id, BundledTools.IDS)) {
                d.help("the bundled tools are " + Names.quotedList(BundledTools.IDS));
            }
            d.note("tools of an MCP server are imported with `use tool mcp \"<server address>\" as "
                    + use.alias().name() + "`");
            cx.report(d);
            return new ToolAlias(use, null, null);
        }
        return new ToolAlias(use, manifest, signatures.computeIfAbsent(id, k -> signature(manifest)));
    }

    /** A bundled manifest's schemas as Lumen types; a malformed one is a bug in Lumen, not in the document. */
    static ToolAlias.Signature signature(ToolManifest m) {
        Map<String, Type> inputs = new LinkedHashMap<>();
        List<String> optional = new ArrayList<>();
        for (ToolManifest.FieldSpec f : m.input().fields().values()) {
            inputs.put(f.name(), parse(m, f.type()));
            if (f.optional()) {
                optional.add(f.name());
            }
        }
        Type output;
        if (m.output().isRecord()) {
            Map<String, Type> fields = new LinkedHashMap<>();
            m.output().fields().values().forEach(f -> fields.put(f.name(), parse(m, f.type())));
            output = Type.structural(fields);
        } else {
            output = parse(m, m.output().type());
        }
        return new ToolAlias.Signature(inputs, optional, m.input().positional(), output);
    }

    private static Type parse(ToolManifest m, String text) {
        TypeExpr expr = Parser.parseType(text);
        Type t = expr == null ? null : TypeResolver.builtin(expr);
        if (t == null) {
            throw new ManifestException("manifest of `" + m.toolId() + "`: `" + text + "` is not a built-in Lumen type");
        }
        return t;
    }
}
