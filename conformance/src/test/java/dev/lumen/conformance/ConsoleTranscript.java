package dev.lumen.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code console} block of a tutorial: commands typed at the repository's root, each a line {@code $ bin/lumen
 * …}, followed by the exact output it prints (standard output and error as a terminal shows them).
 *
 * <p>In the expected output, {@code …} stands for any text within a line (a trace's run id, a time, a duration, an
 * absolute path), and a line holding only {@code …} for any number of whole lines.
 */
record ConsoleTranscript(List<Step> steps) {
    static final String PROMPT = "$ ";
    static final String COMMAND = "bin/lumen";
    static final String ELLIPSIS = "…";

    /** One command: its arguments after {@code bin/lumen}, and the output expected of it. */
    record Step(String command, List<String> arguments, String expected) {

        boolean matches(String actual) {
            return pattern(expected).matcher(actual).matches();
        }
    }

    static ConsoleTranscript of(String text) {
        List<Step> steps = new ArrayList<>();
        String command = null;
        StringBuilder expected = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(PROMPT)) {
                if (command != null) {
                    steps.add(step(command, expected.toString()));
                }
                command = line.substring(PROMPT.length()).strip();
                expected.setLength(0);
            } else if (command == null) {
                if (!line.isEmpty()) {
                    throw new IllegalArgumentException("output before the first `$ ` command: " + line);
                }
            } else {
                expected.append(line).append('\n');
            }
        }
        if (command != null) {
            steps.add(step(command, expected.toString()));
        }
        return new ConsoleTranscript(steps);
    }

    private static Step step(String command, String expected) {
        List<String> words = words(command);
        if (words.isEmpty() || !words.getFirst().equals(COMMAND)) {
            throw new IllegalArgumentException("a tutorial runs only `" + COMMAND + " …`, not `" + command + "`");
        }
        // The block ends with a newline of its own; the output's last line ends with one.
        String trimmed = expected.endsWith("\n\n") ? expected.substring(0, expected.length() - 1) : expected;
        return new Step(command, words.subList(1, words.size()), trimmed.equals("\n") ? "" : trimmed);
    }

    /** A command line's words as a POSIX shell splits them, with single and double quotes and no expansion. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if ("\\$`|&;<>*?(){}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("`" + c + "` in a tutorial command: keep commands plain");
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote in `" + command + "`");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** The expected output as a pattern, {@code …} matching any text in a line or, alone, any lines. */
    static Pattern pattern(String expected) {
        StringBuilder regex = new StringBuilder();
        for (String line : expected.split("(?<=\n)")) {
            String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            String end = line.endsWith("\n") ? "\n" : "";
            if (body.equals(ELLIPSIS)) {
                regex.append("(?:[^\n]*\n)*?");
                continue;
            }
            String[] parts = body.split(Pattern.quote(ELLIPSIS), -1);
            for (int k = 0; k < parts.length; k++) {
                regex.append(k == 0 ? "" : "[^\n]*?").append(Pattern.quote(parts[k]));
            }
            regex.append(Pattern.quote(end));
        }
        return Pattern.compile(regex.toString());
    }
}
