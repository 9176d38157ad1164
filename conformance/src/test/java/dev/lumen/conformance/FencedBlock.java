package dev.lumen.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fenced code block of a Markdown page: its language (the info string's first word), its {@code key=value}
 * attributes (the info string's other words), its text and the line its fence opens on.
 */
record FencedBlock(String language, Map<String, String> attributes, String text, int line) {

    /** The blocks fenced with three or more backticks, in page order; an unclosed fence is an error. */
    static List<FencedBlock> of(String page) {
        List<FencedBlock> blocks = new ArrayList<>();
        String[] lines = page.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String fence = fence(lines[i]);
            if (fence == null) {
                continue;
            }
            int open = i;
            String[] info = lines[i].substring(fence.length()).trim().split("\\s+");
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.length && !lines[i].strip().equals(fence); i++) {
                text.append(lines[i]).append('\n');
            }
            if (i == lines.length) {
                throw new IllegalArgumentException("line " + (open + 1) + ": the fence " + fence + " is never closed");
            }
            blocks.add(new FencedBlock(info[0], attributes(info, open + 1), text.toString(), open + 1));
        }
        return blocks;
    }

    private static String fence(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == '`') {
            n++;
        }
        return n >= 3 ? line.substring(0, n) : null;
    }

    private static Map<String, String> attributes(String[] info, int line) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int k = 1; k < info.length; k++) {
            int eq = info[k].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("line " + line + ": `" + info[k] + "` is not a key=value attribute");
            }
            attributes.put(info[k].substring(0, eq), info[k].substring(eq + 1));
        }
        return attributes;
    }
}
