package io.agentgateway.api.agent;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Maps records to JSON schemas and JSON arguments to record instances, for {@link RecordTool} and {@link OutputType}. */
final class RecordSchemas {

    private RecordSchemas() {
    }

    static Map<String, Object> schemaOf(Class<? extends Record> type) {
        return objectSchema(type);
    }

    private static Map<String, Object> objectSchema(Class<?> type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Type generic = component.getGenericType();
            boolean optional = component.getType() == Optional.class;
            Map<String, Object> schema = new LinkedHashMap<>(schemaOf(optional ? typeArgument(generic, 0) : generic));
            Description description = component.getAnnotation(Description.class);
            if (description != null) {
                schema.put("description", description.value());
            }
            properties.put(component.getName(), schema);
            if (!optional) {
                required.add(component.getName());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        Description description = type.getAnnotation(Description.class);
        if (description != null) {
            schema.put("description", description.value());
        }
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> schemaOf(Type type) {
        Class<?> raw = rawClass(type);
        if (raw == String.class || raw == CharSequence.class || raw == char.class || raw == Character.class) {
            return Map.of("type", "string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (isInteger(raw)) {
            return Map.of("type", "integer");
        }
        if (isNumber(raw)) {
            return Map.of("type", "number");
        }
        if (raw.isEnum()) {
            List<String> names = Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            return Map.of("type", "string", "enum", names);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return Map.of("type", "array", "items", schemaOf(typeArgument(type, 0)));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return Map.of("type", "object", "additionalProperties", schemaOf(typeArgument(type, 1)));
        }
        if (raw.isRecord()) {
            return objectSchema(raw);
        }
        throw new IllegalArgumentException("no JSON schema for type " + type.getTypeName());
    }

    static <R extends Record> R instantiate(Class<R> type, Map<String, Object> arguments) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            Object raw = arguments.get(component.getName());
            if (component.getType() == Optional.class) {
                values[i] = Optional.ofNullable(raw == null ? null
                        : convert(typeArgument(component.getGenericType(), 0), raw, component.getName()));
            } else if (raw == null) {
                if (component.getType().isPrimitive()) {
                    throw new IllegalArgumentException("missing argument '" + component.getName() + "'");
                }
                values[i] = null;
            } else {
                values[i] = convert(component.getGenericType(), raw, component.getName());
            }
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("invalid arguments for " + type.getSimpleName() + ": "
                    + cause.getMessage(), cause);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Type type, Object value, String path) {
        Class<?> raw = rawClass(type);
        if (raw == String.class || raw == CharSequence.class) {
            return String.valueOf(value);
        }
        if (raw == char.class || raw == Character.class) {
            String s = String.valueOf(value);
            if (s.length() != 1) {
                throw new IllegalArgumentException("'" + path + "' must be one character");
            }
            return s.charAt(0);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (value instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException("'" + path + "' must be a boolean");
        }
        if (isInteger(raw) || isNumber(raw)) {
            Number n = value instanceof Number num ? num : parseNumber(value, path);
            if (raw == int.class || raw == Integer.class) {
                return n.intValue();
            } else if (raw == long.class || raw == Long.class) {
                return n.longValue();
            } else if (raw == short.class || raw == Short.class) {
                return n.shortValue();
            } else if (raw == byte.class || raw == Byte.class) {
                return n.byteValue();
            } else if (raw == BigInteger.class) {
                return new BigInteger(n.toString());
            } else if (raw == BigDecimal.class) {
                return new BigDecimal(n.toString());
            } else if (raw == float.class || raw == Float.class) {
                return n.floatValue();
            }
            return n.doubleValue();
        }
        if (raw.isEnum()) {
            String name = String.valueOf(value);
            for (Object constant : raw.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(name)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("'" + path + "' must be one of "
                    + Arrays.toString(raw.getEnumConstants()));
        }
        if (Collection.class.isAssignableFrom(raw)) {
            if (!(value instanceof List<?> list)) {
                throw new IllegalArgumentException("'" + path + "' must be an array");
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(convert(typeArgument(type, 0), list.get(i), path + "[" + i + "]"));
            }
            return Set.class.isAssignableFrom(raw) ? Set.copyOf(out) : List.copyOf(out);
        }
        if (Map.class.isAssignableFrom(raw) && value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), convert(typeArgument(type, 1), v, path + "." + k)));
            return out;
        }
        if (raw.isRecord() && value instanceof Map<?, ?> map) {
            return instantiate((Class) raw, (Map<String, Object>) map);
        }
        throw new IllegalArgumentException("'" + path + "' has the wrong type");
    }

    private static Number parseNumber(Object value, String path) {
        try {
            return new BigDecimal(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + path + "' must be a number");
        }
    }

    private static boolean isInteger(Class<?> raw) {
        return raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class
                || raw == BigInteger.class;
    }

    private static boolean isNumber(Class<?> raw) {
        return raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || raw == BigDecimal.class;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported type " + type.getTypeName().toLowerCase(Locale.ROOT));
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalArgumentException("raw type " + type.getTypeName() + " needs a type argument");
    }
}
