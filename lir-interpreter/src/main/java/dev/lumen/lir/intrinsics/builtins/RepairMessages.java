package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenRecord;
import dev.lumen.lir.values.LumenRecordType;

/**
 * {@code repair_messages}: the conversation of an `llm.chat` call followed by the model's invalid reply and the
 * repair message listing the reply's field errors — the next attempt of `on_fail retry N with_errors`, in the
 * format tools-llm.md §10 gives (one definition of that text).
 */
public final class RepairMessages extends IntrinsicDef {
    /**
     * The conversation before the value `repair(schema T, value, errors, via Chat)` sends back (tools-llm.md
     * §10.4): a request of its own, as the value did not come from a conversation the program holds.
     */
    public static final String REQUEST = "Reply with only a JSON value that matches the required schema.";

    public RepairMessages() {
        super("repair_messages", "(messages: Json, reply: String, error: ValidationError) -> Json",
                "the messages, the invalid reply and a message listing its validation errors (a repair attempt)");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, repaired(r.readBoxed(frame, c), (String) r.readBoxed(frame, c + 1),
                (LumenRecord) r.readBoxed(frame, c + 2)));
    }

    @TruffleBoundary
    private static Object repaired(Object messages, String reply, LumenRecord error) {
        LumenList conversation = messages instanceof LumenList l ? l.copy(2) : LumenList.empty();
        conversation.append(message("assistant", reply));
        conversation.append(message("user", text(error)));
        return conversation;
    }

    private static LumenMap message(String role, String content) {
        return LumenMap.ofPairs(new Object[] {"role", role, "content", content});
    }

    /** The repair message: what failed, one line per field error, and what to do (tools-llm.md §10.2). */
    public static String text(LumenRecord error) {
        LumenRecordType type = error.type();
        LumenList errors = (LumenList) error.get(type.indexOf("errors"));
        StringBuilder s = new StringBuilder("Your reply does not match the required schema: ")
                .append(errors.size()).append(errors.size() == 1 ? " error." : " errors.").append('\n');
        for (int i = 0; i < errors.size(); i++) {
            LumenRecord f = (LumenRecord) errors.get(i);
            LumenRecordType ft = f.type();
            s.append("- ").append(field(f, ft, "path")).append(": ").append(field(f, ft, "constraint"))
                    .append("; expected ").append(field(f, ft, "expected"))
                    .append("; actual ").append(field(f, ft, "actual")).append('\n');
        }
        return s.append("Reply again with only the corrected JSON value, no other text.").toString();
    }

    private static String field(LumenRecord r, LumenRecordType t, String name) {
        return (String) r.get(t.indexOf(name));
    }
}
