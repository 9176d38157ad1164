package dev.lumen.launcher;

import dev.lumen.language.diagnostics.Suggestions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Mistakes on the command line, reported in the shape of every other Lumen error: {@code error: …}, then
 * {@code = help:} lines (a did-you-mean for a misspelt command or option), then where to read more.
 */
final class UsageErrors {
    private UsageErrors() {
    }

    /** Prints {@code e} for the command it happened in; returns the usage exit status. */
    static int report(ParameterException e) {
        CommandLine cl = e.getCommandLine();
        CommandSpec spec = cl.getCommandSpec();
        List<String> helps = new ArrayList<>();
        // picocli checks required parameters before unmatched arguments: `trace show --nope` would report the
        // missing RUN, where the cause is the unknown option.
        List<String> unmatched = e instanceof UnmatchedArgumentException u ? u.getUnmatched() : cl.getUnmatchedArguments();
        String message = !unmatched.isEmpty()
                ? unmatched(spec, unmatched.getFirst(), helps)
                : picocliMessage(e.getMessage());
        PrintWriter err = cl.getErr();
        err.println("error: " + message);
        for (String help : helps) {
            err.println("  = help: " + help);
        }
        err.println();
        err.println("For more information, try '" + spec.qualifiedName() + " --help'.");
        return ExitCodes.USAGE;
    }

    /**
     * The "did you mean" for an option {@code spec} does not have, if one of its options is close:
     * {@code --cel} finds {@code --cell}, {@code --no-jt} finds {@code --no-jit}.
     */
    static Optional<String> optionSuggestion(CommandSpec spec, String arg) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                names.addAll(List.of(option.names()));
            }
        }
        names.addAll(spec.negatedOptionsMap().keySet());
        return Suggestions.didYouMean(name, names);
    }

    private static String unmatched(CommandSpec spec, String arg, List<String> helps) {
        if (arg.startsWith("-")) {
            optionSuggestion(spec, arg).ifPresent(helps::add);
            return "unknown option `" + arg + "`";
        }
        if (spec.subcommands().isEmpty()) {
            return "unexpected argument `" + arg + "`";
        }
        List<String> commands = new ArrayList<>();
        spec.subcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                commands.add(name);
            }
        });
        helps.add(Suggestions.didYouMean(arg, commands).orElse("the commands are " + String.join(", ", commands)));
        return "unknown command `" + spec.qualifiedName() + " " + arg + "`";
    }

    /** picocli's own messages, in Lumen's style: a lower-case start and names in backticks. */
    private static String picocliMessage(String message) {
        String quoted = message.replaceAll("'([^'\\s][^']*)'", "`$1`");
        return quoted.isEmpty() ? quoted : quoted.substring(0, 1).toLowerCase(Locale.ROOT) + quoted.substring(1);
    }
}
