package dev.lumen.runtime.store.objects;

/** An object as read: its content and the version a {@link ObjectStore#replace} of it names. */
public record StoredObject(byte[] content, String version) {
}
