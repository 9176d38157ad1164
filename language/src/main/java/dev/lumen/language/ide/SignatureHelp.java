package dev.lumen.language.ide;

import java.util.List;

/**
 * The signature of the call the cursor is in: its {@code label} (`extract(text: String) -> Invoice`), the
 * label of each parameter as it appears in it, and which parameter the cursor is at (-1 when none).
 */
public record SignatureHelp(String label, List<String> parameters, int activeParameter, String documentation) {

    public SignatureHelp {
        parameters = List.copyOf(parameters);
    }
}
