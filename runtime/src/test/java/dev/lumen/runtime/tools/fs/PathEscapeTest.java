package dev.lumen.runtime.tools.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.policy.PolicyViolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way out of a granted directory is refused with a policy error on clause {@code path}, and nothing outside
 * is read, created or changed. Layout: {@code doc/} is the document's directory, {@code doc/data/} is granted,
 * {@code outside/} is not.
 */
class PathEscapeTest {
    @TempDir
    Path root;
    Path doc;
    Path data;
    Path outside;
    Path secret;

    @BeforeEach
    void layout() throws IOException {
        doc = Files.createDirectories(root.resolve("doc"));
        data = Files.createDirectories(doc.resolve("data"));
        outside = Files.createDirectories(root.resolve("outside"));
        secret = Files.writeString(outside.resolve("secret.txt"), "top secret");
        Files.writeString(doc.resolve("notes.txt"), "beside the grant");
        Files.writeString(data.resolve("a.txt"), "granted");
        Files.createDirectories(doc.resolve("data-evil"));
        Files.writeString(doc.resolve("data-evil/x.txt"), "sibling");
    }

    private FsCalls granted() {
        return FsCalls.in(doc).granting("data");
    }

    private static void refused(Executable call) {
        PolicyViolation v = assertThrows(PolicyViolation.class, call);
        assertEquals("path", v.clause());
    }

    @Test
    void noPathGrantAllowsNothing() {
        PolicyViolation read = assertThrows(PolicyViolation.class, () -> FsCalls.in(doc).read("data/a.txt"));
        assertEquals("path", read.clause());
        assertEquals("fs.read has no `path` grant, so it may use no file", read.getMessage());
        refused(() -> FsCalls.in(doc).write("data/new.txt", "x"));
        assertFalse(Files.exists(data.resolve("new.txt")));
    }

    @Test
    void dotDotCannotLeaveTheGrant() throws IOException {
        refused(() -> granted().read("data/../notes.txt"));
        refused(() -> granted().read("data/../../outside/secret.txt"));
        PolicyViolation v = assertThrows(PolicyViolation.class, () -> FsCalls.in(data).granting(".").read("../notes.txt"));
        assertTrue(v.getMessage().startsWith("`../notes.txt` (" + doc.toRealPath().resolve("notes.txt")
                + ") is not inside a granted path (path \".\")"), v.getMessage());
    }

    @Test
    void anAbsolutePathOutsideIsRefused() {
        refused(() -> granted().read(secret.toString()));
        refused(() -> granted().write(outside.resolve("new.txt").toString(), "x"));
        assertFalse(Files.exists(outside.resolve("new.txt")));
    }

    @Test
    void aFileLinkInsideThatPointsOutsideIsRefused() throws IOException {
        Files.createSymbolicLink(data.resolve("link.txt"), secret);
        refused(() -> granted().read("data/link.txt"));
    }

    @Test
    void aLinkedDirectoryInsideThatPointsOutsideIsRefused() throws IOException {
        Files.createSymbolicLink(data.resolve("out"), outside);
        refused(() -> granted().read("data/out/secret.txt"));
        refused(() -> granted().write("data/out/planted.txt", "x"));
        assertFalse(Files.exists(outside.resolve("planted.txt")));
    }

    @Test
    void aSiblingWhoseNameStartsWithTheGrantIsRefused() {
        refused(() -> granted().read("data-evil/x.txt"));
        refused(() -> granted().read(doc.resolve("data-evil/x.txt").toString()));
        refused(() -> granted().write("data-evil/y.txt", "x"));
        refused(() -> FsCalls.in(doc).granting("data/a.txt").read("data/a.txt.bak"));
    }

    @Test
    void aFileGrantAllowsOnlyThatFile() throws IOException {
        Files.writeString(data.resolve("b.txt"), "other");
        FsCalls one = FsCalls.in(doc).granting("data/a.txt");
        assertEquals("granted", one.read("data/a.txt"));
        refused(() -> one.read("data/b.txt"));
        refused(() -> one.write("data/c.txt", "x"));
    }

    @Test
    void writingThroughALinkIsRefusedWhereverItPoints() throws IOException {
        Files.createSymbolicLink(data.resolve("to-secret.txt"), secret);
        refused(() -> granted().write("data/to-secret.txt", "overwritten"));
        assertEquals("top secret", Files.readString(secret));
        assertTrue(Files.isSymbolicLink(data.resolve("to-secret.txt")));

        Files.createSymbolicLink(data.resolve("to-a.txt"), data.resolve("a.txt"));
        refused(() -> granted().write("data/to-a.txt", "x"));
        assertEquals("granted", Files.readString(data.resolve("a.txt")));
    }

    @Test
    void aDanglingLinkCannotCreateAFileOutside() throws IOException {
        Path planted = outside.resolve("planted.txt");
        Files.createSymbolicLink(data.resolve("new.txt"), planted);
        refused(() -> granted().write("data/new.txt", "x"));
        assertFalse(Files.exists(planted, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void missingPathsOutsideAreRefusedBeforeTheyAreLookedFor() {
        // A policy error, not "does not exist": nothing is told about paths outside the grant.
        refused(() -> granted().read("../outside/missing.txt"));
        refused(() -> granted().read("data/../../outside/no-dir/missing.txt"));
        refused(() -> granted().write("../outside/no-dir/new.txt", "x"));
    }

    @Test
    void aFileOutsideUsedAsADirectoryIsRefusedBeforeTheFailureIsTold() {
        refused(() -> granted().read(secret + "/x"));
        refused(() -> granted().write(secret + "/x", "x"));
    }

    @Test
    void aDirectoryOutsideThatMayNotBeSearchedIsRefusedNotReported() throws IOException {
        Path locked = Files.createDirectories(outside.resolve("locked"));
        Files.writeString(locked.resolve("x.txt"), "x");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            refused(() -> granted().read(locked.resolve("x.txt").toString()));
            refused(() -> granted().write(locked.resolve("y.txt").toString(), "y"));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aLinkInTheMissingPartCannotBeUsedToLeave() throws IOException {
        Files.createSymbolicLink(data.resolve("out"), outside);
        refused(() -> granted().read("data/out/no-dir/../secret.txt"));
        refused(() -> granted().write("data/out/no-dir/x.txt", "x"));
    }

    @Test
    void unusableGrantValuesAreRefused() {
        PolicyViolation empty = assertThrows(PolicyViolation.class, () -> FsCalls.in(doc).granting("").read("notes.txt"));
        assertEquals("the grant path \"\" is empty", empty.getMessage());
        PolicyViolation nul = assertThrows(PolicyViolation.class,
                () -> FsCalls.in(doc).granting("data\0/..").read("notes.txt"));
        assertEquals("the grant path \"data\\u0000/..\" contains a NUL character", nul.getMessage());
    }

    @Test
    void grantValuesThatNameNoFileACallCouldUseAreRefused() {
        for (String[] c : new String[][] {
                {"~/data", "starts with `~`, which is not expanded: it names a folder called `~`"},
                {"file:///srv/data", "is a URL, not a path"},
                {"data/*.txt", "holds `*`, but a granted path is not a pattern: it names one file or directory"},
                {"logs/app-?.log", "holds `?`, but a granted path is not a pattern: it names one file or directory"}}) {
            PolicyViolation v = assertThrows(PolicyViolation.class, () -> FsCalls.in(doc).granting(c[0]).read("notes.txt"));
            assertEquals("path", v.clause());
            assertEquals("the grant path \"" + c[0] + "\" " + c[1], v.getMessage());
            assertEquals("the path " + c[1], PathAllowlist.problem(c[0]).orElseThrow().problem());
        }
    }

    @Test
    void theCompilerIsToldHowToWriteThePathMeant() {
        assertEquals("grant the directory that holds the files: `path \"data\"`",
                PathAllowlist.problem("data/*.txt").orElseThrow().help());
        assertEquals("grant the directory that holds the files: `path \".\"`",
                PathAllowlist.problem("*.md").orElseThrow().help());
        assertEquals("grant the directory that holds the files: `path \"/\"`",
                PathAllowlist.problem("/*").orElseThrow().help());
        assertEquals("write the path itself: `path \"/srv/data\"`",
                PathAllowlist.problem("file:///srv/data").orElseThrow().help());
        assertEquals("a path is relative to the document's directory, or absolute: `path \"data\"`, `path \"/srv/data\"`",
                PathAllowlist.problem("~/data").orElseThrow().help());
        for (String fine : new String[] {"data", "./data", "/srv/data", "../shared", "a~b", "~backup", "notes.txt"}) {
            assertEquals(java.util.Optional.empty(), PathAllowlist.problem(fine), fine);
        }
    }
}
