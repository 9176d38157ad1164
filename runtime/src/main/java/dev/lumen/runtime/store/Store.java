package dev.lumen.runtime.store;

import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.objects.FolderObjects;
import dev.lumen.runtime.store.objects.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A Lumen store: the {@code .lumen/} directory of a project, holding run traces, content-addressed blobs,
 * the tool-output cache and the windows of rate limits and token budgets (spec trace-v1.md §1):
 *
 * <pre>
 * ROOT/.lumen/trace/&lt;run_id&gt;.jsonl
 * ROOT/.lumen/blobs/sha256/&lt;hex&gt;
 * ROOT/.lumen/cache/&lt;tool_id&gt;/&lt;key hex&gt;.json
 * ROOT/.lumen/limits/&lt;tool_id&gt;/&lt;key hex&gt;.json
 * </pre>
 *
 * <p>Nothing is created until something is written. Several processes may use one store at the same time.
 * What the store holds is sealed with the user's key ({@link #key()}), which is kept outside it.
 */
public final class Store {
    /** The name of the store directory inside its root. */
    public static final String DIR_NAME = ".lumen";
    /** The extension of trace files. */
    public static final String TRACE_EXTENSION = ".jsonl";

    private final Path root;
    private final Path dir;
    private final ObjectStore objects;
    private final BlobStore blobs;
    private final ToolCache cache;
    private final Supplier<UserKey> keySource;
    private volatile UserKey key;
    private final StoredLimits limits;

    private Store(Path root) {
        this(root, KeyFile::forUser);
    }

    private Store(Path root, Supplier<UserKey> keySource) {
        this.root = root;
        this.dir = root.resolve(DIR_NAME);
        this.objects = new FolderObjects(dir);
        this.blobs = new BlobStore(objects);
        this.keySource = keySource;
        this.cache = new ToolCache(objects, blobs, this::key);
        this.limits = new StoredLimits(objects);
    }

    /**
     * The store for work in {@code directory}: rooted at the nearest of {@code directory} and its ancestors
     * that contains a {@code .lumen} directory, or at {@code directory} itself when none does.
     */
    public static Store locate(Path directory) {
        Path start = Host.current().absolute(directory).normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(DIR_NAME))) {
                return new Store(p);
            }
        }
        return new Store(start);
    }

    /** The store for running {@code document}: {@link #locate} from the document's directory. */
    public static Store forDocument(Path document) {
        Path parent = Host.current().absolute(document).normalize().getParent();
        return locate(parent == null ? Host.current().directory() : parent);
    }

    /**
     * The store named on the command line ({@code --store DIR}): rooted at DIR, so its data is in {@code
     * DIR/.lumen}; a DIR that is itself named {@code .lumen} is taken as the store directory.
     */
    public static Store at(Path directory) {
        Path p = Host.current().absolute(directory).normalize();
        if (p.getFileName() != null && p.getFileName().toString().equals(DIR_NAME) && p.getParent() != null) {
            return new Store(p.getParent());
        }
        return new Store(p);
    }

    /** This store, with what it holds sealed and checked with {@code key} instead of the user's. */
    public Store withKey(UserKey key) {
        return new Store(root, () -> key);
    }

    /**
     * The key that seals what this store holds: the user's ({@link KeyFile}), read (or made) on first use.
     *
     * @throws StoreException if the key file cannot be used, naming it and why
     */
    public UserKey key() {
        UserKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = keySource.get();
                }
                k = key;
            }
        }
        return k;
    }

    /** The directory holding {@code .lumen}. */
    public Path root() {
        return root;
    }

    /** The {@code .lumen} directory. */
    public Path dir() {
        return dir;
    }

    public Path traceDir() {
        return dir.resolve("trace");
    }

    /** The trace file of run {@code runId} (which may not exist). */
    public Path traceFile(String runId) {
        if (!RunId.isValid(runId)) {
            throw new IllegalArgumentException("not a run id: " + runId);
        }
        return traceDir().resolve(runId + TRACE_EXTENSION);
    }

    /** What holds the store's blobs, cache entries and limit windows: the files under {@link #dir()}. */
    public ObjectStore objects() {
        return objects;
    }

    public BlobStore blobs() {
        return blobs;
    }

    public ToolCache cache() {
        return cache;
    }

    /** The windows of rate limits and token budgets, shared by the runs using this store. */
    public StoredLimits limits() {
        return limits;
    }

    /** The ids of the recorded runs, oldest first. */
    public List<String> runIds() {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(traceDir())) {
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
        } catch (IOException e) {
            throw new StoreException("cannot list the runs in `" + traceDir() + "`: " + e.getMessage(), e);
        }
        ids.sort(null);
        return ids;
    }

    /**
     * The run a user means by {@code ref}: {@code last} (the latest run), a run id, or the beginning of
     * exactly one run id.
     *
     * @throws StoreException naming the problem: no runs at all, no run matching, or several
     */
    public String resolveRun(String ref) {
        List<String> ids = runIds();
        if (ids.isEmpty()) {
            throw new StoreException("no runs are recorded in `" + traceDir() + "`");
        }
        if (ref.equals("last")) {
            return ids.getLast();
        }
        if (ids.contains(ref)) {
            return ref;
        }
        List<String> matches = ids.stream().filter(id -> id.startsWith(ref)).toList();
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        if (matches.isEmpty()) {
            throw new StoreException("no run `" + ref + "` in `" + traceDir() + "` (the latest is `" + ids.getLast() + "`)");
        }
        String shown = String.join(", ", matches.subList(0, Math.min(5, matches.size())))
                + (matches.size() > 5 ? ", …" : "");
        throw new StoreException("`" + ref + "` matches " + matches.size() + " runs: " + shown);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
