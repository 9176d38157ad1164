package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/text_report.lm.md calls the project's own Python tool, found in the tools/ folder beside it. */
class TextReportExampleTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path dir;

    private Path copyExample() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES.resolve("tools"))) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(EXAMPLES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return Files.copy(EXAMPLES.resolve("text_report.lm.md"), dir.resolve("text_report.lm.md"));
    }

    @Test
    void runsTheProjectToolAsASubprocessThenFromTheCache() throws IOException {
        Path doc = copyExample();
        EmitCommandTest.Run run = lumen("run", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("{\"lines\":2,\"verdict\":\"short\",\"words\":9}\n", run.out());

        EmitCommandTest.Run offline = lumen("run", doc.toString(), "--offline");
        assertEquals(run.out(), offline.out(), offline.err());

        EmitCommandTest.Run other = lumen("run", doc.toString(), "--cell", "report", "--arg",
                "text=one two three four five six seven eight nine ten eleven twelve thirteen");
        assertEquals("{\"lines\":1,\"verdict\":\"long\",\"words\":13}\n", other.out(), other.err());
    }

    @Test
    void withoutItsToolFolderTheImportIsUnknown() throws IOException {
        Path doc = Files.copy(EXAMPLES.resolve("text_report.lm.md"), dir.resolve("text_report.lm.md"));
        EmitCommandTest.Run run = lumen("check", "--color=never", doc.toString());
        assertEquals(ExitCodes.ERRORS, run.status());
        assertTrue(run.err().startsWith("error[E0040]: unknown tool `text.stats`"), run.err());
        assertTrue(run.err().contains("no bundled tool has this id"), run.err());
    }
}
