package dev.lumen.launcher.batch;

import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Source;

/**
 * A batch as a pipeline's workers need it, wherever they run (run.md §10.1): the document's text, the cell and its
 * parameters, the store, and the variables the runs read (the store's bucket and keys, the model's); with the
 * input lines. A worker rebuilds the document and the store from it, so it needs no file of the launcher's but
 * the project's own tools and lock file, at the same {@code root}.
 *
 * @param environment the variables of the launching process that runs read, given to each worker's runs
 * @param inputs      the input lines that are not blank, in order
 */
public record BatchJob(String documentName, String documentText, String mimeType, String documentUri, String root,
        String storeAddress, Map<String, String> options, String docHash, String cell, List<String> parameters,
        Map<String, String> environment, List<Line> inputs) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** An input line: its number in the file, its text. */
    public record Line(int number, String text) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public BatchJob {
        options = Map.copyOf(options);
        parameters = List.copyOf(parameters);
        environment = Map.copyOf(environment);
        inputs = List.copyOf(inputs);
    }

    /** The names of the variables a job takes along: the store's, the keys', the model providers', the tools' path. */
    public static boolean carried(String variable) {
        return variable.startsWith("AWS_") || variable.startsWith("LUMEN_") || variable.startsWith("ANTHROPIC_")
                || variable.startsWith("OPENAI_") || variable.equals("PATH") || variable.equals("HOME")
                || variable.equals("XDG_CONFIG_HOME");
    }

    /** The document, as the launcher read it. */
    public Source source() {
        return Source.newBuilder("lumen", documentText, documentName).mimeType(mimeType)
                .uri(URI.create(documentUri)).buildLiteral();
    }
}
