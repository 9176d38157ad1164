package dev.lumen.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalObject;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.store.objects.ObjectStore;
import dev.lumen.runtime.store.objects.StoredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tool-output cache (spec trace-v1.md §6): {@code cache/<tool dir>/<key hex>.json}, one entry per call,
 * keyed by {@code sha256(tool_id ":" tool_version ":" policy_hash ":" inputs_hash)}, followed by
 * {@code ":" target_hash} for a call that touches something its arguments only name (the real path of a file).
 * Which calls the cache may answer is the caller's policy (run.md §6.3); this class stores and checks entries.
 *
 * <p>An entry is canonical JSON holding the call's identity and its output (inline, or in a blob when larger
 * than 1 KB), sealed with the user's key (an HMAC, {@link UserKey}). Every read checks the entry completely:
 * a damaged entry, and one the user's key did not seal, is reported and never served — except the entries
 * Lumen itself ships, which are trusted by their digest ({@link TrustedEntries}). Entries are objects of the
 * store's {@link ObjectStore}, created where none is and replaced only over the version read, so concurrent
 * runs putting the same key leave one intact entry.
 */
public final class ToolCache {
    /** The {@code format} member of every entry. */
    public static final String FORMAT = "lumen-cache/1";
    private static final String EXTENSION = ".json";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The prefix of the entries' object names. */
    public static final String PREFIX = "cache/";

    private final ObjectStore objects;
    private final BlobStore blobs;
    /** The user's key, which seals entries: read on first use. */
    private final Supplier<UserKey> userKey;

    ToolCache(ObjectStore objects, BlobStore blobs, Supplier<UserKey> userKey) {
        this.objects = objects;
        this.blobs = blobs;
        this.userKey = userKey;
    }

    /** The cache key of a call: {@code sha256(toolId + ":" + toolVersion + ":" + policyHash + ":" + inputsHash)}. */
    public static String key(String toolId, String toolVersion, String policyHash, String inputsHash) {
        return key(toolId, toolVersion, policyHash, inputsHash, null);
    }

    /**
     * The cache key of a call that touches what {@code targetHash} is the hash of ({@link #targetHash}), or of
     * one that touches nothing beyond its arguments when {@code targetHash} is null.
     */
    public static String key(String toolId, String toolVersion, String policyHash, String inputsHash, String targetHash) {
        return CanonicalJson.sha256(toolId + ":" + toolVersion + ":" + policyHash + ":" + inputsHash
                + (targetHash == null ? "" : ":" + targetHash));
    }

    /**
     * The hash a key holds of what a call touches, {@code target} (a file's real path), or null for none:
     * hashed, so that an entry does not show a path its arguments may have redacted.
     */
    public static String targetHash(String target) {
        return target == null ? null : CanonicalJson.sha256(target);
    }

    /**
     * The directory name of a tool's entries: the tool id with every character other than ASCII letters,
     * digits, {@code -}, {@code _} and {@code .} percent-encoded as UTF-8 ({@code mcp://x} becomes
     * {@code mcp%3A%2F%2Fx}); a leading {@code .} is encoded too, so no tool id names a hidden directory,
     * {@code .} or {@code ..}.
     */
    public static String toolDirName(String toolId) {
        if (toolId.isEmpty()) {
            throw new IllegalArgumentException("a tool id cannot be empty");
        }
        StringBuilder out = new StringBuilder(toolId.length());
        byte[] bytes = toolId.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '_' || (b == '.' && i > 0);
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    /** Where the entries are, for messages: the cache's directory, or its {@code s3://} prefix. */
    public String where() {
        return objects.where("cache");
    }

    /** The object name of the entry for a call, relative to the store's directory (or bucket prefix). */
    public static String entryName(String toolId, String key) {
        return PREFIX + toolDirName(toolId) + "/" + ContentHash.hex(key) + EXTENSION;
    }

    /**
     * The cached output of a call. A damaged entry (unreadable, not canonical JSON, with a seal that does not
     * match, answering another call, or whose output does not match its hash) is {@link CacheLookup.Corrupt},
     * and one sealed by another key or by none is {@link CacheLookup.Unsealed}: never a hit.
     */
    public CacheLookup get(String toolId, String toolVersion, String policyHash, String inputsHash) {
        return get(toolId, toolVersion, policyHash, inputsHash, null);
    }

    /** As {@link #get(String, String, String, String)}, for a call that touches {@code target} (null: nothing more). */
    public CacheLookup get(String toolId, String toolVersion, String policyHash, String inputsHash, String target) {
        String key = key(toolId, toolVersion, policyHash, inputsHash, targetHash(target));
        String name = entryName(toolId, key);
        String file = objects.where(name);
        byte[] bytes;
        try {
            Optional<StoredObject> object = objects.get(name);
            if (object.isEmpty()) {
                return new CacheLookup.Miss();
            }
            bytes = object.get().content();
        } catch (IOException e) {
            return new CacheLookup.Corrupt(file, "it cannot be read: " + BlobStore.describe(e));
        }
        try {
            CacheEntry entry = parse(name, file, bytes, userKey.get());
            CanonicalValue outputs = entry.outputs().resolve(blobs);
            if (!outputs.hash().equals(entry.outputs().hash())) {
                return new CacheLookup.Corrupt(file, "its output does not match outputs_hash");
            }
            return new CacheLookup.Hit(outputs, entry);
        } catch (BadEntry e) {
            return e.unsealed ? new CacheLookup.Unsealed(file, e.getMessage()) : new CacheLookup.Corrupt(file, e.getMessage());
        } catch (StoreException e) {
            return new CacheLookup.Corrupt(file, e.getMessage());
        }
    }

    /**
     * Records {@code outputs} as the result of a call (replacing any entry for the same key, unless another
     * writer replaces it at the same time: then theirs stays) and returns the entry. An output larger than 1 KB
     * goes to a blob first.
     */
    public CacheEntry put(String toolId, String toolVersion, String policyHash, CanonicalValue inputs, CanonicalValue outputs) {
        return put(toolId, toolVersion, policyHash, inputs.hash(), inputs, outputs);
    }

    /**
     * As {@link #put(String, String, String, CanonicalValue, CanonicalValue)}, for a call whose arguments are
     * shown redacted: the entry is keyed by the real arguments' hash {@code inputsHash}, and previews
     * {@code shownInputs}.
     */
    public CacheEntry put(String toolId, String toolVersion, String policyHash, String inputsHash,
            CanonicalValue shownInputs, CanonicalValue outputs) {
        return put(toolId, toolVersion, policyHash, inputsHash, null, shownInputs, outputs);
    }

    /**
     * As {@link #put(String, String, String, String, CanonicalValue, CanonicalValue)}, for a call that touches
     * {@code target} (null: nothing beyond its arguments); the entry records the target's hash.
     */
    public CacheEntry put(String toolId, String toolVersion, String policyHash, String inputsHash, String target,
            CanonicalValue shownInputs, CanonicalValue outputs) {
        String targetHash = targetHash(target);
        String key = key(toolId, toolVersion, policyHash, inputsHash, targetHash);
        String name = entryName(toolId, key);
        String file = objects.where(name);
        String created = Timestamps.now();
        UserKey sealer = userKey.get();
        CanonicalObject entry = new CanonicalObject()
                .put("format", FORMAT)
                .put("key", key)
                .put("tool_id", toolId)
                .put("tool_version", toolVersion)
                .put("policy_hash", policyHash)
                .put("inputs_hash", inputsHash)
                .put("inputs_preview", shownInputs.preview(RecordedValue.PREVIEW_BYTES))
                .put("created", created)
                .put("key_id", sealer.id());
        if (targetHash != null) {
            entry.put("target_hash", targetHash);
        }
        RecordedValue.record(entry, "outputs", outputs, blobs);
        entry.put("seal", sealer.seal(UserKey.Purpose.CACHE_ENTRY, entry.text()));
        byte[] content = (entry.text() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (!objects.create(name, content)) {
                Optional<StoredObject> there = objects.get(name);
                if (there.isPresent()) {
                    objects.replace(name, content, there.get().version()); // false: a concurrent put won
                } else {
                    objects.create(name, content); // removed meanwhile (lumen cache clear)
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot write the cache entry `" + file + "`: " + BlobStore.describe(e), e);
        }
        RecordedValue recorded = outputs.size() <= RecordedValue.INLINE_LIMIT
                ? new RecordedValue(outputs.hash(), outputs.tree(), outputs.text(), outputs.size())
                : new RecordedValue(outputs.hash(), null, outputs.preview(RecordedValue.PREVIEW_BYTES), outputs.size());
        return new CacheEntry(toolId, toolVersion, key, policyHash, inputsHash,
                shownInputs.preview(RecordedValue.PREVIEW_BYTES), recorded, created, file);
    }

    /** What {@link #list} finds: intact entries, damaged ones, and those the user's key did not seal. */
    public record Listing(List<CacheEntry> entries, List<CacheLookup.Corrupt> corrupt, List<CacheLookup.Unsealed> unsealed) {
    }

    /**
     * Every entry, or those of tool {@code toolId} when it is not null, sorted by tool id and creation time;
     * each is checked as {@link #get} checks it (including its output's blob).
     */
    public Listing list(String toolId) {
        List<CacheEntry> entries = new ArrayList<>();
        List<CacheLookup.Corrupt> corrupt = new ArrayList<>();
        List<CacheLookup.Unsealed> unsealed = new ArrayList<>();
        UserKey sealer = userKey.get();
        for (String name : entryNames(toolId)) {
            String file = objects.where(name);
            try {
                Optional<StoredObject> object = objects.get(name);
                if (object.isEmpty()) {
                    continue; // removed while listing
                }
                CacheEntry entry = parse(name, file, object.get().content(), sealer);
                RecordedValue.Check check = entry.outputs().check(blobs);
                if (check != RecordedValue.Check.OK) {
                    corrupt.add(new CacheLookup.Corrupt(file, describe(check, entry.outputs())));
                } else {
                    entries.add(entry);
                }
            } catch (IOException e) {
                corrupt.add(new CacheLookup.Corrupt(file, "it cannot be read: " + BlobStore.describe(e)));
            } catch (BadEntry e) {
                if (e.unsealed) {
                    unsealed.add(new CacheLookup.Unsealed(file, e.getMessage()));
                } else {
                    corrupt.add(new CacheLookup.Corrupt(file, e.getMessage()));
                }
            }
        }
        entries.sort(Comparator.comparing(CacheEntry::toolId).thenComparing(CacheEntry::created).thenComparing(CacheEntry::key));
        corrupt.sort(Comparator.comparing(CacheLookup.Corrupt::file));
        unsealed.sort(Comparator.comparing(CacheLookup.Unsealed::file));
        return new Listing(entries, corrupt, unsealed);
    }

    /**
     * Removes every entry, or those of tool {@code toolId} when it is not null; returns the number of entries
     * removed. Blobs stay: traces may refer to them.
     */
    public int clear(String toolId) {
        int removed = 0;
        for (String name : entryNames(toolId)) {
            try {
                if (objects.delete(name)) {
                    removed++;
                }
            } catch (IOException e) {
                throw new StoreException("cannot remove `" + objects.where(name) + "`: " + BlobStore.describe(e), e);
            }
        }
        return removed;
    }

    // ------------------------------------------------------------------------------------ reading entries

    private static final class BadEntry extends Exception {
        private static final long serialVersionUID = 1L;
        /** Whether the entry is not damaged as far as can be told, but sealed by another key or by none. */
        final boolean unsealed;

        BadEntry(String message) {
            this(message, false);
        }

        BadEntry(String message, boolean unsealed) {
            super(message);
            this.unsealed = unsealed;
        }
    }

    /** The names of the entries, or of tool {@code toolId}'s when it is not null, in order. */
    private List<String> entryNames(String toolId) {
        String prefix = toolId == null ? PREFIX : PREFIX + toolDirName(toolId) + "/";
        try {
            return objects.list(prefix).stream()
                    .filter(n -> n.endsWith(EXTENSION) && n.indexOf('/', PREFIX.length()) == n.lastIndexOf('/'))
                    .toList();
        } catch (IOException e) {
            throw new StoreException("cannot list the cache `" + where() + "`: " + BlobStore.describe(e), e);
        }
    }

    /**
     * Parses and checks an entry file, all but its output (which {@link #get} and {@link #list} check): its
     * seal must be {@code key}'s, unless the file is one Lumen ships.
     */
    private static CacheEntry parse(String name, String file, byte[] bytes, UserKey userKey) throws BadEntry {
        int length = bytes.length;
        if (length == 0 || bytes[length - 1] != '\n') {
            throw new BadEntry("it is incomplete (no final newline)");
        }
        ObjectNode node;
        try {
            node = StoredJson.parseCanonicalObject(bytes, 0, length - 1);
        } catch (StoredJson.NotCanonical e) {
            throw new BadEntry(e.getMessage());
        }
        if (!TrustedEntries.contains(CanonicalJson.sha256(bytes))) {
            checkSeal(node, userKey);
        }
        if (!FORMAT.equals(StoredJson.text(node, "format"))) {
            throw new BadEntry("its format is not " + FORMAT);
        }
        String key = required(node, "key");
        String toolId = required(node, "tool_id");
        String toolVersion = required(node, "tool_version");
        String policyHash = required(node, "policy_hash");
        String inputsHash = required(node, "inputs_hash");
        String inputsPreview = required(node, "inputs_preview");
        String created = required(node, "created");
        String targetHash = node.has("target_hash") ? required(node, "target_hash") : null;
        for (String hash : targetHash == null ? List.of(key, policyHash, inputsHash)
                : List.of(key, policyHash, inputsHash, targetHash)) {
            if (!ContentHash.isValid(hash)) {
                throw new BadEntry("`" + hash + "` is not a sha256 hash");
            }
        }
        if (!key.equals(key(toolId, toolVersion, policyHash, inputsHash, targetHash))) {
            throw new BadEntry("its key does not match its tool, version, policy, inputs and target");
        }
        if (!name.equals(entryName(toolId, key))) {
            throw new BadEntry("it is filed under another key or tool than its own");
        }
        Optional<RecordedValue> outputs;
        try {
            outputs = RecordedValue.read(node, "outputs");
        } catch (IllegalArgumentException e) {
            throw new BadEntry(e.getMessage());
        }
        if (outputs.isEmpty()) {
            throw new BadEntry("it records no output");
        }
        return new CacheEntry(toolId, toolVersion, key, policyHash, inputsHash, inputsPreview, outputs.get(), created, file);
    }

    /** The entry must be sealed with {@code key}: a seal of another key (or none) is not a sign of damage, but not served either. */
    private static void checkSeal(ObjectNode node, UserKey key) throws BadEntry {
        String keyId = StoredJson.text(node, "key_id");
        if (keyId == null) {
            throw new BadEntry("it is not sealed with any key (an earlier Lumen wrote it, or something else did)", true);
        }
        if (!UserKey.isId(keyId)) {
            throw new BadEntry("its key_id `" + keyId + "` is not a key id");
        }
        if (!keyId.equals(key.id())) {
            throw new BadEntry("it is sealed by another key (" + keyId + "), not yours (" + key.id() + ")", true);
        }
        String seal = StoredJson.text(node, "seal");
        String sealed = StoredJson.textOf(node, name -> !name.equals("seal"));
        if (!key.sealed(UserKey.Purpose.CACHE_ENTRY, sealed, seal)) {
            throw new BadEntry("its seal is not your key's seal of its content (the entry was changed, or forged)");
        }
    }

    private static String required(JsonNode node, String name) throws BadEntry {
        String text = StoredJson.text(node, name);
        if (text == null) {
            throw new BadEntry("it has no `" + name + "`");
        }
        return text;
    }

    private static String describe(RecordedValue.Check check, RecordedValue outputs) {
        return switch (check) {
            case MISSING_BLOB -> "the blob holding its output (" + outputs.hash() + ") is missing";
            case CORRUPT_BLOB -> "the blob holding its output (" + outputs.hash() + ") is corrupt";
            case INCONSISTENT -> "the blob holding its output does not match the recorded size and preview";
            default -> "its output does not match outputs_hash";
        };
    }
}
