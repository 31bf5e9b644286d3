package org.filesync.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTest {

    private final AccessPolicy policy = new AccessPolicy("admin", "viewer");

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicCredentialsAreDecodedAsUtf8AndThePasswordMayHoldColons() {
        assertEquals(Optional.of(new BasicCredentials("jörg", "a:b")), BasicCredentials.parse(basic("jörg:a:b")));
        assertEquals(
                Optional.of(new BasicCredentials("u", "")),
                BasicCredentials.parse("basic " + basic("u:").substring(6)));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer abc", "Basic", "Basic !!!notbase64", "Basic dXNlcg==" /* user, no colon */})
    void malformedHeadersGiveNoCredentials(String header) {
        assertTrue(BasicCredentials.parse(header).isEmpty());
    }

    @Test
    void emptyUserOrControlCharactersAreRefused() {
        assertTrue(BasicCredentials.parse(basic(":secret")).isEmpty());
        assertTrue(BasicCredentials.parse(basic("us\ner:secret")).isEmpty());
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertEquals("BasicCredentials[user=u]", new BasicCredentials("u", "secret").toString());
    }

    @Test
    void viewersReadAdminsReadAndChange() {
        assertTrue(policy.check("GET", "v", Set.of("viewer")).isEmpty());
        assertTrue(policy.check("HEAD", "v", Set.of("viewer")).isEmpty());
        assertTrue(policy.check("GET", "a", Set.of("admin")).isEmpty());
        assertTrue(policy.check("POST", "a", Set.of("admin")).isEmpty());
        assertTrue(policy.check("DELETE", "a", Set.of("admin", "viewer")).isEmpty());
        assertEquals(
                Optional.of(new AccessPolicy.Denial(403, "User v may not change filesync: the admin role is needed")),
                policy.check("POST", "v", Set.of("viewer")));
        assertEquals(403, policy.check("PUT", "v", Set.of("viewer")).get().status());
        assertEquals(
                "User x may not read filesync: the viewer or admin role is needed",
                policy.check("GET", "x", Set.of("ssh")).get().message());
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "POST, http://127.0.0.1:8181, -, 127.0.0.1:8181",
                "POST, -, http://127.0.0.1:8181/filesync/, 127.0.0.1:8181",
                "PUT, http://Host.Example, -, host.example",
                "DELETE, https://host.example, -, host.example:443",
                "POST, http://[::1]:8181, -, [::1]:8181",
                "POST, -, -, 127.0.0.1:8181", // not a browser
                "GET, http://evil.example, -, 127.0.0.1:8181" // reading changes nothing
            })
    void sameSiteChangesAndReadsPass(String method, String origin, String referer, String host) {
        assertTrue(AccessPolicy.crossSite(method, origin, referer, host).isEmpty());
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "POST, http://evil.example, -, 127.0.0.1:8181",
                "POST, http://127.0.0.1:9999, -, 127.0.0.1:8181",
                "POST, null, -, 127.0.0.1:8181",
                "POST, -, http://evil.example/page, 127.0.0.1:8181",
                "POST, http://127.0.0.1:8181, -, -"
            })
    void crossSiteChangesAreRefused(String method, String origin, String referer, String host) {
        AccessPolicy.Denial denial =
                AccessPolicy.crossSite(method, origin, referer, host).orElseThrow();
        assertEquals(403, denial.status());
        assertTrue(denial.message().startsWith("Cross-site request refused: "), denial.message());
    }

    @Test
    void theRefusalNamesTheHeaderAndTheHost() {
        assertEquals(
                "Cross-site request refused: Origin http://evil.example does not match the host 127.0.0.1:8181",
                AccessPolicy.crossSite("POST", "http://evil.example", null, "127.0.0.1:8181")
                        .get()
                        .message());
    }
}
