package dev.lumen.runtime.tools.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.tools.RunLimits;
import dev.lumen.runtime.tools.ToolManifest;
import dev.lumen.runtime.tools.ToolRequest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The test tools beside this class: Python scripts that follow the protocol, or break it in one way each. */
final class Scripts {
    private Scripts() {
    }

    /** The directory holding the scripts. */
    static Path directory() {
        try {
            return Path.of(Scripts.class.getResource("echo.py").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path of the Python interpreter that {@code python3} on PATH runs. */
    static String interpreter() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || path.isEmpty()) {
            throw new IllegalStateException("python3 does not say where it is");
        }
        return path;
    }

    /** A manifest running {@code command args…}, with any input and output. */
    static ToolManifest manifest(String command, String... args) {
        return ToolManifest.parse(CanonicalJson.write(Map.of(
                "tool_id", "test.tool",
                "version", "2.1.0",
                "input_schema", Map.of("type", "record", "fields", Map.of()),
                "output_schema", Map.of("type", "Json"),
                "capabilities", Map.of("supports_timeout_ms", true, "supports_max_response_bytes", true),
                "exec", Map.of("command", command, "args", List.of(args)))));
    }

    /** The tool that runs {@code python3 script args…} in the scripts' directory. */
    static SubprocessTool python(String script, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = script;
        System.arraycopy(args, 0, all, 1, args.length);
        return new SubprocessTool(manifest("python3", all), directory());
    }

    /** A request with input {@code {"text": text}} under {@code clauses}. */
    static ToolRequest request(String text, Map<String, List<Object>> clauses) {
        JsonNode input = JsonNodeFactory.instance.objectNode().put("text", text);
        return new ToolRequest("test.tool", input, Grants.of(clauses), new RunLimits(), Path.of("/tmp/doc"));
    }

    /** A request with input {@code {"text": "abc"}} and a short timeout, so that no test waits long. */
    static ToolRequest request() {
        return request("abc", Map.of("timeout_ms", List.of(10_000L)));
    }
}
