package dev.lumen.language.syntax;

/** Token kinds of Lumen v1. {@code text} is how the kind reads in "expected …" diagnostics. */
public enum TokenKind {
    IDENT("identifier"),
    INT("integer"),
    FLOAT("float"),
    STRING("string"),
    ROLE_TEXT("role text"),

    RECORD("`record`"), ENUM("`enum`"), CELL("`cell`"), LET("`let`"), MUT("`mut`"), IF("`if`"), ELSE("`else`"),
    FOR("`for`"), IN("`in`"), MATCH("`match`"), RETURN("`return`"), HALT("`halt`"), USE("`use`"), TOOL("`tool`"),
    AS("`as`"), GRANT("`grant`"), EXPECT("`expect`"), SCHEMA("`schema`"), ROLE("`role`"), END("`end`"),
    WHERE("`where`"),
    AND("`and`"), OR("`or`"), NOT("`not`"), TRUE("`true`"), FALSE("`false`"), NULL("`null`"),

    LPAREN("`(`"), RPAREN("`)`"), LBRACKET("`[`"), RBRACKET("`]`"), LBRACE("`{`"), RBRACE("`}`"),
    COMMA("`,`"), DOT("`.`"), COLON("`:`"), ARROW("`->`"), ASSIGN("`=`"),
    EQ("`==`"), NE("`!=`"), LT("`<`"), LE("`<=`"), GT("`>`"), GE("`>=`"),
    PLUS("`+`"), MINUS("`-`"), STAR("`*`"), SLASH("`/`"), PERCENT("`%`"), PIPE("`|`"), AT("`@`"),

    NEWLINE("end of line"),
    EOF("end of block");

    private final String text;

    TokenKind(String text) {
        this.text = text;
    }

    public String describe() {
        return text;
    }

    /** A line ending in one of these continues on the next line. */
    public boolean continuesLine() {
        return switch (this) {
            case PLUS, MINUS, STAR, SLASH, PERCENT, EQ, NE, LT, LE, GT, GE, AND, OR, NOT, IN, COMMA, DOT,
                 ASSIGN, PIPE, COLON -> true;
            default -> false;
        };
    }
}
