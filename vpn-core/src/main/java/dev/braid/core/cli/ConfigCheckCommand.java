package dev.braid.core.cli;

import dev.braid.core.client.ClientConfig;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.config.ConfigDocument;
import dev.braid.core.config.EffectiveConfig;
import dev.braid.core.files.FileProblems;
import dev.braid.core.proxy.ProxyConfig;
import dev.braid.core.spi.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `braid config check FILE`: validates a config and prints its role's sections with every default filled in. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with config files.",
        subcommands = ConfigCheckCommand.Check.class)
public final class ConfigCheckCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check a proxy or client config and the files it names; print all errors with their lines, "
                    + "or the effective config.")
    static final class Check implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "config file to check")
        Path file;

        @Option(names = "--no-file-checks",
                description = "do not check the files the config names (users file, password file), e.g. before deploying them")
        boolean noFileChecks;

        @Override
        public Integer call() {
            Bootstrap bootstrap = new Bootstrap();
            ConfigDocument document = bootstrap.configLoader().load(file);
            boolean proxy = document.isPresent(Bootstrap.PROXY_SECTION);
            boolean client = document.isPresent(Bootstrap.CLIENT_SECTION);
            if (proxy == client) {
                throw new OperatorError(file + ": a config has exactly one of the sections `proxy:` or `client:`");
            }
            Bootstrap.Loaded loaded = bootstrap.wire(document, proxy ? Role.PROXY : Role.CLIENT);
            spec.commandLine().getOut().print(loaded.effectiveConfig(EffectiveConfig.Detail.ALL_KEYS_DESCRIBED));
            spec.commandLine().getOut().flush();
            if (!noFileChecks) {
                checkNamedFiles(document, proxy);
            }
            spec.commandLine().getErr().println(file + ": ok (" + (proxy ? "proxy" : "client") + " config)");
            return 0;
        }

        /** Prints warnings; fails with every error at once. */
        private void checkNamedFiles(ConfigDocument document, boolean proxy) {
            List<SecretFileCheck.Finding> findings = new ArrayList<>();
            if (proxy) {
                ProxyConfig config = document.section(Bootstrap.PROXY_SECTION, ProxyConfig.class);
                SecretFileCheck.check("proxy.users", Path.of(config.getUsers())).ifPresent(findings::add);
                if (!config.getAddressLeases().isEmpty()) {
                    Path leases = Path.of(config.getAddressLeases());
                    FileProblems.missingDirectory(leases).ifPresent(problem ->
                            findings.add(new SecretFileCheck.Finding(true, "proxy.address-leases: " + leases + ": " + problem)));
                }
            } else {
                ClientConfig config = document.section(Bootstrap.CLIENT_SECTION, ClientConfig.class);
                String passwordFile = config.getPasswordFile();
                if (!passwordFile.isEmpty()) {
                    SecretFileCheck.check("client.password-file", Path.of(passwordFile)).ifPresent(findings::add);
                }
                boolean anyCap = document.listSection(Bootstrap.LINKS_SECTION, LinkConfig.class).stream()
                        .anyMatch(link -> link.getDataCap().bytes() > 0);
                if (anyCap) {
                    Path usage = Path.of(config.getDataUsage());
                    FileProblems.missingDirectory(usage).ifPresent(problem ->
                            findings.add(new SecretFileCheck.Finding(true, "client.data-usage (a link has a data-cap): "
                                    + usage + ": " + problem)));
                }
            }
            findings.stream().filter(finding -> !finding.error())
                    .forEach(finding -> spec.commandLine().getErr().println(file + ": warning: " + finding.message()));
            List<String> errors = findings.stream().filter(SecretFileCheck.Finding::error)
                    .map(finding -> file + ": " + finding.message()).toList();
            if (!errors.isEmpty()) {
                throw new OperatorError(String.join("\n", errors));
            }
        }
    }
}
