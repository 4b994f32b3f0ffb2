import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ExecutionDevice } from './onnx-device.ts';

/**
 * Why an execution provider certainly cannot run here, found without starting it (missing provider
 * libraries); undefined when it may run. WebGPU can only be known by asking for an adapter.
 */
export function missingProvider(device: ExecutionDevice): string | undefined {
  if (device !== 'cuda') return undefined;
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return 'onnxruntime-node has CUDA only on Linux x64';
  const binding = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node'));
  const lib = path.join(binding, '..', 'bin', 'napi-v6', 'linux', 'x64', 'libonnxruntime_providers_cuda.so');
  if (existsSync(lib)) return undefined;
  return (
    "onnxruntime-node's CUDA provider libraries are not installed (its bundled Linux build has cpu and webgpu only; " +
    'reinstall it with ONNXRUNTIME_NODE_INSTALL=cuda12 on a machine with CUDA 12 and cuDNN 9)'
  );
}
