package dev.lumen.conformance.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One generated try: a document (its types, constraints and cells), texts to validate, and a valid seed. */
record ValidationCase(SchemaWorld world, String document, List<String> texts, String seed) {
    /** Texts validated per document: generating and compiling the document costs more than a validation. */
    static final int TEXTS = 12;
    /** How much of a long input a failure report shows. */
    private static final int SHOWN = 400;

    static ValidationCase generate(Random random) {
        SchemaWorld world = SchemaWorld.generate(random);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < TEXTS; i++) {
            texts.add(JsonData.text(random, world.target));
        }
        return new ValidationCase(world, world.document(), List.copyOf(texts), JsonData.valid(random, world.target));
    }

    static String shown(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "… (" + text.length() + " characters)";
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(document).append("texts:\n");
        texts.forEach(t -> b.append("  ").append(shown(t)).append('\n'));
        return b.append("seed: ").append(shown(seed)).toString();
    }
}
