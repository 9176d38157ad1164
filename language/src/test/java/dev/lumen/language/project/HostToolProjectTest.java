package dev.lumen.language.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.SourceFile;
import dev.lumen.runtime.tools.HostTool;
import dev.lumen.runtime.tools.HostToolSet;
import dev.lumen.runtime.tools.ToolManifest;
import dev.lumen.runtime.tools.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's own tools and the tools a host offers: a host tool never takes another tool's id (E0052). */
class HostToolProjectTest {
    @TempDir
    Path dir;

    static String manifest(String id, String exec) {
        return """
                {"tool_id": "%s", "version": "1.0.0", "effect": "pure",
                 "input_schema": {"type": "record", "fields": {"text": {"type": "String"}}},
                 "output_schema": {"type": "String"}%s}
                """.formatted(id, exec);
    }

    static HostToolSet offering(String id) {
        return new HostToolSet(List.of(new HostTool(ToolManifest.parseHost(manifest(id, "")), "binding " + id,
                request -> ToolResult.of(request.input().get("text")))), List.of());
    }

    private List<Diagnostic> check(String directives, String code, HostToolSet host) throws IOException {
        Files.createDirectories(dir.resolve(".lumen"));
        Path doc = Files.writeString(dir.resolve("doc.lm.md"), directives + "```lumen\n" + code + "```\n");
        SourceFile file = new SourceFile(doc.toString(), Files.readString(doc), doc);
        return FrontEnd.check(file, ProjectLoader.load(doc, Map.of()).withHostTools(host)).diagnostics();
    }

    @Test
    void aHostToolWithTheIdOfAProjectToolIsAnErrorAtTheImport() throws IOException {
        Path stats = Files.createDirectories(dir.resolve("tools/stats"));
        Files.writeString(stats.resolve("tool.json"), manifest("text.stats", ", \"exec\": {\"command\": \"./s.py\"}"));
        List<Diagnostic> ds = check("", "use tool text.stats as Stats\ngrant Stats\n", offering("text.stats"));
        assertEquals(1, ds.size(), ds.toString());
        Diagnostic d = ds.getFirst();
        assertEquals("E0052", d.code().id());
        assertEquals("the host tool `text.stats` has the id of another tool", d.message());
        assertEquals(2, d.span().line()); // the fence is line 1
        assertEquals(10, d.span().column());
        assertEquals(List.of("the host offers `text.stats` (binding text.stats), and "
                + stats.resolve("tool.json").toAbsolutePath() + " declares a tool with that id"), d.notes());
        assertEquals(List.of("give the host tool an id of its own, such as `host.text.stats`"), d.helps());
    }

    @Test
    void aStrictLockFileDoesNotPinHostTools() throws IOException {
        Files.createDirectories(dir.resolve(".lumen"));
        Files.writeString(dir.resolve(".lumen/lock.json"), "{\"lumen_lock\": 1, \"tools\": {}}");
        List<Diagnostic> ds = check("@lock strict\n\n", """
                use tool text.shout as Shout
                grant Shout

                cell loud(text: String) -> String
                  return Shout(text: text)
                end
                """, offering("text.shout"));
        assertEquals(List.of(), ds);
    }
}
