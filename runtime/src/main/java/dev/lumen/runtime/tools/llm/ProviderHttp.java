package dev.lumen.runtime.tools.llm;

import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.http.BoundedBody;
import dev.lumen.runtime.tools.http.ProcessHttpClients;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** POSTs a JSON body to a provider endpoint, bounded in time (the whole exchange) and in reply size. */
final class ProviderHttp {
    /** The largest reply body read; a chat reply is a few KiB, so this only stops a misbehaving endpoint. */
    static final long MAX_REPLY_BYTES = 8L * 1024 * 1024;

    /**
     * @throws TimeoutException when the whole answer, body included, has not arrived within {@code timeoutMs}
     * @throws ToolFailure      when the endpoint cannot be reached or its reply is over {@link #MAX_REPLY_BYTES}
     */
    HttpAnswer post(URI endpoint, Map<String, String> headers, String json, long timeoutMs) throws TimeoutException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> pending =
                client().sendAsync(request.build(), info -> new BoundedBody(MAX_REPLY_BYTES));
        try {
            HttpResponse<byte[]> response = pending.get(timeoutMs, TimeUnit.MILLISECONDS);
            return new HttpAnswer(response.statusCode(), response.headers(),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            pending.cancel(true); // aborts the exchange and frees the connection
            throw e;
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ToolFailure("interrupted while waiting for " + endpoint);
        } catch (ExecutionException e) {
            throw new ToolFailure(unreachable(endpoint, e.getCause()));
        }
    }

    /** The client, made on first use so that runs without an LLM call start no HTTP threads. */
    private static HttpClient client() {
        // HTTP/1.1: local servers (llama.cpp, Ollama) speak it, and one request per call gains nothing from h2.
        return ProcessHttpClients.shared("llm.chat", () -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER));
    }

    private static String unreachable(URI endpoint, Throwable cause) {
        if (cause instanceof BoundedBody.TooLarge) {
            return "the reply from " + endpoint + " is larger than " + MAX_REPLY_BYTES + " bytes (8 MiB)";
        }
        return "cannot reach " + endpoint + ": " + reason(cause);
    }

    /** Why an exchange failed, in words: JDK network exceptions often carry no message of their own. */
    private static String reason(Throwable cause) {
        String message = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "the host name is not known";
            }
            if (message == null && t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message != null) {
            return message;
        }
        return cause instanceof ConnectException ? "the connection was refused" : "the connection failed";
    }
}
