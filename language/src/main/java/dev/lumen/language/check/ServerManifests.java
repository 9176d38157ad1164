package dev.lumen.language.check;

/**
 * Where the checker takes the manifests of the MCP servers a document imports from (mcp-bridge-v1.md §10): the
 * lock file only, or the lock file and, for a server it does not record, the live server, whose manifest is
 * then recorded in the lock file for the next check.
 */
public enum ServerManifests {
    /** The lock file only: nothing is started (offline runs, replays, editors). */
    LOCKED,
    /** The lock file, else the live server. */
    LIVE
}
