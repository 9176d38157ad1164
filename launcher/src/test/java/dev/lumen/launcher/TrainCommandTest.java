package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The start-up cache's workload must keep doing what it is meant to record: every step exits as planned. */
class TrainCommandTest {

    @Test
    void theTrainingWorkloadRunsEveryStepAsPlanned() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), "train-startup");
        assertEquals(ExitCodes.OK, status, err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void itIsNotAdvertised() {
        StringWriter out = new StringWriter();
        Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "--help");
        assertFalse(out.toString().contains("train-startup"), out.toString());
    }
}
