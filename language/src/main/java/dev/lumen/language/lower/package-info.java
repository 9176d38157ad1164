/**
 * Lowering a checked document to LIR ({@link dev.lumen.language.lower.Lowering}; the format is
 * docs/spec/lir-v1.md). What the emitted code promises, beyond the instruction semantics:
 *
 * <h2>Module</h2>
 * <ul>
 *   <li>Cells: the document's cells in document order, then one synthetic pure cell per `where` clause,
 *       {@code Record$field}, in record and field order; its parameters are the record's fields.</li>
 *   <li>Types: the document's records and enums in declaration order; the built-in records the program
 *       uses (RoleText, ValidationError, FieldError, Patch, TraceRef, ToolError, McpBlock, McpContent order); each tool output
 *       record the program uses, named {@code Alias$output} after the first alias returning it; then alias
 *       entries ({@code list[Entry]}, {@code Int}, …) in first-use order, for SCHEMA, VALIDATE and ISTYPE.
 *       Union members are sorted by their text, {@code Null} last.</li>
 *   <li>Tools: per native alias, in declaration order, with its grants (clause → values, repeated clauses
 *       accumulated, a rate limit as {@code [n, "per_minute"]}, a token budget as {@code [n]} or {@code [n, "per_day"]}); per granted MCP tool, an entry whose alias
 *       is {@code Alias.tool}.</li>
 *   <li>The same document gives an equal module: constants in first-use order, tables in declaration or
 *       first-use order, nothing hash-ordered.</li>
 * </ul>
 *
 * <h2>Registers</h2>
 * Parameters are r0..n-1. Every binding (let, for, pattern) has a register for its scope; temporaries live
 * for one expression. A register has one static type for the whole cell (a freed register is reused only for
 * values of its type). An instruction writes a register of exactly its result's type, with these exceptions:
 * <ul>
 *   <li>MOVE converts between a type and a union containing it, both ways: widening ({@code Int} into
 *       {@code Int | Null}, arguments into union-typed parameters, return values into a union return type)
 *       and narrowing after ISTYPE ({@code n: Int} on an {@code Int | String} value).</li>
 *   <li>LOADK, LOADINT, LOADBOOL and LOADNULL may write a register of a union type containing the constant's
 *       type ({@code let x: String | Null = null} is one LOADNULL).</li>
 *   <li>SCHEMA and VALIDATE work in place: their register has the validated type (T, or
 *       {@code result[T, ValidationError]}) and is written with the input — a String or Json — by a MOVE
 *       just before the instruction. When T is Int, Float or Bool (types with unboxed registers) the SCHEMA
 *       register is typed as the union of input and output ({@code Int | String}) and the value is moved
 *       out of it.</li>
 *   <li>The payload of UNWRAP and the operand of ISOK may be a register of a union type that contains the
 *       result type (after the ISTYPE test that picks the result member).</li>
 * </ul>
 * CALL arguments sit in registers typed as the callee's parameters, and RETURN's register has the cell's
 * return type, so a callee never sees a narrower static type than it declares.
 *
 * <h2>Instruction selection</h2>
 * <ul>
 *   <li>Ints in -32768..32767 are LOADINT, other numbers and strings LOADK; `-literal` is folded.</li>
 *   <li>`a > b` is {@code LT r, b, a}; `a >= b` is {@code LE r, b, a}.</li>
 *   <li>`and`/`or` short-circuit: as values, into their result register with JMPIFNOT/JMPIF; as conditions of
 *       `if`, as jump chains (no Bool is materialised for `a and not b or c`).</li>
 *   <li>Strings: two String pieces are joined with ADD; otherwise interpolation and chains of String `+` are
 *       one CONCAT over a window of the pieces, adjacent literal text merged.</li>
 *   <li>Windows (CALL arguments in parameter order, NEWLIST/NEWMAP/NEWRECORD elements, INTRINSIC arguments)
 *       are built directly behind their result register when those registers are free; arguments are
 *       evaluated in the order written. Literals of more than 50 entries are built in chunks: NEWLIST then
 *       APPEND, NEWMAP then SETINDEX.</li>
 *   <li>`length` is LEN, `append` APPEND (in place, A = B, for `xs = append(xs, v)`), `validate` VALIDATE,
 *       `expect schema` SCHEMA, every other built-in INTRINSIC.</li>
 *   <li>A tool call is TOOLCALL on a map from input name to the argument's Json, built by NEWMAP (register
 *       type {@code map[String, Json]}; each argument goes through {@code INTRINSIC to_json} unless it is
 *       Json already); a tool taking positional arguments (llm.chat) gets them as one list under its
 *       positional input ({@code "messages"}). Optional inputs not given are absent.</li>
 *   <li>`x.f[i] = v` reads the containers along the path, SETFIELD/SETINDEX into the innermost, then stores
 *       each container back into its parent (copy on write keeps value semantics).</li>
 *   <li>`for x in list` is an index loop with LEN and GETINDEX; `for k, v in map` the same over
 *       {@code INTRINSIC keys}; `for i in range(a, b)` a counting loop on the loop variable, with no list. A
 *       `let mut` variable that is assigned anywhere is copied before a loop walks it.</li>
 *   <li>`match` tests arms in order: EQ against an enum constant or literal, JMPIF/JMPIFNOT for a Bool
 *       literal on a Bool, ISOK then UNWRAP for `ok(p)`/`err(p)` (after ISTYPE when the value is a union),
 *       ISTYPE on a copy in the register after the test's for `name: T`. The last arm, or the first
 *       catch-all, is not tested: the checker proved the match exhaustive.</li>
 *   <li>Statements after `return`, `halt` or a statement whose every branch leaves are not lowered; a
 *       Null cell that can reach its end gets LOADNULL + RETURN.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * More than 256 registers is E0034. Jumps are sBx (±32,767 instructions): a longer one is E0035, not a
 * long-jump sequence. A table index too wide for its field (constants past 65,535, fields or tools past 255)
 * is widened with EXTRAARG.
 *
 * <h2>Source map</h2>
 * Every instruction carries the 1-based Markdown line and column (UTF-16) of the node it came from: the
 * expression for the instructions computing it, the statement for its own control flow (a loop's counter
 * and jumps point at its `for`), the pattern for a match arm's tests.
 */
package dev.lumen.language.lower;
