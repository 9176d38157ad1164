package com.example.runjs;

import java.io.File;
import java.io.IOException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Runs a JavaScript program on GraalJS with Lumen in the same context, as GraalVM's `js --polyglot` launcher
 * would (that launcher is not published on Maven Central): the script reaches Lumen through
 * {@code Polyglot.evalFile('lumen', …)} and offers host tools with {@code Polyglot.export}.
 *
 * <pre>java [JVM options of docs/embedding.md] -cp 'target/lib/*:target/classes' com.example.runjs.RunJs SCRIPT [ARG...]</pre>
 */
public final class RunJs {
    private RunJs() {
    }

    public static void main(String[] args) throws IOException {
        try (Context context = Context.newBuilder("js", "lumen")
                .allowPolyglotAccess(PolyglotAccess.ALL) // Polyglot.evalFile and Polyglot.export
                .allowIO(IOAccess.ALL) // the script reads the document; Lumen writes its store
                .arguments("js", java.util.Arrays.copyOfRange(args, 1, args.length))
                .build()) {
            context.eval(Source.newBuilder("js", new File(args[0])).build());
        } catch (PolyglotException e) {
            if (e.isGuestException()) {
                System.err.println(e.getMessage());
                System.exit(1);
            }
            throw e;
        }
    }
}
