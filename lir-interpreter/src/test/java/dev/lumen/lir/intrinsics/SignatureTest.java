package dev.lumen.lir.intrinsics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureTest {

    @Test
    void readsAndPrintsTheDocumentedNotation() {
        for (String form : List.of("(value: String | Bytes | list[T] | map[String, T]) -> Int", "() -> TraceRef",
                "(schema T, value: String | Json) -> result[T, ValidationError]",
                "(map: map[String, T], key: String, default: T) -> T")) {
            assertEquals("f" + form, Signature.parse("f", form).toString());
        }
        assertEquals("count(list: list[T], item: T) -> Int, or count(text: String, part: String) -> Int",
                Signature.parse("count", "(list: list[T], item: T) -> Int", "(text: String, part: String) -> Int")
                        .toString());
    }

    @Test
    void correlatedChoicesSayTheyAreTheSameType() {
        assertEquals("min(a: Int | Float, b: Int | Float) -> Int | Float (both the same type)",
                Signature.parse("min", "(a: Int | Float, b: Int | Float) -> Int | Float").toString());
        assertEquals("abs(value: Int | Float) -> Int | Float",
                Signature.parse("abs", "(value: Int | Float) -> Int | Float").toString());
    }

    @Test
    void givesTheStructureTheCheckerReads() {
        Signature s = Signature.parse("slice", "(value: String | list[T], start: Int, end: Int) -> String | list[T]");
        Signature.Form f = s.forms().get(0);
        assertEquals(3, s.arity());
        assertEquals(List.of(new TypeTerm.Named("String"), new TypeTerm.ListOf(new TypeTerm.Variable("T"))),
                f.params().get(0).choices());
        assertTrue(f.params().get(0).dependsOnFirst());
        assertFalse(f.params().get(1).dependsOnFirst());
        assertEquals(new TypeTerm.ListOf(new TypeTerm.Variable("T")), f.result(1));
        assertTrue(Signature.parse("validate", "(schema T, value: String | Json) -> T").forms().get(0).params().get(0)
                .schema());
    }

    @Test
    void rejectsWhatTheFirstArgumentCannotDecide() {
        assertRejected("unknown type `Integer`", "(value: Integer) -> Int");
        assertRejected("type variable of `U` is not in the first parameter", "(value: T) -> U");
        assertRejected("must choose among as many types", "(a: Int | Float, b: Int | Float | String) -> Int");
        assertRejected("the result must choose among as many types", "(a: Int | Float) -> Int | Float | String");
        assertRejected("expected `->`", "(a: Int)");
        assertRejected("expected `]`", "(a: list[Int) -> Int");
        assertRejected("unexpected text", "(a: Int) -> Int;");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Signature.parse("f", "(a: Int) -> Int", "(a: Int, b: Int) -> Int"));
        assertTrue(e.getMessage().contains("every form takes the same number of arguments"), e.getMessage());
    }

    private static void assertRejected(String why, String form) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signature.parse("f", form));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
