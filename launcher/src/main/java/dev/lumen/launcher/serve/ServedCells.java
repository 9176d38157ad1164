package dev.lumen.launcher.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.language.CheckedDocument;
import dev.lumen.language.check.Binding;
import dev.lumen.language.check.CellInfo;
import dev.lumen.language.schema.JsonSchemas;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which cells of a document {@code lumen serve --mcp} offers as tools, and how (mcp-serve.md §2): every cell
 * but {@code run}, the document's entry point, and those whose name begins with {@code _}, the document's own
 * helpers, in document order. A cell whose name is not a valid MCP tool name (one with a letter outside ASCII) is
 * left out, with a warning.
 */
public final class ServedCells {
    /** The entry point of `lumen run`, not served. */
    public static final String ENTRY_POINT = "run";
    /** The first character of the name of a cell that is not served. */
    public static final String PRIVATE_PREFIX = "_";

    /** MCP tool names (2025-11-25): 1 to 128 ASCII letters, digits, `_`, `-` and `.`. */
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /** The tools, and a warning for each cell left out. */
    public record Selection(List<ServedCell> cells, List<String> warnings) {
    }

    private ServedCells() {
    }

    /** The tools of a document that checked without errors. */
    public static Selection of(CheckedDocument document) {
        JsonSchemas schemas = new JsonSchemas(document.program().symbols(), document.result().file());
        List<ServedCell> cells = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (CellInfo cell : document.program().symbols().cells().values()) {
            if (cell.name().equals(ENTRY_POINT) || cell.name().startsWith(PRIVATE_PREFIX)) {
                continue;
            }
            if (!TOOL_NAME.matcher(cell.name()).matches()) {
                warnings.add("cell `" + cell.name() + "` is not served: an MCP tool name is ASCII letters, digits, "
                        + "`_`, `-` and `.`");
                continue;
            }
            cells.add(served(cell, schemas, document));
        }
        return new Selection(cells, warnings);
    }

    private static ServedCell served(CellInfo cell, JsonSchemas schemas, CheckedDocument document) {
        Map<String, Type> params = new LinkedHashMap<>();
        for (Binding p : cell.params()) {
            params.put(p.name(), p.type());
        }
        ObjectNode input = schemas.ofObject(params);
        String description = CellDescriptions.of(document.document(), cell);
        Type returns = cell.returnType();
        boolean failsWithErr = returns instanceof Type.ResultType;
        Type value = returns instanceof Type.ResultType r ? r.ok() : returns;
        if (value == null) {
            return new ServedCell(cell.name(), description, input, null, ServedCell.Shape.NONE, false);
        }
        if (value == RecordType.MCP_CONTENT) {
            return new ServedCell(cell.name(), description, input, null, ServedCell.Shape.CONTENT, failsWithErr);
        }
        if (JsonSchemas.isObject(value)) {
            ObjectNode output = value instanceof RecordType record ? schemas.ofRecord(record) : schemas.of(value);
            return new ServedCell(cell.name(), description, input, output, ServedCell.Shape.OBJECT, failsWithErr);
        }
        ObjectNode output = schemas.ofObject(Map.of(ToolResults.WRAPPED_MEMBER, value));
        return new ServedCell(cell.name(), description, input, output, ServedCell.Shape.WRAPPED, failsWithErr);
    }
}
