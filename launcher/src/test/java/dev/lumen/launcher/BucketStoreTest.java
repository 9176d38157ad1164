package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.objects.LoopbackS3;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --store s3://BUCKET/PREFIX} (trace-v1.md §1.2, §7.4, §12.6): two users, each with a key of their own and a
 * checkout of the same project, share a bucket (S3Proxy on loopback) and the team's store key. What one paid a
 * model for, the other is answered from the cache; each verifies and replays the other's run; without the team
 * key the other's entries are never served.
 */
class BucketStoreTest {
    private static final Path DOCUMENT = Path.of("src", "test", "resources", "repair", "repair_loop.lm.md");
    private static final String VALID = "{\"id\": \"INV-7\", \"total\": 12.5}";
    private static final String STORE = "s3://team/invoices";

    @TempDir
    Path dir;

    private LoopbackS3 s3;
    private LoopbackAnthropic model;

    @BeforeEach
    void start() throws Exception {
        s3 = LoopbackS3.start(Files.createDirectories(dir.resolve("s3")));
        s3.bucket("team");
        model = new LoopbackAnthropic();
    }

    @AfterEach
    void stop() throws Exception {
        model.close();
        s3.close();
    }

    /** A user with a key file and a checkout of their own, and the team key when {@code team}. */
    private Host user(String name, boolean team) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.copy(DOCUMENT, home.resolve("repair_loop.lm.md"));
        Map<String, String> env = new HashMap<>(s3.env());
        env.putAll(model.environment());
        env.put("PATH", System.getenv("PATH"));
        env.put("LUMEN_KEY_FILE", home.resolve("key").toString());
        if (team) {
            env.put("LUMEN_STORE_KEY_FILE", dir.resolve("team.key").toString());
        }
        return new Host(home, env, InputStream.nullInputStream(), System.err);
    }

    private static EmitCommandTest.Run lumen(Host host, String... args) throws Exception {
        return Host.with(host, () -> EmitCommandTest.lumen(args));
    }

    @Test
    void aTeamSharesRepliesTracesAndReplaysThroughItsBucket() throws Exception {
        model.reply(VALID);
        Host alice = user("alice", true);
        EmitCommandTest.Run first = lumen(alice, "run", "repair_loop.lm.md", "--store", STORE);
        assertEquals(ExitCodes.OK, first.status(), first.err());
        assertEquals(1, model.requests().size());
        assertFalse(Files.exists(alice.directory().resolve(".lumen/trace")), "nothing of the run is kept locally");

        Host bob = user("bob", true);
        EmitCommandTest.Run second = lumen(bob, "run", "repair_loop.lm.md", "--store", STORE);
        assertEquals(ExitCodes.OK, second.status(), second.err());
        assertEquals(first.out(), second.out());
        assertEquals(1, model.requests().size(), "bob's run is answered by the reply alice's run paid for");

        EmitCommandTest.Run list = lumen(bob, "trace", "ls", "--store", STORE);
        assertEquals(ExitCodes.OK, list.status(), list.err());
        assertEquals(3, list.out().strip().lines().count(), list.out()); // the header and both runs

        EmitCommandTest.Run verify = lumen(bob, "trace", "verify", "last", "--store", STORE);
        assertEquals(ExitCodes.OK, verify.status(), verify.err());
        assertTrue(verify.out().startsWith("verified "), verify.out());

        EmitCommandTest.Run replay = lumen(alice, "replay", "last", "--store", STORE);
        assertEquals(ExitCodes.OK, replay.status(), replay.err());
        assertTrue(replay.err().contains("the recorded hash chain"), replay.err());
        assertEquals(1, model.requests().size(), "a replay asks nothing");
    }

    @Test
    void withoutTheTeamKeyAnotherUsersEntriesAreNeverServed() throws Exception {
        model.reply(VALID);
        model.reply(VALID);
        assertEquals(ExitCodes.OK, lumen(user("alice", false), "run", "repair_loop.lm.md", "--store", STORE).status());
        EmitCommandTest.Run bob = lumen(user("bob", false), "run", "repair_loop.lm.md", "--store", STORE);
        assertEquals(ExitCodes.OK, bob.status(), bob.err());
        assertEquals(2, model.requests().size(), "alice's entry is sealed by her key: bob's run asks again");
        assertTrue(bob.err().contains("that your key did not seal"), bob.err());
    }

    @Test
    void aMalformedOrUnreachableBucketIsAnErrorNamingIt() throws Exception {
        Host alice = user("alice", true);
        for (String address : List.of("s3://Team/x", "s3://team/x?versions", "s3://team/.hidden", "s3://")) {
            EmitCommandTest.Run run = lumen(alice, "run", "repair_loop.lm.md", "--store", address);
            assertEquals(ExitCodes.USAGE, run.status(), address + ": " + run.err());
            assertTrue(run.err().startsWith("error: "), run.err());
            assertTrue(run.err().contains("is not an s3://BUCKET/PREFIX address"), run.err());
            assertEquals(0, model.requests().size());
        }
        EmitCommandTest.Run missing = lumen(alice, "trace", "ls", "--store", "s3://no-such-bucket/x");
        assertEquals(ExitCodes.USAGE, missing.status(), missing.err());
        assertTrue(missing.err().startsWith("error: cannot list the runs in `s3://no-such-bucket/x/trace`"), missing.err());
        assertFalse(missing.err().contains("\tat "), "no stack trace: " + missing.err());

        model.reply(VALID);
        EmitCommandTest.Run run = lumen(alice, "run", "repair_loop.lm.md", "--store", "s3://no-such-bucket/x");
        assertEquals(ExitCodes.ERRORS, run.status(), run.err());
        assertTrue(run.err().contains("cannot start the trace"), run.err());
        assertTrue(run.err().contains("s3://no-such-bucket/x/trace/"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals(0, model.requests().size(), "nothing runs that cannot be traced");
    }
}
