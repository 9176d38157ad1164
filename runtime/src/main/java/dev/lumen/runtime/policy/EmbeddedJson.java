package dev.lumen.runtime.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A JSON object or array held in a string, as a redaction pointer finds it (run.md §6.3a): JSON text (an
 * {@code http.post} body, a model's reply, a file's text), or base64 text of UTF-8 JSON (how a {@code Bytes}
 * value such as an HTTP response body is written in JSON). Written back the way it came, for the copy that
 * is recorded; the program keeps the original.
 *
 * @param tree   the JSON inside
 * @param base64 whether the string was base64 text of it
 */
record EmbeddedJson(JsonNode tree, boolean base64) {
    /**
     * Reads JSON one value at a time, trailing text refused. Duplicate member names are accepted (the last
     * wins, and the text is written back from the tree, so no earlier value survives); numbers keep their
     * digits; strings have no length limit, since a body is bounded by its grant.
     */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /** The object or array {@code text} holds, if it holds one. */
    static Optional<EmbeddedJson> read(String text) {
        Optional<JsonNode> json = container(text);
        if (json.isPresent()) {
            return Optional.of(new EmbeddedJson(json.get(), false));
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            String decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return container(decoded).map(tree -> new EmbeddedJson(tree, true));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty(); // not base64, or not UTF-8 text: no members to redact
        }
    }

    /** {@code changed} (this JSON with values redacted), as the string this JSON was read from is written. */
    String write(JsonNode changed) {
        try {
            String text = JSON.writeValueAsString(changed);
            return base64 ? Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) : text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that was read cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    private static Optional<JsonNode> container(String text) {
        int first = firstNonSpace(text);
        if (first < 0 || (text.charAt(first) != '{' && text.charAt(first) != '[')) {
            return Optional.empty(); // cheap refusal of what cannot hold members: base64, plain text, scalars
        }
        try {
            return Optional.of(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty(); // not JSON (or nested deeper than the reader's limit): no members
        }
    }

    private static int firstNonSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }
}
