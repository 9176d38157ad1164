package dev.lumen.language.check;

import dev.lumen.language.ast.Decl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document's top-level names. Cells, records, enums and tool aliases share one namespace; each map keeps
 * document order and holds the first declaration of a name (later duplicates were reported and dropped).
 */
public final class Symbols {
    final Map<String, RecordInfo> records = new LinkedHashMap<>();
    final Map<String, EnumInfo> enums = new LinkedHashMap<>();
    final Map<String, CellInfo> cells = new LinkedHashMap<>();
    final Map<String, ToolAlias> tools = new LinkedHashMap<>();
    /**
     * Declarations dropped because their name was already taken (reported as E0016), by name: uses of the
     * name that only the dropped declaration could satisfy are echoes of that report.
     */
    final Map<String, List<Decl>> dropped = new LinkedHashMap<>();

    public Map<String, RecordInfo> records() {
        return Collections.unmodifiableMap(records);
    }

    public Map<String, EnumInfo> enums() {
        return Collections.unmodifiableMap(enums);
    }

    public Map<String, CellInfo> cells() {
        return Collections.unmodifiableMap(cells);
    }

    public Map<String, ToolAlias> tools() {
        return Collections.unmodifiableMap(tools);
    }

    public RecordInfo record(String name) {
        return records.get(name);
    }

    public EnumInfo enumeration(String name) {
        return enums.get(name);
    }

    public CellInfo cell(String name) {
        return cells.get(name);
    }

    public ToolAlias tool(String alias) {
        return tools.get(alias);
    }

    /** Whether a declaration of this kind under this name was dropped as a redefinition. */
    boolean dropped(String name, Class<? extends Decl> kind) {
        return dropped.getOrDefault(name, List.of()).stream().anyMatch(kind::isInstance);
    }

    /** Names of records, enums and built-in types, for did-you-mean on types. */
    List<String> typeNames() {
        List<String> out = new ArrayList<>(TypeResolver.BUILTIN_NAMES);
        out.addAll(records.keySet());
        out.addAll(enums.keySet());
        return out;
    }
}
