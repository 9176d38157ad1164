package dev.lumen.lsp.run;

import dev.lumen.runtime.host.Host;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The Lumen installation the server runs from: the directory that holds {@code bin/lumen} and
 * {@code docs/spec/}. Today that is a source checkout, with the server's classes in
 * {@code lsp/target/classes} or its jar in {@code launcher/target/lib}; it is found by walking up from where the
 * code was loaded to the first directory holding {@value #CATALOGUE}, so a relocated jar finds none rather than a
 * wrong one.
 *
 * @param root the installation's directory, or null when the code does not sit in one
 */
public record Installation(Path root) {
    static final String CATALOGUE = "docs/spec/diagnostics.md";
    static final String SCRIPT = "bin/lumen";
    /** How far above the code's location the installation may be ({@code <root>/launcher/target/lib/x.jar}). */
    private static final int MAX_DEPTH = 5;

    /** The installation that holds {@code anchor}'s code. */
    public static Installation of(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return new Installation(null);
        }
        try {
            return containing(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return new Installation(null);
        }
    }

    /** The installation holding {@code codeLocation} (a jar or a classes directory). */
    public static Installation containing(Path codeLocation) {
        Path dir = Host.current().absolute(codeLocation).normalize();
        if (!Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        for (int i = 0; dir != null && i <= MAX_DEPTH; i++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(CATALOGUE))) {
                return new Installation(dir);
            }
        }
        return new Installation(null);
    }

    /** The installation's diagnostics catalogue, docs/spec/diagnostics.md, or null. */
    public Path diagnosticsCatalogue() {
        return root == null ? null : root.resolve(CATALOGUE);
    }

    /** The installation's {@code bin/lumen}, when it has an executable one. */
    public Optional<Path> script() {
        if (root == null) {
            return Optional.empty();
        }
        Path script = root.resolve(SCRIPT);
        return Files.isRegularFile(script) && Files.isExecutable(script) ? Optional.of(script) : Optional.empty();
    }
}
