package dev.lumen.runtime.tools.fs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolRequest;
import dev.lumen.runtime.tools.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;

/** The bundled tool {@code fs.read(path: String) -> String} (tools-fs.md §3). */
public final class ReadFile {
    /** The {@code max_response_bytes} of a call whose grant sets none: 16 MiB. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    /** The largest text a Java String surely holds, as UTF-8 bytes. */
    private static final int LARGEST_READ = Integer.MAX_VALUE - 8;

    private ReadFile() {
    }

    /**
     * The UTF-8 text of the file at the input {@code path}.
     *
     * @throws PolicyViolation when the path grants do not allow the file, or it is over {@code max_response_bytes}
     * @throws ToolFailure     when the file does not exist, is no regular file, cannot be read or is not UTF-8
     */
    public static ToolResult call(ToolRequest request) {
        PathAllowlist allowed = PathAllowlist.of(request);
        FilePath path = FilePath.of(request);
        Path real = resolve(path, allowed);
        OptionalLong granted = request.grants().integer("max_response_bytes");
        byte[] bytes = read(path, real, new Limit(granted.orElse(DEFAULT_MAX_BYTES), granted.isEmpty()));
        return ToolResult.of(JsonNodeFactory.instance.textNode(decode(path, bytes)));
    }

    /** The file's real path, once it is known to exist and to be granted. */
    private static Path resolve(FilePath path, PathAllowlist allowed) {
        Path real;
        try {
            real = path.absolute().toRealPath();
        } catch (IOException e) {
            allowed.check(RealPaths.whereItLeads(path.absolute()), path);
            throw new ToolFailure(path.shown() + (e instanceof NoSuchFileException ? " does not exist"
                    : " cannot be read: " + IoReasons.of(e)));
        }
        allowed.check(real, path);
        return real;
    }

    /** The call's {@code max_response_bytes}, and whether it is the default rather than granted. */
    private record Limit(long bytes, boolean byDefault) {
    }

    /** At most {@code limit} bytes: a file that holds more is refused, whatever its size said beforehand. */
    private static byte[] read(FilePath path, Path real, Limit limit) {
        int cap = Math.clamp(limit.bytes(), 0, LARGEST_READ);
        try {
            // Not following links: the path was resolved, so a link here was put in since.
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isDirectory()) {
                throw new ToolFailure(path.shown() + " is a directory, not a file");
            }
            if (!attributes.isRegularFile()) {
                throw new ToolFailure(path.shown() + " is not a regular file");
            }
            if (attributes.size() > cap) {
                throw tooLarge(path, limit, cap);
            }
            try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes(cap + 1);
                if (bytes.length > cap) {
                    throw tooLarge(path, limit, cap);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new ToolFailure(path.shown() + " cannot be read: " + IoReasons.of(e));
        }
    }

    private static RuntimeException tooLarge(FilePath path, Limit limit, int cap) {
        if (cap < limit.bytes()) {
            return new ToolFailure(path.shown() + " holds more than " + cap + " bytes, too much for one String");
        }
        return new PolicyViolation("max_response_bytes", path.shown() + " holds more than " + limit.bytes()
                + " bytes" + (limit.byDefault() ? " (the default max_response_bytes)" : ""));
    }

    /** Strict UTF-8: the first invalid byte is reported with its offset. A byte order mark is kept as U+FEFF. */
    private static String decode(FilePath path, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new ToolFailure(path.shown() + " is not UTF-8 text: invalid byte 0x"
                    + String.format("%02x", bytes[in.position()] & 0xff) + " at offset " + in.position());
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
