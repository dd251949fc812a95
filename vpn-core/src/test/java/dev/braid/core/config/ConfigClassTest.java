package dev.braid.core.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed config classes are programming errors, caught when the section is registered. */
class ConfigClassTest {

    public static class NoGetter {
        @ConfigKey("a")
        public void setA(int a) {}
    }

    public static class UnsupportedType {
        @ConfigKey("a")
        public void setA(Map<String, String> a) {}
        public Map<String, String> getA() { return null; }
    }

    public static class NestedList {
        @ConfigKey("a")
        public void setA(List<List<String>> a) {}
        public List<List<String>> getA() { return null; }
    }

    public static class BoundOnDuration {
        @ConfigKey("a")
        @ConfigMin(1)
        public void setA(Duration a) {}
        public Duration getA() { return null; }
    }

    public static class DuplicateKey {
        @ConfigKey("a")
        public void setA(int a) {}
        public int getA() { return 0; }
        @ConfigKey("a")
        public void setB(int b) {}
        public int getB() { return 0; }
    }

    public static class NoDefaultConstructor {
        public NoDefaultConstructor(int x) {}
    }

    public static class ContainsItself {
        @ConfigKey("self")
        public void setSelf(ContainsItself self) {}
        public ContainsItself getSelf() { return null; }
    }

    @Test
    void rejectsMalformedConfigClassesAtRegistration() {
        for (Class<?> bad : List.of(NoGetter.class, UnsupportedType.class, NestedList.class, BoundOnDuration.class,
                DuplicateKey.class, NoDefaultConstructor.class, ContainsItself.class)) {
            assertThrows(IllegalArgumentException.class, () -> new ConfigLoader().register("x", bad), bad.getName());
        }
    }
}
