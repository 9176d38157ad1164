package dev.lumen.runtime.tools.fs;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.lumen.runtime.files.AtomicFiles;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolRequest;
import dev.lumen.runtime.tools.ToolResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** The bundled tool {@code fs.write(path: String, content: String) -> Null} (tools-fs.md §4). */
public final class WriteFile {
    private WriteFile() {
    }

    /**
     * Replaces (or creates) the file at the input {@code path} with {@code content} as UTF-8, atomically.
     *
     * @throws PolicyViolation when the path grants do not allow the file, or it is a symbolic link
     * @throws ToolFailure     when its directory does not exist, it is a directory, or it cannot be written
     */
    public static ToolResult call(ToolRequest request) {
        PathAllowlist allowed = PathAllowlist.of(request);
        FilePath path = FilePath.of(request);
        byte[] content = encode(TextInput.of(request, "content"));
        Path target = resolve(path, allowed);
        try {
            AtomicFiles.write(target, content);
        } catch (IOException e) {
            throw new ToolFailure(path.shown() + " cannot be written: " + IoReasons.of(e));
        }
        return ToolResult.of(NullNode.instance);
    }

    /**
     * The real path of the file to replace: its directory's real path and its own name. The file itself is not
     * followed: a link there is refused, since renaming over it would not write where it points.
     */
    private static Path resolve(FilePath path, PathAllowlist allowed) {
        Path name = path.absolute().getFileName();
        if (name == null || name.toString().equals(".") || name.toString().equals("..")) {
            throw new ToolFailure(path.shown() + " does not name a file");
        }
        Path directory;
        try {
            directory = path.absolute().getParent().toRealPath();
        } catch (IOException e) {
            allowed.check(RealPaths.whereItLeads(path.absolute()), path);
            throw new ToolFailure(e instanceof NoSuchFileException
                    ? "the directory of " + path.shown() + " does not exist (fs.write creates none)"
                    : path.shown() + " cannot be written: " + IoReasons.of(e));
        }
        Path target = directory.resolve(name);
        allowed.check(target, path);
        if (!Files.isDirectory(directory)) {
            throw new ToolFailure("the parent of " + path.shown() + " is not a directory");
        }
        try {
            BasicFileAttributes existing = Files.readAttributes(target, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (existing.isSymbolicLink()) {
                throw new PolicyViolation("path", path.shown() + " is a symbolic link; fs.write replaces files, "
                        + "never links or what they point to");
            }
            if (existing.isDirectory()) {
                throw new ToolFailure(path.shown() + " is a directory, not a file");
            }
            if (!existing.isRegularFile()) {
                throw new ToolFailure(path.shown() + " is not a regular file");
            }
        } catch (NoSuchFileException e) {
            // a new file
        } catch (IOException e) {
            throw new ToolFailure(path.shown() + " cannot be written: " + IoReasons.of(e));
        }
        return target;
    }

    /** Strict UTF-8: a String holding a lone surrogate has no UTF-8 form. */
    private static byte[] encode(String content) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(content));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new ToolFailure("input `content` is not valid Unicode text (it holds a lone surrogate)");
        }
    }
}
