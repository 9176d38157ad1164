package dev.lumen.runtime.tools.fs;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ToolRequest;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code path} grants of one fs call, resolved to real paths when the call is made (tools-fs.md §2). A
 * granted directory allows itself and everything beneath it; anything else allows exactly that path.
 */
final class PathAllowlist {
    private final List<Entry> entries;

    /** One grant: its value as written and where it really is. */
    private record Entry(String given, Path real, boolean directory) {
        boolean allows(Path target) {
            return target.equals(real) || (directory && target.startsWith(real));
        }
    }

    private PathAllowlist(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * The request's {@code path} grants, relative ones read against its base directory.
     *
     * @throws PolicyViolation when there is no {@code path} grant (deny by default) or a value names no path
     */
    static PathAllowlist of(ToolRequest request) {
        List<String> values = request.grants().strings("path");
        if (values.isEmpty()) {
            throw new PolicyViolation("path", request.toolId() + " has no `path` grant, so it may use no file");
        }
        List<Entry> entries = new ArrayList<>();
        for (String value : values) {
            if (value.isEmpty() || value.indexOf('\0') >= 0) {
                throw new PolicyViolation("path", "the grant path " + CanonicalJson.quote(value)
                        + (value.isEmpty() ? " is empty" : " contains a NUL character"));
            }
            Path granted;
            try {
                granted = request.base().resolve(value);
            } catch (InvalidPathException e) {
                throw new PolicyViolation("path", "the grant path " + CanonicalJson.quote(value)
                        + " is not a valid path: " + e.getReason());
            }
            Path real = RealPaths.whereItLeads(granted);
            entries.add(new Entry(value, real, Files.isDirectory(real)));
        }
        return new PathAllowlist(List.copyOf(entries));
    }

    /**
     * Refuses {@code target}, a real path, unless a grant allows it.
     *
     * @throws PolicyViolation naming the path as given, where it leads and the grants
     */
    void check(Path target, FilePath path) {
        for (Entry e : entries) {
            if (e.allows(target)) {
                return;
            }
        }
        String where = target.toString().equals(path.given()) ? "" : " (" + target + ")";
        throw new PolicyViolation("path", path.shown() + where + " is not inside a granted path (path "
                + entries.stream().map(e -> CanonicalJson.quote(e.given())).collect(Collectors.joining(", ")) + ")");
    }
}
