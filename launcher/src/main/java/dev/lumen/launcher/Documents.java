package dev.lumen.launcher;

import dev.lumen.language.source.SourceFile;
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

/** Reading `.lm.md` documents named on the command line, with one clear message for each way it can fail. */
final class Documents {
    private Documents() {
    }

    /** Reads one document, or reports on {@code err} why it cannot and returns null. */
    static SourceFile read(String name, PrintWriter err) {
        String problem;
        try {
            Path path = Path.of(name);
            if (!path.getFileName().toString().endsWith(".md")) {
                problem = "`" + name + "` is not a Markdown document (Lumen reads `.lm.md` files)";
            } else if (Files.isDirectory(path)) {
                problem = "couldn't read `" + name + "`: it is a directory";
            } else {
                byte[] bytes = Files.readAllBytes(path);
                String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
                return new SourceFile(name, text);
            }
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
        err.println("error: " + problem);
        return null;
    }
}
