package dev.lumen.conformance.fuzz;

import java.util.List;

/**
 * One generated input: the command, the file's bytes, further command-line arguments, and where it came from
 * (the corpus document and the mutations applied), so that a failure can be reproduced from its seed alone.
 */
record FuzzInput(long seed, Command command, String origin, byte[] content, List<String> arguments,
        List<String> mutations) {

    FuzzInput withContent(byte[] smaller) {
        return new FuzzInput(seed, command, origin, smaller, arguments, mutations);
    }
}
