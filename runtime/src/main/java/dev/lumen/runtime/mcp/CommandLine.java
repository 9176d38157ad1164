package dev.lumen.runtime.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a stdio address's command line into words the way a POSIX shell does for the simple cases
 * (mcp-bridge-v1.md §2.2): white space separates words, '…' quotes literally, "…" quotes with \" and \\
 * escapes, and a backslash outside quotes escapes the next character. No variables, globs or pipes: the
 * command runs without a shell.
 */
final class CommandLine {
    /** A leading {@code NAME=value} word sets an environment variable. */
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    private CommandLine() {
    }

    static boolean isAssignment(String word) {
        return ASSIGNMENT.matcher(word).matches();
    }

    /** The words of {@code line}; {@code address} is the whole address, for messages. */
    static List<String> split(String address, String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            switch (c) {
                case '\'' -> {
                    int end = line.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw unclosed(address, '\'', i);
                    }
                    word.append(line, i + 1, end);
                    i = end;
                }
                case '"' -> i = doubleQuoted(address, line, i, word);
                case '\\' -> {
                    if (i + 1 == line.length()) {
                        throw new McpException("MCP server address \"" + address
                                + "\" ends with a backslash that escapes nothing");
                    }
                    word.append(line.charAt(++i));
                }
                default -> word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the "…" word starting at {@code open} and returns the index of its closing quote. */
    private static int doubleQuoted(String address, String line, int open, StringBuilder word) {
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                c = line.charAt(++i);
            }
            word.append(c);
        }
        throw unclosed(address, '"', open);
    }

    private static McpException unclosed(String address, char quote, int at) {
        return new McpException("MCP server address \"" + address + "\" has an unclosed " + quote
                + " quote (opened at column " + (at + 1) + " of the command line)");
    }
}
