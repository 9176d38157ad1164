package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.junit.jupiter.api.Test;

/** Semantic tokens of the `lumen` blocks, decoded back into `text:type` words, one line of them per line. */
class SemanticTokensTest {

    @Test
    void theTokensOfABlockAreClassified() {
        String text = """
                @trace off

                Prose is not tokenised: cell let 42.

                ```lumen
                use tool json.parse as Parse # parses
                grant Parse

                enum Status
                  Paid
                end

                record Invoice
                  id: String
                  lines: list[Int]
                end

                cell total(inv: Invoice, n: Int) -> Float
                  let mut sum = 0.5
                  sum = to_float(n) * 2.0 + sum
                  let s = Parse(text: "x {inv.id} y")
                  return sum # done
                end
                ```
                """;
        assertEquals("""
                1: @trace:decorator
                6: use:keyword tool:keyword json:namespace parse:namespace as:keyword Parse:namespace+declaration # parses:comment
                7: grant:keyword Parse:namespace
                9: enum:keyword Status:enum+declaration
                10: Paid:enumMember+declaration
                11: end:keyword
                13: record:keyword Invoice:struct+declaration
                14: id:property+declaration String:type+defaultLibrary
                15: lines:property+declaration list:type+defaultLibrary Int:type+defaultLibrary
                16: end:keyword
                18: cell:keyword total:function+declaration inv:parameter+declaration Invoice:struct n:parameter+declaration Int:type+defaultLibrary ->:operator Float:type+defaultLibrary
                19: let:keyword mut:keyword sum:variable+declaration =:operator 0.5:number
                20: sum:variable =:operator to_float:function+defaultLibrary n:parameter *:operator 2.0:number +:operator sum:variable
                21: let:keyword s:variable+declaration =:operator Parse:namespace text:property "x :string inv:parameter id:property  y":string
                22: return:keyword sum:variable # done:comment
                23: end:keyword
                """, decode(text));
    }

    @Test
    void theLinesOfAParallelBlockAreKeywords() {
        String text = """
                ```lumen
                use tool json.parse as Parse
                grant Parse

                cell both() -> Int
                  @parallel
                  let a = Parse(text: "1")
                  let b = Parse(text: "2")
                  @end
                  return 0
                end
                ```
                """;
        String decoded = decode(text);
        assertTrue(decoded.contains("6: @parallel:keyword\n"), decoded);
        assertTrue(decoded.contains("9: @end:keyword\n"), decoded);
        assertTrue(decoded.contains("7: let:keyword a:variable+declaration =:operator Parse:namespace"), decoded);
    }

    @Test
    void roleTextIsAStringAndAHashInItIsNoComment() {
        String text = """
                ```lumen
                cell ask(topic: String) -> String
                  let p = role user:
                    Tell me # about {topic}
                    and more
                  end
                  return "#{topic}" # a comment
                end
                ```
                """;
        String decoded = decode(text);
        assertTrue(decoded.contains("4: Tell me # about :string topic:parameter\n"), decoded);
        assertTrue(decoded.contains("5: and more:string\n"), decoded);
        assertTrue(decoded.contains("7: return:keyword \"#:string topic:parameter \":string # a comment:comment\n"),
                decoded);
    }

    @Test
    void tokensNeverOverlapAndStayOnTheirLine() {
        String text = "```lumen\ncell f() -> String\n  return \"a{x}b{\"c{y}\"}d\" # {z}\nend\n```\n";
        List<int[]> tokens = absolute(text);
        for (int i = 1; i < tokens.size(); i++) {
            int[] a = tokens.get(i - 1);
            int[] b = tokens.get(i);
            assertTrue(b[0] > a[0] || b[1] >= a[1] + a[2], "overlap at token " + i);
        }
        String[] lines = text.split("\n", -1);
        for (int[] t : tokens) {
            assertTrue(t[1] + t[2] <= lines[t[0]].length(), "token past the end of line " + t[0]);
        }
    }

    @Test
    void aDocumentWithoutBlocksHasNoTokens() {
        assertEquals("", decode("# Just prose\n\nNothing here.\n"));
    }

    /** Decodes the tokens of {@code text}, as opened in a session, into one line per Markdown line (1-based). */
    static String decode(String text) {
        try (LspSession session = LspSession.start()) {
            SemanticTokensLegend legend = session.initialized.getCapabilities().getSemanticTokensProvider().getLegend();
            String uri = "file:///tmp/tokens.lm.md";
            session.open(uri, text);
            List<Integer> data = session.tokens(uri).getData();
            String[] lines = text.split("\n", -1);
            StringBuilder out = new StringBuilder();
            int line = 0;
            int start = 0;
            int shown = -1;
            for (int i = 0; i < data.size(); i += 5) {
                line += data.get(i);
                start = data.get(i) == 0 ? start + data.get(i + 1) : data.get(i + 1);
                String word = lines[line].substring(start, start + data.get(i + 2));
                StringBuilder type = new StringBuilder(legend.getTokenTypes().get(data.get(i + 3)));
                for (int m = 0; m < legend.getTokenModifiers().size(); m++) {
                    if ((data.get(i + 4) & (1 << m)) != 0) {
                        type.append('+').append(legend.getTokenModifiers().get(m));
                    }
                }
                if (line != shown) {
                    out.append(shown < 0 ? "" : "\n").append(line + 1).append(':'); // as the Markdown counts lines
                    shown = line;
                }
                out.append(' ').append(word).append(':').append(type);
            }
            return out.isEmpty() ? "" : out.append('\n').toString();
        }
    }

    /** The tokens of {@code text} as [line, start, length]. */
    static List<int[]> absolute(String text) {
        try (LspSession session = LspSession.start()) {
            String uri = "file:///tmp/abs.lm.md";
            session.open(uri, text);
            List<Integer> data = session.tokens(uri).getData();
            List<int[]> out = new ArrayList<>();
            int line = 0;
            int start = 0;
            for (int i = 0; i < data.size(); i += 5) {
                line += data.get(i);
                start = data.get(i) == 0 ? start + data.get(i + 1) : data.get(i + 1);
                out.add(new int[] {line, start, data.get(i + 2)});
            }
            return out;
        }
    }
}
