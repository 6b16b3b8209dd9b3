package picnet.deploy.cli;

import java.util.concurrent.Callable;
import picnet.deploy.launch.ServiceLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run a worker (completion jobs with the models of a directory, and training jobs unless --no-training) against a Kafka cluster. Workers share the job topics' partitions.")
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    WorkerOptions worker;

    @Override
    public Integer call() throws Exception {
        var config = worker.config(kafka.bootstrap, kafka.partitions);
        try (ServiceLauncher launcher = new ServiceLauncher()) {
            launcher.startWorker(worker.models, worker.device.resolve(), worker.batch, worker.defaultModel, config);
            System.out.printf("picnet: worker serving %s, Kafka at %s. Ctrl-C stops.%n", worker.models, kafka.bootstrap);
            launcher.awaitShutdown();
        }
        return 0;
    }
}
