package dev.lumen.conformance.fuzz;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fuzzer holds every command to, whatever its input: it exits 0, 1 or 2, never 101 (an internal error),
 * and neither output shows a Java stack trace or exception; a cancelled run stops. The rest sorts an outcome into
 * the figures' classes, and names a failure's class for deduplication: the Java exception and the innermost
 * Lumen frame it came from, or, without a stack trace, its first line with numbers and quoted text blanked.
 */
final class Oracle {
    private static final int INTERNAL_ERROR = 101;
    /** A stack frame as Throwable.printStackTrace prints it. */
    private static final Pattern FRAME = Pattern.compile("(?m)^\\s+at ([\\w$.]+/)?([\\w$.<>]+)\\(([^)]*)\\)");
    /**
     * A fully qualified Java exception or error class. The package has a bounded number of parts: Java's regex
     * engine recurses once per repetition of a group, and an output can hold a chain of thousands of `a.`.
     */
    private static final Pattern QUALIFIED_THROWABLE =
            Pattern.compile("\\b(?:[a-z][\\w$]*\\.){1,16}[A-Z][\\w$]*(?:Exception|Error)\\b");
    /** The JDK's throwables by simple name, as a message that drops the package might show them. */
    private static final Pattern BARE_THROWABLE = Pattern.compile("\\b(?:NullPointer|ClassCast|(?:Array|String)?IndexOutOfBounds"
            + "|IllegalState|IllegalArgument|Arithmetic|NumberFormat|UnsupportedOperation|ConcurrentModification"
            + "|NegativeArraySize|ArrayStore|NoSuchElement|UncheckedIO|Polyglot)Exception\\b"
            + "|\\b(?:StackOverflow|OutOfMemory|Assertion|NoClassDefFound|ExceptionInInitializer|Internal)Error\\b");
    private static final Pattern INTERNAL = Pattern.compile("(?i)internal error");
    private static final Pattern DIAGNOSTIC = Pattern.compile("(?m)^error\\[E\\d+]|is not a valid LIR module|^error: could not compile");
    private static final String CANCELLED = "error: the run was cancelled";

    private Oracle() {
    }

    static Verdict verdict(Command command, InProcessLumen.Result r) {
        if (r.hung() || r.status() == INTERNAL_ERROR || showsJava(r.out()) || showsJava(r.err())) {
            return Verdict.FAILURE;
        }
        return switch (r.status()) {
            case 0 -> Verdict.OK;
            case 1 -> {
                if (!command.runs() || DIAGNOSTIC.matcher(r.err()).find()) {
                    yield Verdict.DIAGNOSTICS;
                }
                yield r.timedOut() && r.err().contains(CANCELLED) ? Verdict.TIMEOUT : Verdict.RUNTIME_ERROR;
            }
            case 2 -> Verdict.USAGE;
            default -> Verdict.FAILURE;
        };
    }

    private static boolean showsJava(String text) {
        // the patterns are slow on long outputs; most outputs hold none of the words they look for
        if (!text.contains("at ") && !text.contains("Exception") && !text.contains("Error") && !text.contains("nternal")) {
            return false;
        }
        return FRAME.matcher(text).find() || QUALIFIED_THROWABLE.matcher(text).find()
                || BARE_THROWABLE.matcher(text).find() || INTERNAL.matcher(text).find();
    }

    /** The class of a failure, for deduplication; inputs that fail alike have the same one. */
    static String failureClass(InProcessLumen.Result r) {
        String text = r.err() + "\n" + r.out();
        if (r.hung()) {
            return "hang: a cancelled run did not stop";
        }
        int cause = text.lastIndexOf("Caused by: ");
        String from = cause >= 0 ? text.substring(cause) : text;
        String exception = exception(from);
        Matcher frame = FRAME.matcher(from);
        while (frame.find()) {
            if (frame.group(2).startsWith("dev.lumen.")) {
                return (exception == null ? "" : exception + " at ") + frame.group(2) + "(" + frame.group(3) + ")";
            }
        }
        String first = text.strip().lines().findFirst().orElse("exit status " + r.status());
        String shape = first.replaceAll("`[^`]*`", "`…`").replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\d+", "N");
        return (exception == null ? "" : exception + ": ") + shape;
    }

    /** The innermost Java exception named in {@code text}'s first line, past the polyglot wrapper. */
    private static String exception(String text) {
        String first = text.lines().findFirst().orElse("");
        Matcher m = QUALIFIED_THROWABLE.matcher(first);
        String found = null;
        while (m.find()) {
            if (!m.group().endsWith("PolyglotException")) {
                return m.group();
            }
            found = m.group();
        }
        if (found != null) {
            return found;
        }
        Matcher bare = BARE_THROWABLE.matcher(first);
        return bare.find() ? bare.group() : null;
    }
}
