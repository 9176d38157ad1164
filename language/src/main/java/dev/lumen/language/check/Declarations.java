package dev.lumen.language.check;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.ast.Program;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.types.EnumType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the top-level names of a document into {@link Symbols}. Cells, records, enums and tool aliases
 * share one namespace; a second declaration of a name is E0016 and is dropped (the first one wins), and so
 * is a declaration that would hide a built-in type, {@code ok}/{@code err}, or (unless it is a cell) an
 * intrinsic. A cell named like an intrinsic is kept and hides it in calls, with warning W0003.
 */
final class Declarations {
    private final Context cx;
    private final Map<String, Decl> seen = new HashMap<>();

    private Declarations(Context cx) {
        this.cx = cx;
    }

    static void collect(Program program, Context cx) {
        Declarations d = new Declarations(cx);
        for (Decl decl : program.decls()) {
            d.declare(decl);
        }
    }

    private void declare(Decl decl) {
        Ident name = decl.name();
        if (name == null || name.name().isEmpty()) {
            return;
        }
        if (hidesBuiltin(decl, name)) {
            return;
        }
        Decl first = seen.get(name.name());
        if (first != null) {
            Diagnostic.Builder d = Diagnostic.error(Code.E0016, name.span(),
                            "the name `" + name.name() + "` is defined more than once")
                    .label("`" + name.name() + "` redefined here")
                    .secondary(first.name().span(), "first defined here as " + kind(first));
            if (kind(first).equals(kind(decl))) {
                d.help("rename one of them");
            } else {
                d.help("rename one of them: cells, records, enums and tool aliases share one namespace");
            }
            cx.report(d);
            cx.symbols.dropped.computeIfAbsent(name.name(), k -> new java.util.ArrayList<>()).add(decl);
            return;
        }
        seen.put(name.name(), decl);
        switch (decl) {
            case Decl.Record r -> cx.symbols.records.put(name.name(), new RecordInfo(r));
            case Decl.Enum e -> cx.symbols.enums.put(name.name(), enumeration(e));
            case Decl.Cell c -> cx.symbols.cells.put(name.name(), new CellInfo(c));
            case Decl.UseTool u -> cx.symbols.tools.put(name.name(), cx.tools.resolve(u));
            case Decl.Grant g -> {
            }
        }
    }

    private boolean hidesBuiltin(Decl decl, Ident name) {
        String n = name.name();
        String what = null;
        if (TypeResolver.BUILTIN_NAMES.contains(n) || TypeResolver.TYPE_CONSTRUCTORS.contains(n)) {
            what = "built-in type";
        } else if (Intrinsics.find(n) != null && decl instanceof Decl.Cell) {
            cx.report(Diagnostic.warning(Code.W0003, name.span(), "cell `" + n + "` hides the built-in function `"
                            + n + "`")
                    .label("calls of `" + n + "(…)` in this document call this cell")
                    .note("the built-in `" + Intrinsics.find(n).signature() + "` stays available in `where` "
                            + "constraints only")
                    .help("rename the cell if you meant the built-in function"));
            return false;
        } else if (Intrinsics.find(n) != null || n.equals("ok") || n.equals("err")) {
            what = "built-in function";
        }
        if (what == null) {
            return false;
        }
        cx.report(Diagnostic.error(Code.E0016, name.span(), "`" + n + "` is a " + what + " and cannot be redefined")
                .label("the built-in `" + n + "` already has this name")
                .help("choose another name for this " + noun(decl)));
        return true;
    }

    private EnumInfo enumeration(Decl.Enum e) {
        Map<String, Ident> variants = new java.util.LinkedHashMap<>();
        for (Ident v : e.variants()) {
            Ident first = variants.get(v.name());
            if (first != null) {
                cx.report(Diagnostic.error(Code.E0016, v.span(),
                                "variant `" + v.name() + "` is declared twice in enum `" + e.name().name() + "`")
                        .label("declared again here")
                        .secondary(first.span(), "first declared here")
                        .help("remove one of them"));
            } else {
                variants.put(v.name(), v);
            }
        }
        return new EnumInfo(e, new EnumType(e.name().name(), List.copyOf(variants.keySet())));
    }

    static String noun(Decl d) {
        return kind(d).substring(kind(d).indexOf(' ') + 1);
    }

    static String kind(Decl d) {
        return switch (d) {
            case Decl.Record r -> "a record";
            case Decl.Enum e -> "an enum";
            case Decl.Cell c -> "a cell";
            case Decl.UseTool u -> "a tool alias";
            case Decl.Grant g -> "a grant";
        };
    }
}
