package picnet.broker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A single-node KRaft Kafka 4.x broker (broker and controller in one process) run as a child process on
 * its own classpath, so that its jars never meet the 3.7 kafka-clients of the services.
 *
 * <p>{@link #start(Path, int)} formats the storage under {@code dataDir} the first time, writes
 * {@code server.properties}, starts {@code kafka.Kafka}, forwards its output to {@code dataDir/broker.log}
 * and returns once the broker answers an ApiVersions request on {@code port}. The data survives
 * {@link #close()}: starting again on the same directory brings back every topic and record.
 *
 * <p>The broker classpath comes from, in order: the system property {@value #CLASSPATH_PROPERTY} (a
 * path-separated list of jars, or a directory of jars), the directory {@code lib/} named by the system
 * property {@value #LIB_DIR_PROPERTY}, or the resource {@code picnet/broker/classpath.txt} written at
 * build time.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
    public static final String CLASSPATH_PROPERTY = "picnet.broker.classpath";
    public static final String LIB_DIR_PROPERTY = "picnet.broker.lib";
    public static final String JVM_OPTIONS_PROPERTY = "picnet.broker.jvm-options";
    public static final String DEFAULT_JVM_OPTIONS = "-Xms128m -Xmx768m -XX:+UseSerialGC";
    /** The largest record the broker accepts (images travel inside records). */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    private static final String CLASSPATH_RESOURCE = "/picnet/broker/classpath.txt";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Path dataDir;
    private final int port;
    private final Process process;
    private final Thread shutdownHook;

    private KafkaBrokerProcess(Path dataDir, int port, Process process) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
        this.shutdownHook = new Thread(this::stopProcess, "picnet-kafka-broker-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static KafkaBrokerProcess start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, DEFAULT_START_TIMEOUT);
    }

    /** Starts a broker with its data under {@code dataDir}, serving clients on {@code localhost:port}. */
    public static KafkaBrokerProcess start(Path dataDir, int port, Duration startTimeout) throws IOException {
        Path dir = dataDir.toAbsolutePath();
        Files.createDirectories(dir);
        String classpath = brokerClasspath();
        int controllerPort = controllerPort(dir, port);
        Path config = writeConfig(dir, port, controllerPort);
        Path logDir = dir.resolve("kraft-logs");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(dir, classpath, config);
        }
        Path log = dir.resolve("broker.log");
        if (portAnswers(port)) {
            throw new IOException("port " + port + " is already in use (another Kafka broker, or one left by a picnet"
                    + " that was killed?); stop it or choose another port");
        }
        Process process = inOwnSession(java(dir, ownCodeAnd(classpath), BrokerMain.class.getName(),
                config.toString()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dir, port, process);
        try {
            broker.awaitReady(startTimeout);
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** Whether something on localhost accepts connections on the port. */
    public static boolean portAnswers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** The broker's classpath with this module's classes first, for {@link BrokerMain}. */
    private static String ownCodeAnd(String classpath) throws IOException {
        try {
            Path own = Path.of(BrokerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return own + java.io.File.pathSeparator + classpath;
        } catch (java.net.URISyntaxException | SecurityException e) {
            throw new IOException("cannot locate picnet-kafka-broker's own classes: " + e.getMessage(), e);
        }
    }

    /** A port that was free a moment ago on localhost. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Leaves stopping this broker to its owner: without this, a JVM exit stops it at once, in parallel with
     * the owner's other shutdown hooks, so that clients still closing find it gone and wait for it.
     */
    public void stopOnlyWhenClosed() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // too late: the hook is running or has run
        }
    }

    /** Stops the broker (controlled shutdown, then a kill after {@code 30 s}); the data stays. */
    @Override
    public void close() {
        stopProcess();
        stopOnlyWhenClosed();
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the Kafka broker exited with status " + process.exitValue()
                        + " while starting; see " + logFile() + ":\n" + tail(logFile()));
            }
            try {
                if (answersApiVersions(port)) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IOException("the Kafka broker did not answer on port " + port + " within " + timeout.toSeconds()
                + " s (last error: " + last + "); see " + logFile() + ":\n" + tail(logFile()));
    }

    /** Sends an ApiVersions v0 request and checks that the answer carries no error. */
    static boolean answersApiVersions(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            socket.setSoTimeout(2000);
            byte[] clientId = "picnet-broker-probe".getBytes(StandardCharsets.UTF_8);
            ByteBuffer request = ByteBuffer.allocate(4 + 2 + 2 + 4 + 2 + clientId.length);
            request.putInt(request.capacity() - 4).putShort((short) 18).putShort((short) 0).putInt(7)
                    .putShort((short) clientId.length).put(clientId);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write(request.array());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            int correlation = in.readInt();
            short error = in.readShort();
            return size > 6 && correlation == 7 && error == 0;
        }
    }

    private static void format(Path dir, String classpath, Path config) throws IOException {
        Path log = dir.resolve("format.log");
        Process format = java(dir, classpath, "kafka.tools.StorageTool", "format", "-t", randomClusterId(),
                "-c", config.toString())
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        try {
            if (!format.waitFor(120, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new IOException("formatting the Kafka storage took over 120 s; see " + log);
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting the Kafka storage", e);
        }
        if (format.exitValue() != 0) {
            throw new IOException("formatting the Kafka storage failed (status " + format.exitValue() + "):\n"
                    + tail(log));
        }
    }

    private static ProcessBuilder java(Path dir, String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : System.getProperty(JVM_OPTIONS_PROPERTY, DEFAULT_JVM_OPTIONS).trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.add("-Dlog4j.configuration=" + dir.resolve("log4j.properties").toUri());
        command.add("-Dkafka.logs.dir=" + dir.resolve("logs"));
        command.add("-D" + BrokerMain.PARENT_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("CLASSPATH");
        return builder;
    }

    /**
     * Runs the broker in a session of its own where {@code setsid} exists, so that Ctrl-C in a terminal
     * reaches only the JVM that owns it, which then stops it after its clients.
     */
    private static ProcessBuilder inOwnSession(ProcessBuilder builder) {
        if (Files.isExecutable(SETSID)) {
            List<String> command = new ArrayList<>(builder.command());
            command.add(0, SETSID.toString());
            builder.command(command);
        }
        return builder;
    }

    private static Path writeConfig(Path dir, int port, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("node.id", "1");
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("kraft-logs").toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        p.setProperty("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        p.setProperty("socket.request.max.bytes", String.valueOf(4 * MAX_MESSAGE_BYTES));
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("log.retention.hours", "168");
        Path config = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "written by picnet.broker.KafkaBrokerProcess on every start");
        }
        Files.writeString(dir.resolve("log4j.properties"), String.join("\n",
                "log4j.rootLogger=INFO, stdout",
                "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
                "log4j.logger.kafka.request.logger=WARN",
                "log4j.logger.org.apache.kafka.raft=WARN",
                "log4j.logger.kafka.log.LogCleaner=WARN",
                ""));
        return config;
    }

    /** The controller listens on a port of its own, kept in {@code controller.port} across restarts. */
    private static int controllerPort(Path dir, int clientPort) throws IOException {
        Path file = dir.resolve("controller.port");
        if (Files.exists(file)) {
            int saved = Integer.parseInt(Files.readString(file).trim());
            if (saved != clientPort && isFree(saved)) {
                return saved;
            }
        }
        int chosen;
        do {
            chosen = freePort();
        } while (chosen == clientPort);
        Files.writeString(file, chosen + "\n");
        return chosen;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String brokerClasspath() throws IOException {
        String explicit = System.getProperty(CLASSPATH_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path asDir = Path.of(explicit);
            return Files.isDirectory(asDir) ? jarsIn(asDir) : explicit;
        }
        String lib = System.getProperty(LIB_DIR_PROPERTY);
        if (lib != null && !lib.isBlank()) {
            return jarsIn(Path.of(lib));
        }
        try (InputStream in = KafkaBrokerProcess.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IOException("no broker classpath: set -D" + CLASSPATH_PROPERTY + " or -D" + LIB_DIR_PROPERTY
                        + ", or build picnet-kafka-broker so that it holds " + CLASSPATH_RESOURCE);
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!Files.exists(Path.of(entry))) {
                    throw new IOException("the broker classpath names " + entry + ", which does not exist; set -D"
                            + LIB_DIR_PROPERTY + " to a directory of the broker's jars");
                }
            }
            return classpath;
        }
    }

    private static String jarsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            String classpath = files.filter(f -> f.toString().endsWith(".jar")).map(Path::toString).sorted()
                    .collect(Collectors.joining(java.io.File.pathSeparator));
            if (classpath.isEmpty()) {
                throw new IOException("no jars in the broker lib directory " + dir);
            }
            return classpath;
        }
    }

    /** A Kafka cluster id: 16 random bytes, base64url without padding, not starting with '-'. */
    private static String randomClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }
}
