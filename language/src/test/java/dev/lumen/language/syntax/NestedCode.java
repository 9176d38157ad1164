package dev.lumen.language.syntax;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Lumen code whose deepest construct sits at a given nesting level (lumen-v1.md §4.7), one way of nesting
 * each: a cell's statements are at level 1, the expression of a `return` at level 2, and so on.
 */
final class NestedCode {
    private NestedCode() {
    }

    /**
     * A way to nest, named, the code it writes for a deepest level, and a level far beyond the limit that is
     * still quick to write (blocks indent every level, so thousands of them make megabytes).
     */
    record Form(String name, IntFunction<String> code, int far) {
        Form(String name, IntFunction<String> code) {
            this(name, code, 10_000);
        }

        String at(int level) {
            return code.apply(level);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every form of nesting, each written so that it checks cleanly at any level up to the limit. */
    static final List<Form> FORMS = List.of(
            new Form("parentheses", l -> returns("Int", "(".repeat(l - 2) + "1" + ")".repeat(l - 2))),
            new Form("unary minus", l -> returns("Int", "- ".repeat(l - 2) + "1")),
            new Form("not", l -> returns("Bool", "not ".repeat(l - 2) + "true")),
            new Form("list literals", l -> "cell run() -> Int\n  let x = " + "[".repeat(l - 2) + "1" + "]".repeat(l - 2)
                    + "\n  return 1\nend\n"),
            new Form("map literals", l -> "cell run() -> Int\n  let x = " + "{\"a\": ".repeat(l - 2) + "1"
                    + "}".repeat(l - 2) + "\n  return 1\nend\n"),
            new Form("call arguments", l -> "cell f(x: Int) -> Int\n  return x\nend\n"
                    + returns("Int", "f(".repeat(l - 2) + "1" + ")".repeat(l - 2))),
            new Form("index chain", l -> "cell run() -> Int\n  let xs: " + "list[".repeat(l - 2) + "Int"
                    + "]".repeat(l - 2) + " = " + "[".repeat(l - 2) + "1" + "]".repeat(l - 2) + "\n  return xs"
                    + "[0]".repeat(l - 2) + "\nend\n"),
            new Form("field chain", NestedCode::fieldChain),
            new Form("+ chain", l -> returns("Int", "1" + " + 1".repeat(l - 2))),
            new Form("* chain", l -> returns("Int", "1" + " * 1".repeat(l - 2))),
            new Form("- chain", l -> returns("Int", "9" + " - 1".repeat(l - 2))),
            new Form("and chain", l -> returns("Bool", "true" + " and true".repeat(l - 2))),
            new Form("string + chain", l -> returns("String", "\"a\"" + " + \"b\"".repeat(l - 2))),
            new Form("nested if", l -> blocks(l - 2, "if true", "return 1") + "  return 0\nend\n", 2_000),
            new Form("nested match", NestedCode::nestedMatch, 2_000),
            new Form("list type", l -> "cell run() -> Int\n  let x: " + "list[".repeat(l - 2) + "Int" + "]".repeat(l - 2)
                    + " = []\n  return 1\nend\n"),
            new Form("return type", l -> "cell run() -> " + "list[".repeat(l - 1) + "Int" + "]".repeat(l - 1)
                    + "\n  return []\nend\n"),
            new Form("schema type", l -> "cell run() -> Int\n  let x = \"[]\" expect schema " + "list[".repeat(l - 3)
                    + "Int" + "]".repeat(l - 3) + "\n  return 1\nend\n"),
            new Form("where constraint", l -> "record P\n  a: Int where a" + " + a".repeat(l - 2) + " > 0\nend\n\n"
                    + "cell run() -> Int\n  let p = \"{\\\"a\\\": 1}\" expect schema P\n  return p.a\nend\n"),
            new Form("result patterns", NestedCode::resultPatterns),
            new Form("strings in interpolations", NestedCode::strings));

    private static String returns(String type, String expression) {
        return "cell run() -> " + type + "\n  return " + expression + "\nend\n";
    }

    /** `depth` blocks opened by {@code header} inside each other around {@code innermost}, in a cell. */
    private static String blocks(int depth, String header, String innermost) {
        StringBuilder b = new StringBuilder("cell run() -> Int\n");
        for (int i = 1; i <= depth; i++) {
            b.append(" ".repeat(i)).append(header).append('\n');
        }
        b.append(" ".repeat(depth + 1)).append(innermost).append('\n');
        for (int i = depth; i >= 1; i--) {
            b.append(" ".repeat(i)).append("end\n");
        }
        return b.toString();
    }

    /** `x.a.a…` over records R0 → R1 → …, validated from JSON nested as deep. */
    private static String fieldChain(int level) {
        int links = level - 2;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < links; i++) {
            b.append("record R").append(i).append("\n  a: ").append(i + 1 == links ? "Int" : "R" + (i + 1))
                    .append("\nend\n");
        }
        String json = "{\\\"a\\\": ".repeat(links) + "1" + "}".repeat(links);
        return b + "cell run() -> Int\n  let x = \"" + json + "\" expect schema R0\n  return x" + ".a".repeat(links)
                + "\nend\n";
    }

    /** `match` inside `match`, each in a block arm. */
    private static String nestedMatch(int level) {
        int depth = level - 2;
        StringBuilder b = new StringBuilder("cell run() -> Int\n");
        for (int i = 0; i < depth; i++) {
            b.append(" ".repeat(2 * i + 1)).append("match ").append(i).append('\n');
            b.append(" ".repeat(2 * i + 2)).append("_ ->\n");
        }
        b.append(" ".repeat(2 * depth + 1)).append("return 1\n");
        for (int i = depth - 1; i >= 0; i--) {
            b.append(" ".repeat(2 * i + 2)).append("end\n");
            b.append(" ".repeat(2 * i + 1)).append("end\n");
        }
        return b.append("end\n").toString();
    }

    /** `ok(ok(…(x)…))` as a pattern, matching a value of as many nested results. */
    private static String resultPatterns(int level) {
        int depth = level - 2;
        String type = "result[".repeat(depth) + "Int" + ", String]".repeat(depth);
        return "cell run() -> Int\n  let v: " + type + " = " + "ok(".repeat(depth) + "1" + ")".repeat(depth)
                + "\n  match v\n    " + "ok(".repeat(depth) + "x" + ")".repeat(depth) + " -> return x\n"
                + "    _ -> return 0\n  end\nend\n";
    }

    /** `"{s("{s("x")}")}"`: each string is two levels below the one around it (a call between them). */
    private static String strings(int level) {
        String inner = (level - 2) % 2 == 0 ? "\"x\"" : "(\"x\")";
        for (int i = 0; i < (level - 2) / 2; i++) {
            inner = "\"{s(" + inner + ")}\"";
        }
        return "cell s(x: String) -> String\n  return x\nend\n" + returns("String", inner);
    }

    /** Wraps Lumen code in a document, its first line being Markdown line 2. */
    static String document(String code) {
        return "```lumen\n" + code + "```\n";
    }
}
