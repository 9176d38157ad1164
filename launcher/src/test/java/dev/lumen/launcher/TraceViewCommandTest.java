package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.TraceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen trace view}: where the page goes, what it prints, and how it fails (the page itself: TraceViewBrowserTest). */
class TraceViewCommandTest {
    @TempDir
    Path dir;

    private String run(String reply) {
        try (TraceWriter w = TraceWriter.start(Store.at(dir), "agent.lm.md", CanonicalJson.sha256("doc"), "run", Map.of())) {
            w.toolCall("run", "llm.chat", "1.0.0", CanonicalJson.hash(Map.of()), Map.of("messages", List.of("hi")), reply, 5, false);
            w.runEnd(reply);
            return w.runId();
        }
    }

    @Test
    void writesThePageOfTheLatestRunInTheStoreAndPrintsItsPath() throws Exception {
        run("first");
        String latest = run("second");
        EmitCommandTest.Run r = lumen("trace", "view", "--store", dir.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        Path page = dir.resolve(".lumen/view/" + latest + ".html");
        assertEquals(page + "\n", r.out());
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("\"id\":\"" + latest + "\""), "the page holds the latest run");
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src="),
                "the page loads nothing");
    }

    @Test
    void writesADiffPageWhereAsked() throws Exception {
        String a = run("first");
        String b = run("second");
        Path out = dir.resolve("pages/compare.html");
        EmitCommandTest.Run r = lumen("trace", "view", a, "--diff", b.substring(0, b.length() - 2), "-o", out.toString(),
                "--store", dir.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertEquals(out + "\n", r.out());
        assertTrue(Files.readString(out).contains("\"mode\":\"diff\""));
    }

    @Test
    void anUnknownRunIsAUsageErrorAndWritesNothing() {
        run("first");
        EmitCommandTest.Run r = lumen("trace", "view", "1999", "--store", dir.toString());
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().startsWith("error: no run `1999`"), r.err());
        assertFalse(Files.exists(dir.resolve(".lumen/view")));
        EmitCommandTest.Run diff = lumen("trace", "view", "last", "--diff", "1999", "--store", dir.toString());
        assertEquals(ExitCodes.USAGE, diff.status());
    }

    @Test
    void aPageThatCannotBeWrittenIsAnError() throws Exception {
        run("first");
        Path directory = Files.createDirectory(dir.resolve("taken"));
        EmitCommandTest.Run r = lumen("trace", "view", "-o", directory.toString(), "--store", dir.toString());
        assertEquals(ExitCodes.ERRORS, r.status());
        assertEquals("error: cannot write the page `" + directory + "`: it is a directory\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void openStartsTheBrowserNamedByBrowser() throws Exception {
        run("first");
        Path opened = dir.resolve("opened");
        Path browser = Files.writeString(dir.resolve("browser"), "#!/bin/sh\necho \"$1\" > '" + opened + "'\n");
        browser.toFile().setExecutable(true);
        EmitCommandTest.Run r = InvoiceAgentExampleTest.child(Map.of("BROWSER", browser + ":firefox"),
                "trace", "view", "--open", "--store", dir.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        Path page = Path.of(r.out().strip());
        for (int i = 0; i < 100 && !Files.exists(opened); i++) {
            Thread.sleep(50);
        }
        assertEquals(page.toUri().toString(), Files.readString(opened).strip());

        EmitCommandTest.Run missing = InvoiceAgentExampleTest.child(Map.of("BROWSER", dir.resolve("no-browser").toString()),
                "trace", "view", "--open", "--store", dir.toString());
        assertEquals(ExitCodes.ERRORS, missing.status());
        assertTrue(missing.err().startsWith("error: cannot open the page with `"), missing.err());
        assertTrue(Files.exists(page), "the page is kept");
    }

    @Test
    void helpNamesTheOptions() {
        EmitCommandTest.Run r = lumen("trace", "view", "--help");
        assertEquals(ExitCodes.OK, r.status());
        for (String option : List.of("--diff", "--output", "--open", "--store", "RUN")) {
            assertTrue(r.out().contains(option), r.out());
        }
        assertTrue(lumen("trace", "--help").out().contains("view"));
    }
}
