package dev.lumen.runtime.progress;

/**
 * Told how a call in progress is going, as an MCP server's {@code notifications/progress} say it
 * (mcp-bridge-v1.md §4.3): called on whichever thread the news arrives on, so it must not block.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that is told nothing. */
    ProgressListener NONE = (progress, total, message) -> { };

    /**
     * @param progress how far the call has come (it grows, though the unit is the server's)
     * @param total    the progress at which it is done, or null when unknown
     * @param message  what it is doing now, or null
     */
    void progressed(double progress, Double total, String message);
}
