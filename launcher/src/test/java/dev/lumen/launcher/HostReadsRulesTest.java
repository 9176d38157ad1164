package dev.lumen.launcher;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.lumen.launcher.daemon.Daemon;
import dev.lumen.launcher.daemon.DaemonClient;
import dev.lumen.runtime.host.Host;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a command reads of the process it runs for — working directory, environment, standard input and the
 * standard error prompts go to — it reads through {@link Host#current()}: one JVM may run commands for several
 * clients at once, and Java gives all its threads one directory and one environment. A class that reads the
 * JVM's own instead would see another client's, or the long-lived process's, and fails these rules.
 */
@AnalyzeClasses(packages = "dev.lumen", importOptions = ImportOption.DoNotIncludeTests.class)
class HostReadsRulesTest {
    /**
     * Where reading the JVM's own process is right: the Host itself (the process's host, when none is bound),
     * {@code lumen lsp}, which owns its process: its protocol is the JVM's standard input and output, and the
     * daemon's client and the daemon's main, each the whole of its process (docs/spec/daemon.md): the client
     * sends its process's directory and environment, which the daemon binds as each command's Host.
     */
    private static final DescribedPredicate<JavaClass> OWN_THEIR_PROCESS =
            belongToAnyOf(Host.class, LspCommand.class, DaemonClient.class, Daemon.class)
                    .as("the Host, lumen lsp and the daemon's client and main");

    @ArchTest
    static final ArchRule readTheHostsEnvironment = noClasses().that(DescribedPredicate.not(OWN_THEIR_PROCESS))
            .should().callMethod(System.class, "getenv")
            .orShould().callMethod(System.class, "getenv", String.class)
            .because("the environment is the client's: Host.current().environment()");

    @ArchTest
    static final ArchRule readTheHostsStreams = noClasses().that(DescribedPredicate.not(OWN_THEIR_PROCESS))
            .should().accessField(System.class, "in")
            .orShould().accessField(System.class, "err")
            .orShould().accessField(System.class, "out")
            .because("standard input and the prompts on standard error are the client's: Host.current().in() and"
                    + " err(), or the command's own writers");

    @ArchTest
    static final ArchRule resolveAgainstTheHostsDirectory = noClasses().that(DescribedPredicate.not(OWN_THEIR_PROCESS))
            .should().callMethod(Path.class, "toAbsolutePath")
            .orShould().callMethod(File.class, "getAbsolutePath")
            .orShould().callMethod(File.class, "getAbsoluteFile")
            .because("a relative path is the client's: Host.current().absolute(path) or resolve(name)");

    /** Reads of the working directory and home that name it by a string, which bytecode rules cannot tell apart. */
    private static final Pattern PROCESS_DIRECTORY = Pattern.compile(
            "Paths?\\.(of|get)\\(\"\"\\)|getProperty\\(\"user\\.(dir|home)\"\\)");

    @Test
    void noMainCodeButTheHostNamesTheWorkingDirectoryOrHome() throws IOException {
        Path root = Path.of("..").toRealPath();
        List<String> found;
        try (Stream<Path> files = Files.walk(root, 1)) {
            found = files.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory)
                    .filter(main -> !main.startsWith(root.resolve("bench"))) // benchmarks are their own process
                    .flatMap(HostReadsRulesTest::javaFiles)
                    .filter(file -> !file.endsWith(Path.of("dev/lumen/runtime/host/Host.java"))
                            && !file.endsWith(Path.of("dev/lumen/launcher/daemon/DaemonClient.java")))
                    .flatMap(file -> matches(root, file))
                    .toList();
        }
        assertEquals(List.of(), found, "use Host.current().directory() or home()");
    }

    private static Stream<Path> javaFiles(Path main) {
        try (Stream<Path> walk = Files.walk(main)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> matches(Path root, Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return IntStream.range(0, lines.size())
                    .filter(i -> PROCESS_DIRECTORY.matcher(lines.get(i)).find())
                    .mapToObj(i -> root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
