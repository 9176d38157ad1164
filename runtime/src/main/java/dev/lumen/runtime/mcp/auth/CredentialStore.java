package dev.lumen.runtime.mcp.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.runtime.files.AtomicFiles;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.mcp.McpException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The per-user credential store (mcp-bridge-v1.md §11.4): one JSON file per server grant in a directory outside
 * every project ({@link AuthEnvironment#credentialsDirectory}), readable by its owner alone (directory 0700, files
 * 0600), each written whole and atomically. A file is named by the SHA-256 of its {@linkplain #key key}, so a
 * different server or client never reads another's tokens; a file that cannot be read as a credential is as good as
 * none, and is replaced by the next authorization.
 */
final class CredentialStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Set<PosixFilePermission> PRIVATE_FILE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final Path directory;

    CredentialStore(Path directory) {
        this.directory = directory;
    }

    /**
     * The key of a server grant: the server's canonical address and every clause that chooses the client or the
     * grant type, so that changing any of them never reuses another's tokens.
     */
    static String key(String canonicalServer, String grantIdentity) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((canonicalServer + "\n" + grantIdentity).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    Path file(String key) {
        return directory.resolve(key + ".json");
    }

    /** The credential kept under {@code key}, if there is a readable one. */
    Optional<Credential> load(String key, String label) {
        Path file = file(key);
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null && !PRIVATE_FILE.containsAll(posix.readAttributes().permissions())) {
                throw new McpException(label + ": the credential file `" + file + "` is readable or writable by others;"
                        + " it is not used (run `chmod 600 " + file + "`, or remove it to authorize again)");
            }
            return Optional.of(JSON.readValue(Files.readAllBytes(file), Credential.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (e instanceof McpException m) {
                throw m;
            }
            return Optional.empty(); // unreadable: authorize again, which replaces it
        }
    }

    /** Keeps {@code credential} under {@code key}, replacing what was there. */
    void save(String key, Credential credential, String label) {
        try {
            boolean posix = Files.getFileStore(existing(directory)).supportsFileAttributeView(PosixFileAttributeView.class);
            FileAttribute<?>[] file = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_FILE)}
                    : new FileAttribute<?>[0];
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            AtomicFiles.write(file(key), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(credential), file);
        } catch (IOException e) {
            throw new McpException(label + ": the credentials cannot be kept in `" + directory + "`: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** Forgets what is kept under {@code key} (tokens an authorization server no longer accepts). */
    void remove(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            // the next save replaces it
        }
    }

    private static Path existing(Path dir) {
        Path p = Host.current().absolute(dir);
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Host.current().absolute(dir).getRoot() : p;
    }
}
