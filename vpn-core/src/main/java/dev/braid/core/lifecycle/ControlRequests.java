package dev.braid.core.lifecycle;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The requests a {@link ControlSocket} answers ({@code status}, {@code reload}, ...), by name. The
 * process that runs a role adds its own (e.g. {@code reload}, which needs the config file) to the
 * ones the client or proxy serves itself. Answers run on the control socket's thread.
 */
public final class ControlRequests {
    private final Map<String, Supplier<String>> handlers = new ConcurrentSkipListMap<>();

    /** Answers {@code name} with {@code handler}'s text from now on (a newline is added if missing). */
    public ControlRequests add(String name, Supplier<String> handler) {
        handlers.put(name, handler);
        return this;
    }

    /**
     * A handler whose text is built on {@code loop} (status reads what only the event loop may
     * touch); the control thread waits at most 5 s for it.
     */
    public static Supplier<String> onLoop(ExecutorService loop, Callable<String> build) {
        return () -> {
            try {
                return LoopCalls.call(loop, "status", build);
            } catch (IllegalStateException e) {
                return e.getMessage() + "\n";
            }
        };
    }

    public String answer(String request) {
        Supplier<String> handler = handlers.get(request);
        if (handler == null) {
            return "unknown request '" + request + "' (known: " + String.join(", ", handlers.keySet()) + ")\n";
        }
        String text = handler.get();
        return text.endsWith("\n") ? text : text + "\n";
    }
}
