package com.example.quotes;

import dev.lumen.embed.HostTools;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * Evaluates quote.lm.md, calls its cells with Java records, offers the exchange rate it imports as a tool of
 * the application's own, and reads a validation failure's field errors.
 *
 * <pre>java [JVM options of docs/embedding.md] -cp 'target/lib/*:target/classes' com.example.quotes.Main DOCUMENT STORE</pre>
 */
public final class Main {
    /** Lumen's records are read from Java records by their accessors: the names are the fields' names. */
    public record Line(String sku, long quantity, double unit_price) {
    }

    public record Quote(String customer, String currency, List<Line> lines) {
    }

    static final String FX_RATE = """
            {"tool_id": "fx.rate", "version": "1.0.0", "effect": "pure",
             "description": "The exchange rate between two currencies, from the application's own table.",
             "input_schema": {"type": "record", "fields": {"from": {"type": "String"}, "to": {"type": "String"}}},
             "output_schema": {"type": "record", "fields": {"rate": {"type": "Float"}}}}
            """;

    static final Map<String, Double> PER_EURO = Map.of("EUR", 1.0, "USD", 1.08, "GBP", 0.85);

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        File document = new File(args[0]);
        String store = args[1];
        AtomicInteger rateCalls = new AtomicInteger();
        try (Context context = Context.newBuilder("lumen")
                .allowHostAccess(HostAccess.ALL) // Lumen reads the records' accessors
                .allowPolyglotAccess(PolyglotAccess.ALL) // host tools are offered as polyglot bindings
                .option("lumen.Store", store) // traces, blobs and the tool cache
                .build()) {
            System.out.println("engine: " + context.getEngine().getImplementationName());
            HostTools.define(context, FX_RATE, input -> {
                rateCalls.incrementAndGet();
                double rate = PER_EURO.get((String) input.get("to")) / PER_EURO.get((String) input.get("from"));
                return Map.of("rate", rate);
            });
            Value quotes = context.eval(Source.newBuilder("lumen", document).build());
            System.out.println("cells: " + quotes.getMemberKeys());

            Quote quote = new Quote("ACME Tooling", "EUR",
                    List.of(new Line("WR-42", 3, 42.50), new Line("HB-07", 10, 7.90)));
            System.out.printf("subtotal: %.2f EUR%n", quotes.invokeMember("subtotal", quote).asDouble());

            // A record comes back as a polyglot object: read a member, or take it as a Map.
            Value total = quotes.invokeMember("total_in", quote, "USD");
            System.out.printf("total: %.2f %s over %d lines%n", total.getMember("amount").asDouble(),
                    total.getMember("currency").asString(), total.getMember("lines").asLong());
            @SuppressWarnings("unchecked")
            Map<String, Object> asMap = total.as(Map.class);
            System.out.println("as a map: " + asMap.keySet());

            // fx.rate is pure: the same call is answered from the store's cache, not by the function again.
            quotes.invokeMember("total_in", quote, "USD");
            System.out.println("fx.rate answered by the application: " + rateCalls.get() + " time(s)");

            // A document's `expect schema` that fails raises its ValidationError, with its field errors.
            try {
                quotes.invokeMember("parse_quote", """
                        {"customer": "ACME", "currency": "CHF",
                         "lines": [{"sku": "WR-42", "quantity": 0, "unit_price": 42.5}]}""");
            } catch (PolyglotException e) {
                SourceSection at = e.getSourceLocation();
                System.out.println("validation failed at " + at.getSource().getName() + ":" + at.getStartLine()
                        + ":" + at.getStartColumn());
                Value errors = e.getGuestObject().getMember("errors");
                for (long i = 0; i < errors.getArraySize(); i++) {
                    Value error = errors.getArrayElement(i);
                    System.out.println("  " + error.getMember("path").asString() + ": "
                            + error.getMember("message").asString());
                }
            }

            // An argument that does not fit the cell's parameter is refused before the cell runs.
            try {
                quotes.invokeMember("subtotal", Map.of("customer", "ACME"));
            } catch (PolyglotException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }
}
