package dev.lumen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * {@code bench/peers --check} runs every peer program (CPython, Node, Lua, LuaJIT, Java: those installed) with
 * a tiny n and checks that they print one checksum; each Lumen document of the table, run here in-process with
 * the same n, must give it too. So the side-by-side table compares programs that compute the same thing.
 */
class PeersCheckTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyPeerAndEveryLumenDocumentPrintTheSameChecksum() throws Exception {
        Process process = new ProcessBuilder("python3", ROOT.resolve("bench/peers").toString(), "--check",
                "--runtimes", "python3,node,lua5.4,luajit,java").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "bench/peers --check did not finish");
        assertEquals(0, process.exitValue(), "bench/peers --check:\n" + out);
        assertFalse(out.contains("≠"), out);

        Map<String, String[]> rows = new LinkedHashMap<>(); // workload -> n, checksum
        for (String line : out.lines().toList()) {
            String[] cells = line.split("\\|");
            if (cells.length > 4 && DOCUMENTS.containsKey(cells[1].trim())) {
                rows.put(cells[1].trim(), new String[] {cells[2].trim().replace(",", ""), cells[3].trim()});
            }
        }
        assertEquals(DOCUMENTS.keySet(), rows.keySet(), out);
        try (Context context = Context.newBuilder("lumen").option("engine.WarnInterpreterOnly", "false").build()) {
            for (var row : rows.entrySet()) {
                Path document = ROOT.resolve("bench/programs").resolve(DOCUMENTS.get(row.getKey()));
                assertEquals(row.getValue()[1], run(context, document, row.getValue()[0]), document.toString());
            }
        }
    }

    /** The Lumen document of each workload of bench/peers. */
    private static final Map<String, String> DOCUMENTS = orderedMap(List.of(
            "hello", "peers/hello.lm.md", "fib", "fib.lm.md", "loop", "loop.lm.md",
            "strings", "peers/strings.lm.md", "records", "records.lm.md", "maps", "words.lm.md",
            "json_hash", "peers/json_hash.lm.md"));

    private static String run(Context context, Path document, String n) throws IOException {
        Value module = context.eval(Source.newBuilder("lumen", Files.readString(document), document.toString())
                .buildLiteral());
        Value cell = PeakRunner.findCell(context, module, "run");
        Value result = n.isEmpty() ? cell.execute() : cell.execute(PeakRunner.arguments(cell, Map.of("n", n)));
        String json = PeakRunner.toJson(result);
        return json.startsWith("\"") ? json.substring(1, json.length() - 1) : json;
    }

    private static Map<String, String> orderedMap(List<String> pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            map.put(pairs.get(i), pairs.get(i + 1));
        }
        return map;
    }
}
