package dev.lumen.lir.intrinsics;

/**
 * Typing rules of an intrinsic beyond what its {@link Signature} says, which the checker applies (lumen-v1.md
 * §11). Each is written once in the checker; an intrinsic opts in.
 */
public enum Typing {
    /**
     * A conversion: an argument of none of the parameter's types is reported with the conversion in mind (one
     * that already has the result type: "remove the conversion"), and the call keeps its result type.
     */
    CONVERSION,
    /** A first argument that needs context ({@code []}) takes the call's expected type. */
    FIRST_FROM_EXPECTED,
    /**
     * A first argument that needs context takes the call's expected type when that is a list, and otherwise
     * the list of the second argument's type ({@code append([], "x")} is a {@code list[String]}).
     */
    LIST_FROM_ITEM,
    /** The argument of the parameter named {@code pattern} is a regular expression, checked when it is a literal. */
    REGEX,
}
