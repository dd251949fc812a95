package dev.braid.core.client;

import dev.braid.core.session.Session;
import dev.braid.core.session.SessionStatus;
import dev.braid.core.session.StatusJson;
import dev.braid.core.wire.DropCounters;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the client's control socket answers to {@code status} and {@code status-json}: a copy of
 * the client's state taken on its event loop, rendered there.
 *
 * @param tun        the TUN's name, or null before the first login
 * @param session    the running session, or null
 * @param links      the names of the client's open links, in order (their data caps are shown)
 */
record ClientStatus(ClientConfig config, String tun, Session session, boolean loggingIn, List<String> links,
                    Collection<WaitingLink> waiting, LinkDataCaps caps, DropCounters drops) {

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("client ").append(config.getUser()).append(" -> ").append(config.getProxy())
                .append("  tun ").append(tun == null ? "-" : tun).append('\n');
        if (session == null) {
            out.append("not logged in").append(loggingIn ? " (logging in)" : "").append('\n');
        } else {
            SessionStatus.append(out, session);
        }
        for (String link : links) {
            String cap = caps.describe(link);
            if (!cap.isEmpty()) {
                out.append("  data cap ").append(link).append(": ").append(cap).append('\n');
            }
        }
        for (WaitingLink link : waiting) {
            out.append(String.format("  %-4s %-12s %-22s down (%s)%n", "-", link.name(), "dev " + link.interfaceName(),
                    link.reason()));
        }
        SessionStatus.appendDrops(out, drops);
        return out.toString();
    }

    String json() {
        Map<String, Object> document = StatusJson.document("client");
        document.put("user", config.getUser());
        document.put("proxy", config.getProxy().toString());
        document.put("tun", tun);
        document.put("logged_in", session != null);
        document.put("sessions", session == null ? List.of() : List.of(StatusJson.session(session)));
        document.put("waiting_links", waiting.stream()
                .map(link -> StatusJson.waitingLink(link.name(), link.interfaceName(), link.reason())).toList());
        Map<String, Object> dataCaps = new LinkedHashMap<>();
        for (String link : links) {
            Map<String, Object> figures = caps.figures(link);
            if (figures != null) {
                dataCaps.put(link, figures);
            }
        }
        document.put("data_caps", dataCaps);
        document.put("drops", StatusJson.drops(drops));
        return StatusJson.write(document);
    }
}
