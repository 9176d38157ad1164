package dev.lumen.language.syntax;

import dev.lumen.language.ast.Block;
import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.ast.Pattern;
import dev.lumen.language.ast.Program;
import dev.lumen.language.ast.Stmt;
import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.Span;
import dev.lumen.language.syntax.TokenStream.ParseError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for declarations and statements. A syntax error is reported once, then the
 * parser skips to the next line (inside a block) or the next declaration (at top level) and goes on, so
 * one run reports every independent error.
 */
public final class Parser {
    private final TokenStream in;
    private final ExpressionParser expressions;
    /** The code of the block being parsed: assertions quote their own source. */
    private final List<CodeLine> lines;
    /** The test whose body is being parsed, or null outside tests. */
    private TestBody test;
    /**
     * A block being parsed: its keyword, what to call it in messages, and the indentation of the line it
     * starts on. An `end` indented less than that line closes an outer block, which is how a missing `end`
     * is attributed to the right block.
     */
    private record Opener(Token keyword, String what, int indent) {
    }

    /** Whether a `@parallel` was reported, so its `@end` is skipped quietly. */
    private boolean parallelReported;
    /** Where a missing `end` was last reported, so nested unclosed blocks report once. */
    private Span missingEndAt = Span.NONE;
    /** Declarations with a syntax error, and names of declarations or fields recovery dropped. */
    private final List<Span> damaged = new ArrayList<>();
    private final Set<String> lost = new HashSet<>();

    private Parser(List<Token> tokens, Diagnostics diagnostics, List<CodeLine> lines) {
        this.in = new TokenStream(tokens, diagnostics, new Nesting(diagnostics));
        this.lines = lines;
        this.expressions = new ExpressionParser(in);
    }

    /** Parses every Lumen block of a document. */
    public static Program parse(LumenDocument document, Diagnostics diagnostics) {
        return parseDocument(document, diagnostics).program();
    }

    /** Parses every Lumen block of a document, noting where syntax-error recovery lost code. */
    public static ParsedDocument parseDocument(LumenDocument document, Diagnostics diagnostics) {
        List<ParsedBlock> blocks = new ArrayList<>();
        for (CodeBlock block : document.blocks()) {
            ParsedBlock parsed = parseBlock(block);
            parsed.diagnostics().forEach(diagnostics::add);
            blocks.add(parsed);
        }
        return ParsedDocument.of(blocks);
    }

    /**
     * Lexes and parses one block on its own: blocks share no syntax, so a document's parse is its blocks'
     * parses in order, and an editor re-parses only the block an edit touched.
     */
    public static ParsedBlock parseBlock(CodeBlock block) {
        Diagnostics diagnostics = new Diagnostics();
        Parser parser = new Parser(Lexer.lex(block, diagnostics), diagnostics, block.lines());
        List<Decl> decls = parser.declarations();
        return new ParsedBlock(decls, parser.damaged, parser.lost, diagnostics.all());
    }

    /** Parses a type written on its own (as in tool manifests); null when it is not a valid type. */
    public static TypeExpr parseType(String text) {
        Diagnostics diagnostics = new Diagnostics();
        CodeBlock block = new CodeBlock(List.of(new CodeLine(text, 1, 0)), Span.NONE);
        Parser parser = new Parser(Lexer.lex(block, diagnostics), diagnostics, block.lines());
        try {
            TypeExpr type = parser.expressions.type();
            parser.in.skipNewlines();
            return !diagnostics.hasErrors() && parser.in.at(TokenKind.EOF) ? type : null;
        } catch (ParseError | Nesting.TooDeep e) {
            return null;
        }
    }

    // ---- declarations ------------------------------------------------------------------------

    private List<Decl> declarations() {
        List<Decl> decls = new ArrayList<>();
        while (true) {
            in.skipNewlines();
            if (in.at(TokenKind.EOF)) {
                return decls;
            }
            Token first = in.peek();
            int start = in.position();
            int errors = in.diagnostics().errorCount();
            in.nesting().reset();
            // A declaration nested too deeply is dropped whole: every later pass recurses over it.
            try {
                Decl decl = declaration();
                Span tooDeep = SyntaxDepth.firstBeyond(decl, in.nesting(), Nesting.LIMIT);
                if (tooDeep == null) {
                    decls.add(decl);
                } else {
                    in.nesting().tooDeep(tooDeep);
                    lose(start);
                }
            } catch (ParseError | Nesting.TooDeep e) {
                lose(start);
                syncDeclaration();
            }
            if (in.diagnostics().errorCount() > errors) {
                damaged.add(first.span().to(in.previous().span()));
            }
        }
    }

    /** Notes that the declaration starting at {@code start} was dropped, so uses of its name are not reported. */
    private void lose(int start) {
        String name = declaredName(start);
        if (name != null) {
            lost.add(name);
        }
    }

    /** The name the declaration whose tokens start at {@code start} introduces, read without parsing. */
    private String declaredName(int start) {
        Token keyword = in.tokenAt(start);
        Token next = in.tokenAt(start + 1);
        return switch (keyword.kind()) {
            case RECORD, ENUM, CELL -> next.kind() == TokenKind.IDENT ? next.text() : null;
            case USE -> {
                for (int k = start + 1; in.tokenAt(k).kind() != TokenKind.NEWLINE
                        && in.tokenAt(k).kind() != TokenKind.EOF; k++) {
                    if (in.tokenAt(k).kind() == TokenKind.AS && in.tokenAt(k + 1).kind() == TokenKind.IDENT) {
                        yield in.tokenAt(k + 1).text();
                    }
                }
                yield null;
            }
            default -> null;
        };
    }

    /** `test "name"`: `test` is a keyword only there, so cells and variables may still be called test. */
    private boolean atTest() {
        return in.atWord("test") && in.peek(1).kind() == TokenKind.STRING;
    }

    private static boolean startsDeclaration(TokenKind kind) {
        return switch (kind) {
            case RECORD, ENUM, CELL, USE, GRANT -> true;
            default -> false;
        };
    }

    /** Skips to the next line that starts a declaration. */
    private void syncDeclaration() {
        in.syncLine();
        while (!in.at(TokenKind.EOF) && !startsDeclaration(in.peek().kind())) {
            in.syncLine();
        }
    }

    private Decl declaration() {
        Token t = in.peek();
        if (atTest()) {
            return testDeclaration();
        }
        return switch (t.kind()) {
            case RECORD -> record();
            case ENUM -> enumeration();
            case CELL -> cell();
            case USE -> useTool();
            case GRANT -> grant();
            case AT -> throw notInV1(t);
            case LET, IF, FOR, MATCH, RETURN, HALT -> throw in.report(Diagnostic.error(Code.E0007, t.span(),
                            "statements must be inside a cell")
                    .label(t.kind().describe() + " at the top level of a block")
                    .help("put it in a cell, for example `cell run() -> Null` … `end`"));
            default -> throw in.error(t, "expected a declaration (`record`, `enum`, `cell`, `test`, `use tool` "
                    + "or `grant`), found " + t.describe(), "expected a declaration");
        };
    }

    private ParseError notInV1(Token at) {
        Token name = in.peek(1);
        String directive = name.kind() == TokenKind.IDENT ? "@" + name.text() : "@";
        Diagnostic.Builder d = Diagnostic.error(Code.E0009, at.span().to(name.span()),
                "`" + directive + "` is not part of Lumen v1").label("inside a code block");
        if (directive.equals("@parallel")) {
            parallelReported = true;
            d.note("parallel tool calls are planned for Lumen v1.1; v1 runs statements in order");
        } else {
            d.help("document directives such as `@cache on` are written outside the code fences");
        }
        return in.report(d);
    }

    private Decl record() {
        Token keyword = in.advance();
        Ident name = expressions.ident("record name");
        Opener opener = opener(keyword, "record");
        in.headerEnd("the record name");
        List<Decl.Field> fields = new ArrayList<>();
        while (openBlockContinues(opener)) {
            Token first = in.peek();
            try {
                Ident field = expressions.word("field name");
                in.expect(TokenKind.COLON, "after the field name");
                TypeExpr type = expressions.type();
                Expr constraint = in.accept(TokenKind.WHERE) ? expressions.expression() : null;
                fields.add(new Decl.Field(field, type, constraint, in.spanFrom(field.span())));
                in.expectLineEnd("the field");
            } catch (ParseError e) {
                if (ExpressionParser.isWord(first)) {
                    lost.add(first.text());
                }
                in.syncLine();
            }
        }
        acceptEnd(opener);
        return new Decl.Record(name, List.copyOf(fields), in.spanFrom(keyword.span()));
    }

    private Decl enumeration() {
        Token keyword = in.advance();
        Ident name = expressions.ident("enum name");
        Opener opener = opener(keyword, "enum");
        in.headerEnd("the enum name");
        List<Ident> variants = new ArrayList<>();
        while (openBlockContinues(opener)) {
            try {
                variants.add(expressions.ident("variant name"));
                if (!in.accept(TokenKind.COMMA)) {
                    in.expectLineEnd("the variant");
                }
            } catch (ParseError e) {
                in.syncLine();
            }
        }
        acceptEnd(opener);
        return new Decl.Enum(name, List.copyOf(variants), in.spanFrom(keyword.span()));
    }

    private Decl cell() {
        Token keyword = in.advance();
        Ident name = expressions.ident("cell name");
        Token open = in.expect(TokenKind.LPAREN, "after the cell name");
        List<Decl.Param> params = new ArrayList<>();
        while (!in.at(TokenKind.RPAREN)) {
            Ident param = expressions.ident("parameter name");
            if (!in.at(TokenKind.COLON)) {
                throw in.report(Diagnostic.error(Code.E0007, in.peek().span(),
                                "expected `:` and a type after parameter `" + param.name() + "`, found "
                                        + in.peek().describe())
                        .label("expected `:`")
                        .help("every parameter has a type, e.g. `" + param.name() + ": String`"));
            }
            in.advance();
            params.add(new Decl.Param(param, expressions.type()));
            if (!in.accept(TokenKind.COMMA)) {
                break;
            }
        }
        if (!in.accept(TokenKind.RPAREN)) {
            throw in.report(Diagnostic.error(Code.E0007, in.peek().span(),
                            "expected `)` to close the parameter list, found " + in.peek().describe())
                    .label("expected `)` or `,`")
                    .secondary(open.span(), "opened here"));
        }
        TypeExpr returns = in.accept(TokenKind.ARROW) ? expressions.type() : null;
        Opener opener = opener(keyword, "cell");
        in.headerEnd("the cell header");
        Block body = block(opener);
        acceptEnd(opener);
        return new Decl.Cell(name, List.copyOf(params), returns, body, in.spanFrom(keyword.span()));
    }

    /** `test "name"` statements `end`: a cell of its own, named after its line, holding fixtures and asserts. */
    private Decl testDeclaration() {
        Token keyword = in.advance();
        Token title = in.advance();
        String name = testName(title);
        Opener opener = opener(keyword, "test");
        in.headerEnd("the test name");
        TestBody outer = test;
        TestBody body = new TestBody();
        test = body;
        Block statements;
        try {
            statements = block(opener);
        } finally {
            test = outer;
        }
        acceptEnd(opener);
        Span span = in.spanFrom(keyword.span());
        List<Stmt> top = statements.statements();
        if (body.expectStatement != null && (top.isEmpty() || top.get(top.size() - 1) != body.expectStatement)) {
            in.diagnostics().add(Diagnostic.error(Code.E0059, body.expectStatement.span(),
                            "`expect_error` must be the last statement of its test")
                    .label("the test stops here when the call fails")
                    .help("move the statements after it into another test, or `expect_error` to the end"));
        }
        if (body.asserts == 0) {
            in.diagnostics().add(Diagnostic.error(Code.E0055, keyword.span().to(title.span()),
                            "test \"" + name + "\" has no `assert`")
                    .label("this test checks nothing")
                    .help("a test passes only by its assertions: add `assert EXPR` (for example `assert "
                            + "total == 3`) or `expect_error KIND CALL`; a test that only runs code would pass "
                            + "whatever the code does"));
        }
        Ident cellName = new Ident(Decl.Test.cellName(keyword.span().line()), title.span());
        return new Decl.Cell(cellName, List.of(), null, statements, span,
                new Decl.Test(name, List.copyOf(body.fixtures), body.expected));
    }

    /** The text of a test's name, which cannot interpolate: it is fixed before the test runs. */
    private String testName(Token t) {
        StringBuilder text = new StringBuilder();
        for (StringPiece piece : t.pieces()) {
            if (!(piece instanceof StringPiece.Text part)) {
                throw in.report(Diagnostic.error(Code.E0007, piece.span(), "a test's name cannot interpolate")
                        .label("interpolation here")
                        .help("write the name out; `lumen test` reports a test by it"));
            }
            text.append(part.text());
        }
        return text.toString();
    }

    /** What the parser gathers in a test's body. */
    private static final class TestBody {
        int asserts;
        final List<Decl.Fixture> fixtures = new ArrayList<>();
        Decl.ExpectError expected;
        Stmt expectStatement;
    }

    /** `assert` or `given` used where there is no test to hold it (E0056). */
    private ParseError outsideTest(Token word) {
        return in.report(Diagnostic.error(Code.E0056, word.span(), "`" + word.text() + "` outside a test")
                .label("only a `test \"name\"` block can hold this")
                .help("put it in a test: `test \"what it checks\"` … `end`; in a cell, check a condition with "
                        + "`if` and stop with `halt(\"…\")`"));
    }

    /**
     * `assert EXPR [, MESSAGE]`, read as {@code if EXPR else halt("assertion failed: …") end}: the message quotes
     * the condition and, for a comparison, the value of each operand that is not a literal.
     */
    private Stmt assertStatement() {
        Token keyword = in.advance();
        if (test == null) {
            throw outsideTest(keyword);
        }
        test.asserts++;
        Expr condition = expressions.expression();
        Expr message = in.accept(TokenKind.COMMA) ? expressions.expression() : null;
        Span span = in.spanFrom(keyword.span());
        in.expectLineEnd("the assertion");
        Stmt halt = new Stmt.Halt(Assertions.failure(condition, message, this::sourceOf, keyword.span()), span);
        return new Stmt.If(List.of(new Stmt.Branch(condition, new Block(List.of(), condition.span()))),
                new Block(List.of(halt), span), span);
    }

    /** The error kinds (run.md §4) a program's own code can fail with, which `expect_error` can expect. */
    private static final List<String> EXPECTABLE = List.of("runtime", "halt", "tool", "policy", "unavailable");

    /**
     * `expect_error KIND CALL`, read as {@code if true  let _ = CALL  halt("…returned…")  end}; the runner
     * passes the test when it stops inside CALL with an error of KIND.
     */
    private Stmt expectError() {
        Token keyword = in.advance();
        if (test == null) {
            throw outsideTest(keyword);
        }
        test.asserts++; // a malformed one is reported as itself, not as a test without assertions
        Token kind = in.peek();
        if (!ExpressionParser.isWord(kind) || !EXPECTABLE.contains(kind.text())) {
            throw in.report(Diagnostic.error(Code.E0059, kind.span(),
                            "expected an error kind after `expect_error`, found " + kind.describe())
                    .label("not an error kind")
                    .help("write one of " + String.join(", ", EXPECTABLE) + ", then the call: `expect_error halt "
                            + "check(\"\")`"));
        }
        in.advance();
        Expr call = expressions.expression();
        if (!(call instanceof Expr.Call)) {
            throw in.report(Diagnostic.error(Code.E0059, call.span(), "`expect_error` expects a call")
                    .label("not a call")
                    .help("write the call that must fail: `expect_error " + kind.text() + " cell_name(…)`"));
        }
        Span span = in.spanFrom(keyword.span());
        in.expectLineEnd("the `expect_error` statement");
        String quoted = sourceOf(call.span());
        String returned = "expect_error: " + (quoted != null ? quoted : "the call") + " returned instead of failing"
                + " with a " + kind.text() + " error";
        test.expected = new Decl.ExpectError(kind.text(), keyword.span().line(), returned);
        Stmt let = new Stmt.Let(new Ident("_expected_to_fail", call.span()), false, null, call, span);
        Stmt halt = new Stmt.Halt(new Expr.Str(List.of(new Expr.Text(returned)), span), span);
        Stmt statement = new Stmt.If(List.of(new Stmt.Branch(new Expr.BoolLit(true, keyword.span()),
                new Block(List.of(let, halt), span))), null, span);
        test.expectStatement = statement;
        return statement;
    }

    /** The source text of {@code span} when it lies on one line of this block, else null. */
    private String sourceOf(Span span) {
        if (span.line() != span.endLine()) {
            return null;
        }
        for (CodeLine line : lines) {
            if (line.mdLine() == span.line()) {
                int from = span.column() - 1 - line.mdColumnOffset();
                int to = span.endColumn() - 1 - line.mdColumnOffset();
                return from >= 0 && to <= line.text().length() && from <= to ? line.text().substring(from, to) : null;
            }
        }
        return null;
    }

    /** `given Alias[.tool] returns VALUE`: a fixture of the enclosing test; VALUE is a constant. */
    private void fixture() {
        Token keyword = in.advance();
        if (test == null) {
            throw outsideTest(keyword);
        }
        Ident alias = expressions.ident("tool alias after `given`");
        Ident tool = in.accept(TokenKind.DOT) ? dottedName("MCP tool name") : null;
        if (!in.atWord("returns")) {
            throw in.report(Diagnostic.error(Code.E0007, in.peek().span(),
                            "expected `returns` and the output of `" + alias.name() + "`, found " + in.peek().describe())
                    .label("expected `returns`")
                    .help("a fixture is written `given " + alias.name() + " returns VALUE`"));
        }
        List<Expr> values = new ArrayList<>();
        do {
            in.advance(); // `returns`, then each `then`
            Expr value = expressions.expression();
            Span nonConstant = Assertions.firstNonConstant(value);
            if (nonConstant != null) {
                in.diagnostics().add(Diagnostic.error(Code.E0057, nonConstant, "a fixture's output must be a constant")
                        .label("computed when the test runs")
                        .help("write the output out with literals: strings, numbers, `true`/`false`, `null`, lists, "
                                + "maps and records of them"));
            }
            values.add(value);
        } while (in.atWord("then"));
        Span span = in.spanFrom(keyword.span());
        in.expectLineEnd("the fixture");
        test.fixtures.add(new Decl.Fixture(alias, tool, values, span));
    }

    private Decl useTool() {
        Token keyword = in.advance();
        in.expect(TokenKind.TOOL, "after `use`");
        Ident toolId = null;
        Ident server = null;
        if (in.atWord("mcp") && in.peek(1).kind() == TokenKind.STRING) {
            in.advance();
            Token s = in.advance();
            Expr.Str str = expressions.string(s);
            if (str.parts().size() > 1 || (str.parts().size() == 1 && !(str.parts().get(0) instanceof Expr.Text))) {
                throw in.report(Diagnostic.error(Code.E0007, s.span(), "MCP server address cannot interpolate")
                        .label("interpolation here")
                        .help("write the server address as a plain string; tools are fixed when the document "
                                + "is checked"));
            }
            server = new Ident(str.parts().isEmpty() ? "" : ((Expr.Text) str.parts().get(0)).text(), s.span());
        } else {
            toolId = dottedName("tool id");
        }
        if (!in.at(TokenKind.AS)) {
            throw in.report(Diagnostic.error(Code.E0007, in.peek().span(),
                            "expected `as` and an alias after the tool, found " + in.peek().describe())
                    .label("expected `as`")
                    .help("every tool is used through an alias: `use tool "
                            + (toolId != null ? toolId.name() : "mcp \"…\"") + " as Name`"));
        }
        in.advance();
        Ident alias = expressions.ident("tool alias");
        in.expectLineEnd("the `use tool` line");
        return new Decl.UseTool(toolId, server, alias, in.spanFrom(keyword.span()));
    }

    /** a.b.c — segments may be keywords (tool ids are not Lumen names). */
    private Ident dottedName(String what) {
        Token first = in.peek();
        if (!ExpressionParser.isWord(first)) {
            throw in.error(first, "expected " + what + ", found " + first.describe(), "expected " + what);
        }
        in.advance();
        StringBuilder name = new StringBuilder(first.text());
        Span span = first.span();
        while (in.at(TokenKind.DOT) && ExpressionParser.isWord(in.peek(1))) {
            in.advance();
            Token part = in.advance();
            name.append('.').append(part.text());
            span = span.to(part.span());
        }
        return new Ident(name.toString(), span);
    }

    /** `grant Target clause…`, continued on following lines indented deeper than `grant`. */
    private Decl grant() {
        Token keyword = in.advance();
        Ident alias = expressions.ident("tool alias after `grant`");
        Ident tool = null;
        if (in.accept(TokenKind.DOT)) {
            tool = dottedName("MCP tool name");
        }
        List<Decl.GrantClause> clauses = new ArrayList<>();
        while (true) {
            while (in.peek().kind() == TokenKind.IDENT) {
                clauses.add(grantClause());
            }
            in.expectLineEnd("the grant clause");
            if (!(in.peek().kind() == TokenKind.IDENT && in.peek().column() > keyword.column())) {
                break;
            }
        }
        return new Decl.Grant(alias, tool, List.copyOf(clauses), in.spanFrom(keyword.span()));
    }

    /** clause := key value [unit]; a unit word may follow a number (`rate_limit 10 per_minute`). */
    private Decl.GrantClause grantClause() {
        Ident key = expressions.ident("grant clause");
        List<Decl.GrantValue> values = new ArrayList<>();
        Decl.GrantValue value = grantValue(key);
        values.add(value);
        if ((value.value() instanceof Long || value.value() instanceof Double) && in.peek().kind() == TokenKind.IDENT
                && in.peek().text().startsWith("per_")) {
            Token unit = in.advance();
            values.add(new Decl.GrantValue(unit.text(), true, unit.span()));
        }
        return new Decl.GrantClause(key, List.copyOf(values), in.spanFrom(key.span()));
    }

    private Decl.GrantValue grantValue(Ident key) {
        Token t = in.peek();
        boolean negative = t.kind() == TokenKind.MINUS;
        if (negative) {
            in.advance();
            t = in.peek();
        }
        Object value = switch (t.kind()) {
            case INT -> negative ? -(Long) t.value() : t.value();
            case FLOAT -> negative ? -(Double) t.value() : t.value();
            case STRING -> negative ? null : plainString(t);
            case TRUE -> negative ? null : Boolean.TRUE;
            case FALSE -> negative ? null : Boolean.FALSE;
            default -> null;
        };
        if (value == null) {
            throw in.report(Diagnostic.error(Code.E0007, t.span(),
                            "expected a value for grant clause `" + key.name() + "`, found " + t.describe())
                    .label("expected a string, number or boolean")
                    .help("grant clauses are written `key value`, e.g. `timeout_ms 5000` or `domain \"api.example.com\"`"));
        }
        in.advance();
        return new Decl.GrantValue(value, false, t.span());
    }

    private String plainString(Token t) {
        StringBuilder text = new StringBuilder();
        for (StringPiece piece : t.pieces()) {
            if (piece instanceof StringPiece.Text part) {
                text.append(part.text());
            } else {
                throw in.report(Diagnostic.error(Code.E0007, piece.span(), "grant values cannot interpolate")
                        .label("interpolation here")
                        .help("grants are fixed when the document is checked; write the value out"));
            }
        }
        return text.toString();
    }

    // ---- blocks and statements ---------------------------------------------------------------

    private Opener opener(Token keyword, String what) {
        return new Opener(keyword, what, in.lineIndent(keyword));
    }

    /** Whether the next token is the `end` of {@code opener}'s block (not one of an outer block). */
    private boolean atOwnEnd(Opener opener) {
        return in.at(TokenKind.END) && !(in.atLineStart() && in.peek().column() < opener.indent());
    }

    private void acceptEnd(Opener opener) {
        if (atOwnEnd(opener)) {
            in.advance();
        }
    }

    /**
     * Whether a `record`/`enum`/match body continues: false at its `end`, and false (after reporting the
     * missing `end`) when the block, an outer block or a new declaration ends first.
     */
    private boolean openBlockContinues(Opener opener) {
        in.skipNewlines();
        if (atOwnEnd(opener)) {
            return false;
        }
        if (blockCutShort(opener)) {
            missingEnd(opener);
            return false;
        }
        return true;
    }

    private boolean blockCutShort(Opener opener) {
        return in.at(TokenKind.EOF) || in.at(TokenKind.END)
                || (startsDeclaration(in.peek().kind()) && in.atLineStart());
    }

    private void missingEnd(Opener opener) {
        Span at = in.peek().span();
        if (at.equals(missingEndAt)) {
            return;
        }
        missingEndAt = at;
        String what = opener.what();
        String where = switch (in.peek().kind()) {
            case EOF -> "the code block ends here";
            case END, ELSE -> "this `" + in.peek().text() + "` is indented less than the `" + what
                    + "`, so it belongs to an outer block";
            default -> "the next declaration starts here";
        };
        in.diagnostics().add(Diagnostic.error(Code.E0008, opener.keyword().span(),
                        "`" + what + "` is never closed with `end`")
                .label("this `" + what + "` has no matching `end`")
                .secondary(at, where)
                .help("add a line with `end` where the `" + what + "` finishes, indented like its first line"));
    }

    /** Statements up to (not including) this block's `end` or `else`. */
    private Block block(Opener opener) {
        List<Stmt> statements = new ArrayList<>();
        Span start = in.peek().span();
        while (true) {
            in.skipNewlines();
            if (atOwnEnd(opener)) {
                break;
            }
            if (atBranch()) {
                boolean outer = in.peek().column() < opener.indent();
                if (outer) {
                    missingEnd(opener);
                }
                if (outer || opener.what().equals("if")) {
                    break;
                }
                in.diagnostics().add(Diagnostic.error(Code.E0007, in.peek().span(),
                                "`" + in.peek().text() + "` without a matching `if`")
                        .label("not inside an `if` block")
                        .help("an `else` belongs between an `if` block's statements and its `end`"));
                in.syncLine();
                continue;
            }
            if (blockCutShort(opener)) {
                missingEnd(opener);
                break;
            }
            if (in.at(TokenKind.AT) && parallelReported && in.peek(1).kind() == TokenKind.END) {
                in.syncLine(); // the `@end` of a `@parallel` block, which was reported already
                continue;
            }
            try {
                if (in.atWord("given") && in.peek(1).kind() == TokenKind.IDENT) {
                    fixture();
                    continue;
                }
                statements.add(statement());
            } catch (ParseError e) {
                in.syncLine();
            }
        }
        return new Block(List.copyOf(statements), start.to(in.previous().span()));
    }

    /** `else`, or `elif` as other languages write it, at the start of a line. */
    private boolean atBranch() {
        return in.at(TokenKind.ELSE) || (in.atWord("elif") && in.atLineStart());
    }

    private Stmt statement() {
        in.enter();
        try {
            return unnestedStatement();
        } finally {
            in.exit();
        }
    }

    private Stmt unnestedStatement() {
        Token t = in.peek();
        return switch (t.kind()) {
            case LET -> let();
            case IF -> ifStatement();
            case FOR -> forStatement();
            case MATCH -> match();
            case RETURN -> returnStatement();
            case HALT -> halt();
            case AT -> {
                if (in.peek(1).kind() == TokenKind.IDENT && in.peek(1).text().equals("parallel")) {
                    yield parallel();
                }
                throw notInV1(t);
            }
            default -> {
                if (atAssert()) {
                    yield assertStatement();
                }
                if (in.atWord("expect_error") && in.peek(1).kind() != TokenKind.ASSIGN
                        && in.peek(1).kind() != TokenKind.LPAREN) {
                    yield expectError();
                }
                if (in.atWord("on_fail")) {
                    throw in.report(Diagnostic.error(Code.E0007, t.span(),
                                    "`on_fail` must follow `expect schema T` or `validate(schema T, …)` on the line "
                                            + "before")
                            .label("repair loop of nothing")
                            .help("write it under the model call: `let x = Chat(…) expect schema T` then "
                                    + "`on_fail retry 2 with_errors` on the next line"));
                }
                yield expressionOrAssignment();
            }
        };
    }

    /**
     * `assert` followed by an expression; `assert = …`, `assert(…)`, `assert.f` and `assert[i]` stay uses of a
     * name `assert` outside tests.
     */
    private boolean atAssert() {
        if (!in.atWord("assert")) {
            return false;
        }
        TokenKind next = in.peek(1).kind();
        return switch (next) {
            case ASSIGN, DOT, LBRACKET, NEWLINE, EOF -> false;
            case LPAREN -> test != null;
            default -> true;
        };
    }

    /** `@parallel`, then `let`s one a line, then `@end`; what else the block holds is reported and skipped. */
    private Stmt parallel() {
        Token at = in.advance();
        Token keyword = in.advance();
        in.expectLineEnd("`@parallel`");
        List<Stmt.Let> lets = new ArrayList<>();
        while (true) {
            in.skipNewlines();
            Token t = in.peek();
            if (t.kind() == TokenKind.AT && in.peek(1).kind() == TokenKind.END) {
                in.advance();
                Token end = in.advance();
                in.expectLineEnd("`@end`");
                return new Stmt.Parallel(List.copyOf(lets), at.span().to(end.span()));
            }
            if (t.kind() == TokenKind.EOF || t.kind() == TokenKind.END || t.column() < at.column()) {
                throw in.report(Diagnostic.error(Code.E0008, at.span().to(keyword.span()),
                                "`@parallel` is never closed with `@end`")
                        .label("this `@parallel` has no matching `@end`")
                        .secondary(t.span(), "the block around it ends here")
                        .help("add a line with `@end` after the block's last `let`"));
            }
            try {
                if (t.kind() != TokenKind.LET) {
                    in.diagnostics().add(Diagnostic.error(Code.E0061, t.span(),
                                    "a `@parallel` block holds only `let`s of tool calls")
                            .label(t.kind().describe() + " inside `@parallel`")
                            .help("move it after the `@end`; it runs once every call of the block is done"));
                    statement();
                    continue;
                }
                if (let() instanceof Stmt.Let let) {
                    lets.add(let);
                }
            } catch (ParseError e) {
                in.syncLine();
            }
        }
    }

    private Stmt let() {
        Token keyword = in.advance();
        boolean mutable = in.accept(TokenKind.MUT);
        Token nameToken = in.peek();
        if (nameToken.kind() != TokenKind.IDENT && Lexer.isKeyword(nameToken.text())
                && (in.peek(1).kind() == TokenKind.ASSIGN || in.peek(1).kind() == TokenKind.COLON)) {
            in.diagnostics().add(Diagnostic.error(Code.E0007, nameToken.span(),
                            "`" + nameToken.text() + "` is a keyword and cannot be used as a name")
                    .label("keyword")
                    .help("choose another name, such as `" + nameToken.text() + "_found`"));
            in.misusedKeyword(nameToken.text());
        }
        Ident name = expressions.word("variable name after `let`");
        TypeExpr type = in.accept(TokenKind.COLON) ? expressions.type() : null;
        if (!in.at(TokenKind.ASSIGN)) {
            throw in.report(Diagnostic.error(Code.E0007, in.peek().span(),
                            "expected `=` after `let " + name.name() + "`, found " + in.peek().describe())
                    .label("expected `=`")
                    .help("every binding has a value: `let " + name.name() + " = …`"));
        }
        in.advance();
        Expr value = expressions.expression();
        in.expectLineEnd("the `let` statement");
        return new Stmt.Let(name, mutable, type, value, keyword.span().to(value.span()));
    }

    private Stmt ifStatement() {
        Token keyword = in.advance();
        Opener opener = opener(keyword, "if");
        List<Stmt.Branch> branches = new ArrayList<>();
        Block otherwise = null;
        Expr condition = expressions.expression();
        in.headerEnd("the `if` condition");
        branches.add(new Stmt.Branch(condition, block(opener)));
        while (atBranch() && in.peek().column() >= opener.indent()) {
            Token elseToken = in.advance();
            if (otherwise != null) {
                throw in.report(Diagnostic.error(Code.E0007, elseToken.span(), "`else` after the final `else`")
                        .label("this branch can never run")
                        .help("an `if` has at most one plain `else`, and it comes last"));
            }
            if (elseToken.kind() != TokenKind.ELSE) {
                in.diagnostics().add(Diagnostic.error(Code.E0007, elseToken.span(), "Lumen writes `else if`, not `elif`")
                        .label("`elif` is not a Lumen keyword")
                        .help("write `else if`"));
            }
            if (elseToken.kind() != TokenKind.ELSE || in.accept(TokenKind.IF)) {
                Expr c = expressions.expression();
                in.headerEnd("the `else if` condition");
                branches.add(new Stmt.Branch(c, block(opener)));
            } else {
                in.headerEnd("`else`");
                otherwise = block(opener);
            }
        }
        acceptEnd(opener);
        return new Stmt.If(List.copyOf(branches), otherwise, in.spanFrom(keyword.span()));
    }

    private Stmt forStatement() {
        Token keyword = in.advance();
        Ident item = expressions.ident("loop variable after `for`");
        Ident value = in.accept(TokenKind.COMMA) ? expressions.ident("value variable after `,`") : null;
        in.expect(TokenKind.IN, "after the loop variable");
        Expr iterable = expressions.expression();
        Opener opener = opener(keyword, "for");
        in.headerEnd("the `for` header");
        Block body = block(opener);
        acceptEnd(opener);
        return new Stmt.For(item, value, iterable, body, in.spanFrom(keyword.span()));
    }

    private Stmt match() {
        Token keyword = in.advance();
        Expr scrutinee = expressions.expression();
        Opener opener = opener(keyword, "match");
        in.headerEnd("the matched value");
        List<Stmt.Arm> arms = new ArrayList<>();
        while (openBlockContinues(opener)) {
            try {
                arms.add(arm());
            } catch (ParseError e) {
                in.syncLine();
            }
        }
        acceptEnd(opener);
        return new Stmt.Match(scrutinee, List.copyOf(arms), in.spanFrom(keyword.span()));
    }

    /** `pattern -> statement` on one line, or `pattern ->` followed by a block closed by `end`. */
    private Stmt.Arm arm() {
        Opener opener = opener(in.peek(), "match arm");
        Pattern pattern = expressions.pattern();
        Token arrow = in.peek();
        if (!in.accept(TokenKind.ARROW)) {
            throw in.report(Diagnostic.error(Code.E0007, arrow.span(),
                            "expected `->` after the pattern, found " + arrow.describe())
                    .label("expected `->`")
                    .help("a match arm is written `pattern -> statement`"));
        }
        Block body;
        if (in.accept(TokenKind.NEWLINE)) {
            body = block(opener);
            acceptEnd(opener);
        } else {
            Stmt single = statement();
            body = new Block(List.of(single), single.span());
        }
        return new Stmt.Arm(pattern, body, pattern.span().to(body.span()));
    }

    private Stmt returnStatement() {
        Token keyword = in.advance();
        if (in.at(TokenKind.NEWLINE) || in.at(TokenKind.END) || in.at(TokenKind.EOF)) {
            in.expectLineEnd("`return`");
            return new Stmt.Return(null, keyword.span());
        }
        Expr value = expressions.expression();
        in.expectLineEnd("the returned value");
        return new Stmt.Return(value, keyword.span().to(value.span()));
    }

    private Stmt halt() {
        Token keyword = in.advance();
        Token open = in.peek();
        if (!in.accept(TokenKind.LPAREN)) {
            throw in.report(Diagnostic.error(Code.E0007, open.span(), "expected `(` after `halt`, found " + open.describe())
                    .label("expected `(`")
                    .help("`halt` takes its message in parentheses: `halt(\"reason\")`"));
        }
        Expr message = expressions.expression();
        if (!in.accept(TokenKind.RPAREN)) {
            throw in.report(Diagnostic.error(Code.E0007, in.peek().span(),
                            "expected `)` to close `halt(`, found " + in.peek().describe())
                    .label("expected `)`")
                    .secondary(open.span(), "opened here"));
        }
        Span span = in.spanFrom(keyword.span());
        in.expectLineEnd("`halt(…)`");
        return new Stmt.Halt(message, span);
    }

    private Stmt expressionOrAssignment() {
        Expr e = expressions.expression();
        if (in.at(TokenKind.ASSIGN)) {
            Token eq = in.advance();
            if (!(e instanceof Expr.Name || e instanceof Expr.Field || e instanceof Expr.Index)) {
                throw in.report(Diagnostic.error(Code.E0007, e.span(), "cannot assign to this expression")
                        .label("not a variable, field or element")
                        .secondary(eq.span(), "assignment here")
                        .help("use `==` to compare values"));
            }
            Expr value = expressions.expression();
            in.expectLineEnd("the assignment");
            return new Stmt.Assign(e, value, e.span().to(value.span()));
        }
        in.expectLineEnd("the expression");
        return new Stmt.ExprStmt(e, e.span());
    }
}
