package dev.lumen.runtime.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The cache entries Lumen ships with its examples, trusted by the SHA-256 of their bytes (spec trace-v1.md
 * §12.3). No user's key sealed them, yet a fresh clone's {@code lumen run examples/invoice_agent.lm.md
 * --offline} must be answered from them. The digests are a resource of Lumen itself, not of any store, so
 * whoever writes a store cannot add to them: the most they can do is copy a shipped entry, which answers
 * only the call it was shipped for, with the output Lumen ships.
 */
public final class TrustedEntries {
    private static final String RESOURCE = "trusted-cache-entries.txt";
    private static final Set<String> DIGESTS = load();

    private TrustedEntries() {
    }

    /** Whether an entry file whose bytes have hash {@code digest} is one Lumen ships. */
    public static boolean contains(String digest) {
        return DIGESTS.contains(digest);
    }

    /** The digests, for tests that check every shipped entry is listed. */
    public static Set<String> digests() {
        return Set.copyOf(DIGESTS);
    }

    private static Set<String> load() {
        Set<String> digests = new HashSet<>();
        try (InputStream in = TrustedEntries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Lumen's resource " + RESOURCE + " is missing");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String digest = line.strip().split("\\s+", 2)[0];
                if (ContentHash.isValid(digest)) {
                    digests.add(digest);
                } else if (!digest.isEmpty() && !digest.startsWith("#")) {
                    throw new IllegalStateException("Lumen's resource " + RESOURCE + " has a line that is not a digest: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digests;
    }
}
