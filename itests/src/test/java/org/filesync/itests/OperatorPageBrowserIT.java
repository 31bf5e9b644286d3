package org.filesync.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator page in headless Chromium (Debian's {@code chromium} and {@code chromedriver},
 * installed by {@code scripts/install-browser.sh} when missing), against the distribution started
 * as an operator starts it: log in, create a conduit, sync it and watch the progress reach the end
 * and the history chart gain a point, then resolve a {@code prompt} conflict from the queue.
 * Screenshots go to {@code target/screenshots/}; any error on the browser console fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorPageBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final Path archive = Path.of(System.getProperty("filesync.distribution"));
    private final Path work = Path.of(System.getProperty("filesync.work", "target/work"));
    private final Path screenshots =
            Path.of(System.getProperty("filesync.work", "target/work")).resolveSibling("screenshots");

    private KarafDistribution karaf;
    private WebDriver browser;
    private WebDriverWait waiting;
    private String page;

    @BeforeAll
    void start() throws Exception {
        ensureBrowser();
        karaf = KarafDistribution.unpack(archive, work);
        karaf.start();
        page = "http://127.0.0.1:" + karaf.httpPort() + "/filesync/";
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory(Files.createDirectories(work), "chromium-"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        waiting = new WebDriverWait(browser, WAIT, Duration.ofMillis(100));
        waiting.ignoring(StaleElementReferenceException.class); // the page redraws its tables on each event
        Files.createDirectories(screenshots);
    }

    /** Installs the Debian packages when missing; skips the test (saying why) only if that fails. */
    private static void ensureBrowser() throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            Path script = Path.of(System.getProperty("filesync.scripts"), "install-browser.sh");
            Process install =
                    new ProcessBuilder("bash", script.toString()).inheritIO().start();
            install.waitFor();
        }
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "OperatorPageBrowserIT skipped: chromium and chromedriver are missing and"
                        + " scripts/install-browser.sh could not install them (apt-get needs root and Debian's packages)");
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (karaf != null) {
            karaf.close();
        }
    }

    private void screenshot(String name) throws IOException {
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private WebElement row(long id) {
        return browser.findElement(By.cssSelector("#conduits tr[data-id='" + id + "']"));
    }

    private long createThroughTheForm(Path source, Path target, String mode, String conflict, String bandwidth) {
        browser.findElement(By.id("new-conduit")).click();
        WebElement form = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("conduit-form")));
        form.findElement(By.name("source")).sendKeys(source.toString());
        form.findElement(By.name("target")).sendKeys(target.toString());
        new Select(form.findElement(By.name("mode"))).selectByVisibleText(mode);
        new Select(form.findElement(By.name("conflict"))).selectByVisibleText(conflict);
        WebElement rate = form.findElement(By.name("bandwidth"));
        rate.clear();
        rate.sendKeys(bandwidth);
        form.findElement(By.id("save")).click();
        waiting.until(ExpectedConditions.textMatches(
                By.id("notice"), java.util.regex.Pattern.compile("Conduit \\d+ created")));
        String text = browser.findElement(By.id("notice")).getText();
        long id = Long.parseLong(text.replaceAll("\\D+", ""));
        waiting.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#conduits tr[data-id='" + id + "']")));
        return id;
    }

    /** Clicks a button of a conduit's row, again if the table was redrawn under the click. */
    private void clickInRow(long id, String button) {
        waiting.until(driver -> {
            row(id).findElement(By.cssSelector(button)).click();
            return true;
        });
    }

    private void awaitRunDone(long id) {
        waiting.until(driver -> {
            WebElement bar = row(id).findElement(By.cssSelector(".bar"));
            return "done".equals(bar.getAttribute("data-state")) && "100".equals(bar.getAttribute("data-percent"));
        });
    }

    @Test
    void anOperatorCreatesSyncsWatchesProgressAndHistoryAndResolvesAConflict() throws Exception {
        // log in: the page is behind the realm's Basic login; the browser keeps the credentials for the realm
        Answer401 anonymous = Answer401.of(page);
        assertEquals(401, anonymous.status());
        // as a person types user and password into the browser's login box: the browser answers the realm's
        // challenge with them and keeps them for the realm (headless Chromium has no box, so the address carries them)
        browser.get(page.replace("http://", "http://karaf:karaf@") + "api/conduits");
        // Chromium's JSON view asks for /favicon.ico, which is not ours: that step's console is not the page's
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER).getAll()) {
            assertTrue(entry.getMessage().contains("/favicon.ico"), "logging in: " + entry.getMessage());
        }
        browser.get(page);
        waiting.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        screenshot("01-logged-in");

        Path folder = Files.createTempDirectory(Files.createDirectories(work), "browser-");
        Path source = Files.createDirectories(folder.resolve("src")).toRealPath();
        Path target = Files.createDirectories(folder.resolve("dst")).toRealPath();
        for (int i = 0; i < 10; i++) {
            Files.write(source.resolve("file" + i + ".bin"), new byte[64 * 1024]);
        }
        // a bad value shows the API's message in the form, and nothing is created
        browser.findElement(By.id("new-conduit")).click();
        WebElement form = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("conduit-form")));
        form.findElement(By.name("source")).sendKeys(source.toString());
        form.findElement(By.name("target")).sendKeys(source.resolve("inside").toString());
        form.findElement(By.id("save")).click();
        WebElement error = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("form-error")));
        assertTrue(error.getText().contains(source.toString()), error.getText());
        screenshot("02-validation-message");
        browser.findElement(By.id("cancel")).click();

        // 256 KiB/s for 640 KiB: the run takes a few seconds, long enough to watch
        long mirror = createThroughTheForm(source, target, "mirror", "newest-wins", "256k");
        clickInRow(mirror, "button.show-history");
        waiting.until(driver -> "0".equals(driver.findElement(By.id("chart")).getAttribute("data-points")));
        clickInRow(mirror, "button.sync");
        waiting.until(driver -> {
            String state = row(mirror).findElement(By.cssSelector(".bar")).getAttribute("data-state");
            return "running".equals(state) || "done".equals(state);
        });
        screenshot("03-sync-running");
        awaitRunDone(mirror);
        assertTrue(row(mirror)
                .findElement(By.cssSelector(".progress-text"))
                .getText()
                .contains("verified"));
        waiting.until(driver -> "1".equals(driver.findElement(By.id("chart")).getAttribute("data-points")));
        assertEquals(
                1,
                browser.findElements(By.cssSelector("#chart circle.duration-point"))
                        .size());
        assertEquals(
                1,
                browser.findElements(By.cssSelector("#history-table tr[data-generation='1']"))
                        .size());
        assertEquals(64 * 1024, Files.size(target.resolve("file9.bin")));
        screenshot("04-synced-history");

        // the dry run of an unchanged conduit lists nothing
        clickInRow(mirror, "button.dry-run");
        waiting.until(ExpectedConditions.textMatches(
                By.id("plan-summary"), java.util.regex.Pattern.compile("^Dry run: 0 operations")));

        // a prompt conflict, resolved from the queue
        Path left = Files.createDirectories(folder.resolve("left")).toRealPath();
        Path right = Files.createDirectories(folder.resolve("right")).toRealPath();
        Files.writeString(left.resolve("report.txt"), "the left version");
        Files.writeString(right.resolve("report.txt"), "the right version, longer");
        long twoWay = createThroughTheForm(left, right, "bidirectional", "prompt", "0");
        clickInRow(twoWay, "button.sync");
        awaitRunDone(twoWay);
        clickInRow(twoWay, "button.show-conflicts");
        // both sides' facts side by side
        waiting.until(driver -> {
            WebElement conflict = driver.findElement(By.cssSelector("#conflict-list article[data-path='report.txt']"));
            return conflict.findElement(By.cssSelector(".side.source"))
                            .getText()
                            .contains("16 B")
                    && conflict.findElement(By.cssSelector(".side.target"))
                            .getText()
                            .contains("25 B");
        });
        screenshot("05-conflict-queue");
        waiting.until(driver -> {
            driver.findElement(By.cssSelector("#conflict-list article[data-path='report.txt'] button.use-target"))
                    .click();
            return true;
        });
        waiting.until(ExpectedConditions.textMatches(
                By.id("notice"),
                java.util.regex.Pattern.compile("Conflict at report.txt of conduit \\d+ resolved: use target")));
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-conflicts")));
        waiting.until(driver -> {
            try {
                return Files.readString(left.resolve("report.txt")).equals("the right version, longer");
            } catch (IOException e) {
                return false;
            }
        });
        screenshot("06-conflict-resolved");

        // a narrow phone screen still shows the conduits
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        screenshot("07-phone");

        List<LogEntry> errors = new java.util.ArrayList<>(browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList());
        // Chromium logs every refused fetch; the one refusal this test asks for (the nested target) is expected
        String expected = page + "api/conduits - Failed to load resource: the server responded with a status of 400";
        LogEntry refusal = errors.stream()
                .filter(entry -> entry.getMessage().startsWith(expected))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the refused create is not on the console: " + errors));
        errors.remove(refusal);
        // the login step's JSON view asks for the server's /favicon.ico (the page declares favicon.svg of its
        // own); Chromium may log that 404 after the login step's console was read
        String rootIcon = page.substring(0, page.indexOf("/filesync/")) + "/favicon.ico - ";
        errors.removeIf(entry -> entry.getMessage().startsWith(rootIcon));
        assertTrue(
                errors.isEmpty(),
                "browser console errors: "
                        + errors.stream().map(LogEntry::getMessage).collect(Collectors.joining("\n")));
    }

    /** The status of an anonymous request, through java.net.http (no browser state). */
    private record Answer401(int status) {
        static Answer401 of(String url) throws IOException, InterruptedException {
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
            return new Answer401(response.statusCode());
        }
    }
}
