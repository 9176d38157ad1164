package dev.lumen.bench;

/**
 * Generates a large, valid Lumen document: repeated sections of prose, a record with constraints, an
 * enum and cells using loops, matches, interpolation and intrinsics — the mix a real document has.
 */
public final class DocumentGenerator {
    private DocumentGenerator() {
    }

    /** A document of at least {@code lines} Markdown lines. */
    public static String generate(int lines) {
        StringBuilder doc = new StringBuilder("@lumen 1\n@package \"bench.generated\"\n\n# Generated document\n\n");
        doc.append("""
                ```lumen
                use tool json.parse as ParseJson
                grant ParseJson
                ```

                """);
        int section = 0;
        while (countLines(doc) < lines) {
            section(doc, section++);
        }
        return doc.toString();
    }

    private static int countLines(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static void section(StringBuilder doc, int i) {
        doc.append("## Section ").append(i).append("\n\nThis section defines order type ").append(i)
                .append(" and the cells that score it.\n\n```lumen\n");
        doc.append("enum Status").append(i).append("\n  Open\n  Paid\n  Void\nend\n\n");
        doc.append("record Order").append(i).append('\n')
                .append("  id:     String where length(id) >= 6 and matches(id, \"^ord-[0-9]{3,}$\")\n")
                .append("  total:  Float  where total >= 0.0\n")
                .append("  lines:  list[Int]\n")
                .append("  status: Status").append(i).append('\n')
                .append("  note:   String | Null\n")
                .append("end\n```\n\nScoring walks the lines and weighs them by status.\n\n```lumen\n");
        doc.append("cell score").append(i).append("(o: Order").append(i).append(") -> Float\n")
                .append("  let mut sum = 0\n")
                .append("  for q in o.lines\n")
                .append("    if q > 10\n      sum = sum + q * 2\n    else if q == 0\n      sum = sum - 1\n")
                .append("    else\n      sum = sum + q\n    end\n  end\n")
                .append("  match o.status\n")
                .append("    Open -> return to_float(sum) * 1.5\n")
                .append("    Paid -> return to_float(sum) + o.total\n")
                .append("    Void -> return 0.0\n  end\nend\n\n");
        doc.append("cell label").append(i).append("(o: Order").append(i).append(") -> String\n")
                .append("  let counts = {\"open\": 1, \"paid\": 2}\n")
                .append("  let weight = get(counts, lower(o.id), 0)\n")
                .append("  match o.note\n")
                .append("    n: String -> return \"{o.id}: {n} ({weight})\"\n")
                .append("    null -> return \"{o.id} has no note, score {score").append(i).append("(o)}\"\n")
                .append("  end\nend\n```\n\n");
    }
}
