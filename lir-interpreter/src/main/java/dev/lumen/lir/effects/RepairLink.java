package dev.lumen.lir.effects;

import dev.lumen.lir.intrinsics.builtins.RepairMessages;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenRecord;

/**
 * Which failed validation a model call repairs (trace-v1.md §4.2, `repairs`): the run's latest failed
 * validation, when the call's messages end with the reply that failed it and the repair message of its errors
 * (tools-llm.md §10.1). Recognized from the call's inputs alone, so a replay and a cached re-run link the same
 * events.
 */
final class RepairLink {
    private long seq;
    private String reply;
    private String repair;

    /** A validation, the event {@code seq}, found {@code input} invalid with {@code error} (a ValidationError). */
    void failed(long seq, Object input, Object error) {
        if (input instanceof String text && error instanceof LumenRecord record) {
            this.seq = seq;
            this.reply = text;
            this.repair = RepairMessages.text(record);
        }
    }

    /** The seq of the validation a call with {@code arguments} repairs, or 0 when it repairs none. */
    long repairedBy(LumenMap arguments) {
        if (reply == null || !(arguments.get("messages") instanceof LumenList messages) || messages.size() < 2) {
            return 0;
        }
        return is(messages.get(messages.size() - 2), "assistant", reply)
                && is(messages.get(messages.size() - 1), "user", repair) ? seq : 0;
    }

    private static boolean is(Object message, String role, String content) {
        return message instanceof LumenMap m && role.equals(m.get("role")) && content.equals(m.get("content"));
    }
}
