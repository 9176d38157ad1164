package dev.lumen.launcher;

import static dev.lumen.launcher.InvoiceAgentExampleTest.child;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token budget across the model calls of a `@parallel` block (lumen-v1.md §8.11.2): each call is checked
 * against the tokens spent before the block, whichever call ends first, and the block's tokens count after it.
 */
class ParallelBudgetTest {
    @TempDir
    Path dir;

    @Test
    void theCallsOfABlockAreCheckedAgainstTheTokensSpentBeforeItAndTheNextCallIsRefused() throws Exception {
        Path doc = dir.resolve("budget.lm.md");
        Files.writeString(doc, """
                @lumen 1
                @cache off

                ```lumen
                use tool llm.chat as Chat
                grant Chat model "claude-sonnet-4-20250514" max_tokens 100 token_budget 60

                cell run() -> String
                  @parallel
                  let a = Chat(role user: "a")
                  let b = Chat(role user: "b")
                  let c = Chat(role user: "c")
                  @end
                  let d = Chat(role user: "d")
                  return a + b + c + d
                end
                ```
                """);
        try (LoopbackAnthropic model = new LoopbackAnthropic()) {
            for (int round = 0; round < 3; round++) {
                int asked = model.requests().size();
                EmitCommandTest.Run run = child(model.environment(), "run", doc.toString(), "--color=never");
                assertEquals(ExitCodes.ERRORS, run.status(), run.err());
                // 52 tokens a call: one after the other, the second would be refused already
                assertEquals(asked + 3, model.requests().size(), "round " + round + ": " + run.err());
                assertTrue(run.err().contains("has used 156 tokens in this run, its token_budget is 60"), run.err());
                assertTrue(run.err().contains("budget.lm.md:14:"), "refused at `let d`: " + run.err());
            }
        }
    }
}
