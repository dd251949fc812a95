package dev.braid.core.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keys of one config class, read once from its {@link ConfigKey} setters. A malformed config
 * class (no public no-arg constructor, unsupported type, setter without getter, duplicate key) is a
 * programming error and fails with IllegalArgumentException when the class is first registered.
 */
final class ConfigClass {
    private static final ClassValue<ConfigClass> CACHE = new ClassValue<>() {
        @Override
        protected ConfigClass computeValue(Class<?> type) {
            return new ConfigClass(type, new HashSet<>());
        }
    };

    private final Class<?> type;
    private final Constructor<?> constructor;
    /** Sorted by key so the effective config is stable. */
    private final Map<String, ConfigProperty> properties;

    private ConfigClass(Class<?> type, Set<Class<?>> inProgress) {
        this.type = type;
        if (!inProgress.add(type)) {
            throw new IllegalArgumentException("config class " + type.getName() + " contains itself");
        }
        try {
            this.constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("config class " + type.getName() + " needs a public no-arg constructor", e);
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("config class " + type.getName() + " must be public and concrete");
        }
        Map<String, ConfigProperty> byKey = new TreeMap<>();
        for (Method method : type.getMethods()) {
            ConfigKey key = method.getAnnotation(ConfigKey.class);
            if (key == null || method.isBridge() || method.isSynthetic()) {
                continue;
            }
            ConfigProperty property = property(type, method, key.value(), inProgress);
            if (byKey.put(property.key(), property) != null) {
                throw new IllegalArgumentException("config key '" + key.value() + "' declared twice in " + type.getName());
            }
        }
        this.properties = Collections.unmodifiableMap(byKey);
        inProgress.remove(type);
    }

    static ConfigClass of(Class<?> type) {
        return CACHE.get(type);
    }

    Class<?> type() {
        return type;
    }

    Map<String, ConfigProperty> properties() {
        return properties;
    }

    /** A fresh instance holding the class's defaults. */
    Object newInstance() {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("constructor of " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + type.getName(), e);
        }
    }

    private static ConfigProperty property(Class<?> owner, Method setter, String key, Set<Class<?>> inProgress) {
        String where = owner.getName() + "." + setter.getName();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("empty @ConfigKey on " + where);
        }
        if (setter.getParameterCount() != 1 || !setter.getName().startsWith("set") || setter.getName().length() == 3) {
            throw new IllegalArgumentException("@ConfigKey must be on a one-argument setXxx method: " + where);
        }
        if (Modifier.isStatic(setter.getModifiers())) {
            throw new IllegalArgumentException("@ConfigKey on a static method: " + where);
        }
        Type parameterType = setter.getGenericParameterTypes()[0];
        ValueType valueType = valueType(parameterType, where, inProgress, true);
        Method getter = getter(owner, setter, parameterType, where);
        ConfigMin min = setter.getAnnotation(ConfigMin.class);
        ConfigMax max = setter.getAnnotation(ConfigMax.class);
        if ((min != null || max != null) && !Bounds.BOUNDED_TYPES.contains(boundedClass(valueType))) {
            throw new IllegalArgumentException("@ConfigMin/@ConfigMax on a type without bounds: " + where);
        }
        ConfigDescription description = setter.getAnnotation(ConfigDescription.class);
        return new ConfigProperty(
                key,
                setter,
                getter,
                valueType,
                Optional.ofNullable(description).map(ConfigDescription::value),
                setter.isAnnotationPresent(ConfigSecret.class),
                setter.isAnnotationPresent(ConfigRequired.class),
                Optional.ofNullable(min).map(ConfigMin::value),
                Optional.ofNullable(max).map(ConfigMax::value));
    }

    private static Class<?> boundedClass(ValueType type) {
        if (type instanceof ValueType.ListOf list) {
            return boundedClass(list.element());
        }
        return type instanceof ValueType.Scalar scalar ? scalar.javaType() : Void.class;
    }

    private static ValueType valueType(Type type, String where, Set<Class<?>> inProgress, boolean listAllowed) {
        if (type instanceof Class<?> clazz) {
            Optional<ValueType.Scalar> scalar = ScalarTypes.forClass(clazz);
            if (scalar.isPresent()) {
                return scalar.get();
            }
            if (clazz == List.class) {
                throw new IllegalArgumentException("raw List on " + where + ": declare List<ElementType>");
            }
            if (clazz.isPrimitive() || clazz.isArray() || clazz.getName().startsWith("java.")) {
                throw new IllegalArgumentException("unsupported config type " + clazz.getName() + " on " + where);
            }
            ConfigClass nested = new ConfigClass(clazz, inProgress);
            return new ValueType.Nested(nested);
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class && listAllowed) {
            Type element = parameterized.getActualTypeArguments()[0];
            return new ValueType.ListOf(valueType(element, where, inProgress, false));
        }
        throw new IllegalArgumentException("unsupported config type " + type.getTypeName() + " on " + where
                + " (lists may not nest)");
    }

    private static Method getter(Class<?> owner, Method setter, Type parameterType, String where) {
        String property = setter.getName().substring(3);
        List<String> candidates = new ArrayList<>(List.of("get" + property, "is" + property));
        for (String name : candidates) {
            try {
                Method getter = owner.getMethod(name);
                if (getter.getGenericReturnType().equals(parameterType)) {
                    return getter;
                }
            } catch (NoSuchMethodException ignored) {
                // try the next naming convention
            }
        }
        throw new IllegalArgumentException("no getter get" + property + "()/is" + property + "() returning "
                + parameterType.getTypeName() + " for " + where + " (needed to render the effective config)");
    }
}
