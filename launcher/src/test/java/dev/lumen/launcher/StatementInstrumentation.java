package dev.lumen.launcher;

import com.oracle.truffle.api.debug.Breakpoint;
import com.oracle.truffle.api.debug.Debugger;
import com.oracle.truffle.api.debug.DebuggerSession;
import dev.lumen.language.truffle.LumenLanguage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;

/**
 * Whether the interpreter stops a Truffle debugger at a statement of a document: the tests of the debugger
 * protocols check pauses, steps and scopes only where it does, and say so where it does not (an interpreter
 * without statement instrumentation). Asked of Truffle's own debugger, in this JVM, with no protocol between.
 */
final class StatementInstrumentation {
    /** Why a protocol test skipped its pause, step and scope checks. */
    static final String MISSING = "the interpreter has no statement instrumentation (no StatementTag at a Lumen "
            + "statement): breakpoints cannot resolve, so pauses, steps and scopes were not checked";

    private StatementInstrumentation() {
    }

    /** Whether a breakpoint at {@code line} of {@code document} stops its cell {@code run}, run in {@code store}. */
    static boolean stopsAt(Path document, int line, Path store) throws IOException {
        Source source = Source.newBuilder(LumenLanguage.ID, document.toFile()).build();
        AtomicBoolean stopped = new AtomicBoolean();
        try (Context context = Context.newBuilder(LumenLanguage.ID)
                .option("engine.WarnInterpreterOnly", "false")
                .option("lumen.Store", store.toString())
                .build();
                DebuggerSession session = Debugger.find(context.getEngine()).startSession(event -> {
                    if (event.getSourceSection() != null && event.getSourceSection().getStartLine() == line) {
                        stopped.set(true);
                    }
                })) {
            session.install(Breakpoint.newBuilder(source.getURI()).lineIs(line).build());
            context.eval(source).getMember("run").execute();
        }
        return stopped.get();
    }
}
