import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ExecutionDevice } from './onnx-device.ts';

/** What {@link missingProvider} looks at on the host; a parameter so both answers can be tested on one machine. */
export interface ProviderHost {
  platform: NodeJS.Platform;
  arch: string;
  /** Whether the dynamic loader can find this shared library. */
  hasLibrary(name: string): boolean;
  /** Whether onnxruntime-node's CUDA provider library is installed. */
  hasCudaProvider(): boolean;
}

const libraryDirs = ['/usr/lib/x86_64-linux-gnu', '/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/lib64', '/usr/lib', '/lib', '/usr/local/lib'];

/** This machine: the loader's usual directories and LD_LIBRARY_PATH, then `ldconfig`'s cache. */
export const thisHost: ProviderHost = {
  platform: process.platform,
  arch: process.arch,
  hasLibrary(name) {
    const dirs = [...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), ...libraryDirs];
    if (dirs.some((dir) => existsSync(path.join(dir, name)))) return true;
    try {
      return execFileSync('ldconfig', ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes(name);
    } catch {
      return true; // No ldconfig to ask: let onnxruntime try.
    }
  },
  hasCudaProvider() {
    const binding = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node'));
    return existsSync(path.join(binding, '..', 'bin', 'napi-v6', 'linux', 'x64', 'libonnxruntime_providers_cuda.so'));
  },
};

/**
 * Why an execution provider certainly cannot run here, found without starting it; undefined when it may run.
 * CUDA needs onnxruntime-node's CUDA provider libraries; WebGPU on Linux needs the Vulkan loader — without it,
 * onnxruntime's WebGPU (Dawn) prints a native "Couldn't load Vulkan" warning on every try, so "auto" skips it.
 * Whether a WebGPU adapter exists beyond that can only be known by asking for one.
 */
export function missingProvider(device: ExecutionDevice, host: ProviderHost = thisHost): string | undefined {
  if (device === 'webgpu') {
    if (host.platform !== 'linux' || host.hasLibrary('libvulkan.so.1')) return undefined;
    return 'onnxruntime found no WebGPU adapter: the Vulkan loader (libvulkan.so.1) is not installed (install libvulkan1 and a GPU driver with Vulkan)';
  }
  if (device !== 'cuda') return undefined;
  if (host.platform !== 'linux' || host.arch !== 'x64') return 'onnxruntime-node has CUDA only on Linux x64';
  if (host.hasCudaProvider()) return undefined;
  return (
    "onnxruntime-node's CUDA provider libraries are not installed (its bundled Linux build has cpu and webgpu only; " +
    'reinstall it with ONNXRUNTIME_NODE_INSTALL=cuda12 on a machine with CUDA 12 and cuDNN 9)'
  );
}
