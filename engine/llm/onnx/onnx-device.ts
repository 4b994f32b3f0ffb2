/** An onnxruntime execution provider parley drives explicitly. */
export type ExecutionDevice = 'cpu' | 'webgpu' | 'cuda';

/** Where the model runs: one execution provider, or "auto" to try {@link defaultAutoDevices} in order. */
export type OnnxDevice = ExecutionDevice | 'auto';

/** The order "auto" tries: CUDA (needs the CUDA provider libraries), then WebGPU (needs an adapter), then CPU. */
export const defaultAutoDevices: readonly ExecutionDevice[] = ['cuda', 'webgpu', 'cpu'];
