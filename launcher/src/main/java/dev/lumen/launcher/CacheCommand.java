package dev.lumen.launcher;

import dev.lumen.runtime.store.CacheEntry;
import dev.lumen.runtime.store.CacheLookup;
import dev.lumen.runtime.store.ContentHash;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoreException;
import dev.lumen.runtime.store.ToolCache;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lumen cache ls|clear [--tool ID]}: the tool-output cache (spec trace-v1.md §6, §8). */
@Command(
        name = "cache",
        description = "List or clear cached tool outputs.",
        subcommands = {CacheCommand.Ls.class, CacheCommand.Clear.class},
        commandListHeading = "%nCommands:%n")
final class CacheCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "ls", description = {"List cached tool outputs, by tool and age.",
        "Damaged entries, and entries your key did not seal, are reported on standard error; they are never used."})
    static final class Ls implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StoreOption store;
        @Option(names = "--tool", paramLabel = "ID", description = "Only the entries of this tool, e.g. llm.chat.")
        private String tool;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ToolCache cache = store.store().cache();
            ToolCache.Listing listing;
            try {
                listing = cache.list(tool);
            } catch (StoreException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            for (CacheLookup.Corrupt c : listing.corrupt()) {
                err.println("warning: damaged cache entry `" + c.file() + "`: " + c.problem() + "; it is never used");
            }
            for (CacheLookup.Unsealed u : listing.unsealed()) {
                err.println("warning: cache entry `" + u.file() + "` is not sealed by your key: " + u.problem()
                        + "; it is never used");
            }
            String scope = tool == null ? "" : " of tool `" + tool + "`";
            if (listing.entries().isEmpty()) {
                out.println("no cache entries" + scope + " in " + cache.where());
                return ExitCodes.OK;
            }
            Table table = new Table("TOOL", "VERSION", "KEY", "CREATED", "OUTPUT", "INPUTS");
            for (CacheEntry e : listing.entries()) {
                table.row(e.toolId(), e.toolVersion(), ContentHash.brief(e.key()), e.created(),
                        size(e.outputs().size()), shorten(e.inputsPreview()));
            }
            out.print(table.render());
            long tools = listing.entries().stream().map(CacheEntry::toolId).distinct().count();
            out.println(listing.entries().size() + (listing.entries().size() == 1 ? " entry" : " entries")
                    + (tool == null ? " of " + tools + (tools == 1 ? " tool" : " tools") : scope) + " in " + cache.where());
            return ExitCodes.OK;
        }
    }

    @Command(name = "clear", description = {"Remove cached tool outputs (all, or one tool's).",
        "Blobs stay: traces may refer to them."})
    static final class Clear implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StoreOption store;
        @Option(names = "--tool", paramLabel = "ID", description = "Only the entries of this tool, e.g. llm.chat.")
        private String tool;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        @Override
        public Integer call() {
            Store s = store.store();
            int removed;
            try {
                removed = s.cache().clear(tool);
            } catch (StoreException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            spec.commandLine().getOut().println("removed " + removed + (removed == 1 ? " cache entry" : " cache entries")
                    + (tool == null ? "" : " of tool `" + tool + "`") + " from " + s.cache().where());
            return ExitCodes.OK;
        }
    }

    /** A byte count for people: {@code 812 B}, {@code 3.0 KB}, {@code 1.2 MB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private static String shorten(String preview) {
        int max = 60;
        return preview.codePointCount(0, preview.length()) <= max ? preview
                : preview.substring(0, preview.offsetByCodePoints(0, max)) + "…";
    }
}
