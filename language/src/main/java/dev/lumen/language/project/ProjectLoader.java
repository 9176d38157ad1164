package dev.lumen.language.project;

import dev.lumen.language.CheckResult;
import dev.lumen.language.Compilation;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.source.SourceFile;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.tools.LockFile;
import dev.lumen.runtime.tools.ManifestException;
import dev.lumen.runtime.tools.ToolLocator;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a document's {@link Project}: the tool folders its project and {@code LUMEN_TOOLS_PATH} name, and its
 * project's lock file. It reads files and nothing else: no server is started and nothing is written (that is
 * {@link ServerLocking}'s, on an explicit command).
 */
public final class ProjectLoader {
    private ProjectLoader() {
    }

    /** The project of the document at {@code document}, with tool folders named by {@code env}. */
    public static Project load(Path document, Map<String, String> env) {
        ToolLocator tools = ToolLocator.forDocument(document, env);
        Path lockFile = LockFile.location(Store.forDocument(document));
        try {
            return Project.of(document, tools, lockFile, LockFile.read(lockFile).orElse(null), null, Map.of());
        } catch (ManifestException e) {
            return Project.of(document, tools, lockFile, null, e.getMessage(), Map.of());
        }
    }

    /** The project of {@code file} when it is a file, {@link Project#none()} otherwise. */
    public static Project load(SourceFile file, Map<String, String> env) {
        return file.path().map(p -> load(p, env)).orElseGet(Project::none);
    }

    /** Checks {@code file} against the project its path gives, with the {@link Host}'s environment. */
    public static CheckResult check(SourceFile file) {
        return FrontEnd.check(file, load(file, Host.current().environment()));
    }

    /** Compiles {@code file} against the project its path gives, with the {@link Host}'s environment. */
    public static Compilation compile(SourceFile file) {
        return FrontEnd.compile(file, load(file, Host.current().environment()));
    }
}
