package dev.lumen.bench.baseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;

/**
 * The six benchmark programs of {@code bench/programs/} written in plain Java: the same algorithms on the
 * same data, giving the same checksums, so the Lumen versions can be timed against them and checked by
 * them.
 *
 * <p>Written the way a Java programmer would, with one concession to Lumen's semantics: Lumen's Int
 * arithmetic is overflow-checked (an overflow is a runtime error), so the Int arithmetic here uses {@link
 * Math#addExact} and {@link Math#multiplyExact}, which HotSpot compiles to an add or multiply and an
 * overflow branch.
 */
public final class Programs {
    private Programs() {
    }

    /** The programs by name, in the order bench/run lists them. */
    public static final Map<String, LongUnaryOperator> ALL = Map.of(
            "fib", Programs::fibProgram,
            "loop", Programs::loop,
            "strings", Programs::strings,
            "records", Programs::records,
            "words", Programs::words,
            "hashing", Programs::hashing);

    public static final List<String> NAMES = List.of("fib", "loop", "strings", "records", "words", "hashing");

    // ------------------------------------------------------------------ fib.lm.md

    static long fib(long n) {
        if (n < 2) {
            return n;
        }
        return Math.addExact(fib(n - 1), fib(n - 2));
    }

    public static long fibProgram(long n) {
        return fib(n);
    }

    // ------------------------------------------------------------------ loop.lm.md

    public static long loop(long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum = Math.addExact(sum, Math.multiplyExact(i, i) % 7);
        }
        return sum;
    }

    // ------------------------------------------------------------------ strings.lm.md

    public static long strings(long n) {
        List<String> pieces = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            pieces.add("<" + i + ":" + i % 7 + ">");
        }
        String text = String.join("", pieces);
        return text.codePointCount(0, text.length());
    }

    // ------------------------------------------------------------------ records.lm.md

    record Order(long id, String region, long amount, boolean paid) {
    }

    static List<Order> makeOrders(long n) {
        List<String> regions = List.of("north", "south", "east", "west");
        List<Order> orders = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            orders.add(new Order(i, regions.get((int) (i % 4)), Math.multiplyExact(i, 7919) % 1000, i % 3 != 0));
        }
        return orders;
    }

    public static long records(long n) {
        List<Order> orders = makeOrders(n);
        long total = 0;
        long matched = 0;
        for (Order order : orders) {
            if (order.paid() && order.region().equals("east")) {
                total = Math.addExact(total, order.amount());
                matched = matched + 1;
            }
        }
        return Math.addExact(Math.multiplyExact(total, 1000), matched % 1000);
    }

    // ------------------------------------------------------------------ words.lm.md

    static List<String> vocabulary() {
        List<String> syllables = List.of("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa");
        List<String> words = new ArrayList<>();
        for (int k = 0; k < 997; k++) {
            words.add(syllables.get(k % 10) + syllables.get(k / 10 % 10) + syllables.get(k / 100));
        }
        return words;
    }

    public static long words(long n) {
        List<String> words = vocabulary();
        Map<String, Long> counts = new HashMap<>();
        for (long i = 0; i < n; i++) {
            String w = words.get((int) (Math.multiplyExact(i, i) % 997));
            counts.put(w, counts.getOrDefault(w, 0L) + 1);
        }
        long checksum = counts.size();
        for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
            checksum = (checksum * 31 + e.getValue()) % 1_000_000_007;
        }
        return checksum;
    }

    // ------------------------------------------------------------------ hashing.lm.md

    enum Priority { Low, Normal, Urgent }

    record Line(String sku, long qty) {
    }

    record Ticket(long id, String customer, Priority priority, List<Line> lines, boolean paid, String note) {
    }

    static Ticket ticket(long i) {
        Priority priority = Priority.Normal;
        if (i % 7 == 0) {
            priority = Priority.Urgent;
        } else if (i % 3 == 0) {
            priority = Priority.Low;
        }
        String note = null;
        if (i % 5 == 0) {
            note = "call \"back\"\nbefore " + i % 24 + "h — ok";
        }
        List<Line> lines = List.of(new Line("SKU-" + i % 1000, i % 9 + 1), new Line("SKU-" + i * 31 % 1000, 1));
        return new Ticket(i, "customer-" + i % 5000, priority, lines, i % 2 == 0, note);
    }

    /** The canonical JSON (RFC 8785) of a ticket: members in sorted order, JCS string escaping. */
    static String canonicalJson(Ticket t) {
        StringBuilder out = new StringBuilder(192);
        out.append("{\"customer\":");
        quote(t.customer(), out);
        out.append(",\"id\":").append(t.id()).append(",\"lines\":[");
        for (int k = 0; k < t.lines().size(); k++) {
            Line line = t.lines().get(k);
            out.append(k == 0 ? "{\"qty\":" : ",{\"qty\":").append(line.qty()).append(",\"sku\":");
            quote(line.sku(), out);
            out.append('}');
        }
        out.append("],\"note\":");
        if (t.note() == null) {
            out.append("null");
        } else {
            quote(t.note(), out);
        }
        out.append(",\"paid\":").append(t.paid()).append(",\"priority\":");
        quote(t.priority().name(), out);
        return out.append('}').toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** {@code "sha256:"} and the 64 lowercase hex digits of the SHA-256 of the text's UTF-8 bytes. */
    static String sha256(String text, MessageDigest digest) {
        byte[] bytes = digest.digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder(71).append("sha256:");
        for (byte b : bytes) {
            out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return out.toString();
    }

    public static long hashing(long n) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long checksum = 0;
        for (long i = 0; i < n; i++) {
            String h = sha256(canonicalJson(ticket(i)), digest);
            long firstByte = Character.digit(h.charAt(7), 16) * 16L + Character.digit(h.charAt(8), 16);
            checksum = (checksum * 31 + firstByte) % 1_000_000_007;
        }
        return checksum;
    }
}
