package picnet.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
