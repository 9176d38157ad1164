package dev.lumen.launcher.daemon;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Which build of Lumen a client or a daemon is: the jars of the launcher's directory, by count, total size and
 * latest modification. A rebuild changes it, and a daemon of the old build then gives way to one of the new
 * (docs/spec/daemon.md §2): it never runs a command with classes other than the client's.
 */
final class Build {
    private Build() {
    }

    static String of(Path launcherJar) throws IOException {
        long count = 0;
        long size = 0;
        long latest = 0;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(launcherJar.getParent(), "*.jar")) {
            for (Path jar : jars) {
                BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                count++;
                size += attributes.size();
                latest = Math.max(latest, attributes.lastModifiedTime().toMillis());
            }
        }
        return count + "-" + size + "-" + latest;
    }
}
