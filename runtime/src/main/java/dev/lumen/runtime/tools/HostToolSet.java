package dev.lumen.runtime.tools;

import java.util.List;

/**
 * The tools an embedding program offers, read at one moment, and the offers that could not be used (a manifest
 * that is not valid, no function to call), which are kept as problems so that an import that misses them can
 * say why.
 */
public record HostToolSet(List<HostTool> tools, List<ToolLocator.Problem> problems) {
    /** No host, or a host that offers nothing. */
    public static final HostToolSet NONE = new HostToolSet(List.of(), List.of());

    public HostToolSet {
        tools = List.copyOf(tools);
        problems = List.copyOf(problems);
    }
}
