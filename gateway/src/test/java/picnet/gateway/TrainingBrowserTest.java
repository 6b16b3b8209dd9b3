package picnet.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.TrainingJob;
import picnet.worker.jobs.KafkaBrokerExtension;

/**
 * The web page's training view in headless Chromium: a refused form shows the API's message, a started
 * training streams from a stand-in trainer into the loss chart, the preview and the checkpoints while it
 * runs, and its exported model joins the completion view's model list.
 */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class TrainingBrowserTest {
    private static final int REPORTS = 8;

    @Test
    void startATrainingAndWatchItLearn(Vertx vertx, @TempDir Path dir) throws Exception {
        TestSystem system = new TestSystem(vertx);
        ApiClient api = system.gateway().api();
        WebDriver browser = BrowserTest.chromium(dir.resolve("profile"));
        try (StandInTrainer trainer = new StandInTrainer(system.prefix)) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(api.base() + "/");
            browser.findElement(By.id("tab-training")).click();
            wait.until(d -> d.findElement(By.id("training-view")).isDisplayed());
            assertTrue(!browser.findElement(By.id("completion-view")).isDisplayed());
            // no worker has said it trains yet, and the page says what that means
            WebElement trainers = browser.findElement(By.id("train-workers"));
            wait.until(d -> trainers.getText().startsWith("No live worker takes trainings now"));
            // a worker serving scenery appears: the tab, opened again, offers it to fine-tune from
            trainer.announce("trainer-1", List.of("scenery"));
            browser.findElement(By.id("tab-completion")).click();
            browser.findElement(By.id("tab-training")).click();
            wait.until(d -> d.findElements(By.cssSelector("#train-init-model option[value='scenery']")).size() == 1);

            // the gateway's refusal is shown as text, and the field is marked
            type(browser, "train-name", "Faces!");
            type(browser, "train-dataset", "celeba/train.flist");
            browser.findElement(By.id("train-start")).click();
            WebElement status = browser.findElement(By.id("train-status"));
            wait.until(d -> status.getAttribute("class").contains("error"));
            assertTrue(status.getText().startsWith("name must be"), status.getText());
            assertEquals("true", browser.findElement(By.id("train-name")).getAttribute("aria-invalid"));

            type(browser, "train-name", "faces-demo");
            browser.findElement(By.cssSelector("#train-masks input[value=center]")).click();
            browser.findElement(By.cssSelector("#train-augment input[value=translation]")).click();
            type(browser, "train-steps", "400");
            type(browser, "train-preview-every", "100");
            new Select(browser.findElement(By.id("train-init-model"))).selectByValue("scenery");
            type(browser, "train-learning-rate", "0.0002");
            type(browser, "train-decay-steps", "100");
            type(browser, "train-d-learning-rate", "0.0008");
            type(browser, "train-hole-l1", "40");
            type(browser, "train-hole-best-of", "2");
            browser.findElement(By.id("train-start")).click();
            wait.until(d -> status.getAttribute("data-job") != null);
            String id = status.getAttribute("data-job");
            TrainingJob job = trainer.job(id, Duration.ofSeconds(30)).job();
            assertEquals("faces-demo", job.name());
            assertEquals("celeba/train.flist", job.dataset());
            assertEquals(List.of("center", "regular", "irregular"), job.masks());
            assertEquals(List.of("translation"), job.discriminatorAugment());
            assertEquals(400, job.steps());
            assertEquals(100, job.previewEvery());
            assertEquals(TrainingJob.DEFAULT_BATCH, job.batch(), "an empty input leaves the default");
            assertEquals("scenery", job.initModel());
            assertEquals(2e-4, job.learningRate());
            assertEquals(100, job.decaySteps());
            assertEquals(8e-4, job.discriminatorLearningRate());
            assertEquals(40.0, job.holeL1());
            assertEquals(2, job.holeBestOf());
            assertTrue(browser.findElement(By.id("train-cancel")).isDisplayed());

            trainer.send(JobEvent.started(id, 1, "stand-in", 400, StandInTrainer.now()));
            for (int i = 1; i <= REPORTS; i++) {
                long step = i * 50L;
                trainer.send(JobEvent.trainingProgress(id, step, 400, Map.of("total_g", 10.0 / i, "kl_rec", 0.5 / i,
                        "app_g", 2.0 + 1.0 / i, "lr", 1e-4), 4.0, (400 - step) / 4.0, StandInTrainer.now()));
                if (step == 200) {
                    trainer.send(JobEvent.preview(id, step, TestImages.image(96, 64), StandInTrainer.now()),
                            JobEvent.checkpoint(id, step, "runs/" + id + "/step-200", StandInTrainer.now()));
                    // the page draws while the job runs, not only at its end
                    wait.until(d -> "4".equals(d.findElement(By.id("loss-chart")).getAttribute("data-points")));
                    assertTrue(status.getText().contains("Step 200 of 400"), status.getText());
                }
            }
            trainer.announce("trainer-1", List.of("faces-demo"));
            trainer.send(JobEvent.trained(id, "faces-demo", StandInTrainer.now()));

            WebElement model = browser.findElement(By.id("trained-model"));
            wait.until(d -> model.isDisplayed());
            assertEquals("faces-demo", model.getAttribute("data-model"));
            assertTrue(status.getText().contains("faces-demo"), status.getText());
            wait.until(d -> !d.findElement(By.id("train-cancel")).isDisplayed());

            assertEquals(String.valueOf(REPORTS), browser.findElement(By.id("loss-chart")).getAttribute("data-points"));
            WebElement total = browser.findElement(By.cssSelector("#loss-chart path[data-term=total_g]"));
            assertEquals(String.valueOf(REPORTS), total.getAttribute("data-points"));
            assertEquals(REPORTS, total.getAttribute("d").split("[ML]").length - 1, total.getAttribute("d"));
            assertEquals(List.of("total_g", "app_g", "kl_rec"), browser.findElements(By.cssSelector("#loss-chart path"))
                    .stream().map(p -> p.getAttribute("data-term")).toList(), "the learning rate is not plotted");
            assertEquals("log", browser.findElement(By.id("loss-chart")).getAttribute("data-scale"));

            WebElement preview = browser.findElement(By.id("train-preview"));
            assertTrue(preview.getAttribute("src").endsWith("/v1/jobs/" + id + "/previews/200.png"));
            wait.until(d -> ((JavascriptExecutor) d).executeScript("return arguments[0].complete", preview)
                    .equals(Boolean.TRUE));
            assertEquals(96L, ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth", preview));
            assertTrue(browser.findElement(By.cssSelector("#checkpoints li")).getText()
                    .contains("step 200: runs/" + id + "/step-200"));

            browser.findElement(By.id("tab-completion")).click();
            wait.until(d -> d.findElements(By.cssSelector("#model option[value='faces-demo']")).size() == 1);
            browser.findElement(By.id("tab-training")).click();
            wait.until(d -> trainers.getText().equals("Workers that train: 1 live, 0 training now."));
        } finally {
            browser.quit();
        }
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
