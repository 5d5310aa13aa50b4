// The official OpenAI Node client, unchanged, against a running gateway.
// Usage: node openai-node-check.mjs <baseURL> <apiKey>. Prints one JSON line of findings; exits 1 on a failed check.
import OpenAI from 'openai';

const [baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const findings = {};
const failures = [];
const check = (name, ok, detail) => { findings[name] = ok; if (!ok) failures.push(`${name}: ${detail}`); };

const models = [];
for await (const model of client.models.list()) models.push(model.id);
check('models', models.includes('mock/mock-model'), JSON.stringify(models));

const completion = await client.chat.completions.create({
  model: 'mock/mock-model', messages: [{ role: 'user', content: 'hi' }], top_k: 3, min_p: 0.1,
});
check('completion', completion.choices[0].message.content === 'echo: hi', JSON.stringify(completion));

// The stream helper throws "missing finish_reason for choice N" and the like on a malformed stream.
const stream = client.chat.completions.stream({
  model: 'mock/mock-model', messages: [{ role: 'user', content: 'streamed' }], stream_options: { include_usage: true },
});
let text = '';
stream.on('content', (delta) => { text += delta; });
const streamed = await stream.finalChatCompletion();
check('stream', text === 'echo: streamed' && streamed.choices[0].finish_reason === 'stop', text);
check('stream_usage', (streamed.usage?.total_tokens ?? 0) > 0, JSON.stringify(streamed.usage));

for (const model of ['mock/tool-calls', 'mock/ollama-quirks', 'mock/vllm-quirks']) {
  const tools = await client.chat.completions.stream({ model, messages: [{ role: 'user', content: 'weather?' }] })
    .finalChatCompletion();
  const calls = tools.choices[0].message.tool_calls ?? [];
  check(`tool_calls ${model}`, calls.length === 2 && calls[0].function.name === 'get_weather'
    && JSON.parse(calls[0].function.arguments).city === 'Paris' && JSON.parse(calls[1].function.arguments)
    && tools.choices[0].finish_reason === 'tool_calls', JSON.stringify(tools.choices[0]));
}

async function errorClass(request) {
  try { await request(); return 'none'; } catch (e) { return e.constructor.name; }
}
check('error 404', await errorClass(() => client.chat.completions.create({
  model: 'nowhere/x', messages: [{ role: 'user', content: 'x' }] })) === 'NotFoundError', '');
check('error 401', await errorClass(() => new OpenAI({ baseURL, apiKey: 'wrong', maxRetries: 0 }).models.list())
  === 'AuthenticationError', '');
check('error 400', await errorClass(() => client.chat.completions.create({
  model: 'mock/mock-model', messages: 'not a list' })) === 'BadRequestError', '');
check('error 502', await errorClass(() => client.chat.completions.create({
  model: 'mock/error-500', messages: [{ role: 'user', content: 'x' }] })) === 'InternalServerError', '');
check('drop is an error', await errorClass(async () => {
  const s = await client.chat.completions.create({ model: 'mock/drop', stream: true,
    messages: [{ role: 'user', content: 'x' }] });
  for await (const _ of s) { /* consume */ }
}) !== 'none', '');

console.log(JSON.stringify({ findings, failures }));
process.exit(failures.length ? 1 : 0);
