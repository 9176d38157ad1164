package dev.lumen.lir.format;

import java.util.List;

/**
 * A compiled Lumen document: what the front end hands the interpreter, and what `lumen emit` writes as
 * canonical JSON. {@code docHash} is the SHA-256 of the document's bytes ("sha256:…"); {@code source} is
 * the document's name, for error locations.
 */
public record LirModule(
        String version,
        String docHash,
        String source,
        List<TypeDef> types,
        List<CellDef> cells,
        List<ToolDef> tools) {

    public static final String VERSION = "1.0.0";
}
