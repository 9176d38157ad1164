package dev.lumen.runtime.tools;

import dev.lumen.runtime.tools.fs.PathAllowlist;
import dev.lumen.runtime.tools.http.DomainAllowlist;
import dev.lumen.runtime.tools.llm.ModelAllowlist;
import java.util.Optional;

/**
 * The grammar of the allowlist clauses' values ({@code domain}, {@code path}, {@code model}), written once: the
 * runtime refuses every call of a grant holding a value that can never allow one, and the compiler reports that
 * value (lumen-v1.md §12.9), both through the allowlists' own parsers.
 */
public final class GrantValues {
    private GrantValues() {
    }

    /** Why a value can never allow a call ({@code problem}), and how to write what it probably meant. */
    public record Problem(String problem, String help) {
    }

    /** What is wrong with {@code value} as a value of {@code clause}; empty when it is a value of it (or has no grammar). */
    public static Optional<Problem> problem(Capability clause, String value) {
        return switch (clause) {
            case DOMAIN -> DomainAllowlist.problem(value);
            case PATH -> PathAllowlist.problem(value);
            case MODEL -> ModelAllowlist.problem(value);
            default -> Optional.empty();
        };
    }
}
