package dev.lumen.language;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.check.CheckedProgram;
import dev.lumen.language.check.Checker;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.lower.Lowering;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.project.Project;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.syntax.ParsedBlock;
import dev.lumen.language.syntax.ParsedDocument;
import dev.lumen.language.syntax.Parser;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.RunSettings;
import dev.lumen.runtime.mcp.McpServerClause;
import dev.lumen.runtime.mcp.McpServerGrant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The front end's entry points: extract → lex → parse → resolve → typecheck ({@link #check}), then lower to LIR ({@link #compile}). */
public final class FrontEnd {
    private FrontEnd() {
    }

    /** Checks a document that is not a file of a project: it sees the bundled tools and no lock file. */
    public static CheckResult check(SourceFile file) {
        return check(file, Project.none());
    }

    /**
     * Checks a document against what its project holds (tools, lock file, the MCP server manifests it records),
     * read beforehand by the project layer: the front end itself reads, starts and writes nothing.
     */
    public static CheckResult check(SourceFile file, Project project) {
        return FrontEndStack.call(() -> analyse(file, project).result());
    }

    /** {@link #compile(SourceFile, Project)} of a document that is not a file of a project. */
    public static Compilation compile(SourceFile file) {
        return compile(file, Project.none());
    }

    /**
     * Checks a document and, when it has no errors, lowers it to LIR. A document that checks cleanly can
     * still fail to lower when a cell exceeds an LIR limit (E0034, E0035); those errors join the result.
     */
    public static Compilation compile(SourceFile file, Project project) {
        return FrontEndStack.call(() -> compileHere(file, project));
    }

    private static Compilation compileHere(SourceFile file, Project project) {
        CheckedDocument analysis = analyse(file, project);
        if (analysis.result().hasErrors()) {
            return new Compilation(analysis.result(), null);
        }
        Diagnostics lowering = new Diagnostics();
        LirModule module = Lowering.lower(analysis.program(), file, analysis.document().settings().run(), lowering);
        if (module == null) {
            Diagnostics all = new Diagnostics();
            analysis.result().diagnostics().forEach(all::add);
            lowering.sorted().forEach(all::add);
            return new Compilation(new CheckResult(file, all.sorted()), null);
        }
        return new Compilation(analysis.result(), module);
    }

    /**
     * The native tool ids a document imports, in document order, as far as it parses: what {@code lumen lock}
     * pins. MCP imports are not native tools and are left out.
     */
    public static List<String> importedTools(SourceFile file) {
        return imports(file, false);
    }

    /** The MCP server addresses a document imports, in document order, as far as it parses. */
    public static List<String> importedServers(SourceFile file) {
        return imports(file, true);
    }

    /**
     * The server grants of a document as far as it parses (mcp-bridge-v1.md §11), by server address: the
     * server clauses of its `grant Alias …` lines on MCP aliases, which connecting to a server needs before the
     * document is checked (reading its tools for the lock file). Clauses the checker would reject are left out.
     */
    public static Map<String, McpServerGrant> serverGrants(SourceFile file) {
        return FrontEndStack.call(() -> {
            Diagnostics ignored = new Diagnostics();
            ParsedDocument parsed = Parser.parseDocument(MarkdownExtractor.extract(file, ignored), ignored);
            Map<String, String> addresses = new HashMap<>();
            Map<String, Map<String, List<Object>>> clauses = new LinkedHashMap<>();
            for (Decl d : parsed.program().decls()) {
                if (d instanceof Decl.UseTool use && use.mcpServer() != null && use.alias() != null) {
                    addresses.put(use.alias().name(), use.mcpServer().name());
                } else if (d instanceof Decl.Grant grant && grant.tool() == null
                        && addresses.containsKey(grant.alias().name())) {
                    for (Decl.GrantClause c : grant.clauses()) {
                        if (McpServerClause.byClause(c.key().name()).isPresent()) {
                            clauses.computeIfAbsent(addresses.get(grant.alias().name()), k -> new LinkedHashMap<>())
                                    .computeIfAbsent(c.key().name(), k -> new ArrayList<>())
                                    .addAll(c.values().stream().map(Decl.GrantValue::value).toList());
                        }
                    }
                }
            }
            Map<String, McpServerGrant> out = new LinkedHashMap<>();
            clauses.forEach((address, granted) -> out.put(address, new McpServerGrant(granted)));
            return out;
        });
    }

    private static List<String> imports(SourceFile file, boolean servers) {
        return FrontEndStack.call(() -> {
            Diagnostics ignored = new Diagnostics();
            return imports(Parser.parseDocument(MarkdownExtractor.extract(file, ignored), ignored), servers);
        });
    }

    private static List<String> imports(ParsedDocument parsed, boolean servers) {
        List<String> out = new ArrayList<>();
        for (Decl d : parsed.program().decls()) {
            if (d instanceof Decl.UseTool use) {
                var name = servers ? use.mcpServer() : use.mcpServer() == null ? use.toolId() : null;
                if (name != null && !out.contains(name.name())) {
                    out.add(name.name());
                }
            }
        }
        return out;
    }

    /** Extracts, parses and checks a document. */
    public static CheckedDocument analyse(SourceFile file, Project project) {
        Diagnostics extraction = new Diagnostics();
        LumenDocument document = MarkdownExtractor.extract(file, extraction);
        List<ParsedBlock> blocks = new ArrayList<>();
        for (CodeBlock block : document.blocks()) {
            blocks.add(Parser.parseBlock(block));
        }
        return checkBlocks(document, extraction.all(), blocks, project);
    }

    /**
     * Checks a document whose blocks are already parsed, one {@link ParsedBlock} per block of
     * {@code document} in order; {@code extraction} holds what the extractor reported. This is the tail of
     * {@link #analyse}, for callers that keep the parses of blocks an edit did not touch: the result is the
     * same as a check of the whole text.
     */
    public static CheckedDocument checkBlocks(LumenDocument document, List<Diagnostic> extraction,
            List<ParsedBlock> blocks, Project project) {
        SourceFile file = document.file();
        Diagnostics diagnostics = new Diagnostics();
        extraction.forEach(diagnostics::add);
        blocks.forEach(b -> b.diagnostics().forEach(diagnostics::add));
        ParsedDocument parsed = ParsedDocument.of(blocks);
        // The checker runs even after syntax errors, so independent type errors are reported too;
        // what it says about code that recovery dropped is left out.
        Diagnostics semantic = new Diagnostics();
        // A document that is not a file has no lock file to be strict about.
        boolean strict = document.settings().lock() == RunSettings.Lock.STRICT && project.hasLockFile();
        CheckedProgram program = Checker.check(parsed.program(), semantic, project, strict);
        for (Diagnostic d : semantic.sorted()) {
            if (!parsed.hides(d, file)) {
                diagnostics.add(d);
            }
        }
        return new CheckedDocument(document, parsed, program, new CheckResult(file, diagnostics.sorted()));
    }
}
