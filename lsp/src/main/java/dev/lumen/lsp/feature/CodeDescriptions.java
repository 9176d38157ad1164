package dev.lumen.lsp.feature;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.runtime.host.Host;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a diagnostic code is explained: its section of docs/spec/diagnostics.md in the Lumen installation the
 * server runs from, as a {@code file:} URI with the section's heading anchor (docs/spec/lsp.md §4). Each section's
 * heading is {@code ## E0012 — mismatched types}, the code and its title (a test of the language module keeps the
 * two in step), so the anchor is that heading's GitHub-style slug, which GitHub, VS Code's Markdown preview and
 * most Markdown renderers give it: {@code #e0012--mismatched-types}.
 */
public final class CodeDescriptions {
    private final URI catalogue;

    /** @param catalogue the installation's diagnostics.md, or null when it has none (no link is given) */
    private CodeDescriptions(URI catalogue) {
        this.catalogue = catalogue;
    }

    /** Links into {@code catalogue} when that file exists, else none. */
    public static CodeDescriptions at(Path catalogue) {
        return new CodeDescriptions(catalogue != null && Files.isRegularFile(catalogue)
                ? Host.current().absolute(catalogue).normalize().toUri() : null);
    }

    public static CodeDescriptions none() {
        return new CodeDescriptions(null);
    }

    /** The link for {@code code}, or null when the installation has no catalogue. */
    public String href(Code code) {
        return catalogue == null ? null : catalogue + "#" + anchor(code);
    }

    /** The anchor of the code's section: the slug of {@code <id> — <title>}. */
    static String anchor(Code code) {
        return slug(code.id() + " \u2014 " + code.title());
    }

    /**
     * GitHub's heading slug: lower case, every character that is not a letter, digit, mark, space, {@code -} or
     * {@code _} dropped, spaces turned into {@code -}.
     */
    static String slug(String heading) {
        StringBuilder out = new StringBuilder(heading.length());
        heading.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
            if (c == ' ') {
                out.append('-');
            } else if (Character.isLetterOrDigit(c) || mark || c == '-' || c == '_') {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
