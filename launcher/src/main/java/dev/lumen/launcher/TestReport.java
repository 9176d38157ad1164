package dev.lumen.launcher;

import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.HumanRenderer;
import dev.lumen.runtime.json.CanonicalJson;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The forms of `lumen test`'s report: lines for people, one JSON object, JUnit XML for CI systems. */
final class TestReport {
    private TestReport() {
    }

    /** One line per test, a failure's message indented under it; a document with errors shows its diagnostics. */
    static void human(TestResult result, boolean color, PrintWriter out, PrintWriter err) {
        if (!result.diagnostics().isEmpty()) {
            err.print(new HumanRenderer(color).render(result.file(), result.diagnostics()));
            String summary = CheckCommand.summary("test", result.file().name(), result.diagnostics(), color);
            if (summary != null) {
                err.println(summary);
            }
        }
        for (TestResult.Outcome o : result.outcomes()) {
            String mark = o.passed() ? paint("ok    ", "32", color) : paint("FAILED", "1;31", color);
            out.println(mark + " " + o.name() + " (" + result.file().name() + ":" + o.line() + ")");
            if (!o.passed()) {
                for (String line : o.message().split("\n", -1)) {
                    out.println("    " + line);
                }
                if (o.location() != null) {
                    out.println("    --> " + o.location());
                }
            }
        }
    }

    /** {@code N passed, N failed}, and the documents whose errors kept their tests from running. */
    static String summary(List<TestResult> results) {
        long passed = 0;
        long failed = 0;
        long broken = 0;
        for (TestResult r : results) {
            failed += r.failed();
            passed += r.outcomes().size() - r.failed();
            broken += r.hasErrors() ? 1 : 0;
        }
        return passed + " passed, " + failed + " failed"
                + (broken > 0 ? ", " + broken + (broken == 1 ? " document" : " documents") + " with errors" : "");
    }

    static String json(List<TestResult> results) {
        List<Object> tests = new ArrayList<>();
        List<Object> documents = new ArrayList<>();
        for (TestResult r : results) {
            for (TestResult.Outcome o : r.outcomes()) {
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("name", o.name());
                test.put("document", r.file().name());
                test.put("line", o.line());
                test.put("outcome", o.passed() ? "passed" : "failed");
                test.put("message", o.message());
                test.put("location", o.location());
                test.put("duration_ms", o.millis());
                tests.add(test);
            }
            if (r.hasErrors()) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("document", r.file().name());
                document.put("errors", r.diagnostics().stream().filter(Diagnostic::isError)
                        .map(d -> d.code().id() + " " + d.span().line() + ":" + d.span().column() + " " + d.message())
                        .toList());
                documents.add(document);
            }
        }
        long failed = results.stream().mapToLong(TestResult::failed).sum();
        long all = results.stream().mapToLong(r -> r.outcomes().size()).sum();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("tests", tests);
        report.put("passed", all - failed);
        report.put("failed", failed);
        report.put("documents_with_errors", documents);
        return CanonicalJson.write(report);
    }

    /** One {@code <testsuite>} per document, in a {@code <testsuites>}; a document with errors is one error. */
    static String junit(List<TestResult> results) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuites");
            for (TestResult r : results) {
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", r.file().name());
                xml.writeAttribute("tests", Integer.toString(r.outcomes().size() + (r.hasErrors() ? 1 : 0)));
                xml.writeAttribute("failures", Long.toString(r.failed()));
                xml.writeAttribute("errors", r.hasErrors() ? "1" : "0");
                xml.writeAttribute("time", seconds(r.outcomes().stream().mapToLong(TestResult.Outcome::millis).sum()));
                if (r.hasErrors()) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("name", "check");
                    xml.writeAttribute("classname", r.file().name());
                    xml.writeStartElement("error");
                    xml.writeAttribute("message", "the document has errors, so its tests did not run");
                    xml.writeCharacters(String.join("\n", r.diagnostics().stream().filter(Diagnostic::isError)
                            .map(d -> d.code().id() + " " + d.span() + " " + d.message()).toList()));
                    xml.writeEndElement();
                    xml.writeEndElement();
                }
                for (TestResult.Outcome o : r.outcomes()) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("name", o.name());
                    xml.writeAttribute("classname", r.file().name());
                    xml.writeAttribute("file", r.file().name());
                    xml.writeAttribute("line", Integer.toString(o.line()));
                    xml.writeAttribute("time", seconds(o.millis()));
                    if (!o.passed()) {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("message", o.message().lines().findFirst().orElse(""));
                        xml.writeCharacters(o.message() + (o.location() != null ? "\n--> " + o.location() : ""));
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML to a string cannot fail", e);
        }
        return text + "\n";
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String paint(String text, String ansi, boolean color) {
        return color ? "\u001b[" + ansi + "m" + text + "\u001b[0m" : text;
    }
}
