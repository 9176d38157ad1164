package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.intrinsics.Typing;

/** {@code append}: the front end lowers it to the APPEND instruction, so it has no LIR id. */
public final class Append extends IntrinsicDef {
    public Append() {
        super("append", "(list: list[T], item: T) -> list[T]", "a new list with the item at the end",
                Typing.LIST_FROM_ITEM);
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        throw CompilerDirectives.shouldNotReachHere("append is the APPEND instruction");
    }
}
