package picnet.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The published OpenAPI document describes the training body the gateway actually accepts, field by field. */
class OpenApiDocumentTest {
    /** A property of the request body's schema: indented under {@code properties:} at the schema's depth. */
    private static final Pattern PROPERTY = Pattern.compile("(?m)^ {16}([A-Za-z0-9]+):");

    @Test
    void theTrainingBodyListsEveryFieldTheValidatorTakesAndItsRefusalCode() throws IOException {
        String document;
        try (InputStream in = getClass().getResourceAsStream("/webroot/v1/openapi.yaml")) {
            assertNotNull(in, "the gateway serves webroot/v1/openapi.yaml");
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int start = document.indexOf("\n  /v1/trainings:");
        int end = document.indexOf("\n  /", start + 1);
        assertTrue(start >= 0 && end > start, "a /v1/trainings section");
        String trainings = document.substring(start, end);
        int properties = trainings.indexOf("              properties:");
        int example = trainings.indexOf("            example:", properties);
        assertTrue(properties >= 0 && example > properties, "the request body's properties, then its example");

        Set<String> documented = new TreeSet<>();
        Matcher m = PROPERTY.matcher(trainings.substring(properties, example));
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(new TreeSet<>(TrainingValidator.FIELDS), documented);
        String refusals = trainings.substring(trainings.indexOf("\"400\":"));
        for (String field : TrainingValidator.FIELDS) {
            assertTrue(refusals.contains("invalid_" + field), "the 400 response names invalid_" + field);
        }
    }
}
