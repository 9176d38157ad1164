package dev.lumen.lsp.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.diagnostics.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** codeDescription links: the catalogue's file URI and the heading anchor each code's section gets. */
class CodeDescriptionsTest {
    private static final Path CATALOGUE = Path.of("..", "docs", "spec", "diagnostics.md");

    @Test
    void anchorsAreGitHubHeadingSlugs() {
        assertEquals("e0013--unknown-name", CodeDescriptions.anchor(Code.E0013));
        assertEquals("e0008--block-is-missing-its-end", CodeDescriptions.anchor(Code.E0008));
        assertEquals("e0033--expect-schema-or-validate-on-a-value-that-is-not-json",
                CodeDescriptions.anchor(Code.E0033));
        assertEquals("e0034--cell-needs-more-than-256-registers", CodeDescriptions.anchor(Code.E0034));
    }

    /** Each code's anchor is the slug of a heading of the catalogue, and no two codes share one. */
    @Test
    void everyAnchorNamesAHeadingOfTheCatalogue() throws IOException {
        Set<String> headings = new HashSet<>();
        Matcher m = Pattern.compile("^## (.*)$", Pattern.MULTILINE).matcher(Files.readString(CATALOGUE));
        while (m.find()) {
            headings.add(CodeDescriptions.slug(m.group(1)));
        }
        Set<String> seen = new HashSet<>();
        for (Code code : Code.values()) {
            String anchor = CodeDescriptions.anchor(code);
            assertTrue(headings.contains(anchor), code + ": no heading with anchor #" + anchor);
            assertTrue(seen.add(anchor), code + " shares its anchor");
        }
    }

    @Test
    void linksAreFileUrisOfTheCatalogueOrNothing() {
        String href = CodeDescriptions.at(CATALOGUE).href(Code.W0002);
        assertEquals(CATALOGUE.toAbsolutePath().normalize().toUri() + "#w0002--unused-variable", href);
        assertTrue(href.startsWith("file:///"), href);
        assertNull(CodeDescriptions.at(Path.of("/nowhere/diagnostics.md")).href(Code.E0001));
        assertNull(CodeDescriptions.none().href(Code.E0001));
    }
}
