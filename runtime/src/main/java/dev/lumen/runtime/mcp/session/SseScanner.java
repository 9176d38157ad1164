package dev.lumen.runtime.mcp.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads along an SSE stream (the bytes pass on unchanged) for what resuming it needs: the last event id the
 * server set ({@code id:}, also on an event without data, such as a priming event), the reconnection time it
 * asked for ({@code retry:}), and whether an event has carried a JSON-RPC response, which answers the request
 * the stream was opened for. Lines end with LF, CR LF or CR, as the SSE format allows.
 */
final class SseScanner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private boolean afterCr;
    private String lastId;
    private long retryMillis = -1;
    private boolean answered;

    /** Reads {@code items} without consuming them. */
    void scan(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            ByteBuffer b = item.duplicate();
            while (b.hasRemaining()) {
                byte c = b.get();
                if (c == '\n' && afterCr) {
                    afterCr = false;
                    continue;
                }
                afterCr = c == '\r';
                if (c == '\n' || c == '\r') {
                    endLine();
                } else {
                    line.write(c);
                }
            }
        }
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 10) {
                    retryMillis = Long.parseLong(value);
                }
            }
            case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
            default -> { } // event, comments and unknown fields
        }
    }

    /** An event ends: a JSON-RPC response in its data answers the request. */
    private void dispatch() {
        if (!data.isEmpty() && !answered) {
            try {
                JsonNode message = JSON.readTree(data.toString());
                answered = message.isObject() && message.has("id") && !message.has("method")
                        && (message.has("result") || message.has("error"));
            } catch (IOException e) {
                // not JSON: the transport above reports it
            }
        }
        data.setLength(0);
    }

    /** The id of the last event the server set one on, or null. */
    String lastId() {
        return lastId;
    }

    /** The reconnection time the server last asked for, or -1 when it asked for none. */
    long retryMillis() {
        return retryMillis;
    }

    /** Whether an event has carried a JSON-RPC response. */
    boolean answered() {
        return answered;
    }
}
