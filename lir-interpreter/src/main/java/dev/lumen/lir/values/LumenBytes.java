package dev.lumen.lir.values;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.lumen.runtime.json.CanonicalJson;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/** A {@code Bytes} value: an immutable octet sequence. Interop: a read-only buffer. JSON: base64 text. */
@ExportLibrary(InteropLibrary.class)
public final class LumenBytes implements TruffleObject, CanonicalJson.Convertible {
    private final byte[] bytes;

    private LumenBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    public static LumenBytes copyOf(byte[] bytes) {
        return new LumenBytes(bytes.clone());
    }

    public int length() {
        return bytes.length;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    @TruffleBoundary
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @TruffleBoundary
    public boolean contentEquals(LumenBytes other) {
        return Arrays.equals(bytes, other.bytes);
    }

    @Override
    public Object toJson() {
        return base64();
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "Bytes(" + bytes.length + ")";
    }

    @ExportMessage
    boolean hasBufferElements() {
        return true;
    }

    @ExportMessage
    boolean isBufferWritable() {
        return false;
    }

    @ExportMessage
    long getBufferSize() {
        return bytes.length;
    }

    private void check(long offset, int length) throws InvalidBufferOffsetException {
        if (offset < 0 || offset > bytes.length - length) {
            throw InvalidBufferOffsetException.create(offset, length);
        }
    }

    @TruffleBoundary
    private ByteBuffer view(ByteOrder order) {
        return ByteBuffer.wrap(bytes).order(order);
    }

    @ExportMessage
    byte readBufferByte(long offset) throws InvalidBufferOffsetException {
        check(offset, 1);
        return bytes[(int) offset];
    }

    @ExportMessage
    @TruffleBoundary
    void readBuffer(long offset, byte[] destination, int destinationOffset, int length) throws InvalidBufferOffsetException {
        check(offset, length);
        System.arraycopy(bytes, (int) offset, destination, destinationOffset, length);
    }

    @ExportMessage
    short readBufferShort(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        check(offset, 2);
        return view(order).getShort((int) offset);
    }

    @ExportMessage
    int readBufferInt(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        check(offset, 4);
        return view(order).getInt((int) offset);
    }

    @ExportMessage
    long readBufferLong(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        check(offset, 8);
        return view(order).getLong((int) offset);
    }

    @ExportMessage
    float readBufferFloat(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        check(offset, 4);
        return view(order).getFloat((int) offset);
    }

    @ExportMessage
    double readBufferDouble(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        check(offset, 8);
        return view(order).getDouble((int) offset);
    }

    @ExportMessage
    @SuppressWarnings("unused")
    void writeBufferByte(long offset, byte value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @SuppressWarnings("unused")
    void writeBufferShort(ByteOrder order, long offset, short value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @SuppressWarnings("unused")
    void writeBufferInt(ByteOrder order, long offset, int value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @SuppressWarnings("unused")
    void writeBufferLong(ByteOrder order, long offset, long value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @SuppressWarnings("unused")
    void writeBufferFloat(ByteOrder order, long offset, float value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @SuppressWarnings("unused")
    void writeBufferDouble(ByteOrder order, long offset, double value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }
}
