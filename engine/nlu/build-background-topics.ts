/**
 * Builds parley's shipped off-topic background (`models/background/off-topic.json`) from CLINC150's
 * training split (Larson et al. 2019, CC BY 3.0): the first `perTopic` utterances of each of its
 * intents, and of its out-of-scope rows, except the intents every parley bot has (greetings, thanks,
 * goodbyes, help, cancel, yes/no):
 *
 *   npx tsx engine/nlu/build-background-topics.ts ../shared/datasets/clinc150/train.jsonl models/background/off-topic.json [perTopic]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type BackgroundTopics, backgroundTopicsFormat } from './background-topics.ts';

/** CLINC150 intents that parley's built-in skills or dialogue already handle; never background. */
export const coveredClincIntents: readonly string[] = [
  'greeting',
  'goodbye',
  'thank_you',
  'what_can_i_ask_you',
  'cancel',
  'yes',
  'no',
  'maybe',
  'repeat',
];

/** The first `perTopic` texts of each label in `rows` (file order), leaving out `covered` labels. */
export function selectBackgroundTopics(
  rows: readonly { text: string; intent: string }[],
  perTopic: number,
  covered: readonly string[] = coveredClincIntents,
): Record<string, string[]> {
  const skip = new Set(covered);
  const topics: Record<string, string[]> = {};
  for (const { text, intent } of rows) {
    if (skip.has(intent)) continue;
    const texts = topics[intent] ?? [];
    topics[intent] = texts;
    if (texts.length < perTopic) texts.push(text);
  }
  return topics;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [input, output, perTopicText = '20'] = process.argv.slice(2);
  const perTopic = Number(perTopicText);
  if (input === undefined || output === undefined || !Number.isInteger(perTopic) || perTopic < 1) {
    console.error('usage: npx tsx engine/nlu/build-background-topics.ts <clinc150 train.jsonl> <out.json> [perTopic >= 1]');
    process.exit(64);
  }
  const rows = readFileSync(input, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { text: string; intent: string });
  const topics = selectBackgroundTopics(rows, perTopic);
  const background: BackgroundTopics = {
    format: backgroundTopicsFormat,
    version: 1,
    name: `clinc150-train-${perTopic}`,
    source:
      'CLINC150 "full" training split (Larson et al., EMNLP-IJCNLP 2019, github.com/clinc/oos-eval), CC BY 3.0; ' +
      `the first ${perTopic} utterances of each intent except ${coveredClincIntents.join(', ')}; "oos" is its out-of-scope rows`,
    topics,
  };
  writeFileSync(output, `${JSON.stringify(background, null, 1)}\n`);
  const count = Object.values(topics).reduce((n, texts) => n + texts.length, 0);
  console.log(`${Object.keys(topics).length} topics, ${count} utterances -> ${output}`);
}
