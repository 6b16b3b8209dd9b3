package picnet.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.RgbImage;
import picnet.worker.jobs.KafkaBrokerExtension;

/**
 * The web page in headless Chromium (Debian's chromium and chromedriver, driven by Selenium without
 * Selenium Manager): open an image, paint a hole, submit, and watch the samples arrive and get ranked.
 */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class BrowserTest {
    static final String CHROMIUM = System.getProperty("picnet.test.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("picnet.test.chromedriver", "/usr/bin/chromedriver");

    @Test
    void paintAHoleSubmitAndWatchTheSamplesArrive(Vertx vertx, @TempDir Path dir) throws Exception {
        TestSystem system = new TestSystem(vertx);
        system.worker();
        ApiClient api = system.gateway().api();
        system.awaitModels(api);
        Path imageFile = dir.resolve("photo.png");
        byte[] imageBytes = TestImages.image(200, 150);
        Files.write(imageFile, imageBytes);

        WebDriver browser = chromium(dir.resolve("profile"));
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(api.base() + "/");
            wait.until(d -> d.findElements(By.cssSelector("#model option")).size() > 1);
            browser.findElement(By.id("image-file")).sendKeys(imageFile.toAbsolutePath().toString());
            wait.until(d -> !d.findElement(By.id("stage")).getAttribute("class").contains("empty"));
            WebElement submit = browser.findElement(By.id("submit"));
            assertFalse(submit.isEnabled(), "nothing to complete before a hole is painted");

            // an uploaded mask makes a hole too; Clear removes it
            Path maskFile = dir.resolve("mask.png");
            Files.write(maskFile, TestImages.squareHole(200, 150));
            browser.findElement(By.id("mask-file")).sendKeys(maskFile.toAbsolutePath().toString());
            wait.until(d -> submit.isEnabled());
            assertEquals("Mask loaded.", browser.findElement(By.id("status")).getText());
            browser.findElement(By.id("clear")).click();
            assertFalse(submit.isEnabled(), "no hole after Clear");

            WebElement canvas = browser.findElement(By.id("mask-canvas"));
            new Actions(browser).moveToElement(canvas).clickAndHold().moveByOffset(12, 0).moveByOffset(0, 12)
                    .moveByOffset(-12, 0).release().perform();
            wait.until(d -> submit.isEnabled());

            WebElement samples = browser.findElement(By.id("samples"));
            samples.clear();
            samples.sendKeys("6");
            // the size strategy: auto unless chosen; the choice goes into the multipart body
            Select strategy = new Select(browser.findElement(By.id("strategy")));
            assertEquals("auto", strategy.getFirstSelectedOption().getAttribute("value"));
            assertEquals(List.of("auto", "crop", "resize"),
                    strategy.getOptions().stream().map(o -> o.getAttribute("value")).toList());
            strategy.selectByValue("crop");
            ((JavascriptExecutor) browser).executeScript("window.sentStrategies = []; const f = window.fetch;"
                    + " window.fetch = (u, o) => { if (o && o.body instanceof FormData)"
                    + " window.sentStrategies.push(o.body.get('strategy')); return f(u, o); };");
            submit.click();

            // tiles appear one by one while the job runs
            List<Integer> counts = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                counts.add(browser.findElements(By.cssSelector("#tiles .tile")).size());
                if (browser.findElement(By.id("status")).getText().startsWith("Done")) {
                    break;
                }
                Thread.sleep(25);
            }
            assertTrue(browser.findElement(By.id("status")).getText().startsWith("Done"),
                    "status: " + browser.findElement(By.id("status")).getText());
            assertTrue(counts.stream().anyMatch(c -> c > 0 && c < 6), "tiles arrived one by one: " + counts);
            assertEquals(List.of("crop"), ((JavascriptExecutor) browser).executeScript("return window.sentStrategies;"));

            List<WebElement> tiles = browser.findElements(By.cssSelector("#tiles .tile"));
            assertEquals(6, tiles.size());
            assertTrue(tiles.get(0).findElement(By.tagName("img")).getAttribute("src").endsWith(".png?width=384"),
                    "tiles load thumbnails");
            assertEquals("1.", tiles.get(0).findElement(By.className("rank")).getText());
            double best = Double.parseDouble(tiles.get(0).getAttribute("data-score"));
            for (WebElement tile : tiles) {
                assertTrue(Double.parseDouble(tile.getAttribute("data-score")) <= best);
            }
            WebElement viewer = browser.findElement(By.id("viewer-image"));
            wait.until(d -> d.findElement(By.id("viewer")).isDisplayed());
            String sampleUrl = viewer.getAttribute("src");
            assertTrue(sampleUrl.endsWith(".png"), sampleUrl);
            assertTrue(browser.findElement(By.id("download")).getAttribute("href").endsWith(".png"));
            new Actions(browser).clickAndHold(browser.findElement(By.id("compare"))).perform();
            wait.until(d -> d.findElement(By.id("viewer-image")).getAttribute("src").startsWith("blob:"));
            new Actions(browser).release().perform();
            wait.until(d -> d.findElement(By.id("viewer-image")).getAttribute("src").equals(sampleUrl));

            // the hole painted in the browser is where the completion changed the image
            String path = sampleUrl.substring(sampleUrl.indexOf("/v1/"));
            RgbImage completed = ImageFiles.read(api.bytes(path).body(), ImageLimits.DEFAULT);
            RgbImage input = ImageFiles.read(imageBytes, ImageLimits.DEFAULT);
            assertNotEquals(pixel(input, 100, 75), pixel(completed, 100, 75), "the painted centre was filled");
            assertEquals(pixel(input, 5, 5), pixel(completed, 5, 5), "the corner, not painted, is kept");
            String jobId = path.split("/")[3];
            JsonObject job = api.json("/v1/jobs/" + jobId);
            assertEquals("succeeded", job.getString("status"));
        } finally {
            browser.quit();
        }
    }

    private static List<Float> pixel(RgbImage image, int x, int y) {
        return List.of(image.get(0, y, x), image.get(1, y, x), image.get(2, y, x));
    }

    static WebDriver chromium(Path profile) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        return new ChromeDriver(service, options);
    }
}
