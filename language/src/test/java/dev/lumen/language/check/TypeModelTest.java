package dev.lumen.language.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeModelTest {

    @Test
    void typesRenderAsSource() {
        assertEquals("list[Int]", Type.list(Type.INT).toString());
        assertEquals("map[String, Float]", Type.map(Type.FLOAT).toString());
        assertEquals("result[ValidationError, ToolError]",
                Type.result(RecordType.VALIDATION_ERROR, RecordType.TOOL_ERROR).toString());
        RecordType email = RecordType.user("EmailAddress");
        assertEquals("EmailAddress | Null", Type.union(Type.NULL, email).toString());
        Map<String, Type> fields = new LinkedHashMap<>();
        fields.put("status", Type.INT);
        fields.put("body", Type.BYTES);
        assertEquals("{status: Int, body: Bytes}", Type.structural(fields).toString());
    }

    @Test
    void unionsAreFlattenedAndOrderInsensitive() {
        Type a = Type.union(Type.STRING, Type.union(Type.INT, Type.NULL));
        Type b = Type.union(Type.NULL, Type.INT, Type.STRING, Type.INT);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("String | Int | Null", a.toString());
        assertSame(Type.INT, Type.union(Type.INT, Type.INT));
        assertSame(Type.ERROR, Type.union(Type.INT, Type.ERROR));
        assertSame(Type.STRING, Type.union(Type.STRING, Type.NEVER));
        assertEquals(Type.STRING, ((Type.UnionType) Type.union(Type.STRING, Type.NULL)).withoutNull());
    }

    @Test
    void assignabilityIsEqualityOrSubsumption() {
        Type optional = Type.union(Type.STRING, Type.NULL);
        assertTrue(Type.assignable(Type.STRING, optional));
        assertTrue(Type.assignable(Type.NULL, optional));
        assertFalse(Type.assignable(optional, Type.STRING));
        assertTrue(Type.assignable(optional, Type.union(Type.STRING, Type.INT, Type.NULL)));
        assertFalse(Type.assignable(Type.INT, Type.FLOAT));
        assertFalse(Type.assignable(Type.list(Type.INT), Type.list(Type.union(Type.INT, Type.NULL))));
        assertFalse(Type.assignable(Type.result(Type.INT, Type.STRING), Type.result(optional, Type.STRING)));
        assertTrue(Type.assignable(Type.NEVER, Type.INT));
        assertTrue(Type.assignable(Type.ERROR, Type.INT));
        assertTrue(Type.assignable(Type.INT, Type.ERROR));
    }

    @Test
    void namedTypesAreNominalStructuralOnesAreNot() {
        RecordType a = RecordType.user("A");
        a.define(Map.of("x", Type.INT));
        RecordType a2 = RecordType.user("A");
        a2.define(Map.of("x", Type.INT));
        assertNotEquals(a, a2);
        assertEquals(Type.structural(Map.of("x", Type.INT)), Type.structural(Map.of("x", Type.INT)));
        EnumType e = new EnumType("Priority", List.of("Low", "High"));
        assertEquals(1, e.ordinal("High"));
        assertEquals("Priority", e.toString());
        assertEquals(0, RecordType.ROLE_TEXT.fieldIndex("role"));
        assertTrue(Type.list(Type.ERROR).isError());
    }
}
