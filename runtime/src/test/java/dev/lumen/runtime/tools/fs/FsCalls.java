package dev.lumen.runtime.tools.fs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.tools.BuiltinTool;
import dev.lumen.runtime.tools.RunLimits;
import dev.lumen.runtime.tools.ToolRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls of fs.read and fs.write as the interpreter makes them: through the registry, with grants and a base. */
final class FsCalls {
    private final Path base;
    private final Map<String, List<Object>> clauses = new LinkedHashMap<>();

    private FsCalls(Path base) {
        this.base = base;
    }

    /** Calls whose relative paths are read against {@code base}. */
    static FsCalls in(Path base) {
        return new FsCalls(base);
    }

    /** Adds {@code path} grants. */
    FsCalls granting(String... paths) {
        clauses.computeIfAbsent("path", k -> new ArrayList<>()).addAll(List.of(paths));
        return this;
    }

    FsCalls maxResponseBytes(long bytes) {
        clauses.put("max_response_bytes", List.of(bytes));
        return this;
    }

    /** The text fs.read returns for {@code path}. */
    String read(String path) {
        return call("fs.read", JsonNodeFactory.instance.objectNode().put("path", path)).textValue();
    }

    /** What fs.write returns for writing {@code content} to {@code path}. */
    JsonNode write(String path, String content) {
        return call("fs.write", JsonNodeFactory.instance.objectNode().put("path", path).put("content", content));
    }

    JsonNode call(String tool, ObjectNode input) {
        return BuiltinTool.find(tool).orElseThrow()
                .call(new ToolRequest(tool, input, Grants.of(clauses), new RunLimits(), base)).output();
    }
}
