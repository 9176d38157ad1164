package dev.lumen.runtime.tools.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.tools.Capability;
import dev.lumen.runtime.tools.RunLimits;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolManifest;
import dev.lumen.runtime.tools.ToolRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample native tool {@code examples/tools/text-stats}, run as Lumen runs it. */
class TextStatsExampleTest {
    private static final Path DIRECTORY = Path.of("../examples/tools/text-stats");
    private static ToolManifest manifest;
    private static SubprocessTool tool;

    @BeforeAll
    static void load() throws IOException {
        manifest = ToolManifest.parse(Files.readString(DIRECTORY.resolve("tool.json")));
        tool = new SubprocessTool(manifest, DIRECTORY);
    }

    private static String stats(Object input) {
        ToolRequest request = new ToolRequest("text.stats", CanonicalJson.parse(CanonicalJson.write(input)),
                Grants.of(Map.of("timeout_ms", List.of(10_000L))), new RunLimits());
        return CanonicalJson.write(tool.call(request).output());
    }

    @Test
    void theManifestDescribesACommandTool() {
        assertEquals("text.stats", manifest.toolId());
        assertEquals(List.of("text"), List.copyOf(manifest.input().fields().keySet()));
        assertEquals(List.of("lines", "words", "characters", "bytes", "longest_line"),
                List.copyOf(manifest.output().fields().keySet()));
        assertEquals(Set.of(Capability.TIMEOUT_MS, Capability.RATE_LIMIT), manifest.capabilities());
        assertEquals("python3", manifest.exec().command());
    }

    @Test
    void countsLinesWordsCharactersAndBytes() {
        assertEquals("{\"bytes\":31,\"characters\":27,\"lines\":2,\"longest_line\":14,\"words\":5}",
                stats(Map.of("text", "héllo world\nsecond  line 🌍\n")));
        assertEquals("{\"bytes\":0,\"characters\":0,\"lines\":0,\"longest_line\":0,\"words\":0}",
                stats(Map.of("text", "")));
        assertEquals("{\"bytes\":9,\"characters\":9,\"lines\":3,\"longest_line\":3,\"words\":2}",
                stats(Map.of("text", "one\r\n\ntwo")));
    }

    @Test
    void refusesInputThatIsNotText() {
        ToolFailure f = assertThrows(ToolFailure.class, () -> tool.call(new ToolRequest("text.stats",
                JsonNodeFactory.instance.objectNode().put("text", 3), Grants.of(Map.of()), new RunLimits())));
        assertEquals("input `text` must be a String", f.getMessage());
    }
}
