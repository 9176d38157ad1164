package dev.lumen.bench;

import dev.lumen.language.CheckResult;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Warm time of the whole front end (extract, lex, parse, resolve, typecheck) on one document. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrontEndBenchmark {
    private String invoice;
    private String generated;

    @Setup
    public void load() throws IOException {
        Path example = Path.of(System.getProperty("lumen.invoice", "examples/invoice_agent.lm.md"));
        invoice = Files.readString(example);
        generated = DocumentGenerator.generate(5_000);
        requireClean(invoice, "invoice example");
        requireClean(generated, "generated document");
    }

    /** A benchmark of a document with errors would measure the error path, not the checker. */
    private static void requireClean(String text, String what) {
        CheckResult result = FrontEnd.check(new SourceFile(what, text));
        if (result.hasErrors()) {
            throw new IllegalStateException(what + " does not check clean: " + result.diagnostics());
        }
    }

    @Benchmark
    public CheckResult invoiceExample() {
        return FrontEnd.check(new SourceFile("invoice_agent.lm.md", invoice));
    }

    @Benchmark
    public CheckResult generated5000Lines() {
        return FrontEnd.check(new SourceFile("generated.lm.md", generated));
    }
}
