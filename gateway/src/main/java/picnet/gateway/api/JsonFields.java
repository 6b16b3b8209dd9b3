package picnet.gateway.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading of a JSON object's fields: integers must be JSON integers (not 2.5, not "3"), strings
 * must be strings, unknown fields are refused. Every refusal is a 400 naming the field; a null value counts
 * as absent.
 */
final class JsonFields {
    private final JsonObject body;

    JsonFields(JsonObject body, Set<String> known) {
        this.body = body;
        Set<String> unknown = new TreeSet<>(body.fieldNames());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw new ApiError(400, "unknown_field", "unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; the fields are " + String.join(", ", new TreeSet<>(known)))
                    .withField(first);
        }
    }

    boolean has(String field) {
        return body.getValue(field) != null;
    }

    /** An integer in {@code [min, max]}, or {@code defaultValue} when absent. */
    long integer(String field, long defaultValue, long min, long max) {
        Object value = body.getValue(field);
        if (value == null) {
            return defaultValue;
        }
        boolean integral = value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger;
        if (!integral) {
            throw invalid(field, field + " must be an integer in " + min + ".." + max + ", got " + shown(value));
        }
        BigInteger number = new BigInteger(value.toString());
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw invalid(field, field + " must be in " + min + ".." + max + ", got " + number);
        }
        return number.longValue();
    }

    /** A JSON number (integer or not) in {@code (0, max]}, or null when absent. */
    Double positiveNumber(String field, double max) {
        Double x = number(field);
        if (x != null && !(x > 0 && x <= max)) {
            throw invalid(field, field + " must be above 0 and at most " + max + ", got " + shown(body.getValue(field)));
        }
        return x;
    }

    /** A JSON number (integer or not) in {@code [min, max]}, or null when absent. */
    Double number(String field, double min, double max) {
        Double x = number(field);
        if (x != null && !(x >= min && x <= max)) {
            throw invalid(field, field + " must be in " + min + ".." + max + ", got " + shown(body.getValue(field)));
        }
        return x;
    }

    private Double number(String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw invalid(field, field + " must be a number, got " + shown(value));
        }
        return number.doubleValue();
    }

    /** A string, or null when absent. */
    String string(String field) {
        Object value = body.getValue(field);
        if (value != null && !(value instanceof String)) {
            throw invalid(field, field + " must be a string, got " + shown(value));
        }
        return (String) value;
    }

    String requiredString(String field, String what) {
        String value = string(field);
        if (value == null || value.isBlank()) {
            throw invalid(field, field + " is required: " + what);
        }
        return value;
    }

    /** An array of strings, or null when absent. */
    List<String> strings(String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array) || array.stream().anyMatch(v -> !(v instanceof String))) {
            throw invalid(field, field + " must be an array of strings, got " + shown(value));
        }
        return array.stream().map(String.class::cast).toList();
    }

    static ApiError invalid(String field, String message) {
        return ApiError.invalidField(400, field, message);
    }

    /** A value as the client wrote it, clipped to one short line. */
    static String shown(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }
}
