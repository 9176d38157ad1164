package dev.lumen.lsp.feature;

/**
 * The answer to {@code workspace/executeCommand} for the server's commands (docs/spec/lsp.md §5).
 *
 * @param command  the command that ran, as a user would type it ({@code lumen run doc.lm.md --cell=main})
 * @param exitCode its exit status (124 when the server stopped it at its time limit, 127 when it could not start)
 * @param output   what it printed (standard output and error, interleaved), with the server's notes
 */
public record CommandResult(String command, int exitCode, String output) {
}
