package dev.lumen.language.markdown;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.diagnostics.Fix;
import dev.lumen.language.diagnostics.Suggestions;
import dev.lumen.language.source.Directive;
import dev.lumen.language.source.DocumentSettings;
import dev.lumen.lir.format.RunSettings;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates a document's directives (E0010 unknown, E0011 invalid or repeated) and collects what they set.
 * A directive with a problem leaves its setting at the default, so later phases always have settings.
 */
public final class DirectiveChecker {
    private static final List<String> NAMES = List.of("lumen", "package", "trace", "cache", "profile", "lock");

    private DirectiveChecker() {
    }

    /** The directives Lumen v1 knows, without their `@`. */
    public static List<String> names() {
        return NAMES;
    }

    public static DocumentSettings check(List<Directive> directives, Diagnostics diagnostics) {
        DocumentSettings settings = DocumentSettings.DEFAULTS;
        Map<String, Directive> seen = new HashMap<>();
        for (Directive d : directives) {
            if (!NAMES.contains(d.name())) {
                diagnostics.add(unknown(d));
                continue;
            }
            Directive first = seen.putIfAbsent(d.name(), d);
            if (first != null) {
                diagnostics.add(Diagnostic.error(Code.E0011, d.nameSpan(), "`@" + d.name() + "` is given more than once")
                        .label("repeated here")
                        .secondary(first.nameSpan(), "first given here")
                        .note("a document sets each directive once; the first one counts"));
                continue;
            }
            if (d.argument().isEmpty()) {
                diagnostics.add(missingValue(d));
                continue;
            }
            settings = apply(settings, d, diagnostics);
        }
        return settings;
    }

    private static DocumentSettings apply(DocumentSettings settings, Directive d, Diagnostics diagnostics) {
        return switch (d.name()) {
            case "lumen" -> version(d, diagnostics) ? settings.withLumenVersion(1) : settings;
            case "package" -> PackageDirective.check(d, diagnostics).map(settings::withPackageName).orElse(settings);
            case "trace" -> choice(d, RunSettings.Trace.class, diagnostics).map(settings::withTrace).orElse(settings);
            case "cache" -> choice(d, RunSettings.Cache.class, diagnostics).map(settings::withCache).orElse(settings);
            case "profile" ->
                    choice(d, RunSettings.Profile.class, diagnostics).map(settings::withProfile).orElse(settings);
            case "lock" -> choice(d, RunSettings.Lock.class, diagnostics).map(settings::withLock).orElse(settings);
            default -> throw new IllegalStateException("unhandled directive @" + d.name());
        };
    }

    private static Diagnostic unknown(Directive d) {
        Diagnostic.Builder b = Diagnostic.error(Code.E0010, d.nameSpan(), "unknown directive `@" + d.name() + "`")
                .label("not a Lumen directive");
        Optional<String> near = Suggestions.closest(d.name(), NAMES);
        if (near.isPresent()) {
            String name = "@" + near.get();
            b.help(Suggestions.didYouMean(name), Fix.replace("Change to `" + name + "`", d.nameSpan(), name));
        } else {
            b.note("the directives are " + quoted(NAMES.stream().map(n -> "@" + n).toList(), "and"));
        }
        return b.build();
    }

    private static Diagnostic missingValue(Directive d) {
        Diagnostic.Builder b = Diagnostic.error(Code.E0011, d.nameSpan(), "`@" + d.name() + "` needs a value");
        return switch (d.name()) {
            case "lumen" -> b.label("expected a language version").help("write `@lumen 1`").build();
            case "package" -> b.label("expected a package name")
                    .help("write the name in quotes, e.g. `@package \"acme.invoice_agent\"`").build();
            default -> b.label("expected " + quoted(values(enumFor(d.name())), "or")).build();
        };
    }

    /** `@lumen 1` is the only version; a number is a version this toolchain does not implement. */
    private static boolean version(Directive d, Diagnostics diagnostics) {
        String v = d.argument();
        if (v.equals("1")) {
            return true;
        }
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            diagnostics.add(Diagnostic.error(Code.E0011, d.argumentSpan(), "unsupported Lumen version `" + v + "`")
                    .label("this toolchain implements Lumen 1"));
        } else {
            diagnostics.add(Diagnostic.error(Code.E0011, d.argumentSpan(), "invalid Lumen version `" + v + "`")
                    .label("expected a version number")
                    .help("write `@lumen 1`"));
        }
        return false;
    }

    private static <E extends Enum<E>> Optional<E> choice(Directive d, Class<E> type, Diagnostics diagnostics) {
        for (E value : type.getEnumConstants()) {
            if (RunSettings.spelling(value).equals(d.argument())) {
                return Optional.of(value);
            }
        }
        List<String> allowed = values(type);
        Diagnostic.Builder b = Diagnostic.error(Code.E0011, d.argumentSpan(),
                        "invalid value `" + d.argument() + "` for `@" + d.name() + "`")
                .label("expected " + quoted(allowed, "or"));
        Suggestions.closest(d.argument(), allowed).ifPresent(value -> b.help(Suggestions.didYouMean(value),
                Fix.replace("Change to `" + value + "`", d.argumentSpan(), value)));
        diagnostics.add(b);
        return Optional.empty();
    }

    private static Class<? extends Enum<?>> enumFor(String name) {
        return switch (name) {
            case "trace" -> RunSettings.Trace.class;
            case "cache" -> RunSettings.Cache.class;
            case "profile" -> RunSettings.Profile.class;
            default -> RunSettings.Lock.class;
        };
    }

    private static List<String> values(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(RunSettings::spelling).toList();
    }

    /** `a`, `b` or `c` */
    static String quoted(List<String> words, String conjunction) {
        List<String> q = words.stream().map(w -> "`" + w + "`").toList();
        if (q.size() == 1) {
            return q.get(0);
        }
        return String.join(", ", q.subList(0, q.size() - 1)) + " " + conjunction + " " + q.get(q.size() - 1);
    }
}
