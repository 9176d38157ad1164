package dev.lumen.language.truffle;

import com.oracle.truffle.api.TruffleFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Recognizes Lumen documents ({@code *.lm.md}) and LIR modules ({@code *.lir.json}); both are UTF-8. */
public final class LumenFileTypeDetector implements TruffleFile.FileTypeDetector {

    @Override
    public String findMimeType(TruffleFile file) {
        String name = file.getName();
        if (name == null) {
            return null;
        }
        if (name.endsWith(".lm.md")) {
            return LumenLanguage.DOCUMENT_MIME;
        }
        if (name.endsWith(".lir.json")) {
            return LumenLanguage.LIR_MIME;
        }
        return null;
    }

    @Override
    public Charset findEncoding(TruffleFile file) {
        return findMimeType(file) != null ? StandardCharsets.UTF_8 : null;
    }
}
