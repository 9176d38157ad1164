package dev.lumen.lsp.protocol;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * lsp4j logs through java.util.logging, by default with stack traces on standard error (for a stream that
 * closes, a message it cannot parse). Here its warnings and errors become one line each in the server's log,
 * and its informational messages are dropped.
 */
public final class LibraryLog {
    /** Held so that the configured logger is not collected and reset. */
    private static final Logger LSP4J = Logger.getLogger("org.eclipse.lsp4j");

    private LibraryLog() {
    }

    public static synchronized void into(ServerLog log) {
        for (Handler h : LSP4J.getHandlers()) {
            LSP4J.removeHandler(h);
        }
        LSP4J.setUseParentHandlers(false);
        LSP4J.setLevel(Level.WARNING);
        LSP4J.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    Throwable t = record.getThrown();
                    log.info("protocol: " + record.getMessage() + (t == null ? "" : ": " + t));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }
}
