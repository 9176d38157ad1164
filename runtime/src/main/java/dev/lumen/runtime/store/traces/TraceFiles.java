package dev.lumen.runtime.store.traces;

import dev.lumen.runtime.files.AtomicFiles;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.RunId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Traces as files in a folder: {@code <run_id>.jsonl}, appended one line per {@code write}, so a killed process
 * leaves complete lines and at most one partial last one, and {@code <run_id>.head} beside it, replaced whole
 * (trace-v1.md §7.1–7.2). A run claims its id by creating its trace file.
 */
public final class TraceFiles implements RunTraces {
    /** The extension of trace files. */
    public static final String TRACE_EXTENSION = ".jsonl";
    /** The extension of signed heads. */
    public static final String HEAD_EXTENSION = ".head";

    private final Path dir;

    public TraceFiles(Path dir) {
        this.dir = Host.current().absolute(dir).normalize();
    }

    /** The folder of the traces. */
    public Path dir() {
        return dir;
    }

    /** The trace file of run {@code runId} (which may not exist). */
    public Path file(String runId) {
        return dir.resolve(RunId.check(runId) + TRACE_EXTENSION);
    }

    /** The signed head of run {@code runId} (which may not exist). */
    public Path headFile(String runId) {
        return dir.resolve(RunId.check(runId) + HEAD_EXTENSION);
    }

    @Override
    public Optional<Appender> begin(String runId, byte[] head) throws IOException {
        Path file = file(runId);
        Files.createDirectories(dir);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (FileAlreadyExistsException e) {
            return Optional.empty();
        }
        try {
            AtomicFiles.write(headFile(runId), head);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return Optional.of(new FileAppender(channel, headFile(runId)));
    }

    @Override
    public Optional<byte[]> read(String runId) throws IOException {
        return readFile(file(runId));
    }

    @Override
    public Optional<byte[]> head(String runId) throws IOException {
        return readFile(headFile(runId));
    }

    /** The bytes of {@code file}; empty when there is none. */
    public static Optional<byte[]> readFile(Path file) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> runIds() throws IOException {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                if (name.endsWith(TRACE_EXTENSION)) {
                    String id = name.substring(0, name.length() - TRACE_EXTENSION.length());
                    if (RunId.isValid(id) && Files.isRegularFile(f)) {
                        ids.add(id);
                    }
                }
            });
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
        return ids;
    }

    @Override
    public String where(String runId) {
        return file(runId).toString();
    }

    @Override
    public String whereHead(String runId) {
        return headFile(runId).toString();
    }

    @Override
    public String where() {
        return dir.toString();
    }

    /** Each line is one write to the file opened for appending; the head is replaced whole. */
    private record FileAppender(FileChannel channel, Path headFile) implements Appender {
        @Override
        public void append(byte[] line, boolean settle) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void end(byte[] head) throws IOException {
            AtomicFiles.write(headFile, head);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
