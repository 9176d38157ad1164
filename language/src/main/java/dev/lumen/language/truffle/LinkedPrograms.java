package dev.lumen.language.truffle;

import com.oracle.truffle.api.source.Source;
import dev.lumen.lir.format.LirJson;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.interpreter.LumenProgram;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The programs a language instance has linked, shared by every context of its engine: a document evaluated again
 * in another context (the daemon's next run of it) runs the same call targets, and so their compiled code.
 *
 * <p>A program depends on its LIR module, its source and the name locations show, and nothing else (effects are
 * the current context's); those three are the key. The module is compared as its canonical text, which holds
 * everything the front end derived from the project (tools, types, settings), so a document compiled against
 * other tools is another program. The source is compared by what a program shows of it (name, URI, text), not
 * as a {@link Source}, whose equality goes through Truffle's weak interning of sources: in the daemon, after a
 * full collection (it makes one after a large run), the next run's source of an unchanged document was not equal
 * to the one kept here, and the document compiled again. The least recently used programs beyond
 * {@value #LIMIT} are forgotten.
 */
final class LinkedPrograms {
    static final int LIMIT = 16;

    private record Key(String name, String uri, String content, String file, String lir) {
        Key(Source source, String file, LirModule module) {
            this(source.getName(), String.valueOf(source.getURI()), content(source), file, LirJson.write(module));
        }

        /**
         * A document's text, a binary source's bytes (one char each, so that no two contents meet), or nothing for
         * a source without content (a LIR module without debug information: its LIR is the whole program).
         */
        private static String content(Source source) {
            if (source.hasCharacters()) {
                return "text:" + source.getCharacters();
            }
            return source.hasBytes() ? "bytes:" + new String(source.getBytes().toByteArray(), StandardCharsets.ISO_8859_1)
                    : "none";
        }
    }

    private final Map<Key, LumenProgram> programs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, LumenProgram> eldest) {
            return size() > LIMIT;
        }
    };

    /** The program of {@code module} from {@code source} shown as {@code file}: a linked one, else {@code link}'s. */
    LumenProgram get(Source source, String file, LirModule module, Supplier<LumenProgram> link) {
        Key key = new Key(source, file, module);
        synchronized (programs) {
            LumenProgram linked = programs.get(key);
            if (linked != null) {
                return linked;
            }
        }
        LumenProgram program = link.get(); // outside the lock: another context may link a document meanwhile
        synchronized (programs) {
            LumenProgram raced = programs.putIfAbsent(key, program);
            return raced != null ? raced : program;
        }
    }
}
