package dev.lumen.language.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.source.Span;
import dev.lumen.lir.format.LirType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The register allocator: lowest free register of the requested type, windows, binding lifetimes. */
class RegistersTest {
    private static final LirType INT = LirType.Primitive.INT;
    private static final LirType STRING = LirType.Primitive.STRING;
    private static final LirType BOOL = LirType.Primitive.BOOL;

    private static Registers registers() {
        return new Registers(() -> new LimitExceeded(LimitExceeded.Kind.REGISTERS, Span.NONE));
    }

    @Test
    void temporariesAreReusedStackFashion() {
        Registers r = registers();
        int a = r.alloc(INT);
        int b = r.alloc(INT);
        assertEquals(List.of(0, 1), List.of(a, b));
        r.release(b);
        assertEquals(1, r.alloc(INT));
        r.release(a);
        assertEquals(0, r.alloc(INT));
        assertEquals(List.of(INT, INT), r.table());
    }

    @Test
    void aRegisterKeepsItsTypeForTheWholeCell() {
        Registers r = registers();
        int i = r.alloc(INT);
        r.release(i);
        assertEquals(1, r.alloc(STRING));
        assertEquals(0, r.alloc(INT));
        assertEquals(List.of(INT, STRING), r.table());
    }

    @Test
    void windowsAreConsecutiveRegistersOfTheirSlotTypes() {
        Registers r = registers();
        int s = r.alloc(STRING);
        int i = r.alloc(INT);
        r.release(s);
        r.release(i);
        // [Int, String] cannot start at 0 (a String register) but fits at 1, growing the table by one.
        assertEquals(1, r.window(List.of(INT, STRING)));
        // [String, Int] would fit at 0 but register 1 is taken now, so it goes to the end.
        assertEquals(3, r.window(List.of(STRING, INT)));
        assertEquals(List.of(STRING, INT, STRING, STRING, INT), r.table());
    }

    @Test
    void reserveAfterBuildsAWindowBehindItsHeadWhenItCan() {
        Registers r = registers();
        int head = r.alloc(STRING);
        assertTrue(r.reserveAfter(head, List.of(INT, INT)));
        r.releaseWindow(head + 1, 2);
        int blocker = r.alloc(INT);
        assertEquals(1, blocker);
        assertFalse(r.reserveAfter(head, List.of(INT, INT)));
    }

    @Test
    void bindingsAreNotFreedByRelease() {
        Registers r = registers();
        int x = r.alloc(INT);
        r.bind(x);
        r.release(x);
        assertEquals(1, r.alloc(INT));
        r.unbind(x);
        assertEquals(0, r.alloc(INT));
    }

    @Test
    void the257thRegisterOverflows() {
        Registers r = registers();
        for (int i = 0; i < Registers.LIMIT; i++) {
            r.alloc(i % 2 == 0 ? INT : BOOL);
        }
        LimitExceeded e = assertThrows(LimitExceeded.class, () -> r.alloc(INT));
        assertEquals(LimitExceeded.Kind.REGISTERS, e.kind);
        assertEquals(Registers.LIMIT, r.table().size());
    }
}
