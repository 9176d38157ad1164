package dev.lumen.language.lower;

import static dev.lumen.language.lower.Lowered.assertCode;

import org.junit.jupiter.api.Test;

/** The exact instructions emitted for statements and control flow. */
class StatementListingTest {

    @Test
    void fallingOffANullCellReturnsNull() {
        assertCode("""
                cell f()
                end
                """, "f",
                "LOADNULL 0",
                "RETURN 0");
        assertCode("""
                cell f()
                  return
                end
                """, "f",
                "LOADNULL 0",
                "RETURN 0");
    }

    @Test
    void haltStopsWithItsMessage() {
        assertCode("""
                cell f(reason: String) -> Int
                  halt("stopped: {reason}")
                end
                """, "f",
                "LOADK 2 0 ; \"stopped: \"",
                "ADD 1 2 0",
                "HALT 1");
    }

    @Test
    void returnWidensToTheCellsReturnType() {
        assertCode("""
                cell f(x: Int) -> Int | Null
                  return x
                end
                """, "f",
                "MOVE 1 0",
                "RETURN 1");
    }

    @Test
    void codeAfterReturnIsNotLowered() {
        assertCode("""
                cell f() -> Int
                  return 1
                  let x = 2
                end
                """, "f",
                "LOADINT 0 1",
                "RETURN 0");
    }

    @Test
    void letBindingsGetRegistersThatScopesGiveBack() {
        assertCode("""
                cell f(flag: Bool) -> Int
                  if flag
                    let a = 1
                    let b = a + 1
                  else
                    let c = 3
                  end
                  let d = 4
                  return d
                end
                """, "f",
                "JMPIFNOT 0 4 ; to 5",
                "LOADINT 1 1",
                "LOADINT 3 1",
                "ADD 2 1 3",
                "JMP 1 ; to 6",
                "LOADINT 1 3",
                "LOADINT 1 4",
                "RETURN 1");
    }

    @Test
    void aRegisterIsReusedOnlyForItsOwnType() {
        assertCode("""
                cell f(flag: Bool) -> String
                  if flag
                    let n = 1
                  end
                  let s = "x"
                  let m = 2
                  return s
                end
                """, "f",
                "JMPIFNOT 0 1 ; to 2",
                "LOADINT 1 1",
                "LOADK 2 0 ; \"x\"",
                "LOADINT 1 2",
                "RETURN 2");
    }

    @Test
    void ifElseIfElseJumpsPastTheOtherBranches() {
        assertCode("""
                cell sign(x: Int) -> String
                  if x > 0
                    return "positive"
                  else if x < 0
                    return "negative"
                  else
                    return "zero"
                  end
                end
                """, "sign",
                "LOADINT 2 0",
                "LT 1 2 0",
                "JMPIFNOT 1 2 ; to 5",
                "LOADK 3 0 ; \"positive\"",
                "RETURN 3",
                "LOADINT 2 0",
                "LT 1 0 2",
                "JMPIFNOT 1 2 ; to 10",
                "LOADK 3 1 ; \"negative\"",
                "RETURN 3",
                "LOADK 3 2 ; \"zero\"",
                "RETURN 3");
    }

    @Test
    void branchesThatContinueJumpToTheEnd() {
        assertCode("""
                cell f(x: Int) -> Int
                  let mut y = 0
                  if x == 1
                    y = 10
                  else if x == 2
                    y = 20
                  end
                  return y
                end
                """, "f",
                "LOADINT 1 0",
                "LOADINT 3 1",
                "EQ 2 0 3",
                "JMPIFNOT 2 2 ; to 6",
                "LOADINT 1 10",
                "JMP 4 ; to 10",
                "LOADINT 3 2",
                "EQ 2 0 3",
                "JMPIFNOT 2 1 ; to 10",
                "LOADINT 1 20",
                "RETURN 1");
    }

    @Test
    void conditionsShortCircuitWithJumpChains() {
        assertCode("""
                cell f(a: Bool, b: Bool, c: Bool) -> Int
                  if a and not b or c
                    return 1
                  end
                  return 0
                end
                """, "f",
                "JMPIFNOT 0 1 ; to 2",
                "JMPIFNOT 1 1 ; to 3",
                "JMPIFNOT 2 2 ; to 5",
                "LOADINT 3 1",
                "RETURN 3",
                "LOADINT 3 0",
                "RETURN 3");
    }

    @Test
    void assignmentWritesTheBindingsRegister() {
        assertCode("""
                cell f(a: Int) -> Int
                  let mut total = 0
                  total = total + a
                  return total
                end
                """, "f",
                "LOADINT 1 0",
                "ADD 1 1 0",
                "RETURN 1");
    }

    @Test
    void assigningAnAndOrThatReadsTheTargetGoesThroughATemporary() {
        assertCode("""
                cell f(b: Bool) -> Bool
                  let mut a = true
                  a = b and a
                  return a
                end
                """, "f",
                "LOADBOOL 1 1 ; true",
                "MOVE 2 0",
                "JMPIFNOT 2 1 ; to 4",
                "MOVE 2 1",
                "MOVE 1 2",
                "RETURN 1");
    }

    @Test
    void fieldAndIndexAssignmentsStoreBackAlongThePath() {
        assertCode("""
                record Item
                  name: String
                  tags: list[String]
                end

                cell f(item: Item, i: Int) -> Item
                  let mut it = item
                  it.name = "renamed"
                  it.tags[i] = "x"
                  return it
                end
                """, "f",
                "MOVE 2 0",
                "LOADK 3 0 ; \"renamed\"",
                "SETFIELD 2 0 3 ; .name",
                "GETFIELD 4 2 1 ; .tags",
                "LOADK 3 1 ; \"x\"",
                "SETINDEX 4 1 3",
                "SETFIELD 2 1 4 ; .tags",
                "RETURN 2");
        assertCode("""
                cell f(k: String) -> map[String, Int]
                  let mut counts: map[String, Int] = {}
                  counts[k] = 1
                  return counts
                end
                """, "f",
                "NEWMAP 1 0",
                "LOADINT 2 1",
                "SETINDEX 1 0 2",
                "RETURN 1");
    }

    @Test
    void forOverAListIsAnIndexLoop() {
        assertCode("""
                cell total(xs: list[Int]) -> Int
                  let mut sum = 0
                  for x in xs
                    sum = sum + x
                  end
                  return sum
                end
                """, "total",
                "LOADINT 1 0",
                "LEN 2 0",
                "LOADINT 3 0",
                "LOADINT 4 1",
                "LT 6 3 2",
                "JMPIFNOT 6 4 ; to 10",
                "GETINDEX 5 0 3",
                "ADD 1 1 5",
                "ADD 3 3 4",
                "JMP -6 ; to 4",
                "RETURN 1");
    }

    @Test
    void aListVariableThatIsReassignedIsCopiedBeforeTheLoop() {
        assertCode("""
                cell f(xs: list[Int]) -> list[Int]
                  let mut ys = xs
                  for y in ys
                    ys = append(ys, y)
                  end
                  return ys
                end
                """, "f",
                "MOVE 1 0",
                "MOVE 2 1",
                "LEN 3 2",
                "LOADINT 4 0",
                "LOADINT 5 1",
                "LT 7 4 3",
                "JMPIFNOT 7 4 ; to 11",
                "GETINDEX 6 2 4",
                "APPEND 1 1 6",
                "ADD 4 4 5",
                "JMP -6 ; to 5",
                "RETURN 1");
    }

    @Test
    void forWithAPositionUsesTheLoopCounterAsTheIndex() {
        // the same loop as `for x in xs`, the counter being `i` itself: no instruction more
        assertCode("""
                cell total(xs: list[Int]) -> Int
                  let mut sum = 0
                  for i, x in xs
                    sum = sum + i * x
                  end
                  return sum
                end
                """, "total",
                "LOADINT 1 0",
                "LEN 2 0",
                "LOADINT 3 0",
                "LOADINT 4 1",
                "LT 6 3 2",
                "JMPIFNOT 6 5 ; to 11",
                "GETINDEX 5 0 3",
                "MUL 7 3 5",
                "ADD 1 1 7",
                "ADD 3 3 4",
                "JMP -7 ; to 4",
                "RETURN 1");
    }

    @Test
    void forOverAMapWalksItsKeys() {
        assertCode("""
                cell f(m: map[String, Int]) -> Int
                  let mut n = 0
                  for k, v in m
                    n = n + v
                  end
                  return n
                end
                """, "f",
                "LOADINT 1 0",
                "INTRINSIC 2 12 0 ; keys",
                "LEN 3 2",
                "LOADINT 4 0",
                "LOADINT 5 1",
                "LT 8 4 3",
                "JMPIFNOT 8 5 ; to 12",
                "GETINDEX 6 2 4",
                "GETINDEX 7 0 6",
                "ADD 1 1 7",
                "ADD 4 4 5",
                "JMP -7 ; to 5",
                "RETURN 1");
    }

    @Test
    void forOverARangeCountsWithoutBuildingAList() {
        assertCode("""
                cell f(n: Int) -> Int
                  let mut s = 0
                  for i in range(1, n)
                    s = s + i
                  end
                  return s
                end
                """, "f",
                "LOADINT 1 0",
                "LOADINT 2 1",
                "MOVE 3 0",
                "LOADINT 4 1",
                "LT 5 2 3",
                "JMPIFNOT 5 3 ; to 9",
                "ADD 1 1 2",
                "ADD 2 2 4",
                "JMP -5 ; to 4",
                "RETURN 1");
    }

    @Test
    void matchOnAnEnumComparesVariantsAndLeavesTheLastArmUntested() {
        assertCode("""
                enum Light
                  Red, Amber, Green
                end

                cell next(l: Light) -> Light
                  match l
                    Red -> return Light.Green
                    Light.Green -> return Light.Amber
                    Amber -> return Light.Red
                  end
                end
                """, "next",
                "LOADK 1 0 ; Light.Red",
                "EQ 2 0 1",
                "JMPIFNOT 2 2 ; to 5",
                "LOADK 1 1 ; Light.Green",
                "RETURN 1",
                "LOADK 1 1 ; Light.Green",
                "EQ 2 0 1",
                "JMPIFNOT 2 2 ; to 10",
                "LOADK 1 2 ; Light.Amber",
                "RETURN 1",
                "LOADK 1 0 ; Light.Red",
                "RETURN 1");
    }

    @Test
    void matchArmsThatContinueJumpPastTheMatch() {
        assertCode("""
                cell f(x: Int) -> String
                  let mut s = "other"
                  match x
                    1 -> s = "one"
                    2 -> s = "two"
                    _ -> s = "many"
                  end
                  return s
                end
                """, "f",
                "LOADK 1 0 ; \"other\"",
                "LOADINT 2 1",
                "EQ 3 0 2",
                "JMPIFNOT 3 2 ; to 6",
                "LOADK 1 1 ; \"one\"",
                "JMP 6 ; to 12",
                "LOADINT 2 2",
                "EQ 3 0 2",
                "JMPIFNOT 3 2 ; to 11",
                "LOADK 1 2 ; \"two\"",
                "JMP 1 ; to 12",
                "LOADK 1 3 ; \"many\"",
                "RETURN 1");
    }

    @Test
    void matchOnABoolTestsItDirectly() {
        assertCode("""
                cell f(b: Bool) -> Int
                  match b
                    true -> return 1
                    false -> return 0
                  end
                end
                """, "f",
                "JMPIFNOT 0 2 ; to 3",
                "LOADINT 1 1",
                "RETURN 1",
                "LOADINT 1 0",
                "RETURN 1");
    }

    @Test
    void matchOnAResultTestsIsOkAndUnwrapsThePayload() {
        assertCode("""
                cell f(r: result[Int, String]) -> Int
                  match r
                    ok(0) -> return 0
                    ok(n) -> return n
                    err(_) -> return -1
                  end
                end
                """, "f",
                "ISOK 1 0",
                "JMPIFNOT 1 6 ; to 8",
                "UNWRAP 2 0",
                "LOADINT 3 0",
                "EQ 1 2 3",
                "JMPIFNOT 1 2 ; to 8",
                "LOADINT 2 0",
                "RETURN 2",
                "ISOK 1 0",
                "JMPIFNOT 1 2 ; to 12",
                "UNWRAP 2 0",
                "RETURN 2",
                "LOADINT 2 -1",
                "RETURN 2");
    }

    @Test
    void typedPatternsTestUnionMembersWithIsType() {
        assertCode("""
                cell f(x: Int | String | Null) -> String
                  match x
                    n: Int -> return "int {n}"
                    null -> return "nothing"
                    s: String -> return s
                  end
                end
                """, "f",
                "MOVE 2 0",
                "ISTYPE 1 0 ; Int",
                "JMPIFNOT 1 5 ; to 8",
                "MOVE 3 0",
                "LOADK 5 0 ; \"int \"",
                "MOVE 6 3",
                "CONCAT 4 5 2",
                "RETURN 4",
                "LOADNULL 7",
                "EQ 1 0 7",
                "JMPIFNOT 1 2 ; to 13",
                "LOADK 4 1 ; \"nothing\"",
                "RETURN 4",
                "MOVE 4 0",
                "RETURN 4");
    }

    @Test
    void aBindingPatternCatchesEverythingElse() {
        assertCode("""
                cell f(x: Int) -> Int
                  match x
                    0 -> return 1
                    other -> return other
                  end
                end
                """, "f",
                "LOADINT 1 0",
                "EQ 2 0 1",
                "JMPIFNOT 2 2 ; to 5",
                "LOADINT 1 1",
                "RETURN 1",
                "MOVE 1 0",
                "RETURN 1");
    }
}
