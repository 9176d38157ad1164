package dev.lumen.language.truffle;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Option;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.ProvidedTags;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.nodes.ExecutableNode;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.Source;
import dev.lumen.language.CheckResult;
import dev.lumen.language.Compilation;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.HumanRenderer;
import dev.lumen.language.project.Project;
import dev.lumen.language.project.ProjectLoader;
import dev.lumen.language.project.ServerLocking;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.errors.LumenSyntaxError;
import dev.lumen.lir.format.LirFormatException;
import dev.lumen.lir.format.LirJson;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.Verifier;
import dev.lumen.lir.interpreter.LumenEffects;
import dev.lumen.lir.interpreter.LumenModuleObject;
import dev.lumen.lir.interpreter.LumenProgram;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.mcp.McpElicitation;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;

/**
 * The Lumen language for GraalVM polyglot: {@code Context.eval("lumen", …)} accepts
 *
 * <ul>
 *   <li>a Lumen document ({@code *.lm.md}, MIME type {@value #DOCUMENT_MIME}, the default): it is checked and
 *       lowered by the front end; a document with errors raises a syntax error whose message is the rendered
 *       diagnostics, as {@code lumen check} prints them; warnings go to the context's standard error;</li>
 *   <li>an LIR module ({@code *.lir.json}, MIME type {@value #LIR_MIME}): read with {@link LirJson} and checked
 *       with the {@link Verifier}; a malformed module raises a syntax error listing its problems. Locations
 *       in errors name the module's source document.</li>
 * </ul>
 *
 * Evaluating either returns the program's module object, whose members are its runnable cells (see
 * {@link LumenModuleObject}); running a cell is executing that member with its arguments, or invoking it on the
 * module. The context's bindings ({@link #getScope}) hold the cells of every document evaluated. The language is
 * single-threaded per context. The contexts of one engine share the language ({@link ContextPolicy#SHARED}): each
 * compiles a document against its own project, and the contexts whose compilations agree share one linked program
 * and its compiled code ({@link LinkedPrograms}).
 */
@TruffleLanguage.Registration(
        id = LumenLanguage.ID,
        name = "Lumen",
        version = "1",
        implementationName = "Lumen on Truffle",
        defaultMimeType = LumenLanguage.DOCUMENT_MIME,
        characterMimeTypes = {LumenLanguage.DOCUMENT_MIME, LumenLanguage.LIR_MIME},
        fileTypeDetectors = LumenFileTypeDetector.class,
        contextPolicy = TruffleLanguage.ContextPolicy.SHARED)
@ProvidedTags({StandardTags.RootTag.class, StandardTags.RootBodyTag.class, StandardTags.StatementTag.class,
    StandardTags.CallTag.class})
public final class LumenLanguage extends TruffleLanguage<LumenContext> {
    public static final String ID = "lumen";
    public static final String DOCUMENT_MIME = "text/x-lumen";
    public static final String LIR_MIME = "application/x-lumen-lir+json";

    @Option(help = "Color compile diagnostics with ANSI escapes (as `lumen check --color=always`).",
            category = OptionCategory.USER, stability = OptionStability.STABLE)
    static final OptionKey<Boolean> Color = new OptionKey<>(false);

    @Option(help = "The directory whose .lumen/ holds traces, blobs and the tool cache; empty: runs are neither "
            + "traced nor cached.", category = OptionCategory.USER, stability = OptionStability.STABLE)
    static final OptionKey<String> Store = new OptionKey<>("");

    @Option(help = "An s3://BUCKET/PREFIX address: the store's traces, blobs and tool cache are kept in that bucket "
            + "(reached as the AWS variables say) instead of lumen.Store's .lumen/, which stays the project's.",
            category = OptionCategory.USER, stability = OptionStability.STABLE)
    static final OptionKey<String> Bucket = new OptionKey<>("");

    @Option(help = "Perform no effect and reach no network: answer tool calls from the cache (fs.read still reads "
            + "local files), reporting each read or write not performed; a call it cannot answer fails.",
            category = OptionCategory.USER, stability = OptionStability.STABLE)
    static final OptionKey<Boolean> Offline = new OptionKey<>(false);

    @Option(help = "Replay the run with this id (from the store): tool outputs come from its trace.",
            category = OptionCategory.USER, stability = OptionStability.STABLE)
    static final OptionKey<String> Replay = new OptionKey<>("");

    @Option(help = "How MCP servers' elicitation requests are answered, whatever the documents' grants say: "
            + "defaults, decline or fail (empty: as each server grant says).", category = OptionCategory.USER,
            stability = OptionStability.STABLE)
    static final OptionKey<String> McpElicitation = new OptionKey<>("");

    @Option(help = "Run as a test (lumen test): a JSON object whose members answer tool calls, by alias (or "
            + "Alias.tool for an MCP tool); a call with no member fails, and no tool is ever performed.",
            category = OptionCategory.USER, stability = OptionStability.STABLE)
    static final OptionKey<String> Fixtures = new OptionKey<>("");

    private static final ContextReference<LumenContext> CONTEXT = ContextReference.create(LumenLanguage.class);

    /** The effects of the run executing: a linked program is shared, so it asks the current context for them. */
    private static final Supplier<LumenEffects> CURRENT_EFFECTS = () -> CONTEXT.get(null).effects();

    private final LinkedPrograms programs = new LinkedPrograms();

    @Override
    protected LumenContext createContext(Env env) {
        return new LumenContext(env, LumenRunEffects.create(env.getOptions().get(Store), env.getOptions().get(Bucket),
                env.getOptions().get(Offline),
                env.getOptions().get(Replay), env.err(), () -> HostToolBindings.read(env))
                .withMcpElicitation(elicitation(env))
                .withFixtures(LumenRunEffects.fixtures(env.getOptions().get(Fixtures))));
    }

    /**
     * The run's elicitation policy ({@code lumen.McpElicitation}), if it states one.
     *
     * @throws IllegalArgumentException for a value that is no policy (the context is then not created)
     */
    static Optional<McpElicitation> elicitation(Env env) {
        String policy = env.getOptions().get(McpElicitation);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(dev.lumen.runtime.mcp.McpElicitation.of(policy).orElseThrow(() -> new IllegalArgumentException(
                "lumen.McpElicitation is \"" + policy + "\"; it takes " + String.join(", ",
                        dev.lumen.runtime.mcp.McpElicitation.texts()))));
    }

    /**
     * Closes the MCP sessions read for a run of this context's documents that no run took (a run closes its own),
     * and takes the context out of the process's interrupts.
     */
    @Override
    protected void disposeContext(LumenContext context) {
        context.disposed();
        context.readForRun().forEach(ServerLocking::closeKept);
    }

    @Override
    protected OptionDescriptors getOptionDescriptors() {
        return new LumenLanguageOptionDescriptors();
    }

    @Override
    protected boolean isThreadAccessAllowed(Thread thread, boolean singleThreaded) {
        return singleThreaded;
    }

    /**
     * A document's call target, which the engine keeps per source and shares between contexts: its evaluation
     * compiles the document in the context evaluating it ({@link Evaluation}).
     */
    @Override
    protected CallTarget parse(ParsingRequest request) {
        return new Evaluation(this, request.getSource()).getCallTarget();
    }

    /**
     * Compiles {@code source} as {@code context} sees it (its project, tools, options and standard error) and
     * links it, or takes the program another context linked from the same module.
     */
    private LumenProgram link(Source source, LumenContext context) {
        if (isLir(source)) {
            LirModule module = readModule(source);
            Source document = Source.newBuilder(ID, "", module.source()).content(Source.CONTENT_NONE).build();
            return programs.get(document, module.source(), module,
                    () -> LumenProgram.link(this, module, document, module.source(), CURRENT_EFFECTS));
        }
        // The file it was read from, when there is one: relative paths of its tool calls and grants are read
        // against its directory (tools-fs.md §1.1), whatever the source's name.
        // It is named as given (errors show that name), and read against the host's directory.
        Path path = documentPath(source);
        LirModule module = compile(source, path, context);
        String given = source.getPath() != null ? source.getPath() : source.getName();
        String file = path != null ? given : source.getName();
        return programs.get(source, file, module, () -> LumenProgram.link(this, module, source, file, CURRENT_EFFECTS));
    }

    /** A debugger's expression where a cell is suspended ({@link DebugExpression}); null outside cells. */
    @Override
    protected ExecutableNode parse(InlineParsingRequest request) {
        return DebugExpression.parse(this, CONTEXT.get(null), request.getSource(), request.getLocation());
    }

    /** The cells of the documents evaluated in {@code context} (after their evaluation, not their parsing). */
    @Override
    protected Object getScope(LumenContext context) {
        return context.bindings();
    }

    /**
     * Evaluating a document: its module object, whose cells join the context's bindings. The first evaluation in
     * a context compiles the document there (its diagnostics go to that context); each evaluation adds the cells,
     * so a document evaluated again wins its names back.
     */
    private static final class Evaluation extends RootNode {
        private final Source source;

        Evaluation(LumenLanguage language, Source source) {
            super(language);
            this.source = source;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return evaluate(getLanguage(LumenLanguage.class), CONTEXT.get(this), source);
        }

        @TruffleBoundary
        private static LumenModuleObject evaluate(LumenLanguage language, LumenContext context, Source source) {
            LumenModuleObject module = context.evaluated(source);
            if (module == null) {
                module = language.link(source, context).newModuleObject(context.effects());
                context.evaluated(source, module);
            }
            context.bindings().add(module);
            return module;
        }
    }

    private static boolean isLir(Source source) {
        return LIR_MIME.equals(source.getMimeType())
                || (source.getMimeType() == null && source.getName() != null && source.getName().endsWith(".lir.json"));
    }

    private static LirModule readModule(Source source) {
        LirModule module;
        try {
            module = LirJson.read(source.getCharacters().toString());
        } catch (LirFormatException e) {
            throw invalidModule(source, e.problems());
        }
        List<String> problems = Verifier.verify(module);
        if (!problems.isEmpty()) {
            throw invalidModule(source, problems);
        }
        return module;
    }

    private static LumenSyntaxError invalidModule(Source source, List<String> problems) {
        StringBuilder b = new StringBuilder("`").append(source.getName()).append("` is not a valid LIR module:");
        for (String p : problems) {
            b.append("\n  ").append(p);
        }
        return new LumenSyntaxError(b.toString(), problems.size());
    }

    /**
     * The file a source was read from, which gives the document its project's tools: its path, or its name
     * when that names a file (the launcher names sources by the path the user gave); null for neither.
     */
    static Path documentPath(Source source) {
        try {
            Path path = Host.current().resolve(source.getPath() != null ? source.getPath() : source.getName());
            return Files.isRegularFile(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** What a document sees of its project (as read, nothing started) and the tools the embedder offers. */
    static Project project(SourceFile file, LumenContext context) {
        return ProjectLoader.load(file, Host.current().environment()).withHostTools(context.hostTools());
    }

    /** Compiles {@code source}, read from the file {@code path} (null for none), as {@code context} sees it. */
    private static LirModule compile(Source source, Path path, LumenContext context) {
        SourceFile file = new SourceFile(source.getName(), source.getCharacters().toString(), path);
        PrintStream err = new PrintStream(context.env().err(), true, StandardCharsets.UTF_8);
        Project project = project(file, context);
        // A run that may reach tools starts the MCP servers it imports anyway, so it reads the tools of one the
        // lock file does not record yet (saying so) and records them; one answered from the cache or a trace
        // types MCP calls from the lock file alone, so it starts nothing.
        boolean offline = context.env().getOptions().get(Offline) || !context.env().getOptions().get(Replay).isEmpty();
        if (!offline) {
            project = ServerLocking.lockForRun(file, project, err::println, elicitation(context.env()));
            if (project.document() != null) {
                context.readForRun(project.document());
            }
        }
        Compilation compilation = FrontEnd.compile(file, project);
        CheckResult result = compilation.result();
        boolean color = context.env().getOptions().get(Color);
        if (compilation.module() == null) {
            if (!offline && project.document() != null) {
                ServerLocking.closeKept(project.document()); // no run will call the servers read for it
            }
            throw new LumenSyntaxError(render(result, color), (int) result.diagnostics().stream().filter(Diagnostic::isError).count());
        }
        if (!result.diagnostics().isEmpty()) {
            err.print(render(result, color));
            err.flush();
        }
        return compilation.module();
    }

    /** The diagnostics as {@code lumen check} prints them, closed by a cargo-style summary line. */
    static String render(CheckResult result, boolean color) {
        List<Diagnostic> diagnostics = result.diagnostics();
        StringBuilder b = new StringBuilder(new HumanRenderer(color).render(result.file(), diagnostics));
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.size() - errors;
        String name = result.file().name();
        b.append('\n');
        if (errors > 0) {
            b.append(headline("error", "1;31", "could not compile `" + name + "` due to " + plural(errors, "previous error")
                    + (warnings > 0 ? "; " + plural(warnings, "warning") + " emitted" : ""), color));
        } else {
            b.append(headline("warning", "1;33", "`" + name + "` generated " + plural(warnings, "warning"), color));
        }
        return b.append('\n').toString();
    }

    private static String headline(String level, String ansi, String text, boolean color) {
        return color ? "\u001b[" + ansi + "m" + level + "\u001b[0m\u001b[1m: " + text + "\u001b[0m" : level + ": " + text;
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
