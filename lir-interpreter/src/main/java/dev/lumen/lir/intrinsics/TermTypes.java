package dev.lumen.lir.intrinsics;

/**
 * How a type system builds and takes apart the types {@link TypeTerm}s stand for: the checker's types and the
 * verifier's LIR types each implement it once, and {@link TypeTerm#instantiate} and {@link TypeTerm#match} do the
 * rest.
 */
public interface TermTypes<T> {

    /** One of {@link TypeTerm#NAMES}. */
    T named(String name);

    T listOf(T element);

    T mapOf(T value);

    T resultOf(T ok, T err);

    /** The element type if {@code t} is a list type, else null. */
    T elementOf(T t);

    /** The value type if {@code t} is a map type, else null. */
    T valueOf(T t);

    /** The ok type if {@code t} is a result type, else null. */
    T okOf(T t);

    /** The err type if {@code t} is a result type, else null. */
    T errOf(T t);

    /** What a type variable nothing bound stands for. */
    T unbound();
}
