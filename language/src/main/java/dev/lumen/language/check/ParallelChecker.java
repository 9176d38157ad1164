package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Stmt;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.Span;
import dev.lumen.runtime.tools.Effect;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves the calls of a checked `@parallel` block independent (E0061): each `let` is a call of a tool and
 * nothing else, no call reads a name another `let` of the block binds, and no two calls name the same target
 * (the same literal `path` or `url`, or one that is not a literal) when either may write it. What cannot be
 * proven is rejected, naming the dependency, so that running the calls in any order gives what running them in
 * source order gives.
 */
final class ParallelChecker {
    /** The arguments that name what a call reads or writes. */
    private static final List<String> TARGET_INPUTS = List.of("path", "url");

    private final Context cx;

    ParallelChecker(Context cx) {
        this.cx = cx;
    }

    void check(Stmt.Parallel block) {
        Map<String, Stmt.Let> targets = new HashMap<>();
        for (int i = 0; i < block.lets().size(); i++) {
            Stmt.Let let = block.lets().get(i);
            ToolAlias tool = toolCalled(let);
            if (tool == null) {
                cx.report(Diagnostic.error(Code.E0061, let.value().span(),
                                "`" + let.name().name() + "` in a `@parallel` block is not a tool call")
                        .label("only a call of a tool alias can run beside the others")
                        .help("compute it (or check it with `expect schema`) after the `@end`, from the values "
                                + "the block binds"));
                continue;
            }
            for (Stmt.Let earlier : block.lets().subList(0, i)) {
                Span use = use(let.value(), earlier);
                if (use != null) {
                    cx.report(Diagnostic.error(Code.E0061, use,
                                    "`" + let.name().name() + "` uses `" + earlier.name().name()
                                            + "`, bound in the same `@parallel` block")
                            .label("this needs the result of another call of the block")
                            .secondary(earlier.name().span(), "bound here, by a call that runs at the same time")
                            .help("move `let " + let.name().name() + "` after the `@end`"));
                }
            }
            for (Stmt.Let earlier : block.lets().subList(0, i)) {
                String unproven = unprovenTarget(let, tool, earlier, toolCalled(earlier));
                if (unproven != null) {
                    cx.report(Diagnostic.error(Code.E0061, let.value().span(),
                                    "cannot prove that `" + let.name().name() + "` and `" + earlier.name().name()
                                            + "` touch different `" + unproven + "`s, and one of them may write")
                            .label("this call")
                            .secondary(earlier.value().span(), "and this one, at the same time")
                            .help("write both `" + unproven + "`s as literals, or move one call out of the block"));
                }
            }
            for (String target : targets(let)) {
                Stmt.Let other = targets.putIfAbsent(target, let);
                if (other != null && (writes(tool) || writes(toolCalled(other)))) {
                    cx.report(Diagnostic.error(Code.E0061, let.value().span(),
                                    "`" + let.name().name() + "` and `" + other.name().name() + "` both touch "
                                            + target + ", and one of them may write it")
                            .label("this call")
                            .secondary(other.value().span(), "and this one, at the same time")
                            .help("run them one after the other: move one of them out of the block"));
                }
            }
        }
    }

    /** The tool alias the let's value calls, or null when it is not a tool call. */
    private ToolAlias toolCalled(Stmt.Let let) {
        if (!(let.value() instanceof Expr.Call call)) {
            return null;
        }
        return switch (cx.out.calls.get(call)) {
            case CallTarget.Tool t -> t.alias();
            case CallTarget.McpTool t -> t.alias();
            case null, default -> null;
        };
    }

    /** Where {@code value} reads the name {@code earlier} binds, or null. */
    private Span use(Expr value, Stmt.Let earlier) {
        Binding bound = cx.out.declarations.get(earlier.name());
        for (Map.Entry<Expr.Name, Binding> read : cx.out.names.entrySet()) {
            Span at = read.getKey().name().span();
            if (read.getValue() == bound && within(at, value.span())) {
                return at;
            }
        }
        return null;
    }

    private static boolean within(Span inner, Span outer) {
        return outer.touches(inner.line(), inner.column()) && outer.touches(inner.endLine(), inner.endColumn());
    }

    /** The literal targets ({@code path "…"}, {@code url "…"}) the call names. */
    private static List<String> targets(Stmt.Let let) {
        return ((Expr.Call) let.value()).args().stream()
                .filter(a -> a.name() != null && TARGET_INPUTS.contains(a.name().name()))
                .filter(a -> literal(a.value()) && ((Expr.Str) a.value()).parts().size() <= 1)
                .map(a -> a.name().name() + " \"" + ((Expr.Str) a.value()).parts().stream()
                        .map(p -> ((Expr.Text) p).text()).findFirst().orElse("") + "\"")
                .toList();
    }

    /**
     * The target input ({@code path}, {@code url}) both calls pass, when one of them may write and the value of
     * either is not a literal, so that they may be the same; or null.
     */
    private static String unprovenTarget(Stmt.Let a, ToolAlias aTool, Stmt.Let b, ToolAlias bTool) {
        if (bTool == null || !writes(aTool) && !writes(bTool)) {
            return null;
        }
        for (String input : TARGET_INPUTS) {
            Expr x = argument(a, input);
            Expr y = argument(b, input);
            if (x != null && y != null && (!literal(x) || !literal(y))) {
                return input;
            }
        }
        return null;
    }

    private static Expr argument(Stmt.Let let, String input) {
        return ((Expr.Call) let.value()).args().stream().filter(a -> a.name() != null && a.name().name().equals(input))
                .map(Expr.Arg::value).findFirst().orElse(null);
    }

    private static boolean literal(Expr e) {
        return e instanceof Expr.Str s && s.parts().stream().allMatch(p -> p instanceof Expr.Text);
    }

    /** Whether a call of {@code tool} may write: an MCP tool or a native tool whose effect is a write. */
    private static boolean writes(ToolAlias tool) {
        return tool.manifest() == null || tool.manifest().effect() == Effect.WRITE;
    }
}
