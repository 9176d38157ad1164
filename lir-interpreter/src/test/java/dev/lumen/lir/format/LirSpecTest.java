package dev.lumen.lir.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/spec/lir-v1.md's opcode and intrinsic tables in step with Opcode and Intrinsic. */
class LirSpecTest {

    private static String spec() throws IOException {
        Path p = Path.of("..", "docs", "spec", "lir-v1.md");
        assertTrue(Files.exists(p), "spec not found at " + p.toAbsolutePath());
        return Files.readString(p);
    }

    @Test
    void opcodeTableMatchesOpcodeJava() throws IOException {
        Pattern row = Pattern.compile("^\\| (\\d+) \\| `([A-Z]+)` \\| (ABC|ABx|AsBx|Ax) \\|\\s*([A-Z_–]*)\\s*\\|\\s*([A-Z_–]*)\\s*\\|\\s*([A-Z_–]*)\\s*\\|",
                Pattern.MULTILINE);
        Matcher m = row.matcher(spec());
        List<String> documented = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        while (m.find()) {
            documented.add(m.group(1) + " " + m.group(2) + " " + m.group(3).toUpperCase() + " " + kind(m.group(4)) + " "
                    + kind(m.group(5)) + " " + kind(m.group(6)));
        }
        for (Opcode op : Opcode.values()) {
            actual.add(op.ordinal() + " " + op.name() + " " + op.format() + " " + op.a() + " " + op.b() + " " + op.c());
        }
        assertEquals(actual, documented);
    }

    private static String kind(String cell) {
        return cell.isEmpty() || cell.equals("–") ? "NONE" : cell;
    }

    @Test
    void intrinsicTableMatchesIntrinsicJava() throws IOException {
        Pattern cell = Pattern.compile("\\| (\\d+) \\| `([a-z_]+)` \\| (\\d) \\|");
        Matcher m = cell.matcher(spec());
        List<String> documented = new ArrayList<>();
        while (m.find()) {
            documented.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        documented.sort((x, y) -> Integer.compare(Integer.parseInt(x.split(" ")[0]), Integer.parseInt(y.split(" ")[0])));
        List<String> actual = new ArrayList<>();
        for (int id = 0; id < Intrinsic.count(); id++) {
            actual.add(id + " " + Intrinsic.of(id).lumenName() + " " + Intrinsic.of(id).arity());
        }
        assertEquals(actual, documented);
    }

    @Test
    void opcodeCountIsStated() throws IOException {
        assertTrue(spec().contains(Opcode.values().length + " opcodes."));
    }
}
