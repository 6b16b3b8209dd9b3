package picnet.broker;

/**
 * The broker child's main class: Kafka's own, stopped when the JVM that started it is gone. A child
 * process outlives a parent that is killed outright (SIGKILL, the OOM killer, a native crash), and an
 * orphaned broker would keep its port and its data directory's lock with nothing left to stop it.
 */
public final class BrokerMain {
    /** The process id of the JVM that owns this broker. */
    static final String PARENT_PROPERTY = "picnet.broker.parent";

    private BrokerMain() {}

    public static void main(String[] args) {
        String parentPid = System.getProperty(PARENT_PROPERTY);
        if (parentPid != null) {
            ProcessHandle parent = ProcessHandle.of(Long.parseLong(parentPid)).orElse(null);
            if (parent == null) {
                System.err.println("picnet broker: the process that started it is already gone; not starting");
                System.exit(1);
            }
            parent.onExit().thenRun(() -> {
                System.err.println("picnet broker: the process that started it (pid " + parentPid + ") is gone; stopping");
                System.exit(0); // runs Kafka's shutdown hook: a controlled shutdown
            });
        }
        kafka.Kafka.main(args);
    }
}
