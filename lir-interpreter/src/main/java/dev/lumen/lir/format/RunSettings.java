package dev.lumen.lir.format;

import java.util.Locale;

/**
 * How a module asks to be run: the run-time directives of its document ({@code @trace}, {@code @cache},
 * {@code @profile}, {@code @lock}; lumen-v1.md §2). They travel in the LIR so that running an emitted module
 * behaves as running its document. Each setting is written in LIR and in documents as its constant's name in
 * lower case.
 */
public record RunSettings(Trace trace, Cache cache, Profile profile, Lock lock) {

    /** What a document that says nothing asks for: traced, cached, the dev profile, no lock file. */
    public static final RunSettings DEFAULTS = new RunSettings(Trace.SHA256, Cache.ON, Profile.DEV, Lock.OFF);

    /** `@trace sha256|off` */
    public enum Trace { SHA256, OFF }

    /** `@cache on|off` */
    public enum Cache { ON, OFF }

    /** `@profile dev|test|prod`: prod also selects the optimizing runtime for `lumen run` (run.md §5). */
    public enum Profile { DEV, TEST, PROD }

    /** `@lock strict|off` */
    public enum Lock { STRICT, OFF }

    /** A setting as documents and LIR spell it. */
    public static String spelling(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
