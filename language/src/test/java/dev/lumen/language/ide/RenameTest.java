package dev.lumen.language.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.FrontEnd;
import dev.lumen.language.source.SourceFile;
import org.junit.jupiter.api.Test;

/** Rename: the document with its cursor, the new name, and the document expected after the edits. */
class RenameTest {

    private static void rename(String code, String newName, String expected) {
        Marked m = Marked.wrap(code);
        RenameResult r = m.analysis().rename(m.cursor(), newName);
        assertTrue(r.refusalReason().isEmpty(), () -> "refused: " + r.refusal());
        String renamed = m.apply(r.edits());
        assertEquals(Marked.wrap(expected).text(), renamed);
        // The renamed program checks as cleanly as the original one.
        assertEquals(FrontEnd.check(new SourceFile("t", m.text())).diagnostics().size(),
                FrontEnd.check(new SourceFile("t", renamed)).diagnostics().size());
    }

    private static void refused(String code, String newName, String reason) {
        Marked m = Marked.wrap(code);
        RenameResult r = m.analysis().rename(m.cursor(), newName);
        assertEquals(reason, r.refusal());
        assertTrue(r.edits().isEmpty());
    }

    @Test
    void cellEverywhereItIsCalled() {
        rename("""
                cell twice(x: Int) -> Int
                  return x * 2
                end

                cell run() -> Int
                  return tw|ice(twice(1))
                end
                """, "double", """
                cell double(x: Int) -> Int
                  return x * 2
                end

                cell run() -> Int
                  return double(double(1))
                end
                """);
    }

    @Test
    void recordFieldInDeclarationConstraintLiteralAndAccess() {
        rename("""
                record Item
                  count: Int where count > 0
                end

                cell make() -> Int
                  let item = Item { count: 2 }
                  return item.cou|nt
                end
                """, "quantity", """
                record Item
                  quantity: Int where quantity > 0
                end

                cell make() -> Int
                  let item = Item { quantity: 2 }
                  return item.quantity
                end
                """);
    }

    @Test
    void recordAndEnumAndVariant() {
        rename("""
                record |Item
                  name: String
                end

                cell one() -> Item
                  return Item { name: "x" }
                end
                """, "Product", """
                record Product
                  name: String
                end

                cell one() -> Product
                  return Product { name: "x" }
                end
                """);
        rename("""
                enum Level
                  Low
                  High
                end

                cell score(l: Level) -> Int
                  match l
                    Low -> return 1
                    Level.High -> return 2
                  end
                end

                cell pick() -> Level
                  return Level.L|ow
                end
                """, "Minor", """
                enum Level
                  Minor
                  High
                end

                cell score(l: Level) -> Int
                  match l
                    Minor -> return 1
                    Level.High -> return 2
                  end
                end

                cell pick() -> Level
                  return Level.Minor
                end
                """);
    }

    @Test
    void parameterAndItsNamedArguments() {
        rename("""
                cell scale(fac|tor: Int) -> Int
                  return factor * 2
                end

                cell run() -> Int
                  return scale(factor: 3)
                end
                """, "k", """
                cell scale(k: Int) -> Int
                  return k * 2
                end

                cell run() -> Int
                  return scale(k: 3)
                end
                """);
    }

    @Test
    void toolAlias() {
        rename("""
                use tool json.parse as Parse
                grant Parse

                cell run(text: String) -> Json
                  return Pa|rse(text: text)
                end
                """, "ReadJson", """
                use tool json.parse as ReadJson
                grant ReadJson

                cell run(text: String) -> Json
                  return ReadJson(text: text)
                end
                """);
    }

    @Test
    void refusesBuiltinsAndToolNames() {
        refused("""
                cell run(a: String) -> Int
                  return len|gth(a)
                end
                """, "size", "`length` is a built-in function and cannot be renamed");
        refused("""
                cell run(a: Str|ing) -> Int
                  return length(a)
                end
                """, "Text", "`String` is a built-in type and cannot be renamed");
        refused("""
                use tool json.parse as Parse
                grant Parse

                cell run(a: String) -> Json
                  return Parse(te|xt: a)
                end
                """, "body", "`text` is an input named by the tool's manifest and cannot be renamed");
        refused("""
                cell run() -> Int
                  return 1 +| 2
                end
                """, "x", "there is no name to rename here");
    }

    @Test
    void refusesInvalidNames() {
        String code = """
                cell ru|n() -> Int
                  return 1
                end
                """;
        refused(code, "two words", "`two words` is not an identifier");
        refused(code, "end", "`end` is a keyword");
        refused(code, "1st", "`1st` is not an identifier");
        refused(code, "", "`` is not an identifier");
    }

    @Test
    void refusesCollisions() {
        refused("""
                cell ru|n() -> Int
                  return 1
                end

                cell other() -> Int
                  return 2
                end
                """, "other", "the document already has a cell, record, enum or tool alias named `other`");
        refused("""
                cell ru|n() -> Int
                  return 1
                end
                """, "length", "`length` is a built-in function");
        refused("""
                record Point
                  x: Int
                  |y: Int
                end
                """, "x", "record `Point` already has a field `x`");
        refused("""
                enum Level
                  |Low
                  High
                end
                """, "High", "enum `Level` already has a variant `High`");
        refused("""
                enum Level
                  |Low
                end
                """, "low", "a variant starts with a capital letter: in a `match`, a lowercase name binds the value instead");
        refused("""
                cell run(a: Int) -> Int
                  let |b = 1
                  return a + b
                end
                """, "a", "`a` is already declared where `b` is visible");
        refused("""
                cell run(a: Int) -> Int
                  let |b = 1
                  if a > 0
                    let c = 2
                    return c
                  end
                  return b
                end
                """, "c", "`c` is already declared where `b` is visible");
        refused("""
                enum Level
                  Low
                end

                cell run(|a: Int) -> Int
                  return a
                end
                """, "Level", "`Level` is the name of a cell, record, enum or tool alias of this document");
    }

    @Test
    void aLocalMayTakeANameUsedElsewhereInTheCell() {
        rename("""
                cell run(flag: Bool) -> Int
                  if flag
                    let |a = 1
                    return a
                  end
                  let b = 2
                  return b
                end
                """, "b", """
                cell run(flag: Bool) -> Int
                  if flag
                    let b = 1
                    return b
                  end
                  let b = 2
                  return b
                end
                """);
    }

    @Test
    void prepareNamesTheSpanOrTheReason() {
        Marked m = Marked.wrap("""
                cell «ru|n»() -> Int
                  return 1
                end
                """);
        assertEquals(m.marks().getFirst(), m.analysis().prepareRename(m.cursor()).target());
        Marked b = Marked.wrap("""
                cell run(a: String) -> Int
                  return len|gth(a)
                end
                """);
        assertEquals("`length` is a built-in function and cannot be renamed", b.analysis().prepareRename(b.cursor()).refusal());
    }
}
