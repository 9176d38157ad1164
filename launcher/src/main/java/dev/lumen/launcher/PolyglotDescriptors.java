package dev.lumen.launcher;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.polyglot.Engine;

/**
 * What the polyglot options of {@code lumen run} can name: the option descriptors of the engine, of each
 * language and of each tool (instrument) on the class path, read once from an engine made for the purpose, and
 * only when needed (a tool's option, a refused option, the help): a plain run never makes one, and the lists are
 * those of the jars installed, as a GraalVM launcher reads them.
 *
 * @param engine          the engine's options ({@code engine.*}, and {@code compiler.*} on the optimizing runtime)
 * @param languages       each language's by its id ({@code lumen})
 * @param tools           each tool's by its id ({@code inspect}, {@code dap}, ...)
 * @param interpreterOnly whether this is the interpreter-only runtime, which has no compiler options
 */
record PolyglotDescriptors(OptionDescriptors engine, Map<String, Group> languages, Map<String, Group> tools,
        boolean interpreterOnly) {
    /** The option groups that are the engine's: its own, and the compiler's on the optimizing runtime. */
    static final List<String> ENGINE_GROUPS = List.of("engine", "compiler");

    /** A language's or a tool's options, with the name it goes by ({@code Chrome Inspector}). */
    record Group(String id, String name, OptionDescriptors options) {
    }

    private static PolyglotDescriptors installed;

    /** The descriptors of this JVM's engine, read once. */
    static synchronized PolyglotDescriptors installed() {
        if (installed == null) {
            // No options at all, not even from system properties: bin/lumen's optimizing JVM sets an experimental
            // one, which an engine that does not allow them would refuse.
            try (Engine engine = Engine.newBuilder()
                    .useSystemProperties(false)
                    .option("engine.WarnInterpreterOnly", "false")
                    .build()) {
                Map<String, Group> languages = new TreeMap<>();
                engine.getLanguages().forEach((id, l) -> languages.put(id, new Group(id, l.getName(), l.getOptions())));
                Map<String, Group> tools = new TreeMap<>();
                engine.getInstruments().forEach((id, i) -> tools.put(id, new Group(id, i.getName(), i.getOptions())));
                installed = new PolyglotDescriptors(engine.getOptions(), languages, tools,
                        engine.getImplementationName().equals("Interpreted"));
            }
        }
        return installed;
    }

    /** The options of option group {@code group} ({@code inspect} for {@code inspect.Suspend}), or null. */
    OptionDescriptors ofGroup(String group) {
        if (ENGINE_GROUPS.contains(group)) {
            return engine;
        }
        Group owner = languages.containsKey(group) ? languages.get(group) : tools.get(group);
        return owner == null ? null : owner.options();
    }

    /** {@code inspect} for {@code inspect.Suspend} and for {@code inspect} itself. */
    static String group(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }
}
