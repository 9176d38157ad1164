package dev.lumen.lir.format;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * How the TOOLSTARTs and AWAITs of a cell pair up (lir-v1.md §8, "Started calls"): they come in groups, each one
 * or more TOOLSTARTs and then one AWAIT for each, in the same order and into the same registers, with nothing
 * but AWAITs between the group's first AWAIT and its last. Until its AWAIT, no instruction uses the register a
 * call was started for, and the cell does not return or halt; no jump leaves a group's span (its first TOOLSTART
 * to its last AWAIT) or enters it anywhere but at its start. The runtime takes the calls' outputs in the order
 * started: a module in which they do not pair would hand a call's output to another's register, or leave a
 * call running when the cell has returned.
 */
final class CallGroups {
    private CallGroups() {
    }

    /** A call started and not yet awaited: where, and the register its output goes to. */
    private record Started(int pc, long register) {
    }

    /** A group's instructions, from its first TOOLSTART to its last AWAIT. */
    private record Span(int first, int last) {
        boolean holds(long pc) {
            return first <= pc && pc <= last;
        }
    }

    /** The problems of {@code code}, each named {@code where pc N: …}. */
    static List<String> problems(String where, int[] code, List<TypeDef> types, List<CellDef> cells) {
        List<String> problems = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        Deque<Started> pending = new ArrayDeque<>();
        int groupStart = -1;
        boolean awaiting = false; // the group's first AWAIT has been seen
        for (int pc = 0; pc < code.length; pc++) {
            Opcode op = Opcode.of(Instruction.opcode(code[pc]));
            if (op == null || op == Opcode.EXTRAARG) {
                continue;
            }
            long[] operands = Verifier.operands(code, pc);
            long a = operands[0];
            String at = where + " pc " + pc + ": ";
            if (op == Opcode.AWAIT) {
                Started next = pending.pollFirst();
                if (next == null) {
                    problems.add(at + "AWAIT into register " + a + " with no call started: no TOOLSTART before it is"
                            + " still to be awaited");
                    continue;
                }
                if (next.register() != a) {
                    problems.add(at + "AWAIT into register " + a + ", but the earliest call not awaited, started at pc "
                            + next.pc() + ", gives register " + next.register() + " (calls are awaited in the order"
                            + " started)");
                }
                awaiting = true;
                if (pending.isEmpty()) {
                    spans.add(new Span(groupStart, pc));
                    awaiting = false;
                }
                continue;
            }
            if (!pending.isEmpty()) {
                Started earliest = pending.peekFirst();
                if (awaiting) {
                    problems.add(at + op + " between the AWAITs of the calls started at pc " + earliest.pc()
                            + ": once a group's first AWAIT has run, only its AWAITs follow until every call is awaited");
                } else if (op == Opcode.RETURN || op == Opcode.HALT) {
                    problems.add(at + op + " while the call started at pc " + earliest.pc() + " is not awaited"
                            + " (every TOOLSTART is awaited before the cell returns or halts)");
                }
                for (Started call : pending) {
                    if (uses(op, operands, call.register(), types, cells)) {
                        problems.add(at + op + " uses register " + call.register() + " before the AWAIT of the call"
                                + " started at pc " + call.pc() + ", which writes it");
                    }
                }
            }
            if (op == Opcode.TOOLSTART) {
                if (pending.isEmpty()) {
                    groupStart = pc;
                }
                pending.addLast(new Started(pc, a));
            }
        }
        for (Started call : pending) {
            problems.add(where + " pc " + call.pc() + ": the call TOOLSTART starts into register " + call.register()
                    + " is never awaited (each TOOLSTART is followed by its AWAIT)");
        }
        jumps(where, code, spans, problems);
        return problems;
    }

    /** No jump leaves a span, or enters one anywhere but at its first instruction. */
    private static void jumps(String where, int[] code, List<Span> spans, List<String> problems) {
        for (int pc = 0; pc < code.length; pc++) {
            Opcode op = Opcode.of(Instruction.opcode(code[pc]));
            if (op == null || op.b() != Opcode.Operand.JUMP) {
                continue;
            }
            long target = pc + 1 + Verifier.operands(code, pc)[1];
            for (Span span : spans) {
                String group = "the calls started at pc " + span.first() + " (pc " + span.first() + ".." + span.last() + ")";
                if (span.holds(pc) && (!span.holds(target) || target == span.first())) {
                    problems.add(where + " pc " + pc + ": " + op + " to " + target + " leaves the group of " + group
                            + " before its calls are awaited");
                } else if (!span.holds(pc) && span.holds(target) && target != span.first()) {
                    problems.add(where + " pc " + pc + ": " + op + " to " + target + " enters the group of " + group
                            + " after its start");
                }
            }
        }
    }

    /** Whether the instruction reads or writes {@code register}, as an operand or within a window. */
    private static boolean uses(Opcode op, long[] operands, long register, List<TypeDef> types, List<CellDef> cells) {
        Opcode.Operand[] kinds = {op.a(), op.b(), op.c()};
        for (int i = 0; i < 3; i++) {
            if (kinds[i] == Opcode.Operand.REG && operands[i] == register) {
                return true;
            }
        }
        for (Verifier.Window w : Verifier.windowsOf(op, operands[0], operands[1], operands[2], types, cells)) {
            if (w.first() <= register && register < w.first() + w.count()) {
                return true;
            }
        }
        return false;
    }
}
