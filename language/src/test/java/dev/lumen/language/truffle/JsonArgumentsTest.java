package dev.lumen.language.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/** A cell's {@code argumentsFromJson}: JSON arguments validated as validation reads JSON, constraints and all. */
class JsonArgumentsTest {
    private static final String ORDERS = """
            ```lumen
            record Line
              sku: String where length(sku) > 0
              qty: Int where qty > 0
            end

            cell total(line: Line, price: Float, note: String | Null) -> Float
              return to_float(line.qty) * price
            end
            ```
            """;

    private static Value[] arguments(Value cell, String json) {
        Value list = cell.invokeMember("argumentsFromJson", json);
        Value[] out = new Value[(int) list.getArraySize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.getArrayElement(i);
        }
        return out;
    }

    @Test
    void validArgumentsRunTheCellInParameterOrder() {
        try (Context ctx = EmbeddingTest.context()) {
            Value total = EmbeddingTest.eval(ctx, "orders.lm.md", ORDERS).getMember("total");
            Value[] args = arguments(total, "{\"price\": 2.5, \"line\": {\"sku\": \"A\", \"qty\": 4}}");
            assertEquals(3, args.length);
            assertTrue(args[2].isNull(), "a parameter whose type admits null may be left out");
            assertEquals(10.0, total.execute((Object[]) args).asDouble());
        }
    }

    @Test
    void argumentsThatDoNotValidateAreAnArgumentErrorWithFieldErrors() {
        try (Context ctx = EmbeddingTest.context()) {
            Value total = EmbeddingTest.eval(ctx, "orders.lm.md", ORDERS).getMember("total");
            PolyglotException e = assertThrows(PolyglotException.class, () -> arguments(total,
                    "{\"price\": \"2\", \"line\": {\"sku\": \"A\", \"qty\": 0}, \"extra\": 1}"));
            Value guest = e.getGuestObject();
            assertEquals("argument", guest.getMember("kind").asString());
            Value errors = guest.getMember("errors");
            assertEquals(3, errors.getArraySize(), e.getMessage());
            assertEquals("line.qty", errors.getArrayElement(0).getMember("path").asString());
            assertEquals("qty > 0", errors.getArrayElement(0).getMember("constraint").asString());
            assertEquals("price", errors.getArrayElement(1).getMember("path").asString());
            assertEquals("extra", errors.getArrayElement(2).getMember("path").asString());
            assertTrue(e.getMessage().startsWith("3 validation errors for the arguments of `total`"), e.getMessage());
        }
    }

    @Test
    void textThatIsNotAJsonObjectIsOneFieldError() {
        try (Context ctx = EmbeddingTest.context()) {
            Value total = EmbeddingTest.eval(ctx, "orders.lm.md", ORDERS).getMember("total");
            PolyglotException e = assertThrows(PolyglotException.class, () -> arguments(total, "[1]"));
            assertEquals("$", e.getGuestObject().getMember("errors").getArrayElement(0).getMember("path").asString());
        }
    }
}
