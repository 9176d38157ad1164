package dev.lumen.lir.errors;

import com.oracle.truffle.api.source.SourceSection;

/**
 * A place in a `.lm.md` document: the file as the user named it and a 1-based line and column (columns
 * count code points, as diagnostics do). {@code section} is the same place as a Truffle source section, or
 * null when the source is not available (a `.lir.json` module whose document is elsewhere).
 */
public record LumenLocation(String file, int line, int column, SourceSection section) {

    /** {@code file:line:column}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
