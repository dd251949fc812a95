package dev.braid.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ControlRequestsTest {
    @Test
    void answersByNameAndListsTheKnownOnesOtherwise() {
        ControlRequests requests = new ControlRequests().add("status", () -> "ok").add("reload", () -> "reloaded\n");
        assertEquals("ok\n", requests.answer("status"));
        assertEquals("reloaded\n", requests.answer("reload"));
        assertEquals("unknown request 'stop' (known: reload, status)\n", requests.answer("stop"));
    }
}
