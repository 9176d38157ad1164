package dev.lumen.runtime.tools.llm;

import java.util.Map;
import java.util.Optional;

/**
 * The environment variables that configure {@code llm.chat} (provider, endpoints, keys, LUMEN_MODEL), read
 * through a map so that tests do not depend on the process environment.
 */
record Environment(Map<String, String> variables) {

    Environment {
        variables = Map.copyOf(variables);
    }

    /** The variable's value; a variable set to blanks counts as unset, as shells often export empty ones. */
    Optional<String> value(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    @Override
    public String toString() {
        return "Environment" + variables.keySet(); // names only: the values include API keys
    }
}
