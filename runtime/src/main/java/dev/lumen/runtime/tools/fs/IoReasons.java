package dev.lumen.runtime.tools.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Why a file operation failed, in a few words and without the Java exception's class name. */
final class IoReasons {
    private IoReasons() {
    }

    static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        // A FileSystemException's message is its file name; only its reason says what happened.
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason == null || reason.isEmpty()) {
            return "the file system refused it";
        }
        // The operating system's wording ("No space left on device"), continuing our sentence.
        return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }
}
