package dev.lumen.runtime.tools.process;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment a tool process gets (tool-protocol-v1.md §4): a few variables that say how to run programs
 * and read text, copied from Lumen's own environment, and nothing else. API keys and other secrets in Lumen's
 * environment are not passed on.
 */
public final class ToolEnvironment {
    /** The variables passed on when Lumen has them. */
    public static final List<String> PASSED = List.of(
            "PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "SYSTEMROOT");

    private ToolEnvironment() {
    }

    /** The tool's environment, given Lumen's. */
    public static Map<String, String> from(Map<String, String> lumen) {
        Map<String, String> env = new TreeMap<>();
        for (String name : PASSED) {
            String value = lumen.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return env;
    }
}
