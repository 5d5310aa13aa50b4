/** Agents: instructions, a model and tools, run by the gateway's agent runtime and exposed as models. */
package io.agentgateway.api.agent;
