package dev.lumen.language.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.diagnostics.Fix;
import dev.lumen.language.diagnostics.HumanRenderer;
import dev.lumen.language.source.DocumentSettings;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import dev.lumen.lir.format.RunSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DirectiveCheckerTest {

    private static String errors(String text) {
        SourceFile file = new SourceFile("d.lm.md", text);
        Diagnostics diagnostics = new Diagnostics();
        MarkdownExtractor.extract(file, diagnostics);
        return new HumanRenderer(false).render(file, diagnostics.sorted());
    }

    private static DocumentSettings settings(String text) {
        return MarkdownExtractor.extract(new SourceFile("d.lm.md", text), new Diagnostics()).settings();
    }

    @Test
    void validDirectivesSetTheSettings() {
        String text = "@lumen 1\n@package \"acme.invoice_agent\"\n@trace off\n@cache off\n@profile prod\n@lock strict\n";
        assertEquals("", errors(text));
        assertEquals(new DocumentSettings(1, Optional.of("acme.invoice_agent"), RunSettings.Trace.OFF,
                RunSettings.Cache.OFF, RunSettings.Profile.PROD, RunSettings.Lock.STRICT), settings(text));
    }

    @Test
    void missingDirectivesKeepTheDefaults() {
        assertEquals(DocumentSettings.DEFAULTS, settings("# Nothing configured\n"));
        assertEquals(new DocumentSettings(1, Optional.empty(), RunSettings.Trace.SHA256, RunSettings.Cache.ON,
                RunSettings.Profile.DEV, RunSettings.Lock.OFF), DocumentSettings.DEFAULTS);
    }

    @Test
    void unknownDirectiveSuggestsTheClosestName() {
        assertEquals("""
                error[E0010]: unknown directive `@cach`
                 --> d.lm.md:1:1
                  |
                1 | @cach on
                  | ^^^^^ not a Lumen directive
                  |
                  = help: did you mean `@cache`?
                """, errors("@cach on\n"));
    }

    private static List<Fix> fixes(String text) {
        Diagnostics diagnostics = new Diagnostics();
        MarkdownExtractor.extract(new SourceFile("d.lm.md", text), diagnostics);
        return diagnostics.all().stream().flatMap(d -> d.fixes().stream()).toList();
    }

    @Test
    void eachDidYouMeanCarriesTheEditThatAppliesIt() {
        assertEquals(List.of(Fix.replace("Change to `@cache`", new Span(1, 1, 1, 6), "@cache")), fixes("@cach on\n"));
        assertEquals(List.of(Fix.replace("Change to `sha256`", new Span(1, 8, 1, 15), "sha256")),
                fixes("@trace shaa256\n"));
        assertEquals(List.of(Fix.replace("Change to `\"acme.invoice\"`", new Span(1, 10, 1, 24), "\"acme.invoice\"")),
                fixes("@package \"Acme.Invoice\"\n"));
        assertEquals(List.of(), fixes("@author Ada\n"), "nothing close: no edit to offer");
    }

    @Test
    void unknownDirectiveWithNothingCloseListsTheDirectives() {
        assertEquals("""
                error[E0010]: unknown directive `@author`
                 --> d.lm.md:1:1
                  |
                1 | @author Ada
                  | ^^^^^^^ not a Lumen directive
                  |
                  = note: the directives are `@lumen`, `@package`, `@trace`, `@cache`, `@profile` and `@lock`
                """, errors("@author Ada\n"));
    }

    @Test
    void otherLumenVersions() {
        assertEquals("""
                error[E0011]: unsupported Lumen version `2`
                 --> d.lm.md:1:8
                  |
                1 | @lumen 2
                  |        ^ this toolchain implements Lumen 1
                """, errors("@lumen 2\n"));
        assertEquals("""
                error[E0011]: invalid Lumen version `1.0`
                 --> d.lm.md:1:8
                  |
                1 | @lumen 1.0
                  |        ^^^ expected a version number
                  |
                  = help: write `@lumen 1`
                """, errors("@lumen 1.0\n"));
    }

    @Test
    void directiveWithoutValue() {
        assertEquals("""
                error[E0011]: `@profile` needs a value
                 --> d.lm.md:1:1
                  |
                1 | @profile
                  | ^^^^^^^^ expected `dev`, `test` or `prod`
                """, errors("@profile\n"));
    }

    @Test
    void invalidValueSuggestsTheClosestOne() {
        assertEquals("""
                error[E0011]: invalid value `ON` for `@cache`
                 --> d.lm.md:1:8
                  |
                1 | @cache ON
                  |        ^^ expected `on` or `off`
                  |
                  = help: did you mean `on`?
                """, errors("@cache ON\n"));
        assertEquals(RunSettings.Cache.ON, settings("@cache ON\n").cache());
    }

    @Test
    void repeatedDirectivePointsAtBoth() {
        assertEquals("""
                error[E0011]: `@trace` is given more than once
                 --> d.lm.md:5:1
                  |
                1 | @trace off
                  | ------ first given here
                ...
                5 | @trace sha256
                  | ^^^^^^ repeated here
                  |
                  = note: a document sets each directive once; the first one counts
                """, errors("@trace off\n\nSome prose.\n\n@trace sha256\n"));
        assertEquals(RunSettings.Trace.OFF, settings("@trace off\n@trace sha256\n").trace());
    }

    @Test
    void packageNameMustBeQuoted() {
        assertEquals("""
                error[E0011]: the package name must be a quoted string
                 --> d.lm.md:1:10
                  |
                1 | @package acme.tools
                  |          ^^^^^^^^^^ expected a string such as `"acme.invoice_agent"`
                  |
                  = help: write `@package "acme.tools"`
                """, errors("@package acme.tools\n"));
    }

    @Test
    void packageSegmentsAreLowerSnakeCase() {
        assertEquals("""
                error[E0011]: invalid package name `acme.Tools`
                 --> d.lm.md:1:16
                  |
                1 | @package "acme.Tools"
                  |                ^^^^^ `Tools` is not a valid segment
                  |
                  = note: a package name is dot-separated segments of lowercase letters, digits and `_`, each starting with a letter or `_`
                  = help: did you mean `"acme.tools"`?
                """, errors("@package \"acme.Tools\"\n"));
        assertEquals("""
                error[E0011]: invalid package name `acme..tools`
                 --> d.lm.md:1:16
                  |
                1 | @package "acme..tools"
                  |                ^ empty segment
                  |
                  = note: a package name is dot-separated segments of lowercase letters, digits and `_`, each starting with a letter or `_`
                """, errors("@package \"acme..tools\"\n"));
        assertEquals(Optional.of("_a.b2.c_d"), settings("@package \"_a.b2.c_d\"\n").packageName());
        assertEquals(Optional.empty(), settings("@package \"9a\"\n").packageName());
    }

    @Test
    void packageStringProblems() {
        assertEquals("""
                error[E0011]: the package name's string is not closed
                 --> d.lm.md:1:10
                  |
                1 | @package "acme
                  |          ^^^^^ expected a closing `"`
                """, errors("@package \"acme\n"));
        assertEquals("""
                error[E0011]: unexpected text after the package name
                 --> d.lm.md:1:17
                  |
                1 | @package "acme" extra
                  |                 ^^^^^ expected the end of the line
                """, errors("@package \"acme\" extra\n"));
        assertEquals("""
                error[E0011]: the package name is empty
                 --> d.lm.md:1:10
                  |
                1 | @package ""
                  |          ^^ expected a name such as `acme.invoice_agent`
                """, errors("@package \"\"\n"));
    }
}
