package dev.lumen.runtime.store;


/**
 * A tool-cache entry as {@code lumen cache ls} shows it: the call it answers and the output it holds.
 *
 * @param toolId        the tool's id, e.g. {@code llm.chat}
 * @param toolVersion   the tool's version
 * @param key           the cache key, {@link ToolCache#key}
 * @param policyHash    the hash of the grant the call ran under
 * @param inputsHash    the hash of the call's arguments
 * @param inputsPreview the start of the arguments' canonical JSON
 * @param outputs       the recorded output
 * @param created       when the entry was written (UTC, ISO 8601)
 * @param file          where the entry is: its file, or its {@code s3://} address
 */
public record CacheEntry(
        String toolId,
        String toolVersion,
        String key,
        String policyHash,
        String inputsHash,
        String inputsPreview,
        RecordedValue outputs,
        String created,
        String file) {
}
