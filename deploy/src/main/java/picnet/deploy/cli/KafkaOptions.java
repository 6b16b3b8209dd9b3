package picnet.deploy.cli;

import picocli.CommandLine.Option;

/** Where the Kafka cluster is and how the job topics are partitioned. */
public final class KafkaOptions {
    @Option(names = "--kafka", defaultValue = "localhost:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--partitions", defaultValue = "4",
            description = "Partitions of the job topics when they are created; N partitions let up to N workers share load (default: ${DEFAULT-VALUE}).")
    int partitions;
}
