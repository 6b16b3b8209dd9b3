package picnet.deploy.cli;

import java.util.concurrent.Callable;
import picnet.deploy.launch.ServiceLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run a gateway (HTTP API, WebSocket events, web page) against a Kafka cluster. Run as many as you like.")
final class GatewayCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        try (ServiceLauncher launcher = new ServiceLauncher()) {
            launcher.startGateway(ServiceLauncher.gatewayConfig(kafka.bootstrap, host, port, kafka.partitions));
            System.out.printf("picnet: gateway on %s:%d, Kafka at %s. Ctrl-C stops.%n", host, port, kafka.bootstrap);
            launcher.awaitShutdown();
        }
        return 0;
    }
}
