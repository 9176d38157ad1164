package dev.lumen.lir.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Typing;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The registry's lines agree with the definitions they hold, and the LIR ids with lir-v1.md §5. */
class IntrinsicRegistryTest {

    @Test
    void eachLineIsNamedAfterItsIntrinsic() {
        for (Intrinsic in : Intrinsic.values()) {
            assertEquals(in.name(), in.def().name().toUpperCase(Locale.ROOT), "the registry line of " + in.def().name());
            assertSame(in, Intrinsic.named(in.def().name()));
            assertSame(in.def(), Intrinsic.definition(in.def().name()));
        }
        assertNull(Intrinsic.named("lenght"));
    }

    @Test
    void idsAreZeroToCountEachOnce() {
        for (int id = 0; id < Intrinsic.count(); id++) {
            assertEquals(id, Intrinsic.of(id).id());
        }
        assertNull(Intrinsic.of(Intrinsic.count()));
        assertNull(Intrinsic.of(Intrinsic.NO_ID));
        // the instructions the front end lowers them to carry no intrinsic id
        List<String> withoutId = Intrinsic.definitions().stream()
                .filter(d -> Intrinsic.named(d.name()).id() == Intrinsic.NO_ID).map(IntrinsicDef::name).toList();
        assertEquals(List.of("validate", "append"), withoutId);
    }

    @Test
    void onlyTraceRefHasAnEffect() {
        List<String> impure = Intrinsic.definitions().stream().filter(d -> !d.pure()).map(IntrinsicDef::name).toList();
        assertEquals(List.of("trace_ref"), impure);
    }

    @Test
    void aRegexRuleNamesItsPatternParameter() {
        for (IntrinsicDef d : Intrinsic.definitions()) {
            if (d.typing(Typing.REGEX)) {
                assertTrue(d.forms().stream().allMatch(f -> f.params().stream().anyMatch(p -> p.name().equals("pattern"))),
                        d.name() + " is checked as a regex but has no parameter `pattern`");
            }
        }
    }

    @Test
    void everyIntrinsicHasADocLine() {
        for (IntrinsicDef d : Intrinsic.definitions()) {
            assertTrue(!d.doc().isBlank() && !d.doc().contains("\n"), d.name());
        }
    }
}
