package dev.lumen.language.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.CheckResult;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRendererTest {

    @Test
    void stableKeysCodePointColumnsAndTotals() {
        SourceFile file = new SourceFile("a.lm.md", "let s = \"😀\" + totl\n");
        Diagnostic d = Diagnostic.error(Code.E0013, Span.of(1, 16, 20), "unknown name `totl`")
                .label("not found")
                .secondary(Span.of(1, 9, 13), "a string")
                .note("a \"quoted\" note")
                .help("did you mean `total`?")
                .build();
        Diagnostic w = Diagnostic.warning(Code.W0002, Span.NONE, "unused").build();
        String json = JsonRenderer.render(List.of(new CheckResult(file, List.of(d, w)),
                new CheckResult(new SourceFile("b.lm.md", ""), List.of())));
        assertEquals("""
                {
                  "files": [
                    {
                      "file": "a.lm.md",
                      "diagnostics": [
                        {
                          "severity": "error",
                          "code": "E0013",
                          "title": "unknown name",
                          "message": "unknown name `totl`",
                          "span": {
                            "line": 1,
                            "column": 15,
                            "endLine": 1,
                            "endColumn": 19
                          },
                          "label": "not found",
                          "secondary": [
                            {
                              "span": {
                                "line": 1,
                                "column": 9,
                                "endLine": 1,
                                "endColumn": 12
                              },
                              "message": "a string"
                            }
                          ],
                          "notes": [
                            "a \\"quoted\\" note"
                          ],
                          "helps": [
                            "did you mean `total`?"
                          ]
                        },
                        {
                          "severity": "warning",
                          "code": "W0002",
                          "title": "unused variable",
                          "message": "unused",
                          "span": null,
                          "label": "",
                          "secondary": [],
                          "notes": [],
                          "helps": []
                        }
                      ]
                    },
                    {
                      "file": "b.lm.md",
                      "diagnostics": []
                    }
                  ],
                  "errors": 1,
                  "warnings": 1
                }
                """, json);
    }

    @Test
    void noDocuments() {
        assertEquals("""
                {
                  "files": [],
                  "errors": 0,
                  "warnings": 0
                }
                """, JsonRenderer.render(List.of()));
    }
}
