package dev.lumen.launcher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionDescriptor;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionStability;

/**
 * The help on polyglot options, laid out as a GraalVM launcher's: {@code lumen run --help} ends with how they are
 * written, the debuggers', the log's, the other help topics and the engine's own options; {@code --help:tools}
 * lists each tool's (the inspector's, the DAP server's, the profilers'), {@code --help:engine} the engine's (with
 * the compiler's on the optimizing runtime). {@code --help:expert} and {@code --help:internal} show the options of
 * that category instead of the user ones. Everything listed is read from the descriptors of the jars installed.
 */
final class PolyglotHelp {
    /** Where the help text of an option starts. */
    private static final int HELP_COLUMN = 34;

    private PolyglotHelp() {
    }

    /** The section that ends {@code lumen run --help}. */
    static String runSection(OptionCategory category, int width) {
        PolyglotDescriptors installed = PolyglotDescriptors.installed();
        StringBuilder out = new StringBuilder("\nPolyglot options, as GraalVM launchers take them:\n"
                + "  (--GROUP.NAME=VALUE; a boolean option without a value is true)\n");
        for (String debugger : List.of("inspect", "dap")) {
            PolyglotDescriptors.Group tool = installed.tools().get(debugger);
            if (tool != null && tool.options().get(debugger) != null) {
                option(out, "  ", tool.options().get(debugger), width);
            }
        }
        line(out, "  ", "--inspect.NAME=VALUE, --dap.NAME=VALUE", "The debuggers' own options, as "
                + "--inspect.Suspend=false or --dap.WaitAttached: see --help:tools.", width);
        line(out, "  ", "--log.file=PATH", "The engine's log (compiler traces, the tools' messages) to PATH "
                + "instead of standard error.", width);
        line(out, "  ", "--log.LOGGER.level=LEVEL", "Log level of a logger: OFF, SEVERE, WARNING, INFO, CONFIG, "
                + "FINE, FINER, FINEST or ALL.", width);
        line(out, "  ", "--help:tools", "Print the tools' options (debuggers, profilers).", width);
        line(out, "  ", "--help:engine", "Print the engine's options; with --jit, the compiler's too (expert "
                + "options, most of them).", width);
        line(out, "  ", "--help:expert", "Show the options for experts instead (with --help, --help:tools or "
                + "--help:engine).", width);
        line(out, "  ", "--help:internal", "Show the internal options instead (for debugging Lumen and the tools).",
                width);
        out.append(engine(category, width));
        return out.toString();
    }

    /** {@code --help:engine}: the engine's options of {@code category}. */
    static String engine(OptionCategory category, int width) {
        PolyglotDescriptors installed = PolyglotDescriptors.installed();
        StringBuilder out = new StringBuilder();
        List<OptionDescriptor> shown = shown(installed.engine(), category);
        if (!shown.isEmpty()) {
            out.append('\n').append(title(category, "engine")).append(":\n");
            if (installed.interpreterOnly()) {
                out.append("  (the fast-starting runtime's; --jit shows the compiler's too)\n");
            }
            shown.forEach(o -> option(out, "  ", o, width));
        }
        return out.toString();
    }

    /** {@code --help:tools}: each tool's options of {@code category}, under the tool's name. */
    static String tools(OptionCategory category, int width) {
        StringBuilder out = new StringBuilder("\n" + title(category, "tool") + ":\n");
        List<PolyglotDescriptors.Group> tools = new ArrayList<>(PolyglotDescriptors.installed().tools().values());
        tools.sort(Comparator.comparing(PolyglotDescriptors.Group::name));
        for (PolyglotDescriptors.Group tool : tools) {
            List<OptionDescriptor> shown = shown(tool.options(), category);
            if (!shown.isEmpty()) {
                out.append("\n  ").append(tool.name()).append(":\n");
                shown.forEach(o -> option(out, "    ", o, width));
            }
        }
        return out.toString();
    }

    /** "User engine options", as GraalVM launchers title them. */
    private static String title(OptionCategory category, String kind) {
        String name = category.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1) + " " + kind + " options";
    }

    private static List<OptionDescriptor> shown(OptionDescriptors descriptors, OptionCategory category) {
        List<OptionDescriptor> shown = new ArrayList<>();
        descriptors.forEach(o -> {
            if (o.getCategory() == category && !o.isDeprecated()) {
                shown.add(o);
            }
        });
        shown.sort(Comparator.comparing(OptionDescriptor::getName));
        return shown;
    }

    private static void option(StringBuilder out, String indent, OptionDescriptor o, int width) {
        String syntax = o.getKey().getDefaultValue() instanceof Boolean ? "[=true|false]"
                : "=" + (o.getUsageSyntax() != null ? o.getUsageSyntax() : "<value>");
        String help = o.getHelp() + (o.getStability() == OptionStability.EXPERIMENTAL ? " (experimental)" : "");
        line(out, indent, "--" + o.getName() + syntax, help, width);
    }

    /** {@code name} after {@code indent}, then {@code help} in a column of its own, its words wrapped to {@code width}. */
    private static void line(StringBuilder out, String indent, String name, String help, int width) {
        StringBuilder line = new StringBuilder(indent).append(name);
        if (line.length() > HELP_COLUMN - 2) {
            out.append(line).append('\n');
            line.setLength(0);
        }
        for (String word : help.strip().split("\\s+")) {
            if (line.length() > HELP_COLUMN && line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
                line.setLength(0);
            }
            line.append(line.length() < HELP_COLUMN ? " ".repeat(HELP_COLUMN - line.length()) : " ").append(word);
        }
        out.append(line).append('\n');
    }
}
