package dev.lumen.lir.format;

import java.util.List;

/**
 * A compiled Lumen document: what the front end hands the interpreter, and what `lumen emit` writes as
 * canonical JSON. {@code docHash} is the SHA-256 of the document's bytes ("sha256:…"); {@code source} is
 * the document's name, for error locations; {@code settings} are its run-time directives.
 */
public record LirModule(
        String version,
        String docHash,
        String source,
        List<TypeDef> types,
        List<CellDef> cells,
        List<ToolDef> tools,
        RunSettings settings) {

    public static final String VERSION = "1.2.0";

    /** A module with the default settings (a document without run-time directives). */
    public LirModule(String version, String docHash, String source, List<TypeDef> types, List<CellDef> cells,
            List<ToolDef> tools) {
        this(version, docHash, source, types, cells, tools, RunSettings.DEFAULTS);
    }
}
