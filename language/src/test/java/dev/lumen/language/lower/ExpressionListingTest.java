package dev.lumen.language.lower;

import static dev.lumen.language.lower.Lowered.assertCode;

import dev.lumen.lir.format.LirModule;
import org.junit.jupiter.api.Test;

/**
 * The exact instructions emitted for expressions, in the style of Lua's code-generation tests. Each line is
 * an instruction as the disassembler shows it: opcode, operands (A B C, or A Bx / A sBx), and a comment
 * resolving constants, fields, callees and jump targets.
 */
class ExpressionListingTest {

    @Test
    void smallIntsAreImmediatesLargeOnesAndFloatsAreConstants() {
        assertCode("""
                cell f() -> list[Int]
                  return [0, 32767, -32768, 32768, -40000, 5000000000]
                end
                """, "f",
                "LOADINT 1 0",
                "LOADINT 2 32767",
                "LOADINT 3 -32768",
                "LOADK 4 0 ; 32768",
                "LOADK 5 1 ; -40000",
                "LOADK 6 2 ; 5000000000",
                "NEWLIST 0 6",
                "RETURN 0");
        assertCode("""
                cell f() -> list[Float]
                  return [1.5, -2.0, 1.5]
                end
                """, "f",
                "LOADK 1 0 ; 1.5",
                "LOADK 2 1 ; -2.0",
                "LOADK 3 0 ; 1.5",
                "NEWLIST 0 3",
                "RETURN 0");
    }

    @Test
    void boolNullAndStringLiterals() {
        assertCode("""
                cell f() -> list[Bool]
                  return [true, false]
                end

                cell g() -> String | Null
                  return null
                end

                cell h() -> String
                  return "plain"
                end
                """, "f",
                "LOADBOOL 1 1 ; true",
                "LOADBOOL 2 0 ; false",
                "NEWLIST 0 2",
                "RETURN 0");
        assertCode("""
                cell g() -> String | Null
                  return null
                end
                """, "g",
                "LOADNULL 0",
                "RETURN 0");
        assertCode("""
                cell h() -> String
                  return "plain"
                end
                """, "h",
                "LOADK 0 0 ; \"plain\"",
                "RETURN 0");
    }

    @Test
    void arithmeticReadsLocalsInPlace() {
        assertCode("""
                cell f(a: Int, b: Int) -> Int
                  return (a + b) * (a - b) / 2 % 7
                end
                """, "f",
                "ADD 5 0 1",
                "SUB 6 0 1",
                "MUL 4 5 6",
                "LOADINT 5 2",
                "DIV 3 4 5",
                "LOADINT 4 7",
                "MOD 2 3 4",
                "RETURN 2");
    }

    @Test
    void unaryMinusAndNot() {
        assertCode("""
                cell f(a: Float, b: Bool) -> Bool
                  let c = -a
                  return not b
                end
                """, "f",
                "NEG 2 0",
                "NOT 3 1",
                "RETURN 3");
    }

    @Test
    void greaterThanSwapsTheOperandsOfLessThan() {
        assertCode("""
                cell f(a: Int, b: Int) -> list[Bool]
                  return [a == b, a != b, a < b, a <= b, a > b, a >= b]
                end
                """, "f",
                "EQ 3 0 1",
                "NE 4 0 1",
                "LT 5 0 1",
                "LE 6 0 1",
                "LT 7 1 0",
                "LE 8 1 0",
                "NEWLIST 2 6",
                "RETURN 2");
    }

    @Test
    void membership() {
        assertCode("""
                cell f(s: String, xs: list[String]) -> Bool
                  return s in xs
                end
                """, "f",
                "IN 2 0 1",
                "RETURN 2");
    }

    @Test
    void andOrAsValuesShortCircuitIntoTheirResult() {
        assertCode("""
                cell f(a: Bool, b: Bool, c: Bool) -> Bool
                  return a and b or c
                end
                """, "f",
                "MOVE 3 0",
                "JMPIFNOT 3 1 ; to 3",
                "MOVE 3 1",
                "JMPIF 3 1 ; to 5",
                "MOVE 3 2",
                "RETURN 3");
    }

    @Test
    void interpolationConcatsAWindowOfPieces() {
        assertCode("""
                cell f(name: String, n: Int) -> String
                  return "Hello {name}, you have {n} messages"
                end
                """, "f",
                "LOADK 3 0 ; \"Hello \"",
                "MOVE 4 0",
                "LOADK 5 1 ; \", you have \"",
                "MOVE 6 1",
                "LOADK 7 2 ; \" messages\"",
                "CONCAT 2 3 5",
                "RETURN 2");
    }

    @Test
    void stringAdditionFlattensIntoOneConcatAndFoldsAdjacentText() {
        assertCode("""
                cell f(a: String, b: String) -> String
                  return a + "-" + "{b}!" + "?"
                end
                """, "f",
                "MOVE 3 0",
                "LOADK 4 0 ; \"-\"",
                "MOVE 5 1",
                "LOADK 6 1 ; \"!?\"",
                "CONCAT 2 3 4",
                "RETURN 2");
        assertCode("""
                cell f() -> String
                  return "a" + "b"
                end
                """, "f",
                "LOADK 0 0 ; \"ab\"",
                "RETURN 0");
    }

    @Test
    void twoStringsAreJoinedWithAdd() {
        assertCode("""
                cell f(a: String, b: String) -> list[String]
                  return [a + b, "{a}{b}", a + "!"]
                end
                """, "f",
                "ADD 3 0 1",
                "ADD 4 0 1",
                "LOADK 6 0 ; \"!\"",
                "ADD 5 0 6",
                "NEWLIST 2 3",
                "RETURN 2");
    }

    @Test
    void listConcatenationIsAdd() {
        assertCode("""
                cell f(a: list[Int], b: list[Int]) -> list[Int]
                  return a + b
                end
                """, "f",
                "ADD 2 0 1",
                "RETURN 2");
    }

    @Test
    void mapLiteralsInterleaveKeysAndValues() {
        assertCode("""
                cell f(x: Int) -> map[String, Int]
                  return {"a": 1, "b": x}
                end
                """, "f",
                "LOADK 2 0 ; \"a\"",
                "LOADINT 3 1",
                "LOADK 4 1 ; \"b\"",
                "MOVE 5 0",
                "NEWMAP 1 2",
                "RETURN 1");
        assertCode("""
                cell f() -> map[String, Int]
                  let m: map[String, Int] = {}
                  return m
                end
                """, "f",
                "NEWMAP 0 0",
                "RETURN 0");
    }

    @Test
    void recordLiteralsPutFieldsInDeclarationOrder() {
        assertCode("""
                record Point
                  x: Int
                  y: Int
                  label: String | Null
                end

                cell f(a: Int) -> Point
                  return Point { label: null, y: a, x: 1 }
                end
                """, "f",
                "LOADNULL 4",
                "MOVE 3 0",
                "LOADINT 2 1",
                "NEWRECORD 1 0 ; Point",
                "RETURN 1");
    }

    @Test
    void fieldAndIndexReads() {
        assertCode("""
                record Box
                  items: list[String]
                end

                cell f(b: Box, m: map[String, Int]) -> Int
                  let first = b.items[0]
                  return m[first]
                end
                """, "f",
                "GETFIELD 3 0 0 ; .items",
                "LOADINT 4 0",
                "GETINDEX 2 3 4",
                "GETINDEX 4 1 2",
                "RETURN 4");
    }

    @Test
    void enumVariantsAreConstants() {
        assertCode("""
                enum Color
                  Red, Green
                end

                cell f() -> Color
                  return Color.Green
                end
                """, "f",
                "LOADK 0 0 ; Color.Green",
                "RETURN 0");
    }

    @Test
    void lengthIsLenAndOtherIntrinsicsTakeAWindow() {
        assertCode("""
                cell f(s: String) -> list[String]
                  let n = length(s)
                  let t = trim(s)
                  return split(replace(t, "a", "b"), ",")
                end
                """, "f",
                "LEN 1 0",
                "INTRINSIC 2 18 0 ; trim",
                "MOVE 6 2",
                "LOADK 7 0 ; \"a\"",
                "LOADK 8 1 ; \"b\"",
                "INTRINSIC 4 23 6 ; replace",
                "LOADK 5 2 ; \",\"",
                "INTRINSIC 3 17 4 ; split",
                "RETURN 3");
    }

    @Test
    void traceRefTakesNoArguments() {
        assertCode("""
                cell f() -> TraceRef
                  return trace_ref()
                end
                """, "f",
                "INTRINSIC 0 11 0 ; trace_ref",
                "RETURN 0");
    }

    @Test
    void appendToTheSameVariableIsInPlace() {
        assertCode("""
                cell f(x: Int) -> list[Int]
                  let mut xs: list[Int] = []
                  xs = append(xs, x)
                  let ys = append(xs, 2)
                  return ys
                end
                """, "f",
                "NEWLIST 1 0",
                "APPEND 1 1 0",
                "LOADINT 3 2",
                "APPEND 2 1 3",
                "RETURN 2");
    }

    @Test
    void okAndErrWrapTheirPayload() {
        assertCode("""
                cell f(x: Int) -> result[Int, String]
                  if x > 0
                    return ok(x)
                  end
                  return err("negative")
                end
                """, "f",
                "LOADINT 2 0",
                "LT 1 2 0",
                "JMPIFNOT 1 2 ; to 5",
                "OK 3 0",
                "RETURN 3",
                "LOADK 4 0 ; \"negative\"",
                "ERR 3 4",
                "RETURN 3");
    }

    @Test
    void okOfANarrowerValueWidensItFirst() {
        assertCode("""
                cell f(x: Int) -> result[Int | Null, String]
                  return ok(x)
                end
                """, "f",
                "MOVE 2 0",
                "OK 1 2",
                "RETURN 1");
    }

    @Test
    void cellCallsPutArgumentsInParameterOrderBehindTheResult() {
        assertCode("""
                cell area(width: Int, height: Int) -> Int
                  return width * height
                end

                cell f(h: Int) -> Int
                  return area(height: h, width: 3) + area(1, 2)
                end
                """, "f",
                "MOVE 4 0",
                "LOADINT 3 3",
                "CALL 2 0 ; area",
                "LOADINT 4 1",
                "LOADINT 5 2",
                "CALL 3 0 ; area",
                "ADD 1 2 3",
                "RETURN 1");
    }

    @Test
    void aCellNamedLikeAnIntrinsicIsCalledInsteadOfIt() {
        assertCode("""
                cell get(items: list[String], i: Int) -> String
                  return items[i]
                end

                cell f(items: list[String]) -> String
                  return get(items, 0)
                end
                """, "f",
                "MOVE 2 0",
                "LOADINT 3 0",
                "CALL 1 0 ; get",
                "RETURN 1");
    }

    @Test
    void argumentsWidenToTheParameterType() {
        assertCode("""
                cell show(x: Int | Null) -> String
                  return "{x}"
                end

                cell f(n: Int) -> String
                  return show(n) + show(null)
                end
                """, "f",
                "MOVE 3 0",
                "CALL 2 0 ; show",
                "LOADNULL 5",
                "CALL 4 0 ; show",
                "ADD 1 2 4",
                "RETURN 1");
    }

    /**
     * A window's slot can only be the head of a nested window when the registers after it are free; here
     * the list's second slot is taken, so each RoleText is built behind a fresh head and moved in.
     */
    @Test
    void roleBlocksAreRoleTextRecords() {
        assertCode("""
                cell f(topic: String) -> list[RoleText]
                  return [role system: "Be brief.", role user:
                    Tell me about {topic}.
                  end]
                end
                """, "f",
                "LOADK 5 0 ; \"system\"",
                "LOADK 6 1 ; \"Be brief.\"",
                "NEWRECORD 4 0 ; RoleText",
                "MOVE 2 4",
                "LOADK 5 2 ; \"user\"",
                "LOADK 7 3 ; \"Tell me about \"",
                "MOVE 8 0",
                "LOADK 9 4 ; \".\"",
                "CONCAT 6 7 3",
                "NEWRECORD 4 0 ; RoleText",
                "MOVE 3 4",
                "NEWLIST 1 2",
                "RETURN 1");
    }

    @Test
    void expectSchemaValidatesInPlace() {
        assertCode("""
                record Point
                  x: Int
                end

                cell f(text: String) -> Point
                  return text expect schema Point
                end
                """, "f",
                "MOVE 1 0",
                "SCHEMA 1 0 ; Point",
                "RETURN 1");
    }

    @Test
    void expectSchemaOfAnUnboxedTypeValidatesInAUnionRegister() {
        LirModule m = Lowered.module("""
                cell f(text: String) -> Int
                  return text expect schema Int
                end
                """);
        assertCode(m, "f",
                "MOVE 2 0",
                "SCHEMA 2 0 ; Int",
                "MOVE 1 2",
                "RETURN 1");
        org.junit.jupiter.api.Assertions.assertEquals("Int | String",
                Lowered.cell(m, "f").registers().get(2).toString());
    }

    @Test
    void schemasThatAreNotRecordsGetAliasEntries() {
        assertCode("""
                record Point
                  x: Int
                end

                cell f(text: String) -> list[Point]
                  return text expect schema list[Point]
                end

                cell g(text: String) -> result[list[Point], ValidationError]
                  return validate(schema list[Point], text)
                end
                """, "g",
                "MOVE 1 0",
                "VALIDATE 1 3 ; list[Point]",
                "RETURN 1");
    }

    @Test
    void longListsAreBuiltInChunks() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 52; i++) {
            items.append(i == 0 ? "" : ", ").append(i);
        }
        java.util.List<String> code = Lowered.code("cell f() -> list[Int]\n  return [" + items + "]\nend\n", "f");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(
                "NEWLIST 0 50",
                "LOADINT 1 50",
                "APPEND 0 0 1",
                "LOADINT 1 51",
                "APPEND 0 0 1",
                "RETURN 0"), code.subList(50, code.size()));
        org.junit.jupiter.api.Assertions.assertEquals("LOADINT 50 49", code.get(49));
    }
}
