package dev.lumen.runtime.mcp.session;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client under the SDK's Streamable HTTP transport: the JDK's, except that the SSE stream answering a
 * POST resumes when it ends before it has answered ({@link ResumedStream}). The SDK's own resumption reconnects at
 * once, without the event id of a priming event and regardless of {@code retry}; this one follows the
 * specification (revision 2025-11-25, SEP-1699, and 2025-03-26's resumability).
 */
final class ResumingHttpClient extends HttpClient {
    private final HttpClient http;
    private final Consumer<String> lost;

    private ResumingHttpClient(HttpClient http, Consumer<String> lost) {
        this.http = http;
        this.lost = lost;
    }

    /**
     * A builder for the SDK's transport ({@code clientBuilder}), of a client speaking HTTP/1.1 as the SDK's own;
     * {@code lost} is told why when a stream that should have answered a request cannot be resumed, and
     * {@code built} is given each client built, for the session to stop when it ends.
     */
    static HttpClient.Builder builder(Consumer<String> lost, Consumer<HttpClient> built) {
        return new Builder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1), lost, built);
    }

    static boolean isEventStream(HttpResponse.ResponseInfo info) {
        return info.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT)
                .contains("text/event-stream");
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        if (!"POST".equals(request.method())) {
            return http.sendAsync(request, handler);
        }
        return http.sendAsync(request, info -> info.statusCode() / 100 == 2 && isEventStream(info)
                ? new ResumedStream<>(http, request, handler.apply(info), lost)
                : handler.apply(info));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return http.sendAsync(request, handler, pushPromiseHandler);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return http.send(request, handler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return http.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return http.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return http.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return http.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return http.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return http.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return http.authenticator();
    }

    @Override
    public Version version() {
        return http.version();
    }

    @Override
    public Optional<Executor> executor() {
        return http.executor();
    }

    @Override
    public void shutdown() {
        http.shutdown();
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        return http.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        return http.isTerminated();
    }

    @Override
    public void shutdownNow() {
        http.shutdownNow();
    }

    @Override
    public void close() {
        http.close();
    }

    /** The JDK's builder, building a resuming client. */
    private record Builder(HttpClient.Builder jdk, Consumer<String> lost, Consumer<HttpClient> built)
            implements HttpClient.Builder {
        @Override
        public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
            jdk.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            jdk.connectTimeout(duration);
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext sslContext) {
            jdk.sslContext(sslContext);
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
            jdk.sslParameters(sslParameters);
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            jdk.executor(executor);
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(Redirect policy) {
            jdk.followRedirects(policy);
            return this;
        }

        @Override
        public HttpClient.Builder version(Version version) {
            jdk.version(version);
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            jdk.priority(priority);
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector proxySelector) {
            jdk.proxy(proxySelector);
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            jdk.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient.Builder localAddress(InetAddress localAddr) {
            jdk.localAddress(localAddr);
            return this;
        }

        @Override
        public HttpClient build() {
            HttpClient client = new ResumingHttpClient(jdk.build(), lost);
            built.accept(client);
            return client;
        }
    }
}
