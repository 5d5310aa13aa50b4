/**
 * Function tools: named, JSON-schema-described functions that agents call. A tool's result is text handed back to
 * the model; a tool that throws produces an error result the model sees, never a failed request.
 */
package io.agentgateway.api.tool;
