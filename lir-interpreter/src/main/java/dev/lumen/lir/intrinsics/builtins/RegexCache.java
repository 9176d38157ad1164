package dev.lumen.lir.intrinsics.builtins;

import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.intrinsics.LumenIntrinsics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiled patterns for {@code matches}: a per-thread LRU map from pattern text to a reusable
 * {@link Matcher}, so a hot {@code matches(text, "…")} compiles its pattern once and allocates nothing
 * per call ({@code Matcher.reset} reuses its state).
 */
final class RegexCache {
    private static final int CAPACITY = 128;

    private static final ThreadLocal<Map<String, Matcher>> MATCHERS = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(32, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Matcher> eldest) {
                    return size() > CAPACITY;
                }
            });

    private RegexCache() {
    }

    static boolean find(String text, String regex) {
        Map<String, Matcher> cache = MATCHERS.get();
        Matcher m = cache.get(regex);
        if (m == null) {
            try {
                m = Pattern.compile(regex).matcher("");
            } catch (PatternSyntaxException e) {
                throw new LumenFailure("matches: invalid regular expression " + LumenIntrinsics.quote(regex) + ": "
                        + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
            cache.put(regex, m);
        }
        boolean found = m.reset(text).find();
        m.reset("");
        return found;
    }
}
