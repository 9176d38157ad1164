package dev.lumen.launcher.serve;

import java.util.List;
import java.util.Map;

/** How one call of a served cell ended, as plain data read off the polyglot context (mcp-serve.md §4). */
public sealed interface CallOutcome {

    /** The cell returned {@code value}: its JSON form as plain Java data (maps, lists, strings, numbers, null). */
    record Returned(Object value) implements CallOutcome {
    }

    /**
     * The call stopped: arguments that did not validate ({@code argument}), a Lumen error of the run (run.md §4:
     * {@code runtime}, {@code halt}, {@code tool}, {@code policy}, …), or the server's own failure.
     *
     * @param kind     the error's kind
     * @param message  its message
     * @param location {@code FILE:LINE:COLUMN} of the failing statement, or null
     * @param errors   the field errors of a failed validation, each a FieldError as a map; empty for others
     * @param attempts every attempt's field errors, for a returned ValidationError; empty for others
     */
    record Failed(String kind, String message, String location, List<Map<String, Object>> errors,
            List<List<Map<String, Object>>> attempts) implements CallOutcome {
        public Failed {
            errors = List.copyOf(errors);
            attempts = List.copyOf(attempts);
        }

        public Failed(String kind, String message, String location, List<Map<String, Object>> errors) {
            this(kind, message, location, errors, List.of());
        }
    }
}
