package dev.lumen.language.check;

import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.Type;

/** What a match pattern tests and binds, once resolved against the matched type. */
public sealed interface PatternMeaning {

    /** `_`: matches anything. */
    record Wildcard() implements PatternMeaning {
    }

    /** A bare name that is not a variant: matches anything and binds it. */
    record Bind(Binding binding) implements PatternMeaning {
    }

    /** `Enum.Variant`, or a bare variant name of the matched enum. */
    record Variant(EnumType type, String variant, int ordinal) implements PatternMeaning {
    }

    /** A literal compared with `==`; {@code type} is the literal's type. */
    record Literal(Type type) implements PatternMeaning {
    }

    /** `ok(p)` / `err(p)`. */
    record ResultCase(boolean ok) implements PatternMeaning {
    }

    /** `name: T`: matches a value whose runtime type is {@code type}; binds it unless the name is `_`. */
    record TypeTest(Type type, Binding binding) implements PatternMeaning {
    }
}
