package dev.lumen.runtime.tools;

import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.tools.process.SubprocessTool;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the native tools a document can import (tool-manifest-v1.md §2), in this order: the project's
 * {@code tools/} folder, each folder of {@code LUMEN_TOOLS_PATH}, then the bundled tools. The first manifest
 * with a tool id wins; later ones with the same id are shadowed. A manifest that cannot be read is kept as a
 * problem, so that the front end and {@code lumen tools ls} can say why a tool is missing.
 *
 * <p>The tools a program embedding Lumen offers ({@link #withHost}, tool-manifest-v1.md §8) come before all
 * of these, but never stand in for one of them: a host tool whose id another tool found also has is a
 * {@link #conflict}, and neither is found.
 */
public final class ToolLocator {
    /** The environment variable listing further tool folders, separated by the platform's path separator. */
    public static final String PATH_VARIABLE = "LUMEN_TOOLS_PATH";
    /** The name of a tool's manifest inside its folder. */
    public static final String MANIFEST = "tool.json";
    /** The folder of a project's own tools, beside its store. */
    public static final String PROJECT_FOLDER = "tools";

    /** Where a tool was found. */
    public enum Origin {
        HOST("host"), PROJECT("project"), TOOLS_PATH(PATH_VARIABLE), BUNDLED("bundled");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A tool that was found: its manifest, the folder holding it (null for a bundled or a host tool), where it
     * came from, whether an earlier tool with the same id shadows it, and for a host tool, the host's offer
     * (null for the others).
     */
    public record Located(ToolManifest manifest, Path directory, Origin origin, boolean shadowed, HostTool host) {
        /** A tool found in a folder or bundled. */
        public Located(ToolManifest manifest, Path directory, Origin origin, boolean shadowed) {
            this(manifest, directory, origin, shadowed, null);
        }

        public String id() {
            return manifest.toolId();
        }

        /** Where the manifest is, as shown to the user. */
        public String where() {
            return switch (origin) {
                case HOST -> host.offeredAs();
                case BUNDLED -> "bundled with Lumen";
                case PROJECT, TOOLS_PATH -> directory.resolve(MANIFEST).toString();
            };
        }

        private Located hidden() {
            return new Located(manifest, directory, origin, true, host);
        }
    }

    /** A manifest (a file, or a host's offer) that could not be used, where it is, and why. */
    public record Problem(String where, String message) {
        public Problem(Path file, String message) {
            this(file.toString(), message);
        }
    }

    /** A host tool and the tool found in a folder or bundled with Lumen that has its id: neither is found. */
    public record Conflict(Located host, Located other) {
        /** The conflict as errors state it. */
        public String describe() {
            return "the host offers `" + host.id() + "` (" + host.where() + "), and " + (other.origin() == Origin.BUNDLED
                    ? "Lumen bundles a tool" : other.where() + " declares a tool") + " with that id";
        }
    }

    private final List<Located> all;
    private final Map<String, Located> byId;
    private final List<Problem> problems;
    private final Map<String, Conflict> conflicts;

    private ToolLocator(List<Located> all, List<Problem> problems, Map<String, Conflict> conflicts) {
        this.all = List.copyOf(all);
        this.problems = List.copyOf(problems);
        this.conflicts = Map.copyOf(conflicts);
        Map<String, Located> first = new LinkedHashMap<>();
        for (Located l : all) {
            if (!l.shadowed() && !conflicts.containsKey(l.id())) {
                first.put(l.id(), l);
            }
        }
        this.byId = Collections.unmodifiableMap(first);
    }

    /** The tools for a document: its project's {@code tools/} folder (beside its store), the path, the bundled. */
    public static ToolLocator forDocument(Path document, Map<String, String> env) {
        return of(Store.forDocument(document).root().resolve(PROJECT_FOLDER), env);
    }

    /** The tools for work in {@code directory} (the project is the one holding it). */
    public static ToolLocator forDirectory(Path directory, Map<String, String> env) {
        return of(Store.locate(directory).root().resolve(PROJECT_FOLDER), env);
    }

    /** Only the bundled tools. */
    public static ToolLocator bundled() {
        return of(null, Map.of());
    }

    private static ToolLocator of(Path projectTools, Map<String, String> env) {
        List<Located> found = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        if (projectTools != null) {
            scan(projectTools, Origin.PROJECT, found, problems, seen);
        }
        String path = env.getOrDefault(PATH_VARIABLE, "");
        for (String folder : path.split(File.pathSeparator)) {
            if (!folder.isBlank()) {
                scan(Path.of(folder), Origin.TOOLS_PATH, found, problems, seen);
            }
        }
        for (ToolManifest m : BundledTools.all().values()) {
            found.add(new Located(m, null, Origin.BUNDLED, seen.putIfAbsent(m.toolId(), true) != null));
        }
        return new ToolLocator(found, problems, Map.of());
    }

    /**
     * These tools with the ones a host offers before them (tool-manifest-v1.md §8). A host tool whose id a tool
     * found here also has is a {@link #conflict}: imports of that id find neither.
     */
    public ToolLocator withHost(HostToolSet offered) {
        if (offered.tools().isEmpty() && offered.problems().isEmpty()) {
            return this;
        }
        List<Located> found = new ArrayList<>();
        Map<String, Located> host = new LinkedHashMap<>();
        for (HostTool t : offered.tools()) {
            Located l = new Located(t.manifest(), null, Origin.HOST, host.containsKey(t.manifest().toolId()), t);
            host.putIfAbsent(l.id(), l);
            found.add(l);
        }
        Map<String, Conflict> conflicts = new LinkedHashMap<>(this.conflicts);
        for (Located l : all) {
            Located mine = host.get(l.id());
            if (mine != null && !l.shadowed()) {
                conflicts.putIfAbsent(l.id(), new Conflict(mine, l));
                found.add(l.hidden());
            } else {
                found.add(l);
            }
        }
        List<Problem> problems = new ArrayList<>(offered.problems());
        problems.addAll(this.problems);
        return new ToolLocator(found, problems, conflicts);
    }

    /** Reads {@code folder/*\/tool.json}, in name order so that the result does not depend on the file system. */
    private static void scan(Path folder, Origin origin, List<Located> found, List<Problem> problems,
            Map<String, Boolean> seen) {
        // A relative folder (from LUMEN_TOOLS_PATH) is the host's, and problems name files as the user would.
        Path at = Host.current().absolute(folder);
        if (!Files.isDirectory(at)) {
            return;
        }
        List<Path> tools = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(at)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry.resolve(MANIFEST))) {
                    tools.add(entry);
                }
            }
        } catch (IOException e) {
            problems.add(new Problem(folder, "cannot list the tool folder: " + e.getMessage()));
            return;
        }
        Collections.sort(tools);
        Map<String, Path> here = new LinkedHashMap<>();
        for (Path dir : tools) {
            Path file = folder.resolve(at.relativize(dir)).resolve(MANIFEST);
            ToolManifest manifest;
            try {
                manifest = ToolManifest.parse(Files.readString(dir.resolve(MANIFEST), StandardCharsets.UTF_8));
            } catch (IOException e) {
                problems.add(new Problem(file, "cannot read it: " + e.getMessage()));
                continue;
            } catch (ManifestException e) {
                problems.add(new Problem(file, e.getMessage()));
                continue;
            }
            Optional<String> notACommand = notACommand(manifest);
            if (notACommand.isPresent()) {
                problems.add(new Problem(file, notACommand.get()));
                continue;
            }
            Path other = here.putIfAbsent(manifest.toolId(), file.getParent());
            if (other != null) {
                problems.add(new Problem(file, "declares tool_id `" + manifest.toolId() + "`, as "
                        + other.resolve(MANIFEST) + " does; a tool folder holds each tool id once"));
                continue;
            }
            Path absolute = dir.normalize();
            found.add(new Located(manifest, absolute, origin, seen.putIfAbsent(manifest.toolId(), true) != null));
        }
    }

    /** The host tool with id {@code toolId} and the other tool found with it, when both are (§8): neither is found. */
    public Optional<Conflict> conflict(String toolId) {
        return Optional.ofNullable(conflicts.get(toolId));
    }

    /** The tool that an import of {@code toolId} gets, if any. */
    public Optional<Located> find(String toolId) {
        return Optional.ofNullable(byId.get(toolId));
    }

    /** The ids an import can name, in discovery order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** Every tool found, shadowed ones included, in discovery order. */
    public List<Located> all() {
        return all;
    }

    /** The manifests that could not be used. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * How {@code tool} runs: in-process when Lumen bundles it or the host offers it, otherwise as a subprocess
     * speaking the tool protocol (tool-protocol-v1.md).
     */
    public static BuiltinTool implementation(Located tool) {
        if (tool.origin() == Origin.HOST) {
            return tool.host().implementation();
        }
        if (tool.origin() == Origin.BUNDLED) {
            return BuiltinTool.find(tool.id()).orElseThrow(() -> new ToolFailure(
                    "the bundled tool `" + tool.id() + "` has no implementation in this build"));
        }
        return new SubprocessTool(tool.manifest(), tool.directory());
    }

    /**
     * Why the command of a tool manifest in {@code directory} cannot be started, or empty when it can: a
     * bundled-only {@code exec.builtin}, or a command that is not an executable file.
     */
    public static Optional<String> commandProblem(ToolManifest manifest, Path directory) {
        if (manifest.exec().builtin() && BundledTools.find(manifest.toolId()).isPresent()) {
            return Optional.empty();
        }
        return notACommand(manifest).or(() -> SubprocessTool.commandProblem(manifest, directory));
    }

    /** Why a manifest in a tool folder does not run as a command: it says {@code builtin} or {@code host}. */
    private static Optional<String> notACommand(ToolManifest manifest) {
        if (manifest.exec().builtin()) {
            return Optional.of("`exec.builtin` is for the tools bundled with Lumen; a tool of its own gives "
                    + "`exec.command`");
        }
        if (manifest.exec().host()) {
            return Optional.of("`exec.host` is for the tools a program embedding Lumen offers (through its "
                    + "polyglot bindings); a tool in a folder gives `exec.command`");
        }
        return Optional.empty();
    }
}
