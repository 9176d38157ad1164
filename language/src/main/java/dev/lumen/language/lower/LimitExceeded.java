package dev.lumen.language.lower;

import dev.lumen.language.source.Span;

/** A cell does not fit LIR's encoding: thrown where lowering finds out, reported as a diagnostic. */
final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    enum Kind {
        /** More than 256 registers (E0034). */
        REGISTERS,
        /** A jump over more than 32,767 instructions (E0035). */
        JUMP,
        /** A table index beyond what EXTRAARG can widen (E0035). */
        TABLE
    }

    final Kind kind;
    final transient Span at;

    LimitExceeded(Kind kind, Span at) {
        super(kind.name(), null, false, false);
        this.kind = kind;
        this.at = at;
    }
}
