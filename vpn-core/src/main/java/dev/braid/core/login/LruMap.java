package dev.braid.core.login;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that forgets its least recently used entry beyond {@code maxEntries}, so strangers cannot grow it. */
final class LruMap<K, V> extends LinkedHashMap<K, V> {

    private final int maxEntries;

    LruMap(int maxEntries) {
        super(64, 0.75f, true);
        this.maxEntries = maxEntries;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
    }
}
