package io.shardgate.config;

import io.shardgate.algorithm.ShardingAlgorithm;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * Instantiates a user's {@link ShardingAlgorithm} named in configuration. The class needs a public constructor
 * {@code (int shardCount, Map<String, Object> props)}; anything else is reported with the class name and the fix.
 */
final class CustomAlgorithms {
    private CustomAlgorithms() {
    }

    /**
     * @throws IllegalArgumentException naming the class and what is wrong with it
     */
    static ShardingAlgorithm create(String className, int shardCount, Map<String, Object> props) {
        Class<?> type = load(className);
        if (!ShardingAlgorithm.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("class " + className + " does not implement "
                    + ShardingAlgorithm.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("class " + className + " is abstract; name a concrete class");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(int.class, Map.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("class " + className + " has no public constructor "
                    + type.getSimpleName() + "(int shardCount, Map<String, Object> props)");
        }
        try {
            return (ShardingAlgorithm) constructor.newInstance(shardCount, props);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException("class " + className + " refused its configuration: "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("class " + className + " cannot be instantiated: " + e, e);
        }
    }

    private static Class<?> load(String className) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(className, true, context != null ? context : CustomAlgorithms.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("class " + className + " not found on the classpath");
        } catch (LinkageError e) {
            throw new IllegalArgumentException("class " + className + " cannot be loaded: " + e, e);
        }
    }
}
