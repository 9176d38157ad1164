package dev.lumen.language.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Find references, definition included: «…» marks every span expected, `|` the cursor. */
class ReferencesTest {

    private static void references(String code) {
        Marked m = Marked.wrap(code);
        assertEquals(m.marks(), m.analysis().references(m.cursor(), true));
    }

    @Test
    void cellDefinitionAndCalls() {
        references("""
                cell «twice»(x: Int) -> Int
                  return x * 2
                end

                cell run() -> Int
                  return «twi|ce»(«twice»(1))
                end
                """);
    }

    @Test
    void toolAliasInCallsAndAfterVia() {
        references("""
                record Invoice
                  id: String
                end

                use tool llm.chat as «Chat»
                grant «Chat» model "claude-sonnet-4-20250514" max_tokens 500

                cell fix(text: String, e: ValidationError) -> result[Invoice, ValidationError]
                  let reply = «Chat»(role user: text)
                  return repair(schema Invoice, reply, e, via «Ch|at»)
                end
                """);
    }

    @Test
    void recordInTypesLiteralsAndOtherRecords() {
        references("""
                record «Item»
                  name: String
                end

                record Order
                  items: list[«Item»]
                end

                cell one(name: String) -> «It|em»
                  return «Item» { name: name }
                end
                """);
    }

    @Test
    void fieldInDeclarationConstraintLiteralAndAccess() {
        references("""
                record Item
                  «count»: Int where «count» > 0
                end

                cell make() -> Int
                  let item = Item { «count»: 2 }
                  return item.«cou|nt»
                end
                """);
    }

    @Test
    void variantsThroughTheEnumAndInPatterns() {
        references("""
                enum Level
                  «Low»
                  High
                end

                cell score(l: Level) -> Int
                  match l
                    «Low» -> return 1
                    High -> return 2
                  end
                end

                cell pick() -> Level
                  return Level.«L|ow»
                end
                """);
    }

    @Test
    void enumInTypesAndValues() {
        references("""
                enum «Level»
                  Low
                end

                cell pick(l: «Level») -> «Level»
                  return «Le|vel».Low
                end
                """);
    }

    @Test
    void parameterIncludesNamedArgumentsAtCallSites() {
        references("""
                cell scale(«factor»: Int) -> Int
                  return «fac|tor» * 2
                end

                cell run() -> Int
                  return scale(«factor»: 3)
                end
                """);
    }

    @Test
    void letStopsAtAnInnerBindingOfTheSameName() {
        references("""
                cell run(flag: Bool) -> Int
                  let mut «x» = 1
                  if flag
                    let x = 2
                    return x
                  end
                  «x» = «x» + 1
                  return «|x»
                end
                """);
    }

    @Test
    void loopAndPatternBindings() {
        references("""
                cell total(items: list[Int]) -> Int
                  let mut sum = 0
                  for «n» in items
                    sum = sum + «|n» * «n»
                  end
                  return sum
                end
                """);
        references("""
                cell size(v: Int | String) -> Int
                  match v
                    «s»: String -> return length(«|s»)
                    n: Int -> return n
                  end
                end
                """.replace("Int | String", "Json"));
    }

    @Test
    void toolAliasInItsGrantAndCalls() {
        references("""
                use tool json.parse as «Parse»
                grant «Parse»

                cell run(text: String) -> Json
                  return «Pa|rse»(text: text)
                end
                """);
    }

    @Test
    void builtinFunctionUsesWithoutADefinition() {
        references("""
                cell run(a: String, b: String) -> Int
                  return «len|gth»(a) + «length»(b)
                end
                """);
    }

    @Test
    void withoutTheDefinition() {
        Marked m = Marked.wrap("""
                cell twice(x: Int) -> Int
                  return x * 2
                end

                cell run() -> Int
                  return «tw|ice»(1)
                end
                """);
        assertEquals(m.marks(), m.analysis().references(m.cursor(), false));
        assertEquals(List.of(), m.analysis().references(m.analysis().text().length() + 100, true));
    }
}
