package dev.lumen.lsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class whose tests share one server session: started before its first test, closed after its last.
 * (Test classes run one after another, so one field serves each in turn.)
 */
abstract class SharedSessionTest {
    static LspSession session;

    @BeforeAll
    static void startSession() {
        session = LspSession.start();
    }

    @AfterAll
    static void closeSession() {
        session.close();
    }
}
