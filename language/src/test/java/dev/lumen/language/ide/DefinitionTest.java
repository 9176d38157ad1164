package dev.lumen.language.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Go to definition, one test per kind of symbol: `|` is the cursor, «…» the definition it should reach. */
class DefinitionTest {

    private static void definition(String code) {
        Marked m = Marked.wrap(code);
        Optional<?> expected = m.marks().isEmpty() ? Optional.empty() : Optional.of(m.marks().getFirst());
        assertEquals(expected, m.analysis().definition(m.cursor()));
    }

    @Test
    void cellFromACall() {
        definition("""
                cell «double»(x: Int) -> Int
                  return x * 2
                end

                cell run() -> Int
                  return dou|ble(3)
                end
                """);
    }

    @Test
    void recordFromATypeAndFromALiteral() {
        definition("""
                record «Point»
                  x: Int
                end

                cell origin() -> Po|int
                  return Point { x: 0 }
                end
                """);
        definition("""
                record «Point»
                  x: Int
                end

                cell origin() -> Point
                  return Poi|nt { x: 0 }
                end
                """);
    }

    @Test
    void fieldFromAnAccessALiteralAndAConstraint() {
        String access = """
                record Point
                  «x»: Int where x >= 0
                end

                cell left(p: Point) -> Int
                  return p.|x
                end
                """;
        definition(access);
        definition("""
                record Point
                  «x»: Int
                end

                cell origin() -> Point
                  return Point { |x: 0 }
                end
                """);
        definition("""
                record Point
                  «x»: Int where |x >= 0
                end
                """);
    }

    @Test
    void enumAndVariantFromAnAccessAndFromPatterns() {
        definition("""
                enum «Level»
                  Low
                  High
                end

                cell pick() -> Level
                  return Le|vel.High
                end
                """);
        definition("""
                enum Level
                  Low
                  «High»
                end

                cell pick() -> Level
                  return Level.Hi|gh
                end
                """);
        definition("""
                enum Level
                  «Low»
                  High
                end

                cell score(l: Level) -> Int
                  match l
                    Lo|w -> return 1
                    Level.High -> return 2
                  end
                end
                """);
        definition("""
                enum Level
                  Low
                  «High»
                end

                cell score(l: Level) -> Int
                  match l
                    Low -> return 1
                    Level.Hi|gh -> return 2
                  end
                end
                """);
    }

    @Test
    void letParameterAndNamedArgument() {
        definition("""
                cell run(«count»: Int) -> Int
                  let doubled = co|unt * 2
                  return doubled
                end
                """);
        definition("""
                cell run(count: Int) -> Int
                  let «doubled» = count * 2
                  return doub|led
                end
                """);
        definition("""
                cell scale(«factor»: Int) -> Int
                  return factor
                end

                cell run() -> Int
                  return scale(fac|tor: 2)
                end
                """);
    }

    @Test
    void forAndMatchBindings() {
        definition("""
                cell total(items: list[Int]) -> Int
                  let mut sum = 0
                  for «item» in items
                    sum = sum + it|em
                  end
                  return sum
                end
                """);
        definition("""
                cell first(r: result[Int, String]) -> Int
                  match r
                    ok(«value») -> return val|ue
                    err(e) -> return 0
                  end
                end
                """);
    }

    @Test
    void innerBindingHidesOuter() {
        definition("""
                cell run(flag: Bool) -> Int
                  let x = 1
                  if flag
                    let «x» = 2
                    return |x
                  end
                  return x
                end
                """);
    }

    @Test
    void toolAliasFromACallAndAGrant() {
        definition("""
                use tool json.parse as «Parse»
                grant Pa|rse

                cell run(text: String) -> Json
                  return Parse(text: text)
                end
                """);
        definition("""
                use tool json.parse as «Parse»
                grant Parse

                cell run(text: String) -> Json
                  return Par|se(text: text)
                end
                """);
    }

    @Test
    void builtinsHaveNoDefinition() {
        definition("""
                cell run(text: String) -> Int
                  return len|gth(text)
                end
                """);
        definition("""
                cell run(text: Str|ing) -> Int
                  return length(text)
                end
                """);
    }

    @Test
    void nothingOutsideCodeOrPastTheEnd() {
        Marked m = Marked.of("# Title |here\n\n```lumen\ncell run() -> Int\n  return 1\nend\n```\n");
        assertEquals(Optional.empty(), m.analysis().definition(m.cursor()));
        assertEquals(Optional.empty(), m.analysis().definition(10_000));
        assertEquals(Optional.empty(), m.analysis().definition(-5));
    }
}
