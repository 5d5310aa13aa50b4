// The official OpenAI Node client's embeddings.create, unchanged, against a gateway serving the shipped config (the
// local all-MiniLM-L6-v2 model). The client asks for base64 by default and decodes it; float is asked explicitly.
// Usage: node embeddings-check.mjs <baseURL> <apiKey>. Prints one JSON line of findings; exits 1 on a failed check.
import OpenAI from 'openai';

const [baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });
const findings = {};
const failures = [];
const check = (name, ok, detail) => { findings[name] = ok; if (!ok) failures.push(`${name}: ${detail}`); };
const dot = (a, b) => a.reduce((sum, x, i) => sum + x * b[i], 0);
const model = 'local/all-minilm-l6-v2';

const one = await client.embeddings.create({ model, input: 'A cat sits on the mat.' });
check('string input', one.data.length === 1 && one.data[0].embedding.length === 384 && one.model === model
  && one.usage.prompt_tokens > 0 && one.usage.total_tokens === one.usage.prompt_tokens, JSON.stringify(one.usage));
check('normalised', Math.abs(Math.sqrt(dot(one.data[0].embedding, one.data[0].embedding)) - 1) < 1e-3, '');

const texts = ['A cat sits on the mat.', 'A kitten is sitting on a rug.', 'The stock market fell sharply today.'];
const many = await client.embeddings.create({ model, input: texts, encoding_format: 'float' });
const [cat, kitten, stocks] = many.data.map((d) => d.embedding);
check('array input', many.data.length === 3 && many.data.every((d, i) => d.index === i), '');
check('meaning', dot(cat, kitten) > dot(cat, stocks) + 0.3, `${dot(cat, kitten)} vs ${dot(cat, stocks)}`);
check('base64 equals float', one.data[0].embedding.every((x, i) => Math.abs(x - cat[i]) < 1e-6), '');
check('dimensions passed on', await errorClass(() => client.embeddings.create({ model, input: 'x', dimensions: 64 }))
  === 'BadRequestError', '');
check('chat model is a 400', await errorClass(() => client.embeddings.create({ model: 'demo/echo', input: 'x' }))
  === 'BadRequestError', '');

async function errorClass(request) {
  try { await request(); return 'none'; } catch (e) { return e.constructor.name; }
}

console.log(JSON.stringify({ findings, failures }));
process.exit(failures.length ? 1 : 0);
