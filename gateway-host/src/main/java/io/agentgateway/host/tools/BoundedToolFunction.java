package io.agentgateway.host.tools;

import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.api.tool.ToolFunction;
import java.util.Map;

/**
 * A tool whose result arrives as a stream (an HTTP body) and that can stop reading once it has more than the gateway
 * keeps, so a huge or endless answer costs no more memory than {@code max_result_chars}.
 */
interface BoundedToolFunction extends ToolFunction {

    /**
     * @param maxChars how many characters of the result the gateway keeps; 0 or less keeps all of it
     * @return the result, of at most {@code maxChars + 1} characters: one more than kept shows that it went on
     */
    String call(Map<String, Object> arguments, ToolContext context, int maxChars) throws Exception;

    @Override
    default String call(Map<String, Object> arguments, ToolContext context) throws Exception {
        return call(arguments, context, 0);
    }
}
