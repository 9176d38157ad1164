package dev.lumen.runtime.tools.fs;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.GrantValues;
import dev.lumen.runtime.tools.ToolRequest;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code path} grants of one fs call, resolved to real paths when the call is made (tools-fs.md §2). A
 * granted directory allows itself and everything beneath it; anything else allows exactly that path.
 */
public final class PathAllowlist {
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
            Optional<String> wrong = wrong(value);
            if (wrong.isPresent()) {
                throw new PolicyViolation("path", "the grant path " + CanonicalJson.quote(value) + " " + wrong.get());
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
     * Why {@code value} is not a {@code path} value a call could use (tools-fs.md §2.2), with the value it
     * probably meant; empty when it is one. The compiler reports what the runtime would refuse.
     */
    public static Optional<GrantValues.Problem> problem(String value) {
        return wrong(value).map(wrong -> new GrantValues.Problem("the path " + wrong, help(value)));
    }

    /** What is wrong with a granted path, said of it ({@code is empty}); empty when nothing is. */
    private static Optional<String> wrong(String value) {
        if (value.isEmpty()) {
            return Optional.of("is empty");
        }
        if (value.indexOf('\0') >= 0) {
            return Optional.of("contains a NUL character");
        }
        if (value.equals("~") || value.startsWith("~/")) {
            return Optional.of("starts with `~`, which is not expanded: it names a folder called `~`");
        }
        if (value.startsWith("file:")) {
            return Optional.of("is a URL, not a path");
        }
        if (value.contains("*") || value.contains("?")) {
            return Optional.of("holds `" + (value.contains("*") ? "*" : "?") + "`, but a granted path is not a"
                    + " pattern: it names one file or directory");
        }
        return Optional.empty();
    }

    private static String help(String value) {
        if (value.startsWith("file:")) {
            String path = value.startsWith("file://") ? value.substring("file://".length()) : value.substring(5);
            if (wrong(path).isEmpty()) {
                return "write the path itself: `path " + CanonicalJson.quote(path) + "`";
            }
        }
        int glob = Math.min(value.contains("*") ? value.indexOf('*') : value.length(),
                value.contains("?") ? value.indexOf('?') : value.length());
        if (glob < value.length()) {
            int slash = value.lastIndexOf('/', glob);
            String directory = slash < 0 ? "." : slash == 0 ? "/" : value.substring(0, slash);
            if (wrong(directory).isEmpty()) {
                return "grant the directory that holds the files: `path " + CanonicalJson.quote(directory) + "`";
            }
        }
        return "a path is relative to the document's directory, or absolute: `path \"data\"`, `path \"/srv/data\"`";
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
