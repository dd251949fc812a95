package dev.braid.core.config;

/** A second section with a required key, to show absent sections are not checked. */
public class OtherConfig {
    private HostPort server;

    @ConfigKey("server")
    @ConfigRequired
    public void setServer(HostPort server) { this.server = server; }
    public HostPort getServer() { return server; }
}
