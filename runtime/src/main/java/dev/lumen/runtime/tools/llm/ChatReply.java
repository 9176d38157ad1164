package dev.lumen.runtime.tools.llm;

import java.util.List;
import java.util.Optional;

/**
 * A provider's answer to a chat, read from its reply body before {@code llm.chat} judges it: the tokens are
 * counted even when the text turns out to be missing or a refusal.
 *
 * @param text          the reply text; empty when the model gave none; for a refusal, what the model said
 * @param refused       whether the model declined to answer (a refusal or a {@code refusal} stop reason)
 * @param id            the provider's id for the response, or null when it gave none
 * @param model         the model that answered, as the provider names it, or null when it did not say
 * @param finishReasons why the generation stopped ({@code stop}, {@code length}, {@code end_turn}, …)
 * @param tokens        the tokens the call used, when the reply reports them
 */
record ChatReply(String text, boolean refused, String id, String model, List<String> finishReasons,
        Optional<TokenUsage> tokens) {

    ChatReply {
        finishReasons = List.copyOf(finishReasons);
    }

    /** Tokens read (the prompt, cached or not) and written (the reply) by one call. */
    record TokenUsage(long input, long output) {
        long total() {
            return input + output;
        }
    }
}
