package dev.lumen.runtime.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples of RFC 3986 §5.4, against its base {@code http://a/b/c/d;p?q} (fragments are dropped). */
class ReferencesTest {
    private static final URI BASE = URI.create("http://a/b/c/d;p?q");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "g:h      | g:h", "g        | http://a/b/c/g", "./g      | http://a/b/c/g", "g/       | http://a/b/c/g/",
            "/g       | http://a/g", "//g      | http://g", "?y       | http://a/b/c/d;p?y", "g?y      | http://a/b/c/g?y",
            "#s       | http://a/b/c/d;p?q", "g#s      | http://a/b/c/g", "g?y#s    | http://a/b/c/g?y",
            ";x       | http://a/b/c/;x", "g;x      | http://a/b/c/g;x", "g;x?y#s  | http://a/b/c/g;x?y",
            "''       | http://a/b/c/d;p?q", ".        | http://a/b/c/", "./       | http://a/b/c/", "..       | http://a/b/",
            "../      | http://a/b/", "../g     | http://a/b/g", "../..    | http://a/", "../../   | http://a/",
            "../../g  | http://a/g"})
    void normalExamples(String reference, String resolved) {
        assertEquals(resolved, References.resolve(BASE, reference));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../../../g    | http://a/g", "../../../../g | http://a/g", "/./g          | http://a/g",
            "/../g         | http://a/g", "g.            | http://a/b/c/g.", ".g            | http://a/b/c/.g",
            "g..           | http://a/b/c/g..", "..g           | http://a/b/c/..g", "./../g        | http://a/b/g",
            "./g/.         | http://a/b/c/g/", "g/./h         | http://a/b/c/g/h", "g/../h        | http://a/b/c/h",
            "g;x=1/./y     | http://a/b/c/g;x=1/y", "g;x=1/../y    | http://a/b/c/y", "g?y/./x       | http://a/b/c/g?y/./x",
            "g?y/../x      | http://a/b/c/g?y/../x", "g#s/./x       | http://a/b/c/g", "g#s/../x      | http://a/b/c/g",
            "http:g        | http:g"})
    void abnormalExamples(String reference, String resolved) {
        assertEquals(resolved, References.resolve(BASE, reference));
    }
}
