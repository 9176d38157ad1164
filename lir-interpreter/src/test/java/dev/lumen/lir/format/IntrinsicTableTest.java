package dev.lumen.lir.format;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.lir.intrinsics.IntrinsicDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * The table of intrinsics in lumen-v1.md §11 is generated from the registry: this test fails when the two
 * differ, showing the table the registry gives. Update mode ({@code -Dlumen.update=true} or
 * {@code LUMEN_UPDATE=1}, as for the conformance goldens) writes it into the spec instead.
 */
class IntrinsicTableTest {
    static final String BEGIN = "<!-- intrinsics: generated from the registry (dev.lumen.lir.format.Intrinsic) by"
            + " IntrinsicTableTest; -Dlumen.update=true rewrites it -->";
    static final String END = "<!-- end of the generated table -->";

    private static final Path SPEC = Path.of("..", "docs", "spec", "lumen-v1.md");

    /** The table, one row per intrinsic in the registry's order. */
    static String table() {
        StringBuilder b = new StringBuilder("| Signature | Pure | Semantics |\n|---|---|---|\n");
        for (IntrinsicDef d : Intrinsic.definitions()) {
            b.append("| `").append(cell(d.signature())).append("` | ").append(d.pure() ? "yes" : "no").append(" | ")
                    .append(cell(d.doc())).append(" |\n");
        }
        return b.toString();
    }

    /** A table cell: `|` is written `\|`, inside code spans too (GitHub's table syntax). */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    @Test
    void theSpecHoldsTheTableTheRegistryGives() throws IOException {
        assertTrue(Files.exists(SPEC), "spec not found at " + SPEC.toAbsolutePath());
        String spec = Files.readString(SPEC);
        int begin = spec.indexOf(BEGIN);
        int end = spec.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "lumen-v1.md §11 has no generated table between\n" + BEGIN + "\nand\n" + END);
        String documented = spec.substring(begin + BEGIN.length() + 1, end);
        String expected = table();
        if (documented.equals(expected)) {
            return;
        }
        if (Boolean.getBoolean("lumen.update") || "1".equals(System.getenv("LUMEN_UPDATE"))) {
            Path temp = SPEC.resolveSibling(SPEC.getFileName() + ".tmp");
            Files.writeString(temp, spec.substring(0, begin + BEGIN.length() + 1) + expected + spec.substring(end));
            Files.move(temp, SPEC, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("lumen.update: rewrote the table of intrinsics in " + SPEC.normalize());
            return;
        }
        fail("the table of intrinsics in lumen-v1.md §11 is not the registry's; rerun with -Dlumen.update=true, or"
                + " put this between its markers:\n\n" + expected);
    }
}
