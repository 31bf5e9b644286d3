package org.filesync.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.InvalidRequestException;
import org.filesync.api.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParsingTest {

    private static String refusal(Runnable request) {
        return assertThrows(InvalidRequestException.class, request::run).getMessage();
    }

    @Test
    void aCreateRequestCarriesTheShellsOptions() {
        ConduitSpec spec = ConduitRequests.create(
                Json.parseObject(
                        """
                {"source": "/a", "target": "/b", "mode": "bidirectional", "conflict": "prompt",
                 "delete": "permanent", "schedule": "interval:5m", "parallel": 8, "maxDelete": "20",
                 "bandwidth": "10M", "verifyRetry": true, "ignore": ["*.tmp", "(?d)cache/"], "enabled": false}
                """));
        assertEquals("/a", spec.source());
        assertEquals("/b", spec.target());
        ConduitOptions options = spec.options();
        assertEquals("bidirectional", options.mode());
        assertEquals("prompt", options.conflictStrategy());
        assertEquals("permanent", options.deleteStrategy());
        assertEquals(Schedule.every(Duration.ofMinutes(5)), options.schedule());
        assertEquals(8, options.parallelTransfers());
        assertEquals(20, options.maxDeletePercent());
        assertEquals(10L << 20, options.bandwidthLimit());
        assertTrue(options.verifyRetry());
        assertEquals(List.of("*.tmp", "(?d)cache/"), options.ignores());
        assertFalse(options.enabled());
    }

    @Test
    void absentOptionsTakeTheDefaults() {
        ConduitSpec spec = ConduitRequests.create(Json.parseObject("{\"source\": \"/a\", \"target\": \"/b\"}"));
        assertEquals(ConduitOptions.defaults(), spec.options());
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            value = {
                "{\"target\": \"/b\"} => Source path is missing",
                "{\"source\": \"/a\"} => Target path is missing",
                "{\"source\": 1, \"target\": \"/b\"} => Invalid source 1: expected a string",
                "{\"source\": \"/a\", \"target\": \"/b\", \"colour\": 1} => Unknown field 'colour': a conduit takes"
                        + " source, target, mode, conflict, delete, schedule, delay, parallel, maxDelete, bandwidth,"
                        + " verifyRetry, ignore, enabled",
                "{\"source\": \"/a\", \"target\": \"/b\", \"parallel\": 0} => Parallel transfers must be between 1"
                        + " and 64, got 0",
                "{\"source\": \"/a\", \"target\": \"/b\", \"parallel\": 2.5} => Invalid parallel 2.5: expected a whole"
                        + " number",
                "{\"source\": \"/a\", \"target\": \"/b\", \"maxDelete\": \"lots\"} => Invalid maxDelete 'lots':"
                        + " expected a whole number",
                "{\"source\": \"/a\", \"target\": \"/b\", \"bandwidth\": \"fast\"} => Invalid bandwidth 'fast':"
                        + " expected bytes per second, e.g. 0, 500k, 10M",
                "{\"source\": \"/a\", \"target\": \"/b\", \"bandwidth\": -1} => Invalid bandwidth -1: expected bytes"
                        + " per second, e.g. 0, 500k, 10M",
                "{\"source\": \"/a\", \"target\": \"/b\", \"verifyRetry\": \"yes\"} => Invalid verifyRetry 'yes':"
                        + " expected true or false",
                "{\"source\": \"/a\", \"target\": \"/b\", \"schedule\": \"hourly\"} => Invalid schedule 'hourly': use"
                        + " manual, instant or interval:<n><s|m|h|d> (e.g. interval:5m)",
                "{\"source\": \"/a\", \"target\": \"/b\", \"mode\": \"Mirror\"} => Invalid mode name 'Mirror': use"
                        + " lower-case letters, digits and single hyphens",
                "{\"source\": \"/a\", \"target\": \"/b\", \"ignore\": \"*.tmp\"} => Invalid ignore '*.tmp': expected"
                        + " a list of patterns",
                "{\"source\": \"/a\", \"target\": \"/b\", \"ignore\": [1]} => Invalid ignore pattern 1: expected a"
                        + " string"
            })
    void badCreateRequestsAreRefusedWithOneLine(String body, String message) {
        assertEquals(message, refusal(() -> ConduitRequests.create(Json.parseObject(body))));
    }

    @Test
    void anUpdateChangesOnlyTheGivenOptions() {
        ConduitOptions current = ConduitOptions.defaults().withIgnores(List.of("*.o"));
        ConduitOptions updated = ConduitRequests.update(Json.parseObject("{\"enabled\": false}"), current);
        assertEquals(current.withEnabled(false), updated);
        assertEquals(
                List.of(),
                ConduitRequests.update(Json.parseObject("{\"ignore\": []}"), current)
                        .ignores());
    }

    @Test
    void anInstantScheduleTakesItsDelayWhateverTheFieldOrder() {
        ConduitOptions created = ConduitRequests.create(Json.parseObject(
                        "{\"delay\": \"3s\", \"source\": \"/a\", \"target\": \"/b\", \"schedule\": \"instant\"}"))
                .options();
        assertEquals(Schedule.INSTANT.withDelay(Duration.ofSeconds(3)), created.schedule());
        // instant given again keeps the delay, as the shell does
        assertEquals(
                created.schedule(),
                ConduitRequests.update(Json.parseObject("{\"schedule\": \"instant\"}"), created)
                        .schedule());
        assertEquals(
                "Only an instant schedule has a delay (--delay)",
                refusal(() ->
                        ConduitRequests.update(Json.parseObject("{\"delay\": \"3s\"}"), ConduitOptions.defaults())));
        assertEquals(
                "Invalid delay 'soon': use <n><s|m|h> (e.g. 10s)",
                refusal(() -> ConduitRequests.update(Json.parseObject("{\"delay\": \"soon\"}"), created)));
    }

    @Test
    void anUpdateWithNothingOrWithEndpointsIsRefused() {
        ConduitOptions current = ConduitOptions.defaults();
        assertEquals(
                "Nothing to update: give at least one option, e.g. {\"enabled\": false}",
                refusal(() -> ConduitRequests.update(Json.parseObject("{}"), current)));
        assertEquals(
                "The endpoints of a conduit never change: create another conduit for other directories",
                refusal(() -> ConduitRequests.update(Json.parseObject("{\"source\": \"/x\"}"), current)));
        assertTrue(refusal(() -> ConduitRequests.update(Json.parseObject("{\"x\": 1}"), current))
                .startsWith("Unknown field 'x': an update takes mode, "));
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            value = {
                "'' => Expected a JSON object in the request body",
                "[1, 2] => Expected a JSON object in the request body",
                "{\"a\": 1 => Invalid JSON at line 1, column 8: Unexpected end-of-input: expected close marker"
                        + " for Object",
                "{\"a\": 1, \"a\": 2} => Invalid JSON at line 1, column 13: Duplicate field 'a'",
                "{} {} => Invalid JSON at line 1, column 4: Trailing token (of type START_OBJECT) found after value"
                        + " (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
                        + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`"
            })
    void badJsonIsOneLine(String body, String message) {
        String refused = refusal(() -> Json.parseObject(body));
        assertEquals(message, refused);
        assertFalse(refused.contains("\n"));
    }

    @Test
    void aBodyLargerThanTheLimitIsRefused() {
        byte[] large = new byte[Json.MAX_BODY_BYTES + 1];
        assertEquals("Request body too large: at most " + Json.MAX_BODY_BYTES + " bytes", refusal(() -> {
            try {
                Json.parseObject(new ByteArrayInputStream(large));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    @Test
    void queryParametersAreCheckedAgainstTheEndpoint() {
        Set<String> sync = Set.of("dryRun", "force");
        QueryParameters query = QueryParameters.check(Map.of("dryRun", new String[] {"true"}), sync);
        assertTrue(query.flag("dryRun"));
        assertFalse(query.flag("force"));
        assertTrue(
                QueryParameters.check(Map.of("force", new String[] {""}), sync).flag("force"));
        assertEquals(
                "Unknown query parameter 'dryrun': this request takes dryRun, force",
                refusal(() -> QueryParameters.check(Map.of("dryrun", new String[] {"true"}), sync)));
        assertEquals(
                "Unknown query parameter 'x': this request takes none",
                refusal(() -> QueryParameters.check(Map.of("x", new String[] {"1"}), Set.of())));
        assertEquals(
                "Query parameter 'force' is given more than once",
                refusal(() -> QueryParameters.check(Map.of("force", new String[] {"true", "false"}), sync)));
        assertEquals("Invalid force 'yes': expected true or false", refusal(() -> QueryParameters.check(
                        Map.of("force", new String[] {"yes"}), sync)
                .flag("force")));
    }

    @Test
    void theQueryStringIsReadOnItsOwn() {
        Map<String, String[]> parsed = QueryParameters.parse("dryRun=true&force&path=a%20b%2Fc&force=false");
        assertEquals(List.of("dryRun", "force", "path"), List.copyOf(parsed.keySet()));
        assertEquals("true", parsed.get("dryRun")[0]);
        assertEquals(List.of("", "false"), List.of(parsed.get("force")));
        assertEquals("a b/c", parsed.get("path")[0]);
        assertTrue(QueryParameters.parse(null).isEmpty());
        assertEquals(
                "Invalid query string: URLDecoder: Incomplete trailing escape (%) pattern",
                refusal(() -> QueryParameters.parse("x=%")));
    }

    @Test
    void pagingParametersAreBounded() {
        Set<String> paging = Set.of("offset", "limit");
        QueryParameters query = QueryParameters.check(Map.of("limit", new String[] {"10"}), paging);
        assertEquals(OptionalInt.of(10), query.integer("limit", 1, 500));
        assertEquals(OptionalInt.empty(), query.integer("offset", 0, Integer.MAX_VALUE));
        assertEquals("Invalid limit '501': expected a whole number from 1 to 500", refusal(() -> QueryParameters.check(
                        Map.of("limit", new String[] {"501"}), paging)
                .integer("limit", 1, 500)));
    }

    @Test
    void thePathIsSplitIntoSegments() {
        assertEquals(List.of(), ApiServlet.segments(null));
        assertEquals(List.of(), ApiServlet.segments("/"));
        assertEquals(List.of("conduits"), ApiServlet.segments("/conduits/"));
        assertEquals(List.of("conduits", "3", "sync"), ApiServlet.segments("/conduits/3/sync"));
        assertEquals(List.of("conduits", "", "sync"), ApiServlet.segments("/conduits//sync"));
    }
}
