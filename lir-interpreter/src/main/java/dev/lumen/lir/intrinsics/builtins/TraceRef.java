package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import java.util.List;

/** The one intrinsic with an effect: it reads the trace. */
public final class TraceRef extends IntrinsicDef {
    public TraceRef() {
        super("trace_ref", List.of("() -> TraceRef"), false, "a reference to the current trace event");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, r.traceRef());
    }
}
