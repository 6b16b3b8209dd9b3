package picnet.deploy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picnet.common.kafka.KafkaSettings;
import picnet.deploy.launch.DemoModel;
import picnet.deploy.launch.ServiceLauncher;
import picnet.worker.jobs.WorkerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start everything on this machine: a persistent single-node Kafka broker, a gateway with the web page, and one worker.")
final class UpCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "data/kafka", description = "Broker data directory; queued jobs survive restarts (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--host", defaultValue = "localhost", description = "Gateway interface (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Gateway port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the job topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    WorkerOptions worker;

    @Override
    public Integer call() throws Exception {
        var workerConfig = worker.config("", partitions); // checked before anything starts
        DemoModel.ensureOne(worker.models);
        try (ServiceLauncher launcher = new ServiceLauncher()) {
            System.out.println("picnet: starting the Kafka broker in " + data + " ...");
            String kafka = launcher.startBroker(data, kafkaPort);
            launcher.startGateway(ServiceLauncher.gatewayConfig(kafka, host, port, partitions));
            String defaultModel = worker.defaultModel != null ? worker.defaultModel : DemoModel.SHIPPED;
            launcher.startWorker(worker.models, worker.device.resolve(), worker.batch, defaultModel,
                    workerConfig.put(KafkaSettings.BOOTSTRAP, kafka));
            System.out.printf("picnet: up. Open http://%s:%d/ (API under /v1, Kafka at %s). Ctrl-C stops.%n", host, port, kafka);
            launcher.awaitShutdown();
        }
        return 0;
    }
}
