package dev.lumen.runtime.tools.llm;

import static dev.lumen.runtime.tools.llm.Chats.grants;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ToolFailure;
import java.net.URI;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ChatSettingsTest {
    private static final Environment NONE = new Environment(Map.of());

    private static Environment lumenModel(String model) {
        return new Environment(Map.of("LUMEN_MODEL", model));
    }

    @Test
    void withoutAModelClauseNothingIsGranted() {
        PolicyViolation v = assertThrows(PolicyViolation.class, () -> ChatSettings.from(grants("max_tokens", 10L), NONE));
        assertEquals("model", v.clause());
        assertEquals("no model is granted: the grant needs a `model \"…\"` clause", v.getMessage());
        assertThrows(PolicyViolation.class, () -> ChatSettings.from(grants(), lumenModel("gpt-4o")),
                "LUMEN_MODEL does not stand in for a grant");
    }

    @Test
    void theFirstGrantedModelIsSentUnlessLumenModelPicksAnotherGrantedOne() {
        Grants two = grants("model", "gpt-4o-mini", "model", "llama3.2");
        assertEquals("gpt-4o-mini", ChatSettings.from(two, NONE).model());
        assertEquals("llama3.2", ChatSettings.from(two, lumenModel("llama3.2")).model());
        PolicyViolation v = assertThrows(PolicyViolation.class, () -> ChatSettings.from(two, lumenModel("gpt-5")));
        assertEquals("model", v.clause());
        assertEquals("model `gpt-5` (from LUMEN_MODEL) is not granted (model: gpt-4o-mini, llama3.2)", v.getMessage());
    }

    @Test
    void limitsComeFromTheGrantOrTheDefaults() {
        ChatSettings defaults = ChatSettings.from(grants("model", "m"), NONE);
        assertEquals(new ChatSettings("m", 1024, OptionalDouble.empty(), 120_000, false, true), defaults,
                "structured output is on without the clause");
        ChatSettings granted = ChatSettings.from(grants("model", "m", "max_tokens", 2000L, "temperature", 0.7,
                "timeout_ms", 5000L), NONE);
        assertEquals(2000, granted.maxTokens());
        assertEquals(0.7, granted.temperature().getAsDouble());
        assertEquals(5000, granted.timeoutMs());
        assertTrue(granted.timeoutGranted());
        assertFalse(ChatSettings.from(grants("model", "m", "structured", false), NONE).structured());
        assertFalse(defaults.timeoutGranted());
    }

    @Test
    void runningOutOfTimeIsAPolicyViolationOnlyUnderAGrantedLimit() {
        URI endpoint = URI.create("http://127.0.0.1:11434/v1/chat/completions");
        RuntimeException granted = ChatSettings.from(grants("model", "m", "timeout_ms", 250L), NONE).noReplyInTime(endpoint);
        assertEquals("timeout_ms", assertInstanceOf(PolicyViolation.class, granted).clause());
        assertEquals("no reply from " + endpoint + " within 250 ms (timeout_ms 250)", granted.getMessage());
        RuntimeException byDefault = ChatSettings.from(grants("model", "m"), NONE).noReplyInTime(endpoint);
        assertInstanceOf(ToolFailure.class, byDefault);
        assertEquals("no reply from " + endpoint + " within 120000 ms (the default limit; grant timeout_ms to change it)",
                byDefault.getMessage());
    }

    @Test
    void limitsTheCompilerWouldRefuseAreRefusedHereToo() {
        PolicyViolation tokens = assertThrows(PolicyViolation.class,
                () -> ChatSettings.from(grants("model", "m", "max_tokens", 0L), NONE));
        assertEquals("max_tokens", tokens.clause());
        assertEquals("max_tokens must be greater than 0, it is 0", tokens.getMessage());
        PolicyViolation temperature = assertThrows(PolicyViolation.class,
                () -> ChatSettings.from(grants("model", "m", "temperature", -0.5), NONE));
        assertEquals("temperature must be at least 0.0, it is -0.5", temperature.getMessage());
        assertEquals("timeout_ms", assertThrows(PolicyViolation.class,
                () -> ChatSettings.from(grants("model", "m", "timeout_ms", -1L), NONE)).clause());
    }

    @Test
    void aGrantedModelNameThatNamesNoModelRefusesEveryCall() {
        for (String[] c : new String[][] {
                {" gpt-4o-mini", "has spaces around it", "write it without the spaces: `model \"gpt-4o-mini\"`"},
                {"claude sonnet", "holds a space or a control character, which no model name has", null},
                {"claude-*", "holds `*`, but a granted model is not a pattern: it is compared exactly", null}}) {
            PolicyViolation v = assertThrows(PolicyViolation.class,
                    () -> ChatSettings.from(grants("model", "m", "model", c[0]), NONE));
            assertEquals("model", v.clause());
            assertEquals("the grant model \"" + c[0] + "\" " + c[1], v.getMessage());
            var problem = ModelAllowlist.problem(c[0]).orElseThrow();
            assertEquals("the model name " + c[1], problem.problem());
            assertEquals(c[2] != null ? c[2] : "grant each model by its exact name, e.g. `model \"claude-sonnet-4-20250514\"`;"
                    + " repeat the clause for several", problem.help());
        }
        for (String fine : new String[] {"gpt-4o-mini", "openai/gpt-4o", "llama3.2:latest", "claude-sonnet-4-20250514"}) {
            assertEquals(java.util.Optional.empty(), ModelAllowlist.problem(fine), fine);
        }
    }
}
