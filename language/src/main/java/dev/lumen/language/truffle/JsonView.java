package dev.lumen.language.truffle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.lumen.lir.values.LumenNull;

/**
 * A JSON value as a host reads it through interop (tool-manifest-v1.md §8.3): an object has readable members,
 * an array has elements, and strings, numbers (an integer that fits a {@code long} as one, others as a
 * {@code double}), booleans and null are themselves. Read-only: it is what a tool call's input was, and the
 * trace records exactly that.
 */
@ExportLibrary(InteropLibrary.class)
final class JsonView implements TruffleObject {
    private final JsonNode node;

    private JsonView(JsonNode node) {
        this.node = node;
    }

    /** {@code node} as an interop value. */
    @TruffleBoundary
    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LumenNull.INSTANCE;
        }
        if (node.isObject() || node.isArray()) {
            return new JsonView(node);
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        return node.asText();
    }

    @ExportMessage
    boolean hasMembers() {
        return node.isObject();
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) throws UnsupportedMessageException {
        if (!node.isObject()) {
            throw UnsupportedMessageException.create();
        }
        ArrayNode names = JsonNodeFactory.instance.arrayNode();
        node.fieldNames().forEachRemaining(names::add);
        return new JsonView(names);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return node.isObject() && node.has(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        if (!isMemberReadable(member)) {
            throw UnknownIdentifierException.create(member);
        }
        return of(node.get(member));
    }

    @ExportMessage
    boolean hasArrayElements() {
        return node.isArray();
    }

    @ExportMessage
    long getArraySize() throws UnsupportedMessageException {
        if (!node.isArray()) {
            throw UnsupportedMessageException.create();
        }
        return node.size();
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return node.isArray() && index >= 0 && index < node.size();
    }

    @ExportMessage
    @TruffleBoundary
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return of(node.get((int) index));
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return node.toString();
    }
}
