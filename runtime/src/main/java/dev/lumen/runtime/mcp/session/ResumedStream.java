package dev.lumen.runtime.mcp.session;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The body of a POST answered with an SSE stream, as the SDK's transport reads it: the stream the server sent
 * and, when it ends (or breaks) before carrying the answer to the request, the streams that resume it — a GET
 * of the endpoint with {@code Last-Event-ID}, sent once the reconnection time the server asked for
 * ({@code retry}) has passed (mcp-bridge-v1.md §3.2). The transport sees one stream, and the answer in it.
 * A stream that cannot be resumed (no event id, a refused GET, three resumptions in a row that bring no new
 * event) ends, and {@code lost} says why, so that the request fails at once rather than at its timeout.
 */
final class ResumedStream<T> implements HttpResponse.BodySubscriber<T> {
    /** The reconnection time when the server asks for none. */
    static final long DEFAULT_RETRY_MILLIS = 1_000;
    /** Resumptions in a row that may bring no new event before the stream is given up. */
    private static final int FRUITLESS_RESUMPTIONS = 3;
    /** Headers of the POST that a resuming GET does not carry (it has no body, and asks for events only). */
    private static final Set<String> NOT_RESENT = caseless(Set.of("content-type", "content-length", "accept",
            "last-event-id"));

    private final HttpClient http;
    private final HttpRequest post;
    private final HttpResponse.BodySubscriber<T> downstream;
    private final Consumer<String> lost;
    private final SseScanner scanner = new SseScanner();
    /** What the downstream has asked for and not yet been given. */
    private final AtomicLong demand = new AtomicLong();
    private volatile Flow.Subscription upstream;
    private volatile boolean cancelled;
    /** Whether the downstream has been completed: later signals of an upstream are ignored. */
    private volatile boolean done;
    private boolean resumed;
    private int fruitless;
    private String idAtResumption;

    ResumedStream(HttpClient http, HttpRequest post, HttpResponse.BodySubscriber<T> downstream, Consumer<String> lost) {
        this.http = http;
        this.post = post;
        this.downstream = downstream;
        this.lost = lost;
    }

    @Override
    public CompletionStage<T> getBody() {
        return downstream.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        downstream.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n > 0) {
                    demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                }
                upstream.request(n);
            }

            @Override
            public void cancel() {
                cancelled = true;
                upstream.cancel();
            }
        });
    }

    /** A resuming stream takes over from the one that ended, with the demand still outstanding. */
    private void resubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        if (cancelled) {
            subscription.cancel();
            return;
        }
        long outstanding = demand.get();
        if (outstanding > 0) {
            subscription.request(outstanding);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        scanner.scan(items);
        demand.accumulateAndGet(1, (a, b) -> a == Long.MAX_VALUE ? a : a - b);
        downstream.onNext(items);
        if (resumed && scanner.answered() && !done) {
            // the answer has come on the resumed stream, which the server may keep open: this stream is done
            done = true;
            upstream.cancel();
            downstream.onComplete();
        }
    }

    @Override
    public void onComplete() {
        ended(null);
    }

    @Override
    public void onError(Throwable failure) {
        ended(failure);
    }

    /** The stream read now ended, normally ({@code failure} null) or not. */
    private void ended(Throwable failure) {
        if (done) {
            return;
        }
        if (cancelled || scanner.answered()) {
            finish(failure);
            return;
        }
        if (scanner.lastId() == null) {
            lost.accept("the server ended the event stream of a request before answering it, and gave no event id"
                    + " to resume it from");
            finish(failure);
            return;
        }
        if (resumed && scanner.lastId().equals(idAtResumption) && ++fruitless >= FRUITLESS_RESUMPTIONS) {
            lost.accept("the server ended the event stream of a request " + (FRUITLESS_RESUMPTIONS + 1)
                    + " times without answering it");
            finish(failure);
            return;
        }
        if (!scanner.lastId().equals(idAtResumption)) {
            fruitless = 0;
        }
        idAtResumption = scanner.lastId();
        long retry = scanner.retryMillis() >= 0 ? scanner.retryMillis() : DEFAULT_RETRY_MILLIS;
        CompletableFuture.runAsync(this::resume, CompletableFuture.delayedExecutor(retry, TimeUnit.MILLISECONDS));
    }

    private void finish(Throwable failure) {
        if (done) {
            return;
        }
        done = true;
        if (failure == null) {
            downstream.onComplete();
        } else {
            downstream.onError(failure);
        }
    }

    /** GETs the endpoint with {@code Last-Event-ID}, and reads on in the answer. */
    private void resume() {
        if (cancelled) {
            return;
        }
        resumed = true;
        HttpRequest.Builder get = HttpRequest.newBuilder(post.uri()).GET()
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", idAtResumption);
        post.timeout().ifPresent(get::timeout);
        post.headers().map().forEach((name, values) -> {
            if (!NOT_RESENT.contains(name)) {
                values.forEach(v -> get.header(name, v));
            }
        });
        http.sendAsync(get.build(), info -> {
            if (info.statusCode() / 100 == 2 && ResumingHttpClient.isEventStream(info)) {
                return new Continuation();
            }
            lost.accept("the server ended the event stream of a request before answering it, and refused to"
                    + " resume it (HTTP " + info.statusCode() + " to a GET with Last-Event-ID)");
            finish(null);
            return HttpResponse.BodySubscribers.discarding();
        }).whenComplete((response, failure) -> {
            if (failure != null) {
                lost.accept("the server ended the event stream of a request before answering it, and resuming it"
                        + " failed: " + (failure.getMessage() == null ? failure : failure.getMessage()));
                finish(null);
            }
        });
    }

    private static Set<String> caseless(Set<String> names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(names);
        return set;
    }

    /** A resuming stream's body, read on as the first stream's. */
    private final class Continuation implements HttpResponse.BodySubscriber<Void> {
        private final CompletableFuture<Void> body = new CompletableFuture<>();

        @Override
        public CompletionStage<Void> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            resubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            ResumedStream.this.onNext(items);
        }

        @Override
        public void onError(Throwable failure) {
            body.complete(null);
            ended(failure instanceof IOException ? failure : new IOException(failure));
        }

        @Override
        public void onComplete() {
            body.complete(null);
            ended(null);
        }
    }
}
