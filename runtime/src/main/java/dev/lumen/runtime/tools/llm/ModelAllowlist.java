package dev.lumen.runtime.tools.llm;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.GrantValues;
import java.util.List;
import java.util.Optional;

/**
 * The {@code model} values of a grant (tools-llm.md §3.1): each the exact name of a model, as the provider names
 * it, compared exactly with LUMEN_MODEL and sent as it is. A name with spaces or a {@code *} names no model.
 */
public final class ModelAllowlist {
    private ModelAllowlist() {
    }

    /**
     * The granted models.
     *
     * @throws PolicyViolation (clause {@code model}) when a value can name no model
     */
    static List<String> of(List<String> models) {
        for (String model : models) {
            Optional<String> wrong = wrong(model);
            if (wrong.isPresent()) {
                throw new PolicyViolation("model", "the grant model " + CanonicalJson.quote(model) + " " + wrong.get());
            }
        }
        return models;
    }

    /** Why {@code value} can name no model, with the name it probably meant; empty when it can. */
    public static Optional<GrantValues.Problem> problem(String value) {
        return wrong(value).map(wrong -> new GrantValues.Problem("the model name " + wrong, help(value)));
    }

    private static Optional<String> wrong(String value) {
        if (value.isEmpty()) {
            return Optional.of("is empty");
        }
        if (!value.equals(value.strip())) {
            return Optional.of("has spaces around it");
        }
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.of("holds a space or a control character, which no model name has");
        }
        if (value.contains("*")) {
            return Optional.of("holds `*`, but a granted model is not a pattern: it is compared exactly");
        }
        return Optional.empty();
    }

    private static String help(String value) {
        String stripped = value.strip();
        if (!stripped.equals(value) && wrong(stripped).isEmpty()) {
            return "write it without the spaces: `model " + CanonicalJson.quote(stripped) + "`";
        }
        return "grant each model by its exact name, e.g. `model \"claude-sonnet-4-20250514\"`; repeat the clause"
                + " for several";
    }
}
