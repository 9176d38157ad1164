package dev.lumen.runtime.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The native tools that ship with Lumen, read from the manifests bundled beside this class. */
public final class BundledTools {
    /** Tool ids in the order `lumen tools` lists them; each has a `<id>.json` resource. */
    public static final List<String> IDS = List.of(
            "http.get", "http.post", "llm.chat", "fs.read", "fs.write", "json.parse", "json.emit");

    private static final Map<String, ToolManifest> ALL = load();

    private BundledTools() {
    }

    /** Every bundled manifest, keyed by tool id, in {@link #IDS} order. */
    public static Map<String, ToolManifest> all() {
        return ALL;
    }

    public static Optional<ToolManifest> find(String toolId) {
        return Optional.ofNullable(ALL.get(toolId));
    }

    private static Map<String, ToolManifest> load() {
        Map<String, ToolManifest> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String id : IDS) {
            String resource = id + ".json";
            try (InputStream in = BundledTools.class.getResourceAsStream(resource)) {
                if (in == null) {
                    problems.add("missing resource " + resource);
                    continue;
                }
                ToolManifest m = ToolManifest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (!m.toolId().equals(id)) {
                    problems.add(resource + " declares tool_id `" + m.toolId() + "`");
                }
                out.put(id, m);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read bundled tool manifest " + resource, e);
            }
        }
        if (!problems.isEmpty()) {
            throw new ManifestException("bundled tool manifests are broken: " + String.join("; ", problems));
        }
        return Collections.unmodifiableMap(out);
    }
}
