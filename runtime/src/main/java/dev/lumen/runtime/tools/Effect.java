package dev.lumen.runtime.tools;

import java.util.Optional;

/**
 * What a tool's calls do outside the program, as its manifest declares in {@code effect}
 * (tool-manifest-v1.md §3). It decides whether the tool cache may answer a call (run.md §6.3).
 */
public enum Effect {
    /** The answer follows from the inputs and the tool's version alone ({@code json.parse}, {@code llm.chat}). */
    PURE("pure"),
    /** Nothing outside changes, but the answer depends on outside state that can ({@code fs.read}, {@code http.get}). */
    READ("read"),
    /** Something outside changes ({@code fs.write}, {@code http.post}); the effect of a tool that declares none. */
    WRITE("write");

    private final String manifestName;

    Effect(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The value of the manifest's {@code effect} member. */
    public String manifestName() {
        return manifestName;
    }

    public static Optional<Effect> byManifestName(String name) {
        for (Effect e : values()) {
            if (e.manifestName.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
