import type { Message } from '@huggingface/transformers';
import { InputError } from '../../../core/contracts/errors/input-error.ts';
import { asTemplateTool, toTemplateMessage } from '../template-messages.ts';
import { ToolCallsUnsupportedError } from '../tool-calls-unsupported-error.ts';
import {
  detectToolCallFormat,
  renderToolDefinitions,
  toolCallFormats,
  toolsToConstrainedTools,
} from '../tool-calls/index.ts';
import type { ToolCallFormat } from '../tool-call-format.ts';
import { type DecodeEvent, type DecodeTools, decodeTokens } from './decode-tokens.ts';
import type { GenerationRequest } from './generation-request.ts';
import { KvCacheDecoder } from './kv-cache-decoder.ts';
import { type LoadedOnnxModel, loadOnnxModel, type OnnxModelLoadOptions } from './load-onnx-model.ts';
import type { ModelDownloadProgress } from './model-download-progress.ts';
import { createSeededRandom } from './seeded-random.ts';

/**
 * A loaded model that decodes on the thread that calls it (the decoding worker; tests use it directly).
 * Renders the conversation with the model's chat template, decodes with a KV cache and, when tools are
 * offered, constrains the call to the tools' schemas through the model's tool-call format.
 */
export class OnnxGenerator {
  private constructor(readonly model: LoadedOnnxModel) {}

  /** Loads the model; see {@link loadOnnxModel}. */
  static async load(
    options: OnnxModelLoadOptions,
    onProgress: (p: ModelDownloadProgress) => void = () => {},
  ) {
    return new OnnxGenerator(await loadOnnxModel(options, onProgress));
  }

  /** The tool-call format this model writes. */
  toolCallFormat(name?: ToolCallFormat['name']): ToolCallFormat {
    return name ? toolCallFormats[name] : detectToolCallFormat(this.model.chatTemplate, this.model.config);
  }

  /** Token ids of the prompt for `request`: the chat template applied with the tools and a generation prompt. */
  promptIds(request: Pick<GenerationRequest, 'messages' | 'tools' | 'toolCallFormat'>): number[] {
    const { tokenizer, chatTemplate } = this.model;
    const tools = request.tools && request.tools.length > 0 ? request.tools : undefined;
    let messages = request.messages.map(toTemplateMessage);
    const templateRendersTools = /\btools\b/.test(chatTemplate);
    if (tools && !templateRendersTools)
      messages = withToolInstructions(
        messages,
        renderToolDefinitions(tools, this.toolCallFormat(request.toolCallFormat)),
      );
    const text = tokenizer.apply_chat_template(messages, {
      chat_template: chatTemplate,
      ...(tools && templateRendersTools ? { tools: tools.map(asTemplateTool) } : {}),
      add_generation_prompt: true,
      tokenize: false,
    }) as string;
    return tokenizer.encode(text, { add_special_tokens: false });
  }

  /** Decodes one reply: text deltas, tool calls, token ids and a finish event. */
  generate(
    request: GenerationRequest,
    isAborted: () => boolean,
    now: () => number = () => performance.now(),
  ): AsyncGenerator<DecodeEvent> {
    const { temperature, topP, seed, stop } = request;
    const promptIds = this.promptIds(request);
    const context = this.model.config['max_position_embeddings'];
    let maxTokens = request.maxTokens;
    if (typeof context === 'number') {
      if (promptIds.length >= context) {
        throw new InputError(
          'messages',
          `the prompt is ${promptIds.length} tokens; the model reads at most ${context}`,
        );
      }
      maxTokens = Math.min(maxTokens, context - promptIds.length);
    }
    return this.decode(
      promptIds,
      { maxTokens, temperature, topP, seed, stop, ...this.#tools(request) },
      isAborted,
      now,
    );
  }

  /** Decodes after given prompt token ids, with the tools already resolved (or none). */
  decode(
    promptIds: readonly number[],
    settings: Pick<GenerationRequest, 'maxTokens' | 'temperature' | 'topP' | 'seed' | 'stop'> & {
      tools?: DecodeTools;
    },
    isAborted: () => boolean,
    now: () => number = () => performance.now(),
  ): AsyncGenerator<DecodeEvent> {
    const { model } = this;
    const decoder = new KvCacheDecoder(model.session, model.layout);
    return decodeTokens({
      promptIds,
      next: (ids) => decoder.next(ids),
      vocabulary: model.vocabulary,
      eosIds: model.eosIds,
      specialText: (id) => model.addedTokens.get(id) ?? '',
      maxTokens: settings.maxTokens,
      temperature: settings.temperature,
      topP: settings.topP,
      random: createSeededRandom(settings.seed),
      stop: settings.stop,
      ...(settings.tools ? { tools: settings.tools } : {}),
      isAborted,
      now,
    });
  }

  #tools(request: GenerationRequest): { tools?: DecodeTools } {
    if (!request.tools || request.tools.length === 0) return {};
    const format = this.toolCallFormat(request.toolCallFormat);
    const constrained = toolsToConstrainedTools(
      request.tools.map((t) => ({ name: t.name, parameters: t.parameters })),
    );
    if (constrained.length === 0) {
      if (request.toolChoice === 'required')
        throw new ToolCallsUnsupportedError(this.model.modelId, 'no offered tool can be called validly');
      return {};
    }
    const openingIds = format.opening
      ? this.model.tokenizer.encode(format.opening, { add_special_tokens: false })
      : [];
    return {
      tools: {
        format,
        constraint: () => format.constraint(constrained, this.model.vocabulary),
        choice: request.toolChoice,
        openingIds,
      },
    };
  }
}

/** Adds tool instructions to the system message (a new one if there is none). */
function withToolInstructions(messages: Message[], instructions: string): Message[] {
  const [first, ...rest] = messages;
  if (first?.role === 'system')
    return [{ ...first, content: `${first.content}\n\n${instructions}` }, ...rest];
  return [{ role: 'system', content: instructions }, ...messages];
}
