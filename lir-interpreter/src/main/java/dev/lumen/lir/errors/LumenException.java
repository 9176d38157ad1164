package dev.lumen.lir.errors;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleStackTrace;
import com.oracle.truffle.api.TruffleStackTraceElement;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenNull;
import java.util.ArrayList;
import java.util.List;

/**
 * A Lumen error that stops the program: a runtime error, a {@code halt}, an effect that is not available,
 * or an argument a host passed that does not fit the cell. A guest exception: hosts see it as a
 * {@code PolyglotException} whose message is the Lumen message and whose source location is the failing
 * instruction in the `.lm.md` document.
 *
 * <p>Interop members (read them from a host on {@code PolyglotException.getGuestObject()}):
 * {@code kind} ("runtime", "halt", "unavailable", "argument", "tool", "policy", "replay", "cancelled"), {@code message}, {@code file}, {@code line},
 * {@code column} (null when there is no location), {@code stack}: the Lumen stack trace, innermost cell
 * first, as a list of maps {@code {"cell", "file", "line", "column"}} — the failing instruction for the first
 * frame, the call site for each caller — and {@code errors}: the FieldError records of a failed
 * {@code expect schema} (path, constraint, expected, actual, message), an empty list for other errors.
 */
@ExportLibrary(InteropLibrary.class)
public abstract class LumenException extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;
    private static final String[] MEMBERS = {"kind", "message", "file", "line", "column", "stack", "errors"};

    /** What stopped the program. */
    public enum Kind {
        RUNTIME("runtime"), HALT("halt"), UNAVAILABLE("unavailable"), ARGUMENT("argument"),
        /** A tool call that failed: the tool's error, an output that is not of the call's type, a call offline. */
        TOOL("tool"),
        /** A tool call its grants do not allow (a PolicyError): named by the grant clause that refuses it. */
        POLICY("policy"),
        /** A replay that does not follow its recorded run, or a replay that cannot start. */
        REPLAY("replay"),
        /** A run its host cancelled while it ran (Ctrl-C, run.md §5): the tool call in flight, if any, too. */
        CANCELLED("cancelled");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Kind kind;
    private final LumenLocation location;
    /** The FieldError records of a failed validation (a Lumen list), or null. */
    private final Object fieldErrors;
    private List<LumenStackFrame> stack;

    /**
     * {@code node} is null for errors raised by an instruction: the innermost frame's location is then the
     * failing instruction ({@code location}), not the whole cell, in Truffle and polyglot stack traces.
     */
    protected LumenException(Kind kind, String message, Node node, LumenLocation location) {
        this(kind, message, node, location, null);
    }

    /** {@code fieldErrors}: the FieldError records of a failed validation (a Lumen list), or null. */
    protected LumenException(Kind kind, String message, Node node, LumenLocation location, Object fieldErrors) {
        super(message, node);
        this.kind = kind;
        this.location = location;
        this.fieldErrors = fieldErrors;
    }

    public final Kind kind() {
        return kind;
    }

    /** Where the program failed, or null (argument errors). */
    public final LumenLocation location() {
        return location;
    }

    @Override
    public SourceSection getEncapsulatingSourceSection() {
        if (location != null && location.section() != null) {
            return location.section();
        }
        return super.getEncapsulatingSourceSection();
    }

    /** The Lumen stack trace: innermost cell first. Complete once the exception has left the guest. */
    @TruffleBoundary
    public final List<LumenStackFrame> lumenStackTrace() {
        if (stack != null) {
            return stack;
        }
        List<LumenStackFrame> frames = new ArrayList<>();
        for (TruffleStackTraceElement e : TruffleStackTrace.getStackTrace(this)) {
            RootNode root = e.getTarget().getRootNode();
            if (!(root instanceof LumenRoot cellRoot) || root.isInternal()) {
                continue;
            }
            LumenLocation at = frames.isEmpty() && e.getLocation() == null ? location : locate(e.getLocation());
            frames.add(new LumenStackFrame(cellRoot.cellName(), at));
        }
        stack = List.copyOf(frames);
        return stack;
    }

    private static LumenLocation locate(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof LumenLocated l) {
                return l.lumenLocation();
            }
        }
        return null;
    }

    // ---- interop ----

    @ExportMessage
    ExceptionType getExceptionType() {
        return ExceptionType.RUNTIME_ERROR;
    }

    @ExportMessage
    boolean hasSourceLocation() {
        return location != null && location.section() != null;
    }

    @ExportMessage
    SourceSection getSourceLocation() throws UnsupportedMessageException {
        if (location == null || location.section() == null) {
            throw UnsupportedMessageException.create();
        }
        return location.section();
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return LumenList.of((Object[]) MEMBERS);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return List.of(MEMBERS).contains(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        return switch (member) {
            case "kind" -> kind.text();
            case "message" -> getMessage();
            case "file" -> location == null ? LumenNull.INSTANCE : location.file();
            case "line" -> location == null ? LumenNull.INSTANCE : (Object) (long) location.line();
            case "column" -> location == null ? LumenNull.INSTANCE : (Object) (long) location.column();
            case "stack" -> stackValue();
            case "errors" -> fieldErrors == null ? LumenList.of() : fieldErrors;
            default -> throw UnknownIdentifierException.create(member);
        };
    }

    private Object stackValue() {
        List<LumenStackFrame> frames = lumenStackTrace();
        Object[] items = new Object[frames.size()];
        for (int i = 0; i < items.length; i++) {
            LumenStackFrame f = frames.get(i);
            LumenLocation l = f.location();
            items[i] = LumenMap.ofPairs(new Object[] {
                "cell", f.cell(),
                "file", l == null ? LumenNull.INSTANCE : l.file(),
                "line", l == null ? LumenNull.INSTANCE : (Object) (long) l.line(),
                "column", l == null ? LumenNull.INSTANCE : (Object) (long) l.column(),
            });
        }
        return LumenList.of(items);
    }
}
