package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A Debug Adapter Protocol client over TCP, as an editor (VS Code) talks to a debug adapter: requests numbered
 * by {@code seq}, answered by a response with {@code request_seq}, and events, each message a JSON body after a
 * {@code Content-Length} header.
 */
final class DapClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final OutputStream out;
    private final ProtocolInbox inbox = new ProtocolInbox(message -> message.path("event").asText());
    private int seq;

    private DapClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        Thread.ofVirtual().start(() -> read(in));
    }

    /** Connects to the adapter on the loopback {@code port}, which it may not listen on yet. */
    static DapClient connect(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DebuggedRun.PATIENCE.toNanos();
        while (true) {
            try {
                return new DapClient(new Socket(InetAddress.getLoopbackAddress(), port));
            } catch (ConnectException e) {
                assertTrue(System.nanoTime() < deadline, "nothing listens on port " + port);
                Thread.sleep(50);
            }
        }
    }

    /** Sends {@code command} with {@code arguments} (name, value, ...); returns the body of a successful response. */
    JsonNode request(String command, Object... arguments) throws IOException, InterruptedException {
        ObjectNode message = JSON.createObjectNode().put("seq", ++seq).put("type", "request").put("command", command);
        ObjectNode body = message.putObject("arguments");
        for (int i = 0; i < arguments.length; i += 2) {
            body.set((String) arguments[i], JSON.valueToTree(arguments[i + 1]));
        }
        CompletableFuture<JsonNode> answer = inbox.expect(seq);
        byte[] bytes = JSON.writeValueAsBytes(message);
        synchronized (out) {
            out.write(("Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }
        JsonNode response = ProtocolInbox.await(answer, command);
        if (!response.path("success").asBoolean()) {
            fail(command + " failed: " + response);
        }
        return response.path("body");
    }

    /** The body of the next event {@code event} whose body satisfies {@code test}; other events are passed over. */
    JsonNode awaitEvent(String event, Predicate<JsonNode> test) throws InterruptedException {
        return inbox.awaitEvent(event, message -> test.test(message.path("body"))).path("body");
    }

    private void read(InputStream in) {
        try {
            while (true) {
                int length = -1;
                for (String header = line(in); !header.isEmpty(); header = line(in)) {
                    if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(header.substring("content-length:".length()).strip());
                    }
                }
                JsonNode message = JSON.readTree(in.readNBytes(length));
                boolean response = message.path("type").asText().equals("response");
                inbox.received(message, response ? message.path("request_seq").asInt() : -1);
            }
        } catch (IOException | RuntimeException e) {
            // the adapter closed the connection (the run ended) or said something unreadable: nothing more comes
        }
    }

    /** A header line, without its CR LF; throws at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("end of stream");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
