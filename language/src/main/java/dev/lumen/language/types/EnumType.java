package dev.lumen.language.types;

import java.util.List;

/** A user-declared enum: nominal, variants in declaration order (no payloads in v1). */
public final class EnumType implements Type {
    private final String name;
    private final List<String> variants;

    public EnumType(String name, List<String> variants) {
        this.name = name;
        this.variants = List.copyOf(variants);
    }

    public String name() {
        return name;
    }

    public List<String> variants() {
        return variants;
    }

    public boolean hasVariant(String variant) {
        return variants.contains(variant);
    }

    /** The variant's index in declaration order, or -1. */
    public int ordinal(String variant) {
        return variants.indexOf(variant);
    }

    @Override
    public String toString() {
        return name;
    }
}
