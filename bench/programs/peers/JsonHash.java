import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

public class JsonHash {
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
        String note = i % 5 == 0 ? "call \"back\"\nbefore " + i % 24 + "h — ok" : null;
        List<Line> lines = List.of(new Line("SKU-" + i % 1000, i % 9 + 1), new Line("SKU-" + i * 31 % 1000, 1));
        return new Ticket(i, "customer-" + i % 5000, priority, lines, i % 2 == 0, note);
    }

    /** The canonical JSON (RFC 8785) of a ticket: members in sorted order, JCS string escaping. */
    static String canonicalJson(Ticket t) {
        StringBuilder out = new StringBuilder(192).append("{\"customer\":");
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
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    public static void main(String[] args) throws Exception {
        long n = Long.parseLong(args[0]);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long checksum = 0;
        for (long i = 0; i < n; i++) {
            byte[] h = digest.digest(canonicalJson(ticket(i)).getBytes(StandardCharsets.UTF_8));
            checksum = (checksum * 31 + (h[0] & 0xFF)) % 1_000_000_007;
        }
        System.out.println(checksum);
    }
}
