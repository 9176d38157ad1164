package dev.lumen.language.source;

import dev.lumen.lir.format.RunSettings;
import dev.lumen.lir.format.RunSettings.Cache;
import dev.lumen.lir.format.RunSettings.Lock;
import dev.lumen.lir.format.RunSettings.Profile;
import dev.lumen.lir.format.RunSettings.Trace;
import java.util.Optional;

/**
 * What a document's directives configure, with the default for each directive the document leaves out.
 * Defaults follow the language's promises: runs are traced and cacheable unless a document opts out.
 */
public record DocumentSettings(
        int lumenVersion, Optional<String> packageName, Trace trace, Cache cache, Profile profile, Lock lock) {

    public static final DocumentSettings DEFAULTS =
            new DocumentSettings(1, Optional.empty(), Trace.SHA256, Cache.ON, Profile.DEV, Lock.OFF);

    public DocumentSettings withLumenVersion(int version) {
        return new DocumentSettings(version, packageName, trace, cache, profile, lock);
    }

    public DocumentSettings withPackageName(String name) {
        return new DocumentSettings(lumenVersion, Optional.of(name), trace, cache, profile, lock);
    }

    public DocumentSettings withTrace(Trace value) {
        return new DocumentSettings(lumenVersion, packageName, value, cache, profile, lock);
    }

    public DocumentSettings withCache(Cache value) {
        return new DocumentSettings(lumenVersion, packageName, trace, value, profile, lock);
    }

    public DocumentSettings withProfile(Profile value) {
        return new DocumentSettings(lumenVersion, packageName, trace, cache, value, lock);
    }

    public DocumentSettings withLock(Lock value) {
        return new DocumentSettings(lumenVersion, packageName, trace, cache, profile, value);
    }

    /** The settings that reach the LIR and the run. */
    public RunSettings run() {
        return new RunSettings(trace, cache, profile, lock);
    }
}
