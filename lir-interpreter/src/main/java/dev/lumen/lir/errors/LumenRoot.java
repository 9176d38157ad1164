package dev.lumen.lir.errors;

/** Marks the root node of a Lumen cell, for Lumen stack traces. */
public interface LumenRoot {
    /** The cell's name. */
    String cellName();
}
