package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, on a local file: the DOM after its scripts ran ({@code --dump-dom}), or a
 * screenshot. {@code bin/editor-peers} installs it; without it the tests skip, except under CI, which must have it.
 */
final class HeadlessChromium {
    private final Path binary;
    private final Path profile;

    private HeadlessChromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    /** The browser, its profile in {@code scratch}; skips the test (fails it under CI) when there is none. */
    static HeadlessChromium require(Path scratch) {
        Optional<Path> found = onPath("chromium");
        if (found.isEmpty()) {
            String missing = "chromium is not on PATH: bin/editor-peers installs Debian's Chromium (bin/test runs it first)";
            if (System.getenv("CI") != null) {
                fail(missing);
            }
            assumeTrue(false, missing);
        }
        return new HeadlessChromium(found.orElseThrow(), scratch.resolve("chromium-profile"));
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The page's DOM, serialized, once its inline scripts have run. */
    String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, "--dump-dom");
    }

    /** Writes a PNG of the page, {@code width} by {@code height} pixels, to {@code png}. */
    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars");
        assertTrue(Files.size(png) > 0, "chromium wrote " + png);
    }

    private String run(Path page, String... what) throws IOException, InterruptedException {
        Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
        // No sandbox: tests may run as root, where Chromium refuses it; the page is ours and offline.
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile));
        command.addAll(List.of(what));
        command.add(page.toAbsolutePath().toUri().toString());
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s: " + Files.readString(err));
        }
        if (p.exitValue() != 0) {
            fail("chromium exited with " + p.exitValue() + ": " + Files.readString(err));
        }
        return Files.readString(out);
    }
}
