package io.policywatch.local;

/** The three PolicyWatch services, with the environment variable that sets each one's HTTP port. */
public enum Service {
    INGEST("ingest-service", "INGEST_PORT", "-Xmx1g"),
    CLASSIFY("classify-service", "CLASSIFY_PORT", "-Xmx512m"),
    NOTIFY("notify-service", "NOTIFY_PORT", "-Xmx512m");

    private final String module;
    private final String portVariable;
    private final String heap;

    Service(String module, String portVariable, String heap) {
        this.module = module;
        this.portVariable = portVariable;
        this.heap = heap;
    }

    public String module() {
        return module;
    }

    public String portVariable() {
        return portVariable;
    }

    public String heap() {
        return heap;
    }
}
