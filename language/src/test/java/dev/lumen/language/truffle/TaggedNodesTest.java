package dev.lumen.language.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oracle.truffle.api.instrumentation.SourceSectionFilter;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.Tag;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import com.oracle.truffle.api.source.SourceSection;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;

/**
 * The nodes tools see, as an instrument finds them by tag: each cell a RootTag and RootBodyTag node at its
 * declaration, each statement a StatementTag node at the statement (the head only of a `for`), each call of a
 * cell a CallTag node at the call — at lines and columns of the Markdown document ({@link DebuggerTest#DOCUMENT},
 * whose code starts below prose).
 */
class TaggedNodesTest {

    /** Records the source sections of the nodes with one tag, as they load. */
    @TruffleInstrument.Registration(id = TaggedSections.ID, services = TaggedSections.class)
    public static final class TaggedSections extends TruffleInstrument {
        static final String ID = "lumen-tagged-sections-test";
        private Env env;

        @Override
        protected void onCreate(Env instrumentEnv) {
            this.env = instrumentEnv;
            instrumentEnv.registerService(this);
        }

        /** From now on, each node tagged {@code tag} that loads adds "line:column text" to {@code out}. */
        void record(Class<? extends Tag> tag, List<String> out) {
            env.getInstrumenter().attachLoadSourceSectionListener(SourceSectionFilter.newBuilder().tagIs(tag).build(),
                    event -> out.add(shown(event.getSourceSection())), true);
        }

        private static String shown(SourceSection s) {
            String text = s.getCharacters().toString();
            int newline = text.indexOf('\n');
            return s.getStartLine() + ":" + s.getStartColumn() + " " + (newline < 0 ? text : text.substring(0, newline));
        }
    }

    private static List<String> tagged(Class<? extends Tag> tag) {
        List<String> sections = new ArrayList<>();
        try (Context context = Context.newBuilder(LumenLanguage.ID).option("engine.WarnInterpreterOnly", "false").build()) {
            context.getEngine().getInstruments().get(TaggedSections.ID).lookup(TaggedSections.class).record(tag, sections);
            context.eval(Source.newBuilder(LumenLanguage.ID, DebuggerTest.DOCUMENT, "tagged.lm.md").buildLiteral())
                    .getMember("run").execute();
        }
        return sections;
    }

    @Test
    void cellsAreRootsAndRootBodiesAtTheirDeclarations() {
        List<String> cells = List.of("12:1 cell square(n: Int) -> Int", "17:1 cell run() -> Int");
        assertEquals(cells, tagged(StandardTags.RootTag.class).stream().sorted().toList());
        assertEquals(cells, tagged(StandardTags.RootBodyTag.class).stream().sorted().toList());
    }

    @Test
    void statementsAreTaggedAtTheStatementOnly() {
        assertEquals(List.of("13:3 let s = n * n", "14:3 return s", "18:3 let p = Point { x: 3, y: 4 }",
                "19:3 let xs = [1, 2, 3]", "20:3 let mut total = 0", "21:3 for x in xs", "21:3 for x in xs",
                "22:5 total = total + square(x)", "24:3 return total + p.x"),
                tagged(StandardTags.StatementTag.class).stream().sorted().toList());
    }

    @Test
    void callsOfCellsAreTaggedAtTheCall() {
        assertEquals(List.of("22:21 s"), tagged(StandardTags.CallTag.class));
    }
}
