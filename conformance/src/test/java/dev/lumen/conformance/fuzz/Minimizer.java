package dev.lumen.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing input while it still fails the same way, within a budget of attempts (each runs a command):
 * a document by delta debugging (Zeller's ddmin) over its lines, then its bytes; an LIR module by dropping
 * elements of its arrays (instructions, constants, cells, fields, …), and it is written indented, one value a line.
 */
final class Minimizer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Predicate<byte[]> stillFails;
    private int budget;

    Minimizer(Predicate<byte[]> stillFails, int budget) {
        this.stillFails = stillFails;
        this.budget = budget;
    }

    byte[] minimize(byte[] input) {
        byte[] lines = ddmin(input, true);
        return ddmin(lines, false);
    }

    /** A module's JSON with array elements dropped while it fails; the input itself if it is not JSON. */
    byte[] minimizeModule(byte[] input) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(input);
        } catch (IOException e) {
            return minimize(input);
        }
        if (tree == null) {
            return input;
        }
        boolean reduced = true;
        while (reduced && budget > 0) {
            reduced = false;
            List<ArrayNode> arrays = new ArrayList<>();
            collectArrays(tree, arrays);
            for (ArrayNode array : arrays) {
                for (int i = array.size() - 1; i >= 0 && budget > 0; i--) {
                    JsonNode removed = array.remove(i);
                    budget--;
                    if (stillFails.test(write(tree))) {
                        reduced = true;
                    } else {
                        array.insert(i, removed);
                    }
                }
            }
        }
        return write(tree);
    }

    private static void collectArrays(JsonNode node, List<ArrayNode> into) {
        if (node instanceof ArrayNode a) {
            into.add(a);
        }
        node.forEach(child -> collectArrays(child, into));
    }

    private static byte[] write(JsonNode tree) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ddmin over the input's lines (each with its line end) or bytes. */
    private byte[] ddmin(byte[] input, boolean byLines) {
        List<byte[]> parts = byLines ? lines(input) : bytes(input);
        int granularity = 2;
        while (parts.size() >= 2 && budget > 0) {
            int chunk = (parts.size() + granularity - 1) / granularity;
            boolean reduced = false;
            for (int start = 0; start < parts.size() && budget > 0; start += chunk) {
                List<byte[]> complement = new ArrayList<>(parts.subList(0, start));
                complement.addAll(parts.subList(Math.min(parts.size(), start + chunk), parts.size()));
                if (complement.isEmpty()) {
                    continue;
                }
                budget--;
                if (stillFails.test(join(complement))) {
                    parts = complement;
                    granularity = Math.max(granularity - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (granularity >= parts.size()) {
                    break;
                }
                granularity = Math.min(parts.size(), granularity * 2);
            }
        }
        return join(parts);
    }

    private static List<byte[]> lines(byte[] input) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                out.add(Arrays.copyOfRange(input, from, i + 1));
                from = i + 1;
            }
        }
        if (from < input.length) {
            out.add(Arrays.copyOfRange(input, from, input.length));
        }
        return out;
    }

    private static List<byte[]> bytes(byte[] input) {
        List<byte[]> out = new ArrayList<>(input.length);
        for (byte b : input) {
            out.add(new byte[] {b});
        }
        return out;
    }

    private static byte[] join(List<byte[]> parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
