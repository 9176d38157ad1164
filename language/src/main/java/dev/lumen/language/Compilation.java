package dev.lumen.language;

import dev.lumen.lir.format.LirModule;

/**
 * The outcome of compiling one document: its diagnostics and, when it has no errors, its LIR module
 * ({@code module} is null otherwise).
 */
public record Compilation(CheckResult result, LirModule module) {

    public boolean hasErrors() {
        return result.hasErrors();
    }
}
