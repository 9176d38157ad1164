package dev.lumen.bench;

import com.google.gson.Gson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * LSP's framing by hand ({@code Content-Length} headers around JSON), for timing a server from outside with
 * nothing of lsp4j's in the way.
 */
final class LspWire {
    private static final Gson GSON = new Gson();
    private LspWire() {
    }

    static void send(OutputStream out, String json) throws IOException {
        byte[] content = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
    }

    /** The next message's JSON text, or null at the end of the stream. */
    static String read(InputStream in) throws IOException {
        int length = -1;
        while (true) {
            String header = line(in);
            if (header == null) {
                return null;
            }
            if (header.isEmpty()) {
                break;
            }
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        byte[] content = in.readNBytes(length);
        return content.length < length ? null : new String(content, StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0;) {
            if (c == '\n') {
                String s = line.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(c);
        }
        return null;
    }

    /** A JSON string literal of {@code s}. */
    static String quote(String s) {
        return GSON.toJson(s);
    }
}
