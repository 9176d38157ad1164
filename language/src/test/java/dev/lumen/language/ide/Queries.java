package dev.lumen.language.ide;

/** Asks every question an editor asks at one offset, so tests can check that none of them throws. */
final class Queries {
    private Queries() {
    }

    static void all(Analysis a, int offset) {
        a.definition(offset);
        a.references(offset, true);
        a.highlights(offset);
        a.prepareRename(offset);
        a.rename(offset, "renamed");
        a.hover(offset);
        a.completion(offset);
        a.signatureHelp(offset);
        a.offset(a.position(offset));
    }
}
