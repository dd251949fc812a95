package dev.braid.core.cli;

import dev.braid.core.reload.ReloadResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `braid reload`: the running client or proxy reads its config and users file again (as on SIGHUP). */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Make the running client or proxy on this machine read its config file and users file again, "
                + "as on SIGHUP, without dropping sessions.",
                "Prints what changed; exits 1 when the reload was refused (broken file, or a key that needs a restart)."})
public final class ReloadCommand implements Callable<Integer> {
    @Option(names = "--socket", description = "control socket of the process (default: the client's, else the proxy's)")
    Path socket;

    @Override
    public Integer call() {
        String answer = ControlClient.request(socket, "reload");
        System.out.print(answer);
        return answer.startsWith(ReloadResult.REFUSED) ? 1 : 0;
    }
}
