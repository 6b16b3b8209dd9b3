package picnet.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerProcessTest {
    @Test
    void startsAnswersStopsAndRestartsOnTheSameData(@TempDir Path dir) throws Exception {
        int port = KafkaBrokerProcess.freePort();
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir, port)) {
            assertTrue(broker.isAlive());
            assertTrue(KafkaBrokerProcess.answersApiVersions(port));
            assertTrue(Files.exists(dir.resolve("kraft-logs").resolve("meta.properties")));

            IOException taken = assertThrows(IOException.class, () -> KafkaBrokerProcess.start(dir.resolve("other"), port));
            assertTrue(taken.getMessage().contains("port " + port + " is already in use"), taken.getMessage());
            assertTrue(broker.isAlive(), "the running broker is left alone");
        }
        String metaBefore = Files.readString(dir.resolve("kraft-logs").resolve("meta.properties"));
        try (KafkaBrokerProcess again = KafkaBrokerProcess.start(dir, port)) {
            assertTrue(KafkaBrokerProcess.answersApiVersions(port), "restarted on formatted storage");
            String metaAfter = Files.readString(dir.resolve("kraft-logs").resolve("meta.properties"));
            assertTrue(metaAfter.equals(metaBefore), "the storage is not formatted twice");
            again.close();
            assertFalse(again.isAlive());
        }
    }
}
