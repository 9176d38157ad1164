package dev.lumen.lir.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses LIR type strings, which use Lumen's type syntax: {@code String Int Float Bool Bytes Json Null},
 * {@code list[T]}, {@code map[String, T]}, {@code result[T, E]}, unions {@code A | B | Null} and type
 * names. Names are Lumen identifiers ({@code [A-Za-z_][A-Za-z0-9_]*}); for synthetic types a compiler may
 * introduce, a name may also start with {@code $} and contain {@code $} and {@code .}
 * ({@code [A-Za-z_$][A-Za-z0-9_$.]*}). Spaces around
 * punctuation are optional; {@link LirType#toString()} gives the canonical text, which this parser
 * reads back to an equal type.
 */
public final class LirTypeParser {
    /** Messages quote a type text up to this long whole, and a longer one by its start and end. */
    private static final int SHOWN = 80;

    private final String text;
    private int pos;
    /** How many types enclose the one being read. */
    private int depth;

    private LirTypeParser(String text) {
        this.text = text;
    }

    /**
     * The type {@code text} denotes.
     *
     * @throws LirFormatException with a message such as {@code bad type "list[Int": expected "]" at offset 8}
     */
    public static LirType parse(String text) throws LirFormatException {
        if (text == null) {
            throw new LirFormatException("bad type: null");
        }
        LirTypeParser p = new LirTypeParser(text);
        LirType t = p.type();
        p.skipSpaces();
        if (p.pos < text.length()) {
            throw p.error("unexpected \"" + text.charAt(p.pos) + "\"");
        }
        return t;
    }

    private LirType type() throws LirFormatException {
        if (++depth > LirType.MAX_NESTING) {
            throw error("nested more than " + LirType.MAX_NESTING + " levels deep");
        }
        try {
            return union();
        } finally {
            depth--;
        }
    }

    private LirType union() throws LirFormatException {
        LirType first = member();
        skipSpaces();
        if (!peek('|')) {
            return first;
        }
        List<LirType> members = new ArrayList<>();
        members.add(first);
        while (peek('|')) {
            pos++;
            members.add(member());
            skipSpaces();
        }
        return new LirType.UnionOf(List.copyOf(members));
    }

    private LirType member() throws LirFormatException {
        skipSpaces();
        int start = pos;
        String name = name();
        switch (name) {
            case "String": return LirType.Primitive.STRING;
            case "Int": return LirType.Primitive.INT;
            case "Float": return LirType.Primitive.FLOAT;
            case "Bool": return LirType.Primitive.BOOL;
            case "Bytes": return LirType.Primitive.BYTES;
            case "Json": return LirType.Primitive.JSON;
            case "Null": return LirType.Primitive.NULL;
            case "list": {
                expect('[');
                LirType element = type();
                expect(']');
                return new LirType.ListOf(element);
            }
            case "map": {
                expect('[');
                skipSpaces();
                int keyAt = pos;
                LirType key = type();
                if (key != LirType.Primitive.STRING) {
                    pos = keyAt;
                    throw error("map keys must be String, not " + key);
                }
                expect(',');
                LirType value = type();
                expect(']');
                return new LirType.MapOf(value);
            }
            case "result": {
                expect('[');
                LirType ok = type();
                expect(',');
                LirType err = type();
                expect(']');
                return new LirType.ResultOf(ok, err);
            }
            default: {
                skipSpaces();
                if (peek('[')) {
                    pos = start;
                    throw error("`" + name + "` takes no type arguments");
                }
                return new LirType.Named(name);
            }
        }
    }

    private String name() throws LirFormatException {
        int start = pos;
        if (pos < text.length() && text.charAt(pos) < 128
                && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '$')) {
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.')) {
                    pos++;
                } else {
                    break;
                }
            }
            return text.substring(start, pos);
        }
        throw error(pos < text.length() ? "expected a type, found \"" + text.charAt(pos) + "\"" : "expected a type");
    }

    private void expect(char c) throws LirFormatException {
        skipSpaces();
        if (!peek(c)) {
            throw error("expected \"" + c + "\"");
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private LirFormatException error(String what) {
        return new LirFormatException("bad type \"" + shown() + "\": " + what
                + (pos < text.length() ? " at offset " + pos : " at end"));
    }

    /** The text, its middle left out when it is long, so a message stays readable. */
    private String shown() {
        return text.length() <= SHOWN ? text
                : text.substring(0, SHOWN / 2) + "…" + text.substring(text.length() - SHOWN / 2);
    }
}
