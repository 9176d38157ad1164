package dev.lumen.lir.format;

/** An entry of a cell's constant table. */
public sealed interface Constant {

    record IntConst(long value) implements Constant {
    }

    record FloatConst(double value) implements Constant {
    }

    record StringConst(String value) implements Constant {
    }

    /** A variant of an enum: the enum's index in the module's type table and the variant's ordinal. */
    record EnumConst(int type, int ordinal) implements Constant {
    }
}
