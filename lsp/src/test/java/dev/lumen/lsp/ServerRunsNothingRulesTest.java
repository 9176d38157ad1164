package dev.lumen.lsp;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.lumen.language.project.ServerLocking;
import dev.lumen.runtime.mcp.McpCalls;
import dev.lumen.runtime.mcp.McpConnector;
import dev.lumen.runtime.mcp.McpHandover;
import dev.lumen.runtime.mcp.McpServer;

/**
 * The server executes nothing in its own JVM (DESIGN.md, "Editor, embedding, debugger"; docs/spec/lsp.md §5): no
 * class of it runs Lumen code, reaches an MCP server or a tool, or opens a network connection, and only its
 * child-process package starts processes. SessionRunsNothingTest checks the same of a running session.
 */
@AnalyzeClasses(packages = "dev.lumen.lsp", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerRunsNothingRulesTest {
    private static final DescribedPredicate<JavaClass> RUNS_OR_REACHES = DescribedPredicate.or(
            resideInAnyPackage("org.graalvm.polyglot..", "dev.lumen.language.truffle..", "dev.lumen.lir.interpreter..",
                    "dev.lumen.lir.effects..", "dev.lumen.runtime.mcp.session..", "dev.lumen.runtime.tools.process..",
                    "dev.lumen.runtime.tools.llm..", "dev.lumen.runtime.trace.."),
            belongToAnyOf(ServerLocking.class, McpConnector.class, McpCalls.class, McpHandover.class, McpServer.class))
            .as("run Lumen code, reach MCP servers or tools, or write traces");

    private static final DescribedPredicate<JavaClass> NETWORK = resideInAnyPackage("java.net..", "java.net.http..")
            .and(not(belongToAnyOf(java.net.URI.class, java.net.URISyntaxException.class, java.net.URL.class)))
            .as("java.net (other than URI)");

    @ArchTest
    static final ArchRule runsNoCodeAndReachesNoServer = noClasses().that().resideInAPackage("dev.lumen.lsp..")
            .should().dependOnClassesThat(RUNS_OR_REACHES)
            .because("commands run in child processes; checking reads the lock file, it starts no server");

    @ArchTest
    static final ArchRule opensNoConnection = noClasses().that().resideInAPackage("dev.lumen.lsp..")
            .should().dependOnClassesThat(NETWORK)
            .because("the protocol is standard input and output");

    @ArchTest
    static final ArchRule onlyTheRunPackageStartsProcesses = noClasses().that().resideInAPackage("dev.lumen.lsp..")
            .and(not(resideInAPackage("dev.lumen.lsp.run..")))
            .should().dependOnClassesThat(belongToAnyOf(ProcessBuilder.class, Process.class))
            .because("a command's child process is started, bounded and killed in one place");
}
