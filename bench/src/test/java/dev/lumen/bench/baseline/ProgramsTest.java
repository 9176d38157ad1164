package dev.lumen.bench.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.runtime.json.CanonicalJson;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain-Java programs compute what the Lumen documents say they compute. */
class ProgramsTest {

    @Test
    void fibonacci() {
        assertEquals(0, Programs.fibProgram(0));
        assertEquals(1, Programs.fibProgram(1));
        assertEquals(6765, Programs.fibProgram(20));
    }

    @Test
    void loopSumsSquaresModuloSeven() {
        assertEquals(0, Programs.loop(1));
        assertEquals(14, Programs.loop(7)); // 0 1 4 2 2 4 1
        assertEquals(15, Programs.loop(9));
    }

    @Test
    void stringLengthCountsEveryDigit() {
        assertEquals(10 * "<0:0>".length(), Programs.strings(10));
        assertEquals(50 + "<10:3>".length(), Programs.strings(11));
    }

    @Test
    void recordsSumPaidEasternOrders() {
        // East orders below 12: 2 (paid, 2*7919 % 1000 = 838), 6 (unpaid), 10 (paid, 190).
        assertEquals((838 + 190) * 1000 + 2, Programs.records(12));
    }

    @Test
    void wordsFoldCountsInKeyOrder() {
        assertEquals(997, Programs.vocabulary().stream().distinct().count());
        assertEquals("kakaka", Programs.vocabulary().get(0));
        assertEquals("lolomi", Programs.vocabulary().get(211));
        // Words 0, 1 and 4: three entries of count 1.
        assertEquals(((3L * 31 + 1) * 31 + 1) * 31 + 1, Programs.words(3));
    }

    @Test
    void ticketJsonIsCanonicalJson() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (long i = 0; i < 60; i++) {
            Programs.Ticket t = Programs.ticket(i);
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("id", t.id());
            value.put("customer", t.customer());
            value.put("priority", t.priority().name());
            List<Object> lines = new ArrayList<>();
            for (Programs.Line line : t.lines()) {
                lines.add(Map.of("sku", line.sku(), "qty", line.qty()));
            }
            value.put("lines", lines);
            value.put("paid", t.paid());
            value.put("note", t.note());
            assertEquals(CanonicalJson.write(value), Programs.canonicalJson(t));
            assertEquals(CanonicalJson.hash(value), Programs.sha256(Programs.canonicalJson(t), digest));
        }
        assertEquals("{\"customer\":\"customer-0\",\"id\":0,\"lines\":[{\"qty\":1,\"sku\":\"SKU-0\"},"
                + "{\"qty\":1,\"sku\":\"SKU-0\"}],\"note\":\"call \\\"back\\\"\\nbefore 0h — ok\",\"paid\":true,"
                + "\"priority\":\"Urgent\"}", Programs.canonicalJson(Programs.ticket(0)));
    }
}
