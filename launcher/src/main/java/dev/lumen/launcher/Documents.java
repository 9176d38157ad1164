package dev.lumen.launcher;

import dev.lumen.language.source.SourceFile;
import dev.lumen.runtime.host.Host;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading files named on the command line, with one clear message for each way it can fail. A relative name is
 * the {@link Host}'s: it is read from the directory the command runs in, and shown as the user typed it.
 */
final class Documents {
    private Documents() {
    }

    /** A file named on the command line that cannot be read; the message says why. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads one `.lm.md` document, or reports on {@code err} why it cannot and returns null. */
    static SourceFile read(String name, PrintWriter err) {
        try {
            if (!fileName(name).endsWith(".md")) {
                err.println("error: `" + name + "` is not a Markdown document (Lumen reads `.lm.md` files)");
                return null;
            }
            return new SourceFile(name, text(name), Host.current().resolve(name));
        } catch (Unreadable e) {
            err.println("error: " + e.getMessage());
            return null;
        }
    }

    /** The last element of the path {@code name} (the name itself when it has none, as `/`). */
    static String fileName(String name) throws Unreadable {
        try {
            Path file = Path.of(name).getFileName();
            return file == null ? name : file.toString();
        } catch (InvalidPathException e) {
            throw new Unreadable("`" + name + "` is not a valid path: " + e.getReason());
        }
    }

    /** The text of the file {@code name}, which must be a regular file (not a pipe or device) in UTF-8. */
    static String text(String name) throws Unreadable {
        String problem;
        try {
            Path path = Host.current().resolve(name);
            if (Files.isDirectory(path)) {
                throw new Unreadable("couldn't read `" + name + "`: it is a directory");
            }
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                // Reading a named pipe waits for a writer, and a device may never end: only files are read.
                throw new Unreadable("couldn't read `" + name + "`: it is not a regular file (a named pipe, socket "
                        + "or device)");
            }
            byte[] bytes = Files.readAllBytes(path);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            problem = "couldn't read `" + name + "`: no such file";
        } catch (AccessDeniedException e) {
            problem = "couldn't read `" + name + "`: permission denied";
        } catch (CharacterCodingException e) {
            problem = "couldn't read `" + name + "`: the file is not valid UTF-8";
        } catch (IOException e) {
            problem = "couldn't read `" + name + "`: " + e.getMessage();
        } catch (InvalidPathException e) {
            problem = "`" + name + "` is not a valid path: " + e.getReason();
        }
        throw new Unreadable(problem);
    }
}
