package dev.lumen.language.diagnostics;

import java.util.ArrayList;
import java.util.List;

/** One output line built from pieces that may carry an ANSI style; trailing whitespace never reaches output. */
final class StyledLine {
    static final String BOLD = "1";
    static final String RED = "1;31";
    static final String YELLOW = "1;33";
    static final String BLUE = "1;34";

    private final List<String> texts = new ArrayList<>();
    private final List<String> styles = new ArrayList<>();

    StyledLine add(String text) {
        return add(text, null);
    }

    /** {@code style}: an SGR parameter string such as "1;31", or null for plain text. */
    StyledLine add(String text, String style) {
        texts.add(text);
        styles.add(style);
        return this;
    }

    /** Adds {@code other}'s pieces after this line's. */
    StyledLine append(StyledLine other) {
        texts.addAll(other.texts);
        styles.addAll(other.styles);
        return this;
    }

    int plainLength() {
        return texts.stream().mapToInt(String::length).sum();
    }

    String render(boolean color) {
        int keep = String.join("", texts).stripTrailing().length();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < texts.size() && keep > 0; i++) {
            String text = texts.get(i).substring(0, Math.min(keep, texts.get(i).length()));
            keep -= text.length();
            if (color && styles.get(i) != null && !text.isEmpty()) {
                out.append("\u001b[").append(styles.get(i)).append('m').append(text).append("\u001b[0m");
            } else {
                out.append(text);
            }
        }
        return out.toString();
    }
}
