// The official OpenAI Node client's Responses API and the OpenAI Agents SDK (its default Responses mode), unchanged,
// against a gateway serving the shipped config (the demo upstream: deterministic answers, tools called by name).
// Usage: node responses-check.mjs <baseURL> <apiKey>. Prints one JSON line of findings; exits 1 on a failed check.
import OpenAI from 'openai';
import { Agent, run, tool, setDefaultOpenAIClient, setTracingDisabled } from '@openai/agents';
import { z } from 'zod';

const [baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 30_000 });
const findings = {};
const failures = [];
const check = (name, ok, detail) => { findings[name] = ok; if (!ok) failures.push(`${name}: ${detail}`); };
const weather = {
  type: 'function', name: 'get_weather', description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string', description: 'the city name' } },
    required: ['city'], additionalProperties: false },
  strict: true,
};

// Plain, with instructions; kept (store defaults to true) and read back.
const plain = await client.responses.create({ model: 'demo/echo', input: 'Hello', instructions: 'Be brief.' });
check('plain', plain.output_text === 'Demo echo: Hello' && plain.status === 'completed'
  && plain.object === 'response' && plain.id.startsWith('resp_') && plain.usage.total_tokens > 0,
  JSON.stringify(plain));
const retrieved = await client.responses.retrieve(plain.id);
check('retrieve', retrieved.id === plain.id && retrieved.output_text === 'Demo echo: Hello', JSON.stringify(retrieved));

// Streaming: the spec's events, numbered from 0, text deltas that add up to the answer.
const events = [];
const stream = await client.responses.create({ model: 'demo/echo', input: 'Stream this', stream: true });
for await (const event of stream) events.push(event);
const types = events.map((e) => e.type);
const text = events.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta).join('');
check('stream events', JSON.stringify(types.filter((t) => !t.endsWith('.delta'))) === JSON.stringify([
  'response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added',
  'response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed']),
  JSON.stringify(types));
check('stream sequence', events.every((e, i) => e.sequence_number === i), JSON.stringify(events.map((e) => e.sequence_number)));
check('stream text', text === 'Demo echo: Stream this' && events.at(-1).response.output_text === undefined
  && events.at(-1).response.usage.output_tokens > 0, text);
// The SDK's stream helper checks the sequence itself (an item or part it did not see added is an error).
const helper = await client.responses.stream({ model: 'demo/echo', input: 'Helper' }).finalResponse();
check('stream helper', helper.output_text === 'Demo echo: Helper', JSON.stringify(helper));

// A function tool: the call, then its output sent back with the whole conversation as items.
const ask = 'What is the weather in Tokyo? Use get_weather.';
const called = await client.responses.create({ model: 'demo/echo', input: ask, tools: [weather] });
const call = called.output.find((item) => item.type === 'function_call');
check('function call', Boolean(call) && call.name === 'get_weather' && JSON.parse(call.arguments).city === 'Tokyo'
  && Boolean(call.call_id), JSON.stringify(called.output));
const answered = await client.responses.create({ model: 'demo/echo', tools: [weather], store: false, input: [
  { role: 'user', content: ask }, call,
  { type: 'function_call_output', call_id: call.call_id, output: '{"temperature":21}' }] });
check('function output', answered.output_text === 'Demo answer from the tools:\n- get_weather: {"temperature":21}',
  JSON.stringify(answered));
check('store false', await errorClass(() => client.responses.retrieve(answered.id)) === 'NotFoundError', '');

// previous_response_id: only the tool output is sent; the question and the call come from the kept response.
const followUp = await client.responses.create({ model: 'demo/echo', tools: [weather], previous_response_id: called.id,
  input: [{ type: 'function_call_output', call_id: call.call_id, output: 'sunny' }] });
check('previous_response_id', followUp.output_text === 'Demo answer from the tools:\n- get_weather: sunny'
  && followUp.previous_response_id === called.id, JSON.stringify(followUp));

// A streamed function call: its arguments as deltas, then done, in a function_call item.
const callEvents = [];
for await (const e of await client.responses.create({ model: 'demo/echo', input: ask, tools: [weather], stream: true })) {
  callEvents.push(e);
}
const argsDone = callEvents.find((e) => e.type === 'response.function_call_arguments.done');
const argDeltas = callEvents.filter((e) => e.type === 'response.function_call_arguments.delta').map((e) => e.delta).join('');
check('stream function call', Boolean(argsDone) && JSON.parse(argsDone.arguments).city === 'Tokyo' && argDeltas === argsDone.arguments
  && callEvents.at(-1).response.output[0].type === 'function_call', JSON.stringify(callEvents.map((e) => e.type)));

// text.format json_schema: the answer is JSON in the schema.
const structured = await client.responses.create({ model: 'demo/echo', input: 'Name a city', text: { format: {
  type: 'json_schema', name: 'city', strict: true, schema: { type: 'object', properties: { name: { type: 'string' } },
    required: ['name'], additionalProperties: false } } } });
check('json_schema', typeof JSON.parse(structured.output_text).name === 'string', structured.output_text);

// An agent of the gateway answers the Responses API like a model.
const agent = await client.responses.create({ model: 'default/weatheragent', input: 'What is the weather in Paris?' });
check('gateway agent', agent.output_text.includes('- get_weather: {"city":"Paris"'), agent.output_text);

// Delete, then it is gone.
const deleted = await client.responses.delete(plain.id);
check('delete', await errorClass(() => client.responses.retrieve(plain.id)) === 'NotFoundError', JSON.stringify(deleted));
check('bad input is a 400', await errorClass(() => client.responses.create({ model: 'demo/echo', input: 42 }))
  === 'BadRequestError', '');

// The OpenAI Agents SDK in its default mode (the Responses API), with a tool it runs itself.
setDefaultOpenAIClient(client);
setTracingDisabled(true);
const getWeather = tool({ name: 'get_weather', description: 'The weather in a city',
  parameters: z.object({ city: z.string().describe('the city name') }),
  execute: async ({ city }) => `Sunny in ${city}` });
const sdkAgent = new Agent({ name: 'Weather', instructions: 'Answer with get_weather.', model: 'demo/echo',
  tools: [getWeather] });
const result = await run(sdkAgent, 'What is the weather in Lisbon?');
check('agents sdk', result.finalOutput === 'Demo answer from the tools:\n- get_weather: Sunny in Lisbon',
  String(result.finalOutput));
const streamedRun = await run(sdkAgent, 'What is the weather in Oslo?', { stream: true });
let streamedText = '';
for await (const chunk of streamedRun.toTextStream()) streamedText += chunk;
await streamedRun.completed;
check('agents sdk stream', streamedText === 'Demo answer from the tools:\n- get_weather: Sunny in Oslo'
  && streamedRun.finalOutput === streamedText, streamedText);

async function errorClass(request) {
  try { await request(); return 'none'; } catch (e) { return e.constructor.name; }
}

console.log(JSON.stringify({ findings, failures }));
process.exit(failures.length ? 1 : 0);
