package dev.lumen.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding tools: project folder, then LUMEN_TOOLS_PATH, then bundled; shadowing; skipped manifests. */
class ToolLocatorTest {
    @TempDir
    Path dir;

    static String manifest(String id, String version) {
        return """
                {"tool_id": "%s", "version": "%s", "description": "d",
                 "input_schema": {"type": "record", "fields": {"text": {"type": "String"}}},
                 "output_schema": {"type": "Json"},
                 "exec": {"command": "./run.py"}}
                """.formatted(id, version);
    }

    private Path tool(Path folder, String name, String text) throws IOException {
        Path d = Files.createDirectories(folder.resolve(name));
        Files.writeString(d.resolve(ToolLocator.MANIFEST), text);
        return d;
    }

    @Test
    void projectToolsComeFirstThenThePathThenTheBundledOnes() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path document = Files.writeString(project.resolve("doc.lm.md"), "@lumen 1\n");
        tool(project.resolve("tools"), "stats", manifest("text.stats", "1.0.0"));
        tool(project.resolve("tools"), "http", manifest("http.get", "9.0.0"));
        Path extra1 = dir.resolve("extra1");
        Path extra2 = dir.resolve("extra2");
        tool(extra1, "stats", manifest("text.stats", "2.0.0"));
        tool(extra2, "words", manifest("text.words", "1.0.0"));
        String path = extra1 + java.io.File.pathSeparator + java.io.File.pathSeparator + extra2;

        ToolLocator tools = ToolLocator.forDocument(document, Map.of(ToolLocator.PATH_VARIABLE, path));

        assertEquals("1.0.0", tools.find("text.stats").orElseThrow().manifest().version());
        assertEquals(ToolLocator.Origin.PROJECT, tools.find("text.stats").orElseThrow().origin());
        assertEquals(ToolLocator.Origin.TOOLS_PATH, tools.find("text.words").orElseThrow().origin());
        assertEquals("9.0.0", tools.find("http.get").orElseThrow().manifest().version(), "a project may replace a bundled tool");
        assertEquals(ToolLocator.Origin.BUNDLED, tools.find("json.parse").orElseThrow().origin());
        assertTrue(tools.find("text.nope").isEmpty());
        List<String> shadowed = tools.all().stream().filter(ToolLocator.Located::shadowed)
                .map(t -> t.id() + "@" + t.origin()).toList();
        assertEquals(List.of("text.stats@TOOLS_PATH", "http.get@BUNDLED"), shadowed);
        assertEquals(project.resolve("tools/stats").toAbsolutePath(), tools.find("text.stats").orElseThrow().directory());
        assertEquals(List.of(), tools.problems());
    }

    @Test
    void manifestsThatCannotBeUsedAreSkippedWithTheReason() throws IOException {
        Path tools = dir.resolve("tools");
        tool(tools, "a-broken", "{\"tool_id\": \"x\",");
        tool(tools, "b-builtin", manifest("text.mine", "1.0.0").replace("{\"command\": \"./run.py\"}", "{\"builtin\": true}"));
        tool(tools, "c-first", manifest("text.twice", "1.0.0"));
        tool(tools, "d-second", manifest("text.twice", "2.0.0"));
        Files.writeString(tools.resolve("README.md"), "not a tool");

        ToolLocator found = ToolLocator.forDirectory(dir, Map.of());

        List<ToolLocator.Problem> problems = found.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(tools.resolve("a-broken/tool.json").toString(), problems.get(0).where());
        assertTrue(problems.get(0).message().startsWith("tool manifest is not valid JSON at line 1"), problems.get(0).message());
        assertTrue(problems.get(1).message().contains("`exec.builtin` is for the tools bundled with Lumen"));
        assertTrue(problems.get(2).message().startsWith("declares tool_id `text.twice`, as "), problems.get(2).message());
        assertEquals("1.0.0", found.find("text.twice").orElseThrow().manifest().version());
        assertFalse(found.find("text.mine").isPresent());
    }

    static HostTool host(String id) {
        ToolManifest m = ToolManifest.parseHost(manifest(id, "3.0.0").replace(",\n \"exec\": {\"command\": \"./run.py\"}", ""));
        return new HostTool(m, "binding " + id, request -> ToolResult.of(request.input()));
    }

    @Test
    void hostToolsComeFirstAndNeverStandInForAnotherTool() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path document = Files.writeString(project.resolve("doc.lm.md"), "@lumen 1\n");
        tool(project.resolve("tools"), "stats", manifest("text.stats", "1.0.0"));
        ToolLocator found = ToolLocator.forDocument(document, Map.of()).withHost(new HostToolSet(
                List.of(host("text.shout"), host("text.stats"), host("json.parse")),
                List.of(new ToolLocator.Problem("binding text.broken", "no call"))));

        ToolLocator.Located shout = found.find("text.shout").orElseThrow();
        assertEquals(ToolLocator.Origin.HOST, shout.origin());
        assertEquals("binding text.shout", shout.where());
        assertEquals(shout.host().implementation(), ToolLocator.implementation(shout));
        assertTrue(found.find("text.stats").isEmpty(), "a host tool with a project tool's id: neither is found");
        assertTrue(found.find("json.parse").isEmpty(), "nor with a bundled tool's id");
        assertEquals("the host offers `text.stats` (binding text.stats), and "
                + project.resolve("tools/stats/tool.json").toAbsolutePath() + " declares a tool with that id",
                found.conflict("text.stats").orElseThrow().describe());
        assertEquals("the host offers `json.parse` (binding json.parse), and Lumen bundles a tool with that id",
                found.conflict("json.parse").orElseThrow().describe());
        assertTrue(found.conflict("text.shout").isEmpty());
        assertEquals(List.of("text.shout", "http.get"), found.ids().subList(0, 2));
        assertEquals("binding text.broken", found.problems().get(0).where());
    }

    @Test
    void aHostManifestGivesNoCommandAndAFolderManifestIsNotAHostOne() throws IOException {
        assertTrue(host("text.shout").manifest().exec().host());
        ManifestException e = org.junit.jupiter.api.Assertions.assertThrows(ManifestException.class,
                () -> ToolManifest.parseHost(manifest("text.shout", "1.0.0")));
        assertTrue(e.getMessage().contains("its `exec` is {\"host\": true} or absent, not `command`"), e.getMessage());
        tool(dir.resolve("tools"), "shout", manifest("text.shout", "1.0.0").replace("{\"command\": \"./run.py\"}",
                "{\"host\": true}"));
        ToolLocator found = ToolLocator.forDirectory(dir, Map.of());
        assertTrue(found.find("text.shout").isEmpty());
        assertTrue(found.problems().get(0).message().startsWith("`exec.host` is for the tools a program embedding "
                + "Lumen offers"), found.problems().toString());
        org.junit.jupiter.api.Assertions.assertThrows(ManifestException.class,
                () -> ToolManifest.parse(manifest("text.shout", "1.0.0").replace(",\n \"exec\": {\"command\": \"./run.py\"}", "")),
                "a manifest in a folder must say how it runs");
    }

    @Test
    void theManifestHashIgnoresFormattingButNotContent() {
        String compact = manifest("text.stats", "1.0.0");
        String spaced = compact.replace(", ", ",\n   ").replace(": ", " :  ");
        assertEquals(ToolManifest.parse(compact).hash(), ToolManifest.parse(spaced).hash());
        assertFalse(ToolManifest.parse(compact).hash().equals(ToolManifest.parse(compact.replace("\"d\"", "\"e\"")).hash()));
    }

    @Test
    void onlyBundledToolsWhenThereIsNoProject() {
        ToolLocator tools = ToolLocator.bundled();
        assertEquals(BundledTools.IDS, tools.ids());
        assertTrue(tools.all().stream().allMatch(t -> t.directory() == null && t.where().equals("bundled with Lumen")));
    }
}
