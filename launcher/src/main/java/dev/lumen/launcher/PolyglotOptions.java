package dev.lumen.launcher;

import static dev.lumen.launcher.PolyglotDescriptors.group;

import dev.lumen.language.diagnostics.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graalvm.options.OptionDescriptor;
import org.graalvm.options.OptionDescriptors;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The polyglot options of {@code lumen run}, as a GraalVM launcher takes them: {@code --GROUP.NAME[=VALUE]} for
 * the engine, a language or a tool ({@code --engine.TraceCompilation}, {@code --inspect.Suspend=false}), and a
 * tool's own option without a group, which starts it ({@code --inspect}, {@code --dap}); a value-less option is
 * {@code true}. The engine judges them; when it refuses one, the descriptors say which and why, in Lumen's words.
 */
final class PolyglotOptions {
    /** The log's options ({@code log.file}, {@code log.LOGGER.level}) are the engine's, but have no descriptors. */
    private static final String LOG_GROUP = "log";

    private PolyglotOptions() {
    }

    /**
     * The options among {@code unmatched} (the arguments {@code command} did not take), by name. Any other argument
     * is a mistake, most likely a misspelt option of {@code command}; so is a name without a group that no tool
     * declares.
     */
    static Map<String, String> parse(CommandSpec command, List<String> unmatched) throws RunCommand.UsageError {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : unmatched) {
            if (!arg.startsWith("--") || arg.length() < 3) {
                throw new RunCommand.UsageError("unexpected argument `" + arg + "`",
                        "arguments of the cell are passed with --arg NAME=VALUE");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String key = eq < 0 ? body : body.substring(0, eq);
            String value = eq < 0 ? "true" : body.substring(eq + 1);
            boolean grouped = key.contains(".") && !key.startsWith(".") && !key.endsWith(".");
            if (!grouped && !isToolOption(key)) {
                String help = UsageErrors.optionSuggestion(command, arg)
                        .or(() -> Suggestions.didYouMean("--" + key, toolOptionNames()))
                        .orElse("polyglot options have a group, as in --engine.TraceCompilation or "
                                + "--inspect.Suspend=false; a tool's own option starts it, as in --inspect");
                throw new RunCommand.UsageError("unknown option `" + arg + "`", help);
            }
            options.put(key, value);
        }
        return options;
    }

    /** Whether one of {@code keys} may be an option that only the optimizing runtime's engine has. */
    static boolean mayNeedCompiler(Iterable<String> keys) {
        for (String key : keys) {
            if (PolyglotDescriptors.ENGINE_GROUPS.contains(group(key))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the engine refused {@code options}, which it said in {@code refusal}: the first option that no language or
     * tool has (with the nearest of its group, or the note that compiler options need the optimizing runtime), or
     * whose value its type does not take. The engine's own words when the descriptors find nothing wrong.
     */
    static RunCommand.UsageError refused(Map<String, String> options, String refusal) {
        PolyglotDescriptors installed = PolyglotDescriptors.installed();
        for (Map.Entry<String, String> option : options.entrySet()) {
            Optional<RunCommand.UsageError> problem = problem(installed, option.getKey(), option.getValue());
            if (problem.isPresent()) {
                return problem.get();
            }
        }
        return new RunCommand.UsageError(refusal);
    }

    private static Optional<RunCommand.UsageError> problem(PolyglotDescriptors installed, String key, String value) {
        String group = group(key);
        if (group.equals(LOG_GROUP)) {
            return Optional.empty();
        }
        String flag = "--" + key;
        OptionDescriptors known = installed.ofGroup(group);
        if (known == null) {
            List<String> groups = new ArrayList<>(PolyglotDescriptors.ENGINE_GROUPS);
            groups.add(LOG_GROUP);
            groups.addAll(installed.languages().keySet());
            groups.addAll(installed.tools().keySet());
            String help = Suggestions.closest(group, groups)
                    .map(near -> Suggestions.didYouMean("--" + near + key.substring(group.length())))
                    .orElse("the option groups here are " + String.join(", ", groups));
            return Optional.of(new RunCommand.UsageError("unknown option `" + flag + "`", help));
        }
        OptionDescriptor descriptor = known.get(key);
        if (descriptor == null) {
            if (installed.interpreterOnly() && PolyglotDescriptors.ENGINE_GROUPS.contains(group)) {
                return Optional.of(new RunCommand.UsageError("unknown option `" + flag + "`",
                        "compiler options exist only on the optimizing runtime: run with --jit"));
            }
            return Optional.of(new RunCommand.UsageError("unknown option `" + flag + "`",
                    nearest(known, key).orElse(PolyglotDescriptors.ENGINE_GROUPS.contains(group)
                            ? "`lumen run --help:engine` lists the engine's options"
                            : installed.tools().containsKey(group) ? "`lumen run --help:tools` lists the tools' options"
                            : "the options of `" + group + "` are " + names(known))));
        }
        try {
            descriptor.getKey().getType().convert(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(new RunCommand.UsageError("invalid value `" + value + "` for `" + flag + "`: "
                    + e.getMessage(), "its values: " + (descriptor.getUsageSyntax() != null ? descriptor.getUsageSyntax()
                            : descriptor.getKey().getType().getName())));
        }
    }

    /** "did you mean" the option of the same group whose name is nearest: {@code Suspnd} finds {@code Suspend}. */
    private static Optional<String> nearest(OptionDescriptors known, String key) {
        String group = group(key);
        List<String> names = new ArrayList<>();
        known.forEach(option -> {
            if (group(option.getName()).equals(group) && !option.isDeprecated() && !option.getName().equals(group)) {
                names.add(option.getName().substring(group.length() + 1));
            }
        });
        String name = key.contains(".") ? key.substring(group.length() + 1) : key;
        return Suggestions.closest(name, names).map(near -> Suggestions.didYouMean("--" + group + "." + near));
    }

    private static String names(OptionDescriptors known) {
        List<String> names = new ArrayList<>();
        known.forEach(option -> names.add("--" + option.getName()));
        return String.join(", ", names);
    }

    /** Whether {@code name} is an option without a group that a tool declares, as the inspector's {@code inspect}. */
    private static boolean isToolOption(String name) {
        PolyglotDescriptors.Group tool = PolyglotDescriptors.installed().tools().get(name);
        return tool != null && tool.options().get(name) != null;
    }

    /** The tools' options without a group, as written on the command line: {@code --inspect}, {@code --dap}, ... */
    private static List<String> toolOptionNames() {
        List<String> names = new ArrayList<>();
        PolyglotDescriptors.installed().tools().forEach((id, tool) -> {
            if (tool.options().get(id) != null) {
                names.add("--" + id);
            }
        });
        return names;
    }
}
