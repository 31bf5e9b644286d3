package org.filesync.http.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletResponse;
import org.filesync.api.InvalidRequestException;

/** Reading and writing JSON: one strict mapper, one-line errors, UTF-8 bodies. */
final class Json {

    /** The largest request body the API reads. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A JSON object read from a request body; anything else is a one-line {@link InvalidRequestException}. */
    static ObjectNode parseObject(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new InvalidRequestException("Request body too large: at most " + MAX_BODY_BYTES + " bytes");
        }
        return parseObject(new String(bytes, StandardCharsets.UTF_8));
    }

    static ObjectNode parseObject(String text) {
        if (text.isBlank()) {
            throw new InvalidRequestException("Expected a JSON object in the request body");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String location = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new InvalidRequestException("Invalid JSON" + location + ": " + shortMessage(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("Expected a JSON object in the request body");
        }
        return (ObjectNode) node;
    }

    /** Jackson's message on one line, without its pointer into the source. */
    private static String shortMessage(String message) {
        String line = message.lines().findFirst().orElse("");
        int marker = line.indexOf(" (start marker at");
        return marker < 0 ? line : line.substring(0, marker);
    }

    /** Writes a JSON body with the given status. */
    static void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    /** Writes {@code {"error": message}} with the given status. */
    static void error(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, object().put("error", message));
    }

    /** 405 for a method the path does not take, naming the ones it does (also in {@code Allow}). */
    static void methodNotAllowed(HttpServletResponse response, String method, String allow) throws IOException {
        response.setHeader("Allow", allow);
        error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, method + " is not allowed here: use " + allow);
    }
}
