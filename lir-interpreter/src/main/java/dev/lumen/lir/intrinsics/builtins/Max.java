package dev.lumen.lir.intrinsics.builtins;

public final class Max extends Extremum {
    public Max() {
        super("max", "the larger argument", false);
    }
}
