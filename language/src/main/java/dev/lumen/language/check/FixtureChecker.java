package dev.lumen.language.check;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Program;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import java.util.HashMap;
import java.util.Map;

/**
 * The fixtures of tests (`given Alias returns VALUE`): each names a tool the document uses — a native import by
 * its alias alone, an MCP tool as `Alias.tool` — and each tool once per test.
 */
final class FixtureChecker {
    private FixtureChecker() {
    }

    static void check(Program program, Context cx) {
        for (Decl decl : program.decls()) {
            if (decl instanceof Decl.Cell cell && cell.test() != null) {
                Map<String, Decl.Fixture> seen = new HashMap<>();
                for (Decl.Fixture fixture : cell.test().fixtures()) {
                    check(fixture, cx);
                    String key = fixture.alias().name() + (fixture.tool() == null ? "" : "." + fixture.tool().name());
                    Decl.Fixture earlier = seen.putIfAbsent(key, fixture);
                    if (earlier != null) {
                        cx.diagnostics.add(Diagnostic.error(Code.E0058, fixture.span(),
                                        "`" + key + "` has two fixtures in this test")
                                .label("second fixture")
                                .secondary(earlier.span(), "first fixture here")
                                .help("a test gives each tool one output; write a second test for another output"));
                    }
                }
            }
        }
    }

    private static void check(Decl.Fixture fixture, Context cx) {
        String alias = fixture.alias().name();
        ToolAlias tool = cx.symbols.tools.get(alias);
        if (tool == null) {
            cx.diagnostics.add(Diagnostic.error(Code.E0058, fixture.alias().span(),
                            "`" + alias + "` is not a tool this document uses")
                    .label("no `use tool … as " + alias + "`")
                    .help("a fixture answers calls of an imported tool: add `use tool ID as " + alias
                            + "` (and its grant), or name one of the document's tool aliases"));
        } else if (tool.isMcp() && fixture.tool() == null) {
            cx.diagnostics.add(Diagnostic.error(Code.E0058, fixture.alias().span(),
                            "`" + alias + "` is an MCP server: name the tool the fixture answers")
                    .label("which of its tools?")
                    .help("write `given " + alias + ".TOOL returns …`"));
        } else if (!tool.isMcp() && fixture.tool() != null) {
            cx.diagnostics.add(Diagnostic.error(Code.E0058, fixture.tool().span(),
                            "`" + alias + "` is one tool: its fixture names no tool after it")
                    .label("not an MCP server")
                    .help("write `given " + alias + " returns …`"));
        }
    }
}
