package dev.lumen.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.conformance.Corpus;
import dev.lumen.language.Compilation;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.format.LirJson;
import dev.lumen.runtime.tools.BundledTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the input for a seed: picks a command, a corpus document (or the LIR module of a run document) and
 * mutates it. The same seed and corpus always give the same input.
 *
 * <p>Safety: only documents and modules whose tools are all bundled ones are run (always {@code --offline}, so
 * even those perform nothing); one that mentions MCP or imports any other tool is checked instead. Emitting still
 * reaches MCP servers for their manifests, so a document that mentions MCP is checked instead of emitted.
 */
final class InputGenerator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern USE_TOOL = Pattern.compile("\\buse\\s+tool\\s+(\\S+)");
    /** JSON argument values of every kind, at the edges of Int and Float, nested, empty. */
    private static final String[] VALUES = {
        "null", "0", "-1", "1.5", "true", "\"x\"", "\"\"", "[]", "{}", "[1, 2]", "[null]", "{\"a\": 1}",
        "9223372036854775808", "-9223372036854775809", "1e999", "\"Paid\"", "{\"ok\": 1}", "{\"err\": \"e\"}",
        "[[[[[[[[[[1]]]]]]]]]]", "{\"id\": \"A\", \"total\": 1.5}", "not json", "", "\"\\ud800\"",
    };

    /** A run document of the corpus, its arguments, and its module as emitted (null if it does not compile). */
    private record RunDocument(String name, String text, List<String> arguments, String module) {
    }

    private final List<String> names = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<RunDocument> runs = new ArrayList<>();
    private final List<RunDocument> modules = new ArrayList<>();
    private final int maxDepth;
    private final int[] weights;

    /**
     * @param weights relative weights of the commands, in {@link Command} order
     */
    InputGenerator(int maxDepth, int[] weights) {
        this.maxDepth = maxDepth;
        this.weights = weights.clone();
        for (Path document : Corpus.documents(Corpus.ROOT)) {
            String name = Corpus.name(document);
            String text = Corpus.read(document);
            names.add(name);
            texts.add(text);
            if (name.startsWith("run/")) {
                Compilation compiled = FrontEnd.compile(new SourceFile(name, text));
                String module = compiled.module() == null ? null : LirJson.write(compiled.module());
                RunDocument run = new RunDocument(name, text, Corpus.arguments(document), module);
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                if (mayRun(bytes)) {
                    runs.add(run);
                }
                if (module != null && moduleMayRun(module.getBytes(StandardCharsets.UTF_8))) {
                    modules.add(run);
                }
            }
        }
        if (runs.isEmpty() || modules.isEmpty()) {
            throw new IllegalStateException("no run documents under " + Corpus.ROOT.toAbsolutePath());
        }
    }

    int documents() {
        return texts.size();
    }

    FuzzInput generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Command command = command(random);
        return switch (command) {
            case CHECK, CHECK_FRONT_END, EMIT, EMIT_FRONT_END -> {
                int i = random.nextInt(texts.size());
                DocumentMutator m = new DocumentMutator(random, texts, maxDepth);
                byte[] content = m.mutate(texts.get(i));
                Command safe = command == Command.EMIT && mentionsMcp(content) ? Command.EMIT_FRONT_END : command;
                yield new FuzzInput(seed, safe, names.get(i), content, List.of(), m.applied());
            }
            case RUN_DOCUMENT -> {
                DocumentMutator m = new DocumentMutator(random, texts, maxDepth);
                String origin;
                String text;
                List<String> args;
                if (random.nextInt(8) == 0) {
                    int i = random.nextInt(texts.size());
                    origin = names.get(i);
                    text = texts.get(i);
                    args = List.of();
                } else {
                    RunDocument run = runs.get(random.nextInt(runs.size()));
                    origin = run.name();
                    text = run.text();
                    args = run.arguments();
                }
                byte[] content = m.mutate(text);
                List<String> arguments = arguments(random, args, m, text);
                Command safe = mayRun(content) ? command : Command.CHECK;
                yield new FuzzInput(seed, safe, origin, content, safe == command ? arguments : List.of(), m.applied());
            }
            case RUN_MODULE -> {
                RunDocument run = modules.get(random.nextInt(modules.size()));
                LirMutator m = new LirMutator(random);
                byte[] content = mutateModule(random, run.module(), m);
                DocumentMutator text = new DocumentMutator(random, texts, maxDepth);
                List<String> arguments = arguments(random, run.arguments(), text, run.text());
                List<String> applied = new ArrayList<>(m.applied());
                applied.addAll(text.applied());
                if (!moduleMayRun(content)) {
                    throw new IllegalStateException("a mutated module names a tool that is not bundled: seed " + seed);
                }
                yield new FuzzInput(seed, command, run.name(), content, arguments, applied);
            }
        };
    }

    private Command command(SplittableRandom random) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int pick = random.nextInt(total);
        for (Command c : Command.values()) {
            pick -= weights[c.ordinal()];
            if (pick < 0) {
                return c;
            }
        }
        throw new AssertionError();
    }

    /** The module's JSON mutated as a tree, or now and then as text (mostly not JSON any more). */
    private byte[] mutateModule(SplittableRandom random, String module, LirMutator m) {
        if (random.nextInt(20) == 0) {
            DocumentMutator text = new DocumentMutator(random, List.of(module), maxDepth);
            byte[] bytes = text.mutate(module);
            m.applied().addAll(text.applied());
            return moduleMayRun(bytes) ? bytes : module.getBytes(StandardCharsets.UTF_8);
        }
        try {
            ObjectNode tree = (ObjectNode) MAPPER.readTree(module);
            m.mutate(tree);
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run's arguments, mostly as the corpus gives them; else one dropped, changed, added, or a cell named. */
    private static List<String> arguments(SplittableRandom random, List<String> args, DocumentMutator m, String text) {
        List<String> out = new ArrayList<>(args);
        if (random.nextInt(3) != 0) {
            return out;
        }
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i + 1 < out.size(); i++) {
            if (out.get(i).equals("--arg")) {
                values.add(i + 1);
            }
        }
        switch (random.nextInt(5)) {
            case 0 -> {
                if (!values.isEmpty()) {
                    int v = values.get(random.nextInt(values.size()));
                    out.remove(v);
                    out.remove(v - 1);
                    m.applied().add("argument dropped");
                }
            }
            case 1, 2 -> {
                if (!values.isEmpty()) {
                    int v = values.get(random.nextInt(values.size()));
                    String arg = out.get(v);
                    int eq = arg.indexOf('=');
                    String value = random.nextBoolean() ? VALUES[random.nextInt(VALUES.length)]
                            : m.mutateValue(arg.substring(eq + 1));
                    out.set(v, arg.substring(0, eq + 1) + value);
                    m.applied().add("argument " + DocumentMutator.quote(out.get(v)));
                }
            }
            case 3 -> {
                Matcher cell = Pattern.compile("\\bcell\\s+([A-Za-z_]\\w*)").matcher(text);
                List<String> cells = new ArrayList<>();
                while (cell.find()) {
                    cells.add(cell.group(1));
                }
                if (!cells.isEmpty()) {
                    String name = cells.get(random.nextInt(cells.size()));
                    out.add("--cell");
                    out.add(name);
                    m.applied().add("--cell " + name);
                }
            }
            default -> {
                out.add("--arg");
                out.add("extra=" + VALUES[random.nextInt(VALUES.length)]);
                m.applied().add("extra argument");
            }
        }
        return out;
    }

    private static String lossy(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }

    private static boolean mentionsMcp(byte[] content) {
        String text = lossy(content).toLowerCase(Locale.ROOT);
        return text.contains("mcp") || text.contains("stdio");
    }

    /** A document may run when it mentions no MCP server and imports bundled tools only. */
    static boolean mayRun(byte[] content) {
        if (mentionsMcp(content)) {
            return false;
        }
        Matcher use = USE_TOOL.matcher(lossy(content));
        while (use.find()) {
            if (!BundledTools.IDS.contains(use.group(1))) {
                return false;
            }
        }
        return true;
    }

    /** A module may run when every tool it names is bundled (or it is not JSON at all, and reading fails). */
    static boolean moduleMayRun(byte[] content) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(content);
        } catch (IOException e) {
            return !mentionsMcp(content);
        }
        if (tree == null || !tree.path("tools").isArray()) {
            return !mentionsMcp(content);
        }
        for (JsonNode tool : tree.path("tools")) {
            JsonNode id = tool.path("tool_id");
            if (!tool.path("mcp_server").isNull() && !tool.path("mcp_server").isMissingNode()) {
                return false;
            }
            if (!id.isTextual() || !BundledTools.IDS.contains(id.asText())) {
                return false;
            }
        }
        return true;
    }
}
