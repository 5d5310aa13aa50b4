package io.agentgateway.api.agent;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.Map;

/**
 * Builds a {@link ToolDefinition} whose arguments are a Java record: the JSON schema comes from the record's
 * components, and each call receives a record instance instead of a map.
 *
 * <pre>{@code
 * record WeatherQuery(@Description("City name") String city, Optional<Unit> unit) {}
 * ToolDefinition tool = RecordTool.of("get_weather", "Current weather for a city", WeatherQuery.class,
 *         (query, context) -> lookUp(query.city()));
 * }</pre>
 *
 * <p>Mapping: {@code String}/{@code char} to string, {@code boolean} to boolean, integral types to integer, floating
 * and {@code BigDecimal} to number, enums to string with {@code enum}, collections to array, {@code Map<String, X>} to
 * object, nested records to object. Every component is required except {@code Optional} ones.
 * {@link Description} on a component becomes its {@code description}. Arguments that do not convert produce an error
 * result the model sees, never a failed request.
 */
public final class RecordTool {

    private RecordTool() {
    }

    /** The code of a record-argument tool. */
    @FunctionalInterface
    public interface Function<R extends Record> {

        /**
         * @param arguments the model's arguments as a record
         * @param context who is calling
         * @return the result text handed to the model
         * @throws Exception any failure; the model sees its message
         */
        String call(R arguments, ToolContext context) throws Exception;
    }

    /**
     * @param name the tool's name
     * @param description what the tool does, for the model
     * @param type the record type of the arguments
     * @param function the code
     * @param <R> the record type
     * @return the tool definition
     */
    public static <R extends Record> ToolDefinition of(
            String name, String description, Class<R> type, Function<R> function) {
        requireNonNull(type, "type is null");
        requireNonNull(function, "function is null");
        Map<String, Object> schema = RecordSchemas.schemaOf(type);
        return new ToolDefinition(name, description, schema,
                (arguments, context) -> function.call(RecordSchemas.instantiate(type, arguments), context));
    }

    /**
     * @param type a record type
     * @return the JSON schema of its components, as used for tool parameters
     */
    public static Map<String, Object> schemaOf(Class<? extends Record> type) {
        return RecordSchemas.schemaOf(requireNonNull(type, "type is null"));
    }
}
