package dev.lumen.lir.intrinsics;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.errors.LumenRuntimeError;
import dev.lumen.lir.values.LumenRecordType;
import dev.lumen.lir.values.LumenType;

/**
 * What an intrinsic's implementation sees of the cell that calls it: its registers by number, each with a
 * static type, and the few services of the cell's program some intrinsics need. The interpreter's bytecode node
 * implements it. When a cell is compiled that node, the register numbers and their types are constants, so
 * these calls are direct and each read or write is one frame slot access of the register's kind.
 *
 * <p>{@code read*} and {@code write*} box and unbox as the register's slot requires: {@link #readLong} reads an
 * Int register or an Int held by a union register, {@link #writeDouble} into a union register boxes.
 */
public interface Registers {

    /** The static type of register {@code r}. */
    LumenType type(int r);

    Object readBoxed(VirtualFrame frame, int r);

    long readLong(VirtualFrame frame, int r);

    double readDouble(VirtualFrame frame, int r);

    boolean readBool(VirtualFrame frame, int r);

    void writeBoxed(VirtualFrame frame, int r, Object value);

    void writeLong(VirtualFrame frame, int r, long value);

    void writeDouble(VirtualFrame frame, int r, double value);

    void writeBool(VirtualFrame frame, int r, boolean value);

    /** A runtime error located at instruction {@code pc}, created behind a boundary, to throw from compiled code. */
    LumenRuntimeError error(int pc, String message);

    /** The program's built-in record type of that name ({@code Patch}, {@code TraceRef}); a boundary. */
    LumenRecordType builtinRecord(String name);

    /** {@code trace_ref()}: the effect, through the program's effects; a boundary. */
    Object traceRef();

    /**
     * A JSON tree read back as a value of {@code type} by the rules of validation (without `where`
     * constraints), or a runtime error that starts with {@code failure}; a boundary.
     */
    Object fromJson(Object tree, LumenType type, String failure);
}
