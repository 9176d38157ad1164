package dev.lumen.language;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.lumen.language.project.Project;
import dev.lumen.runtime.mcp.McpCalls;
import dev.lumen.runtime.mcp.McpConnector;
import dev.lumen.runtime.mcp.McpHandover;
import dev.lumen.runtime.mcp.McpServer;
import dev.lumen.runtime.mcp.McpSettings;
import dev.lumen.runtime.tools.LockFile;
import dev.lumen.runtime.tools.ToolLocator;
import java.nio.file.Path;
import java.util.Map;

/**
 * The front end is pure (DESIGN.md, "Effects, the cache and the checker"): it reads the document it is handed
 * and the {@link Project} the project layer loaded, and never reads another file, the environment, starts a
 * process, opens a socket or writes a file. These rules keep it so: a front-end class that reaches for any of
 * those, or a new package under {@code dev.lumen.language} that nobody classified, fails the build.
 */
@AnalyzeClasses(packages = "dev.lumen.language", importOptions = ImportOption.DoNotIncludeTests.class)
class FrontEndPurityTest {
    /** extract → lex → parse → resolve → typecheck → lower, what they share, and the editor's queries over them. */
    private static final String[] FRONT_END = {
        "dev.lumen.language", "dev.lumen.language.ast", "dev.lumen.language.check", "dev.lumen.language.diagnostics",
        "dev.lumen.language.ide", "dev.lumen.language.incremental", "dev.lumen.language.lower",
        "dev.lumen.language.markdown", "dev.lumen.language.semantic", "dev.lumen.language.source",
        "dev.lumen.language.syntax", "dev.lumen.language.types", "dev.lumen.language.format",
        "dev.lumen.language.schema",
    };
    /** Where I/O is allowed: the project layer (environment, lock file, servers) and the runnable language. */
    private static final String[] AROUND_IT = {"dev.lumen.language.project", "dev.lumen.language.truffle"};

    /** The front end's packages, and the value the project layer hands it. */
    private static final DescribedPredicate<JavaClass> PURE =
            resideInAnyPackage(FRONT_END).or(belongToAnyOf(Project.class)).as("the front end");

    /** java.net is sockets, URLs and name lookups, except the classes that only parse and format text. */
    private static final DescribedPredicate<JavaClass> NETWORK = resideInAPackage("java.net..")
            .and(not(belongToAnyOf(java.net.URI.class, java.net.URISyntaxException.class, java.net.IDN.class,
                    java.net.URLEncoder.class, java.net.URLDecoder.class)))
            .as("java.net (other than URI, IDN and URL encoding)");

    private static final DescribedPredicate<JavaClass> IO = DescribedPredicate.or(
            belongToAnyOf(java.nio.file.Files.class, java.nio.file.FileSystems.class, java.nio.file.FileSystem.class,
                    java.nio.file.DirectoryStream.class, java.io.RandomAccessFile.class,
                    ProcessBuilder.class, Process.class, ProcessHandle.class, Runtime.class),
            resideInAPackage("java.io").and(simpleNameStartingWith("File")),
            resideInAnyPackage("java.nio.channels..", "java.nio.file.spi..", "java.net.http.."),
            NETWORK).as("do file, process or network I/O");

    /** Lumen's own classes that reach servers, stores, traces or tool processes. */
    private static final DescribedPredicate<JavaClass> LUMEN_IO = DescribedPredicate.or(
            belongToAnyOf(McpConnector.class, McpCalls.class, McpHandover.class, McpServer.class, McpSettings.class),
            resideInAnyPackage("dev.lumen.runtime.mcp.session..", "dev.lumen.runtime.mcp.auth..", "dev.lumen.runtime.store..",
                    "dev.lumen.runtime.trace..", "dev.lumen.runtime.tools.process..", "dev.lumen.runtime.tools.llm..",
                    "dev.lumen.lir.effects..", "dev.lumen.language.truffle.."),
            resideInAPackage("dev.lumen.language.project").and(not(belongToAnyOf(Project.class))))
            .as("reach MCP servers, stores, traces or tool processes, or load the project");

    @ArchTest
    static final ArchRule doesNoFileProcessOrNetworkIo = noClasses().that(PURE).should().dependOnClassesThat(IO)
            .because("the front end is handed its document and project, and executes nothing");

    @ArchTest
    static final ArchRule readsNoEnvironment = noClasses().that(PURE).should()
            .callMethod(System.class, "getenv").orShould().callMethod(System.class, "getenv", String.class)
            .because("the environment reaches the front end through the project layer");

    @ArchTest
    static final ArchRule reachesNoServerStoreOrProjectLoader = noClasses().that(PURE).should()
            .dependOnClassesThat(LUMEN_IO)
            .because("starting servers and reading or writing the store is the project layer's, on explicit commands");

    @ArchTest
    static final ArchRule neitherReadsNorWritesTheLockFileNorScansToolFolders = noClasses().that(PURE).should()
            .callMethod(LockFile.class, "write", Path.class)
            .orShould().callMethod(LockFile.class, "read", Path.class)
            .orShould().callMethod(ToolLocator.class, "forDocument", Path.class, Map.class)
            .orShould().callMethod(ToolLocator.class, "forDirectory", Path.class, Map.class)
            .because("the lock file and the tool folders are read by the project layer, and written only by `lumen lock`"
                    + " and runs");

    @ArchTest
    static final ArchRule everyPackageIsClassified = classes().that().resideInAPackage("dev.lumen.language..")
            .should().resideInAnyPackage(concat(FRONT_END, AROUND_IT))
            .because("a new package is either front end (and pure) or named here as allowed to do I/O");

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
