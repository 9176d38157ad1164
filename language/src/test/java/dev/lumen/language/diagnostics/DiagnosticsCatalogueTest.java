package dev.lumen.language.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/spec/diagnostics.md documents every diagnostic code, and only codes that exist. */
class DiagnosticsCatalogueTest {
    /** Surefire runs in the module directory, so the repository root is one level up. */
    private static final Path CATALOGUE = Path.of("..", "docs", "spec", "diagnostics.md");
    /** `## E0012 — mismatched types`: the code, an em dash, the title. */
    private static final Pattern HEADING = Pattern.compile("^## ([EW]\\d{4}) \u2014 (.*)$", Pattern.MULTILINE);
    /** Any second-level heading that starts like a code, to catch malformed ones. */
    private static final Pattern CODE_LIKE = Pattern.compile("^## +([EW]\\d+)\\b(.*)$", Pattern.MULTILINE);

    private static String text;
    private static final Map<String, String> headings = new LinkedHashMap<>();
    private static final List<String> repeated = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        text = Files.readString(CATALOGUE, StandardCharsets.UTF_8);
        Matcher m = HEADING.matcher(text);
        while (m.find()) {
            if (headings.put(m.group(1), m.group(2).strip()) != null) {
                repeated.add(m.group(1));
            }
        }
    }

    @Test
    void everyCodeHasAHeading() {
        List<String> missing = Arrays.stream(Code.values()).map(Code::id).filter(id -> !headings.containsKey(id))
                .toList();
        assertEquals(List.of(), missing, "codes without a `## <id> \u2014 <title>` section in " + CATALOGUE);
    }

    @Test
    void everyHeadingNamesAnExistingCode() {
        List<String> ids = Arrays.stream(Code.values()).map(Code::id).toList();
        List<String> unknown = headings.keySet().stream().filter(id -> !ids.contains(id)).toList();
        assertEquals(List.of(), unknown, "sections in " + CATALOGUE + " for codes that do not exist");
    }

    @Test
    void codeHeadingsAreWellFormedAndNotRepeated() {
        Matcher m = CODE_LIKE.matcher(text);
        List<String> malformed = new ArrayList<>();
        while (m.find()) {
            if (!HEADING.matcher(m.group()).matches()) {
                malformed.add(m.group());
            }
        }
        assertEquals(List.of(), malformed, "code headings must read `## E0012 \u2014 title`");
        assertEquals(List.of(), repeated, "codes with more than one section");
    }

    @Test
    void headingsUseTheCodeTitles() {
        for (Code code : Code.values()) {
            String title = headings.get(code.id());
            if (title != null) {
                assertEquals(code.title(), title, "title of " + code.id() + " in " + CATALOGUE);
            }
        }
    }

    @Test
    void headingsAreInCodeOrder() {
        List<String> inCodeOrder = Arrays.stream(Code.values()).map(Code::id).filter(headings::containsKey)
                .toList();
        assertTrue(new ArrayList<>(headings.keySet()).equals(inCodeOrder),
                "sections should follow the order of the Code enum: " + inCodeOrder);
    }
}
