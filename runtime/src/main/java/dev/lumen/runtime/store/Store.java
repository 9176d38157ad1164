package dev.lumen.runtime.store;

import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.objects.FolderObjects;
import dev.lumen.runtime.store.objects.ObjectStore;
import dev.lumen.runtime.store.objects.ReadThroughObjects;
import dev.lumen.runtime.store.objects.S3Objects;
import dev.lumen.runtime.store.traces.RunTraces;
import dev.lumen.runtime.store.traces.TraceFiles;
import dev.lumen.runtime.store.traces.TraceObjects;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

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
 * <p>Or the same data in a bucket ({@link #on}), traces as segments (trace-v1.md §7.4). Nothing is created
 * until something is written. Several processes, on one machine or many, may use one store at the same time.
 * What the store holds is sealed with the user's key ({@link #key()}), which is kept outside it.
 */
public final class Store {
    /** The name of the store directory inside its root. */
    public static final String DIR_NAME = ".lumen";
    /** The scheme of the addresses of stores in a bucket. */
    public static final String BUCKET_SCHEME = "s3://";
    /** The environment variable naming the folder that keeps copies of a bucket's blobs (trace-v1.md §7.5). */
    public static final String NEAR_VARIABLE = "LUMEN_STORE_CACHE";

    private final Path root;
    private final Path dir;
    private final ObjectStore objects;
    private final RunTraces traces;
    private final BlobStore blobs;
    private final ToolCache cache;
    private final Supplier<UserKey> keySource;
    private volatile UserKey key;
    private final StoredLimits limits;
    private final CompletedRuns completed;

    private Store(Path root) {
        this(root, new FolderObjects(root.resolve(DIR_NAME)), new TraceFiles(root.resolve(DIR_NAME).resolve("trace")),
                KeyFile::forUser);
    }

    private Store(Path root, ObjectStore objects, RunTraces traces, Supplier<UserKey> keySource) {
        this.root = root;
        this.dir = root.resolve(DIR_NAME);
        this.objects = objects;
        this.traces = traces;
        this.blobs = new BlobStore(objects);
        this.keySource = keySource;
        this.cache = new ToolCache(objects, blobs, this::key);
        this.limits = new StoredLimits(objects);
        this.completed = new CompletedRuns(objects);
    }

    /**
     * The store of the project in {@code root} whose data are the objects of {@code objects} (a bucket), traces
     * as segments (trace-v1.md §7.4); the project's own files ({@code lumen.lock}, pages) stay in {@code
     * root/.lumen}.
     */
    public static Store on(Path root, ObjectStore objects) {
        return new Store(Host.current().absolute(root).normalize(), objects, new TraceObjects(objects),
                KeyFile::forSharedStore);
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

    /**
     * The store at {@code address}, for the project in {@code root}: a directory ({@link #at}), or {@code
     * s3://BUCKET/PREFIX}, a bucket reached as the standard AWS variables say ({@link S3Objects#open}).
     *
     * @throws IllegalArgumentException naming what is wrong with an {@code s3://} address
     */
    public static Store named(String address, Path root) {
        checkAddress(address);
        if (!address.startsWith(BUCKET_SCHEME)) {
            return at(Path.of(address));
        }
        Host host = Host.current();
        ObjectStore bucket = S3Objects.shared(URI.create(address), host.environment());
        String near = host.environment().get(NEAR_VARIABLE);
        if (near == null || near.isEmpty()) {
            return on(root, bucket);
        }
        Path folder = host.resolve(near).resolve(address.substring(BUCKET_SCHEME.length()));
        return on(root, new ReadThroughObjects(new FolderObjects(folder), bucket, BlobStore::intact));
    }

    /**
     * Checks that {@code address} names a store as {@link #named} takes it, and returns it.
     *
     * @throws IllegalArgumentException naming what is wrong with an {@code s3://} address
     */
    public static String checkAddress(String address) {
        if (!address.startsWith(BUCKET_SCHEME)) {
            return address;
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("`" + address + "` is not an s3://BUCKET/PREFIX address: " + e.getReason());
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null
                || uri.getPort() != -1 || !uri.getHost().matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("`" + address + "` is not an s3://BUCKET/PREFIX address: write a bucket"
                    + " name (3 to 63 lowercase letters, digits, dots and hyphens), then the prefix, nothing else");
        }
        String prefix = path.startsWith("/") ? path.substring(1) : path;
        if (!prefix.isEmpty()) {
            try {
                ObjectStore.checkName(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("`" + address + "` is not an s3://BUCKET/PREFIX address: the prefix"
                        + " is `/`-separated names of letters, digits and - _ . : %, none starting with a dot");
            }
        }
        return address;
    }

    /** Whether this store keeps its data in a bucket, shared by whoever reaches it. */
    public boolean inBucket() {
        return !(traces instanceof TraceFiles);
    }

    /** What names this store to {@link #named}: its root directory, or its bucket's {@code s3://} address. */
    public String address() {
        return inBucket() ? objects.where() : root.toString();
    }

    /** This store, with what it holds sealed and checked with {@code key} instead of the user's. */
    public Store withKey(UserKey key) {
        return new Store(root, objects, traces, () -> key);
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

    /** The folder of the traces of a store in a folder. */
    public Path traceDir() {
        return traceFiles().dir();
    }

    /** The trace file of run {@code runId} (which may not exist) of a store in a folder. */
    public Path traceFile(String runId) {
        return traceFiles().file(runId);
    }

    private TraceFiles traceFiles() {
        if (traces instanceof TraceFiles files) {
            return files;
        }
        throw new IllegalStateException("the traces of " + this + " are not files");
    }

    /** Where the traces of runs and their signed heads are. */
    public RunTraces traces() {
        return traces;
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

    /** Which runs of a cell on an input ended well: what a batch run again skips. */
    public CompletedRuns completedRuns() {
        return completed;
    }

    /** The ids of the recorded runs, oldest first. */
    public List<String> runIds() {
        List<String> ids;
        try {
            ids = new ArrayList<>(traces.runIds());
        } catch (IOException e) {
            throw new StoreException("cannot list the runs in `" + traces.where() + "`: " + e.getMessage(), e);
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
            throw new StoreException("no runs are recorded in `" + traces.where() + "`");
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
            throw new StoreException("no run `" + ref + "` in `" + traces.where() + "` (the latest is `" + ids.getLast() + "`)");
        }
        String shown = String.join(", ", matches.subList(0, Math.min(5, matches.size())))
                + (matches.size() > 5 ? ", …" : "");
        throw new StoreException("`" + ref + "` matches " + matches.size() + " runs: " + shown);
    }

    @Override
    public String toString() {
        return objects.where();
    }
}
