// Entry of the decoding worker thread (started by createOnnxLanguageModel). It owns the onnxruntime
// session, whose run() is synchronous, so the main thread's event loop never waits on a step.
import { parentPort } from 'node:worker_threads';
import { OnnxGenerator } from './onnx-generator.ts';
import type { FromWorkerMessage, SerializedError, ToWorkerMessage } from './worker-protocol.ts';

const port = parentPort!;
const active = new Set<number>();
const aborted = new Set<number>();
let generator: OnnxGenerator | undefined;

const send = (message: FromWorkerMessage) => port.postMessage(message);

function serialize(error: unknown): SerializedError {
  const e = error instanceof Error ? error : new Error(String(error));
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    if (key !== 'isParleyError' && key !== 'retryable') fields[key] = structuredClone(value);
  }
  return {
    name: e.name,
    message: e.message,
    retryable: (e as { retryable?: boolean }).retryable === true,
    fields,
  };
}

async function generate(id: number, request: Parameters<OnnxGenerator['generate']>[0]): Promise<void> {
  active.add(id);
  try {
    for await (const event of generator!.generate(request, () => aborted.has(id))) {
      if (event.type !== 'token') send({ type: 'event', id, event });
    }
  } catch (error) {
    send({ type: 'error', id, error: serialize(error) });
  } finally {
    active.delete(id);
    aborted.delete(id);
  }
}

port.on('message', (message: ToWorkerMessage) => {
  if (message.type === 'load') {
    OnnxGenerator.load(message.options, (progress) => send({ type: 'progress', progress })).then(
      (loaded) => {
        generator = loaded;
        const { modelId, device, tried, vocabulary } = loaded.model;
        send({ type: 'loaded', info: { modelId, device, tried, vocabularySize: vocabulary.size } });
      },
      (error: unknown) => send({ type: 'load-error', error: serialize(error) }),
    );
  } else if (message.type === 'generate') {
    void generate(message.id, message.request);
  } else if (active.has(message.id)) {
    aborted.add(message.id);
  }
});
