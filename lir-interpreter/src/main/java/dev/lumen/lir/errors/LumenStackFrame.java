package dev.lumen.lir.errors;

/**
 * One frame of a Lumen stack trace: the cell, and where in it execution was — the failing instruction for
 * the innermost frame, the call for the others. {@code location} is null when unknown.
 */
public record LumenStackFrame(String cell, LumenLocation location) {

    /** {@code in cell `run` at file.lm.md:12:5}. */
    @Override
    public String toString() {
        return "in cell `" + cell + "`" + (location == null ? "" : " at " + location);
    }
}
