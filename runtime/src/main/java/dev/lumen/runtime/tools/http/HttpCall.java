package dev.lumen.runtime.tools.http;

import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ToolFailure;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One call of {@code http.get} or {@code http.post}: the request and the redirects Lumen follows itself, each hop
 * checked against the allowlist, the whole call within one deadline (tools-http.md §4, §6).
 */
final class HttpCall {
    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /** Statuses after which a POST is repeated as a GET without its body, as browsers do. */
    private static final Set<Integer> TO_GET = Set.of(301, 302, 303);

    /**
     * Shared by every call: it follows no redirects (each hop is checked here), uses no proxy (the host connected
     * to is the host checked), and keeps no cookies or credentials between calls.
     */
    private static HttpClient client() {
        return ProcessHttpClients.shared("http.get, http.post", () -> HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1));
    }

    private final DomainAllowlist allowlist;
    private final HttpLimits limits;

    HttpCall(DomainAllowlist allowlist, HttpLimits limits) {
        this.allowlist = allowlist;
        this.limits = limits;
    }

    /**
     * The final response to {@code method target}: the first that is not a redirect with a Location.
     *
     * @param body the request body, or null for none
     * @throws PolicyViolation for a target or redirect off the allowlist, a body over the limit, the deadline
     * @throws ToolFailure     when the exchange fails or the redirects do not end
     */
    HttpResponse<byte[]> send(String method, Target target, byte[] body, RequestHeaders headers) {
        allowlist.refusal(target).ifPresent(why -> {
            throw new PolicyViolation("domain", why);
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.timeoutMs());
        List<String> hops = new ArrayList<>(List.of(target.toString()));
        while (true) {
            HttpResponse<byte[]> response = exchange(method, target, body, headers, deadline, false);
            Optional<String> location = response.headers().firstValue("location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            if (hops.size() > MAX_REDIRECTS) {
                throw new ToolFailure("too many redirects: more than " + MAX_REDIRECTS + " from " + hops.getFirst()
                        + " (" + String.join(" → ", hops) + " → " + Target.shown(location.get()) + ")");
            }
            Target next = redirect(target, location.get(), response.statusCode());
            boolean toGet = method.equals("POST") && TO_GET.contains(response.statusCode());
            headers = headers.forRedirect(!target.sameOrigin(next), toGet);
            if (toGet) {
                method = "GET";
                body = null;
            }
            target = next;
            hops.add(target.toString());
        }
    }

    /** The target a redirect points to, when the grant allows it. */
    private Target redirect(Target from, String location, int status) {
        String what = "redirect (" + status + ") from " + from + " to " + Target.shown(location);
        Target next;
        try {
            next = from.resolve(location);
        } catch (PolicyViolation e) {
            throw new PolicyViolation(e.clause(), what + " is not granted: " + e.getMessage());
        } catch (ToolFailure e) {
            throw new ToolFailure(what + " cannot be followed: " + e.getMessage());
        }
        allowlist.refusal(next).ifPresent(why -> {
            throw new PolicyViolation("domain", what + " is not granted: " + why);
        });
        return next;
    }

    private HttpResponse<byte[]> exchange(String method, Target target, byte[] body, RequestHeaders headers,
            long deadline, boolean resent) {
        if (deadline - System.nanoTime() <= 0) {
            throw timedOut(target);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri())
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        headers.addTo(request);
        CompletableFuture<HttpResponse<byte[]>> response =
                client().sendAsync(request.build(), info -> new BoundedBody(limits.maxResponseBytes()));
        try {
            // Measured after sendAsync, which can take a while in a cold JVM: the deadline is the bound.
            return response.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw timedOut(target);
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new ToolFailure("the request to " + target + " was interrupted");
        } catch (ExecutionException e) {
            if (!resent && closedBeforeAnswering(e.getCause())) { // tools-http.md §9
                return exchange(method, target, body, headers, deadline, true);
            }
            throw TransportErrors.of(e.getCause(), target, limits);
        }
    }

    /**
     * Whether the connection closed before any byte of the response: how the JDK client reports a kept-alive
     * connection the server had dropped (it resends only GETs itself).
     */
    private static boolean closedBeforeAnswering(Throwable cause) {
        return cause instanceof java.io.IOException && cause.getMessage() != null
                && cause.getMessage().contains("header parser received no bytes");
    }

    private PolicyViolation timedOut(Target waitingFor) {
        return new PolicyViolation("timeout_ms", "the call did not complete within " + limits.timeout()
                + ", redirects and reading the body included; it was abandoned waiting for " + waitingFor);
    }
}
