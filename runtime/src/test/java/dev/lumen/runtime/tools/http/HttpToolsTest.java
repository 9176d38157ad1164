package dev.lumen.runtime.tools.http;

import static dev.lumen.runtime.tools.http.LoopbackServer.redirect;
import static dev.lumen.runtime.tools.http.LoopbackServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.BuiltinTool;
import dev.lumen.runtime.tools.RunLimits;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** http.get and http.post against real servers on 127.0.0.1: what they return, and every escape they block. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpToolsTest {
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void closeServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    private LoopbackServer server() throws IOException {
        LoopbackServer server = new LoopbackServer();
        servers.add(server);
        return server;
    }

    private RawHttpServer raw(String response) throws IOException {
        RawHttpServer server = new RawHttpServer(response);
        servers.add(server);
        return server;
    }

    /** Grants from clause, value pairs; a repeated clause accumulates, as repeated grant lines do. */
    private static Grants grants(Object... clauses) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (int i = 0; i < clauses.length; i += 2) {
            out.computeIfAbsent((String) clauses[i], k -> new ArrayList<>()).add(clauses[i + 1]);
        }
        return Grants.of(out);
    }

    private static JsonNode call(String tool, Grants grants, ObjectNode input) {
        return BuiltinTool.find(tool).orElseThrow().call(new ToolRequest(tool, input, grants, new RunLimits())).output();
    }

    private static ObjectNode input(String url, Map<String, String> headers) {
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("url", url);
        if (headers != null) {
            headers.forEach(input.putObject("headers")::put);
        }
        return input;
    }

    private static JsonNode get(Grants grants, String url) {
        return call("http.get", grants, input(url, null));
    }

    private static JsonNode get(Grants grants, String url, Map<String, String> headers) {
        return call("http.get", grants, input(url, headers));
    }

    private static JsonNode post(Grants grants, String url, String body, Map<String, String> headers) {
        return call("http.post", grants, input(url, headers).put("body", body));
    }

    private static String text(JsonNode output) {
        return new String(Base64.getDecoder().decode(output.get("body").textValue()), StandardCharsets.UTF_8);
    }

    private static PolicyViolation refused(String clause, Executable call) {
        PolicyViolation refusal = assertThrows(PolicyViolation.class, call);
        assertEquals(clause, refusal.clause(), refusal.getMessage());
        return refusal;
    }

    private static ToolFailure fails(Executable call) {
        return assertThrows(ToolFailure.class, call);
    }

    private static String local(LoopbackServer server) {
        return "localhost:" + server.port();
    }

    private static String ip(LoopbackServer server) {
        return "127.0.0.1:" + server.port();
    }

    // ------------------------------------------------------------------------------------------- what works

    @Test
    void getReturnsStatusBodyAndHeadersLowerCasedJoinedAndSorted() throws IOException {
        LoopbackServer server = server().route("/hello", respond(200, "hé llo",
                "X-Multi", "a", "X-Multi", "b", "Content-Type", "text/plain; charset=utf-8"));
        JsonNode out = get(grants("domain", ip(server)), server.url("/hello"));
        assertEquals(200, out.get("status").intValue());
        assertEquals("hé llo", text(out));
        JsonNode headers = out.get("headers");
        assertEquals("a, b", headers.get("x-multi").textValue());
        assertEquals("text/plain; charset=utf-8", headers.get("content-type").textValue());
        List<String> names = new ArrayList<>();
        headers.fieldNames().forEachRemaining(names::add);
        assertEquals(names.stream().sorted().toList(), names);
        assertTrue(names.stream().allMatch(n -> n.equals(n.toLowerCase())), names.toString());
        assertEquals("GET", server.received().getFirst().method());
    }

    @Test
    void postSendsItsBodyAndHeaders() throws IOException {
        LoopbackServer server = server().route("/submit", respond(201, "made"));
        JsonNode out = post(grants("domain", ip(server)), server.url("/submit"), "{\"ñ\": 1}",
                Map.of("X-Token", "t-123", "Accept", "application/json"));
        assertEquals(201, out.get("status").intValue());
        assertEquals("made", text(out));
        LoopbackServer.Received got = server.received().getFirst();
        assertEquals("POST", got.method());
        assertEquals("{\"ñ\": 1}", got.text());
        assertEquals("t-123", got.header("x-token"));
        assertEquals("application/json", got.header("accept"));
        assertEquals(HttpTools.DEFAULT_CONTENT_TYPE, got.header("content-type"));
    }

    @Test
    void aGivenContentTypeReplacesTheDefault() throws IOException {
        LoopbackServer server = server().route("/", respond(200, ""));
        post(grants("domain", ip(server)), server.url("/"), "{}", Map.of("content-type", "application/json"));
        assertEquals("application/json", server.received().getFirst().header("content-type"));
    }

    @Test
    void aStatusThatIsNotSuccessIsAnOrdinaryOutput() throws IOException {
        LoopbackServer server = server().route("/missing", respond(404, "no such thing"))
                .route("/broken", respond(500, "oops"));
        JsonNode missing = get(grants("domain", ip(server)), server.url("/missing"));
        assertEquals(404, missing.get("status").intValue());
        assertEquals("no such thing", text(missing));
        assertEquals(500, get(grants("domain", ip(server)), server.url("/broken")).get("status").intValue());
    }

    @Test
    void redirectsWithinTheAllowlistAreFollowed() throws IOException {
        LoopbackServer server = server().route("/a", redirect(302, "b?x=1")).route("/b", redirect(301, "/c"))
                .route("/c", respond(200, "arrived"));
        JsonNode out = get(grants("domain", ip(server)), server.url("/a"));
        assertEquals(200, out.get("status").intValue());
        assertEquals("arrived", text(out));
        assertEquals(List.of("/a", "/b", "/c"), server.received().stream().map(LoopbackServer.Received::path).toList());
    }

    @Test
    void a303TurnsAPostIntoAGetWithoutItsBody() throws IOException {
        LoopbackServer server = server().route("/form", redirect(303, "/done")).route("/done", respond(200, "ok"));
        post(grants("domain", ip(server)), server.url("/form"), "payload", Map.of("X-Keep", "1"));
        LoopbackServer.Received done = server.received().get(1);
        assertEquals("GET", done.method());
        assertEquals("", done.text());
        assertNull(done.header("content-type"), "a body header goes with the body");
        assertEquals("1", done.header("x-keep"));
    }

    @Test
    void aRequestWhoseConnectionClosesUnansweredIsSentOnceMore() throws IOException {
        RawHttpServer silent = raw(""); // reads the request, closes the connection, answers nothing
        String url = "http://127.0.0.1:" + silent.port() + "/form";
        ToolFailure failure = assertThrows(ToolFailure.class,
                () -> post(grants("domain", "127.0.0.1:" + silent.port()), url, "payload", null));
        assertTrue(failure.getMessage().startsWith("the request to " + url + " failed: "), failure.getMessage());
        assertEquals(2, silent.connections(), "sent once more, and only once");
    }

    @Test
    void a301Or302TurnsAPostIntoAGetAndA307Or308KeepsIt() throws IOException {
        LoopbackServer server = server().route("/301", redirect(301, "/end")).route("/302", redirect(302, "/end"))
                .route("/307", redirect(307, "/end")).route("/308", redirect(308, "/end"))
                .route("/end", respond(200, "end"));
        Grants grants = grants("domain", ip(server));
        for (String status : List.of("301", "302", "307", "308")) {
            server.received().clear();
            post(grants, server.url("/" + status), "data-" + status, null);
            LoopbackServer.Received end = server.received().get(1);
            boolean kept = status.equals("307") || status.equals("308");
            assertEquals(kept ? "POST" : "GET", end.method(), status);
            assertEquals(kept ? "data-" + status : "", end.text(), status);
        }
    }

    @Test
    void credentialsStayWithTheirOriginAcrossARedirect() throws IOException {
        LoopbackServer server = server().route("/same", redirect(302, "/landing"))
                .route("/landing", respond(200, "here"));
        server.route("/away", redirect(302, server.url("/landing")));
        Grants grants = grants("domain", local(server), "domain", ip(server));
        Map<String, String> headers = Map.of("Authorization", "Bearer secret", "Cookie", "s=1", "X-Trace", "t");

        get(grants, "http://" + local(server) + "/same", headers);
        LoopbackServer.Received sameOrigin = server.received().get(1);
        assertEquals("Bearer secret", sameOrigin.header("authorization"));
        assertEquals("s=1", sameOrigin.header("cookie"));

        server.received().clear();
        get(grants, "http://" + local(server) + "/away", headers);
        LoopbackServer.Received otherOrigin = server.received().get(1);
        assertEquals("/landing", otherOrigin.path());
        assertNull(otherOrigin.header("authorization"), "localhost → 127.0.0.1 is another origin");
        assertNull(otherOrigin.header("cookie"));
        assertEquals("t", otherOrigin.header("x-trace"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTHORIZATION", "authorization", "cOOKIE"})
    void credentialsInAnyCaseStayWithTheirOrigin(String name) throws IOException {
        LoopbackServer server = server().route("/landing", respond(200, "here"));
        server.route("/away", redirect(302, server.url("/landing")));
        get(grants("domain", local(server), "domain", ip(server)), "http://" + local(server) + "/away",
                Map.of(name, "secret"));
        assertEquals("secret", server.received().get(0).header(name.toLowerCase()));
        assertNull(server.received().get(1).header(name.toLowerCase()), name + " goes no further than its origin");
    }

    @Test
    void bodyHeadersInAnyCaseGoWithTheBodyAndReplaceTheDefault() throws IOException {
        LoopbackServer server = server().route("/form", redirect(303, "/done")).route("/done", respond(200, "ok"));
        post(grants("domain", ip(server)), server.url("/form"), "{}", Map.of("CONTENT-TYPE", "application/json"));
        assertEquals("application/json", server.received().get(0).header("content-type"), "no second Content-Type");
        assertNull(server.received().get(1).header("content-type"));
    }

    @Test
    void aRedirectWithoutALocationIsTheOutput() throws IOException {
        LoopbackServer server = server().route("/", respond(302, "nowhere to go"));
        JsonNode out = get(grants("domain", ip(server)), server.url("/"));
        assertEquals(302, out.get("status").intValue());
        assertEquals("nowhere to go", text(out));
    }

    @Test
    void hostsAreComparedInLowerCaseWithoutATrailingDot() throws IOException {
        LoopbackServer server = server().route("/", respond(200, "ok"));
        assertEquals(200, get(grants("domain", local(server)), "http://LOCALHOST.:" + server.port() + "/")
                .get("status").intValue());
        assertEquals(200, get(grants("domain", "LocalHost.:" + server.port()), "http://localhost:" + server.port())
                .get("status").intValue());
        assertEquals(200, get(grants("domain", ip(server)), "http://127.0.0.1.:" + server.port() + "/#fragment")
                .get("status").intValue());
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() throws IOException {
        LoopbackServer server = server().route("/", respond(200, "x".repeat(100)));
        assertEquals(100, text(get(grants("domain", ip(server), "max_response_bytes", 100L), server.url("/"))).length());
    }

    @Test
    void aContentLengthBelowTheBytesSentBoundsTheBody() throws IOException {
        RawHttpServer server = raw("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n" + "y".repeat(5_000));
        JsonNode out = get(grants("domain", "127.0.0.1:" + server.port(), "max_response_bytes", 100L),
                "http://127.0.0.1:" + server.port() + "/");
        assertEquals("y".repeat(10), text(out), "the bytes after the declared length are not the body");
    }

    // ------------------------------------------------------------------------------------- what fails, and how

    @Test
    void aRefusedConnectionIsAToolFailure() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = closed.getLocalPort();
        }
        ToolFailure failure = fails(() -> get(grants("domain", "127.0.0.1:" + port), "http://127.0.0.1:" + port + "/"));
        assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused", failure.getMessage());
    }

    @Test
    void aServerThatDoesNotSpeakTlsFailsTheHandshake() throws IOException {
        RawHttpServer server = raw("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        ToolFailure failure = fails(() -> get(grants("domain", "127.0.0.1:" + server.port()),
                "https://127.0.0.1:" + server.port() + "/"));
        assertTrue(failure.getMessage().startsWith("cannot connect to 127.0.0.1:" + server.port()
                + ": the TLS handshake failed ("), failure.getMessage());
    }

    @Test
    void aResponseCutShortIsAToolFailureNotAPolicyError() throws IOException {
        RawHttpServer server = raw("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\nshort");
        ToolFailure failure = fails(() -> get(grants("domain", "127.0.0.1:" + server.port(), "max_response_bytes", 100L),
                "http://127.0.0.1:" + server.port() + "/"));
        assertTrue(failure.getMessage().startsWith("the request to http://127.0.0.1:" + server.port() + "/ failed: "),
                failure.getMessage());
    }

    @Test
    void inputsThatAreNotStringsAreToolFailures() {
        Grants grants = grants("domain", "example.com");
        assertEquals("input `url` must be a String",
                fails(() -> call("http.get", grants, JsonNodeFactory.instance.objectNode().put("url", 3))).getMessage());
        assertEquals("input `body` must be a String",
                fails(() -> call("http.post", grants, input("http://example.com/", null))).getMessage());
        ObjectNode numericHeader = input("http://example.com/", null);
        numericHeader.putObject("headers").put("X-N", 1);
        assertEquals("input `headers` must map header names to Strings, and header `X-N` is 1, not a String",
                fails(() -> call("http.get", grants, numericHeader)).getMessage());
    }

    @Test
    void aMalformedUrlIsAToolFailure() {
        Grants grants = grants("domain", "example.com");
        assertEquals("`http://exa mple.com/` is not a valid URL: `exa mple.com` is not a valid host name (contains"
                + " non-LDH ASCII characters)", fails(() -> get(grants, "http://exa mple.com/")).getMessage());
        assertEquals("`example.com/x` is not a valid URL: it does not start with a scheme (`http://` or `https://`)",
                fails(() -> get(grants, "example.com/x")).getMessage());
    }

    // --------------------------------------------------------------------------- escapes blocked: the domain

    @Test
    void noDomainClauseGrantsNoHostAndNeverConnects() throws IOException {
        LoopbackServer server = server().route("/", respond(200, "secret"));
        PolicyViolation refusal = refused("domain", () -> get(grants("timeout_ms", 1000L), server.url("/")));
        assertEquals("host " + ip(server) + " is not granted (the grant has no domain clause, so no host is)",
                refusal.getMessage());
        refused("domain", () -> post(Grants.of(Map.of()), server.url("/"), "x", null));
        assertTrue(server.received().isEmpty(), "a refused call never connects");
    }

    @Test
    void anIpLiteralIsNotTheNameThatResolvesToIt() throws IOException {
        LoopbackServer server = server().route("/", respond(200, "secret"));
        PolicyViolation refusal = refused("domain", () -> get(grants("domain", local(server)), server.url("/")));
        assertEquals("host " + ip(server) + " is not granted (domain: " + local(server) + ")", refusal.getMessage());
        refused("domain", () -> get(grants("domain", ip(server)), "http://" + local(server) + "/"));
        assertTrue(server.received().isEmpty());
    }

    @Test
    void anotherPortOfAGrantedHostIsRefused() throws IOException {
        LoopbackServer granted = server().route("/", respond(200, "fine"));
        LoopbackServer other = server().route("/", respond(200, "secret"));
        PolicyViolation refusal = refused("domain", () -> get(grants("domain", ip(granted)), other.url("/")));
        assertEquals("host " + ip(other) + " is not granted (domain: " + ip(granted) + "); port " + other.port()
                + " of 127.0.0.1 would be granted by `domain \"" + ip(other) + "\"` (a domain without a port grants"
                + " only port 80 for http)", refusal.getMessage());
        assertTrue(other.received().isEmpty());
    }

    @Test
    void aDomainWithoutAPortGrantsOnlyTheDefaultPort() throws IOException {
        LoopbackServer server = server().route("/", respond(200, "secret"));
        refused("domain", () -> get(grants("domain", "127.0.0.1"), server.url("/")));
        refused("domain", () -> get(grants("domain", "localhost"), "http://" + local(server) + "/"));
        assertTrue(server.received().isEmpty());
    }

    @Test
    void userInformationBeforeTheHostIsRefused() throws IOException {
        LoopbackServer server = server().route("/", respond(200, "secret"));
        PolicyViolation disguised = refused("domain", () -> get(grants("domain", local(server)),
                "http://" + local(server) + "@" + ip(server) + "/"));
        assertTrue(disguised.getMessage().startsWith("the URL has user information (`…@`) before its host `"
                + ip(server) + "`, which is refused"), disguised.getMessage());
        PolicyViolation credentials = refused("domain", () -> get(grants("domain", ip(server)),
                "http://user:hunter2@" + ip(server) + "/"));
        assertFalse(credentials.getMessage().contains("hunter2"), "a password is not repeated in the message");
        assertTrue(server.received().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.1/", "javascript:alert(1)", "gopher://127.0.0.1/",
            "data:text/plain,hi", "jar:http://127.0.0.1/x.jar!/", "ws://127.0.0.1/"})
    void schemesOtherThanHttpAndHttpsAreRefused(String url) {
        PolicyViolation refusal = refused("domain", () -> get(grants("domain", "127.0.0.1"), url));
        assertTrue(refusal.getMessage().startsWith("scheme `" + url.substring(0, url.indexOf(':')) + ":` is not allowed"),
                refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f.1", "127.1", "0177.0.0.1", "0x7f000001", "127.0.0.01", "127.000.0.1",
            "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"})
    void numericHostsInOtherFormsAreRefused(String host) throws IOException {
        LoopbackServer server = server().route("/", respond(200, "secret"));
        PolicyViolation refusal = refused("domain", () -> get(grants("domain", ip(server)),
                "http://" + host + ":" + server.port() + "/"));
        assertTrue(refusal.getMessage().contains("is the IPv4 address 127.0.0.1"), refusal.getMessage());
        assertTrue(server.received().isEmpty());
    }

    @Test
    void aHostEndingInANumberThatIsNoAddressIsRefused() {
        PolicyViolation refusal = refused("domain", () -> get(grants("domain", "127.0.0.1"), "http://1.2.3.4.5/"));
        assertEquals("host `1.2.3.4.5` ends in a number but is not an IPv4 address", refusal.getMessage());
    }

    @Test
    void namesAroundAGrantedHostAreNotIt() throws IOException {
        LoopbackServer server = server().route("/", respond(200, "secret"));
        Grants grants = grants("domain", local(server));
        for (String host : List.of("localhost.evil.example", "evil-localhost", "www.localhost", "localhost.localdomain")) {
            refused("domain", () -> get(grants, "http://" + host + ":" + server.port() + "/"));
        }
        fails(() -> get(grants, "http://localhost..:" + server.port() + "/"));
        refused("domain", () -> get(grants, "http://evil.example\\@localhost:" + server.port() + "/"));
        assertTrue(server.received().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "host", "HOST"})
    void aHostHeaderIsRefusedByTheDomainClause(String name) throws IOException {
        LoopbackServer server = server().route("/", respond(200, "secret"));
        refused("domain", () -> get(grants("domain", ip(server)), server.url("/"), Map.of(name, "evil.example")));
        assertTrue(server.received().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "Expect", "TE"})
    void framingHeadersCannotBeGiven(String name) throws IOException {
        LoopbackServer server = server().route("/", respond(200, "secret"));
        ToolFailure failure = fails(() -> post(grants("domain", ip(server)), server.url("/"), "x", Map.of(name, "0")));
        assertTrue(failure.getMessage().startsWith("header `" + name + "` cannot be given"), failure.getMessage());
        assertTrue(server.received().isEmpty());
    }

    @Test
    void lineBreaksInHeadersCannotInjectAnother() throws IOException {
        LoopbackServer server = server().route("/", respond(200, "secret"));
        Grants grants = grants("domain", ip(server));
        assertEquals("header `X-A` has a line break in its value (1\\r\\nHost: evil.example), which would start"
                + " another header", fails(() -> get(grants, server.url("/"),
                Map.of("X-A", "1\r\nHost: evil.example"))).getMessage());
        fails(() -> get(grants, server.url("/"), Map.of("X-A", "1\nX-B: 2")));
        assertEquals("`X-A\\r\\nHost` is not a header name (a name is letters, digits and !#$%&'*+-.^_`|~, with no"
                + " spaces or line breaks)", fails(() -> get(grants, server.url("/"), Map.of("X-A\r\nHost", "x")))
                .getMessage());
        fails(() -> get(grants, server.url("/"), Map.of("X-A", "nul\u0000")));
        fails(() -> get(grants, server.url("/"), Map.of("X A", "v")));
        assertTrue(server.received().isEmpty());
    }

    @Test
    void aHeaderGivenTwiceInDifferentCaseIsRefused() {
        ObjectNode input = input("http://example.com/", null);
        input.putObject("headers").put("Accept", "a").put("accept", "b");
        assertEquals("header `accept` is given twice (as `Accept` and `accept`)",
                fails(() -> call("http.get", grants("domain", "example.com"), input)).getMessage());
    }

    // ------------------------------------------------------------------------- escapes blocked: redirects

    @Test
    void aRedirectToAnUngrantedHostIsRefusedBeforeItIsFollowed() throws IOException {
        LoopbackServer server = server().route("/secret", respond(200, "secret"));
        server.route("/start", redirect(302, server.url("/secret")));
        PolicyViolation refusal = refused("domain", () -> get(grants("domain", local(server)),
                "http://" + local(server) + "/start"));
        assertEquals("redirect (302) from http://" + local(server) + "/start to " + server.url("/secret")
                + " is not granted: host " + ip(server) + " is not granted (domain: " + local(server) + ")",
                refusal.getMessage());
        assertEquals(List.of("/start"), server.received().stream().map(LoopbackServer.Received::path).toList());
    }

    @Test
    void aRedirectToAnotherPortIsRefused() throws IOException {
        LoopbackServer other = server().route("/", respond(200, "secret"));
        LoopbackServer server = server().route("/", redirect(307, other.url("/")));
        refused("domain", () -> get(grants("domain", ip(server)), server.url("/")));
        assertTrue(other.received().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "http://u:p@127.0.0.1:PORT/", "http://127.0.0.1:PORT@evil.example/",
            "http://2130706433:PORT/", "http://0x7f.1:PORT/", "//localhost:PORT/"})
    void aRedirectToAUrlThatIsNotGrantedIsRefused(String location) throws IOException {
        LoopbackServer server = server().route("/ok", respond(200, "secret"));
        server.route("/", redirect(302, location.replace("PORT", String.valueOf(server.port()))));
        PolicyViolation refusal = refused("domain", () -> get(grants("domain", ip(server)), server.url("/")));
        assertTrue(refusal.getMessage().startsWith("redirect (302) from " + server.url("/") + " to "), refusal.getMessage());
        assertEquals(1, server.received().size());
    }

    @Test
    void aRedirectLoopEndsAfterFiveRedirects() throws IOException {
        LoopbackServer server = server().route("/a", redirect(302, "/b")).route("/b", redirect(302, "/a"));
        ToolFailure failure = fails(() -> get(grants("domain", ip(server)), server.url("/a")));
        assertTrue(failure.getMessage().startsWith("too many redirects: more than 5 from " + server.url("/a") + " ("
                + server.url("/a") + " → " + server.url("/b") + " → "), failure.getMessage());
        assertEquals(HttpCall.MAX_REDIRECTS + 1, server.received().size());
    }

    @Test
    void aLocationThatIsNoUrlIsAToolFailure() throws IOException {
        LoopbackServer server = server().route("/", redirect(301, "/a b"));
        ToolFailure failure = fails(() -> get(grants("domain", ip(server)), server.url("/")));
        assertEquals("redirect (301) from " + server.url("/") + " to /a b cannot be followed: `" + server.url("/a b")
                + "` is not a valid URL: illegal character in path (U+0020)", failure.getMessage());
    }

    // --------------------------------------------------------------------- escapes blocked: size and time

    @Test
    void aBodyOverTheLimitWithAContentLengthIsRefused() throws IOException {
        LoopbackServer server = server().route("/", respond(200, "z".repeat(101)));
        PolicyViolation refusal = refused("max_response_bytes",
                () -> get(grants("domain", ip(server), "max_response_bytes", 100L), server.url("/")));
        assertEquals("the response body from " + server.url("/") + " is longer than max_response_bytes 100; the read"
                + " stopped there", refusal.getMessage());
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() throws IOException {
        LoopbackServer server = server().route("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(new byte[1_000]);
                }
            }
        });
        refused("max_response_bytes", () -> get(grants("domain", ip(server), "max_response_bytes", 5_000L),
                server.url("/")));
    }

    @Test
    void aBodyThatEndsWithTheConnectionIsCounted() throws IOException {
        RawHttpServer server = raw("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + "w".repeat(5_000));
        refused("max_response_bytes", () -> get(grants("domain", "127.0.0.1:" + server.port(), "max_response_bytes", 100L),
                "http://127.0.0.1:" + server.port() + "/"));
    }

    @Test
    void aSmallContentLengthBesideAChunkedBodyDoesNotLetMoreIn() throws IOException {
        String chunk = "v".repeat(5_000);
        RawHttpServer server = raw("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
        Grants grants = grants("domain", "127.0.0.1:" + server.port(), "max_response_bytes", 100L);
        String url = "http://127.0.0.1:" + server.port() + "/";
        try {
            assertTrue(text(get(grants, url)).length() <= 100, "never more than the limit");
        } catch (PolicyViolation refusal) {
            assertEquals("max_response_bytes", refusal.clause());
        }
    }

    @Test
    void withoutTheClauseTheDefaultLimitApplies() throws IOException {
        int over = (int) HttpLimits.DEFAULT_MAX_RESPONSE_BYTES + 1;
        LoopbackServer server = server().route("/", respond(200, new byte[over]));
        PolicyViolation refusal = refused("max_response_bytes", () -> get(grants("domain", ip(server)), server.url("/")));
        assertTrue(refusal.getMessage().endsWith("is longer than 10485760 bytes (the default when the grant has no"
                + " max_response_bytes); the read stopped there"), refusal.getMessage());
    }

    @Test
    void aServerSlowToAnswerIsAbandonedAtTimeoutMs() throws IOException {
        LoopbackServer server = server().route("/", exchange -> {
            Thread.sleep(5_000);
            respond(200, "late").handle(exchange);
        });
        long started = System.nanoTime();
        PolicyViolation refusal = refused("timeout_ms", () -> get(grants("domain", ip(server), "timeout_ms", 200L),
                server.url("/")));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(elapsedMs < 3_000, "abandoned after " + elapsedMs + " ms, not when the server answered");
        assertEquals("the call did not complete within timeout_ms 200, redirects and reading the body included; it was"
                + " abandoned waiting for " + server.url("/"), refusal.getMessage());
    }

    @Test
    void aBodyThatTricklesPastTimeoutMsIsAbandoned() throws IOException {
        LoopbackServer server = server().route("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write('.');
                    out.flush();
                    Thread.sleep(100);
                }
            }
        });
        long started = System.nanoTime();
        refused("timeout_ms", () -> get(grants("domain", ip(server), "timeout_ms", 300L), server.url("/")));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 3_000, "the body takes 5 s");
    }

    @Test
    void timeoutMsBoundsTheWholeCallAcrossRedirects() throws IOException {
        LoopbackServer.Handler slowRedirect = exchange -> {
            Thread.sleep(120);
            redirect(302, "/next").handle(exchange);
        };
        LoopbackServer server = server().route("/", slowRedirect).route("/next", slowRedirect);
        refused("timeout_ms", () -> get(grants("domain", ip(server), "timeout_ms", 300L), server.url("/")));
        assertTrue(server.received().size() <= 3, "each hop took 120 ms of the 300: " + server.received().size());
    }

    @Test
    void limitsThatAreNotPositiveAreRefused() {
        refused("timeout_ms", () -> get(grants("domain", "example.com", "timeout_ms", 0L), "http://example.com/"));
        refused("max_response_bytes", () -> get(grants("domain", "example.com", "max_response_bytes", -1L),
                "http://example.com/"));
    }
}
