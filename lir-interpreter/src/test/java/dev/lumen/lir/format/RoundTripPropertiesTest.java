package dev.lumen.lir.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Randomly generated modules (not necessarily verifiable) survive write, read, write unchanged. */
class RoundTripPropertiesTest {

    private static final LirType[] LEAVES = {
        LirType.Primitive.STRING, LirType.Primitive.INT, LirType.Primitive.FLOAT, LirType.Primitive.BOOL,
        LirType.Primitive.BYTES, LirType.Primitive.JSON, LirType.Primitive.NULL, new LirType.Named("Invoice"),
        new LirType.Named("$tool.http.get")};

    @Test
    void randomModulesRoundTrip() throws LirFormatException {
        Random r = new Random(20260728);
        for (int n = 0; n < 300; n++) {
            LirModule m = module(r);
            String text = LirJson.write(m);
            LirModule back = LirJson.read(text);
            assertEquals(text, LirJson.write(back));
            LirJsonTest.assertSameModule(m, back);
            Disassembler.listing(m);
            Verifier.verify(m);
        }
    }

    private static LirModule module(Random r) {
        List<TypeDef> types = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            switch (r.nextInt(3)) {
                case 0 -> {
                    List<TypeDef.FieldDef> fields = new ArrayList<>();
                    for (int f = r.nextInt(4); f > 0; f--) {
                        boolean c = r.nextBoolean();
                        fields.add(new TypeDef.FieldDef(word(r), type(r, 2), c ? r.nextInt(5) : -1, c ? text(r) : null));
                    }
                    types.add(new TypeDef.RecordDef(word(r), fields));
                }
                case 1 -> types.add(new TypeDef.EnumDef(word(r), List.of(word(r), word(r))));
                default -> {
                    LirType t = type(r, 3);
                    types.add(new TypeDef.AliasDef(t.toString(), t));
                }
            }
        }
        List<CellDef> cells = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            cells.add(cell(r));
        }
        List<ToolDef> tools = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            Map<String, List<Object>> grants = new LinkedHashMap<>();
            for (int g = r.nextInt(4); g > 0; g--) {
                grants.put(word(r), List.of(text(r), r.nextLong(), r.nextBoolean(), r.nextDouble() + 0.5));
            }
            tools.add(r.nextBoolean() ? new ToolDef(word(r), "x." + word(r), "1.0." + r.nextInt(9), null, null, grants)
                    : new ToolDef(word(r), null, null, text(r), word(r), grants));
        }
        return new LirModule(LirModule.VERSION, "sha256:" + Long.toHexString(r.nextLong()), text(r) + ".lm.md",
                types, cells, tools);
    }

    private static CellDef cell(Random r) {
        Asm a = new Asm(word(r));
        for (int i = r.nextInt(3); i > 0; i--) {
            a.param(word(r) + i, type(r, 2));
        }
        for (int i = r.nextInt(5); i > 0; i--) {
            a.regs(type(r, 3));
        }
        a.returns(type(r, 2));
        for (int i = r.nextInt(6); i > 0; i--) {
            a.k(switch (r.nextInt(5)) {
                case 0 -> new Constant.IntConst(r.nextLong());
                case 1 -> new Constant.FloatConst(Double.longBitsToDouble(r.nextLong()));
                case 2 -> new Constant.FloatConst(r.nextInt(100) - 50.0);
                case 3 -> new Constant.StringConst(text(r));
                default -> new Constant.EnumConst(r.nextInt(4), r.nextInt(4));
            });
        }
        Opcode[] ops = Opcode.values();
        for (int i = r.nextInt(20); i >= 0; i--) {
            Opcode op = ops[r.nextInt(ops.length)];
            a.line(r.nextInt(500));
            switch (op.format()) {
                case ABC -> a.op(op, r.nextInt(256), r.nextInt(256), r.nextInt(256));
                case ABX -> a.op(op, r.nextInt(256), r.nextInt(65536));
                case ASBX -> a.op(op, r.nextInt(256), r.nextInt(65536) - 32768);
                case AX -> a.op(op, r.nextInt(1 << 24));
            }
        }
        return a.build();
    }

    private static LirType type(Random r, int depth) {
        if (depth == 0 || r.nextInt(3) == 0) {
            return LEAVES[r.nextInt(LEAVES.length)];
        }
        return switch (r.nextInt(4)) {
            case 0 -> new LirType.ListOf(type(r, depth - 1));
            case 1 -> new LirType.MapOf(type(r, depth - 1));
            case 2 -> new LirType.ResultOf(type(r, depth - 1), type(r, depth - 1));
            default -> new LirType.UnionOf(List.of(LirType.Primitive.INT, new LirType.ListOf(type(r, depth - 1)),
                    LirType.Primitive.NULL));
        };
    }

    private static String word(Random r) {
        StringBuilder b = new StringBuilder();
        b.append((char) ('a' + r.nextInt(26)));
        for (int i = r.nextInt(8); i > 0; i--) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            switch (r.nextInt(6)) {
                case 0 -> b.append((char) r.nextInt(0x20));
                case 1 -> b.append('"').append('\\');
                case 2 -> b.appendCodePoint(0x1F600 + r.nextInt(50));
                case 3 -> b.append((char) (0x80 + r.nextInt(0x2000)));
                default -> b.append((char) (' ' + r.nextInt(95)));
            }
        }
        return b.toString();
    }
}
