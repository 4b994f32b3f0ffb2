import { describe, expect, it } from 'vitest';
import { missingProvider, type ProviderHost, thisHost } from '../../../../engine/llm/onnx/missing-provider.ts';

const linux = (libraries: string[], cuda = false): ProviderHost => ({
  platform: 'linux',
  arch: 'x64',
  hasLibrary: (name) => libraries.includes(name),
  hasCudaProvider: () => cuda,
});

describe('missingProvider', () => {
  it('skips WebGPU on Linux without the Vulkan loader, and lets it try with one or elsewhere', () => {
    expect(missingProvider('webgpu', linux([]))).toMatch(/no WebGPU adapter: the Vulkan loader \(libvulkan\.so\.1\) is not installed/);
    expect(missingProvider('webgpu', linux(['libvulkan.so.1']))).toBeUndefined();
    expect(missingProvider('webgpu', { ...linux([]), platform: 'darwin' })).toBeUndefined();
  });

  it('names missing CUDA provider libraries and the platforms without CUDA', () => {
    expect(missingProvider('cuda', linux([]))).toMatch(/CUDA provider libraries are not installed/);
    expect(missingProvider('cuda', linux([], true))).toBeUndefined();
    expect(missingProvider('cuda', { ...linux([], true), arch: 'arm64' })).toMatch(/only on Linux x64/);
    expect(missingProvider('cpu', linux([]))).toBeUndefined();
  });

  it('finds a library this machine has through its loader, and not one it lacks', () => {
    expect(thisHost.hasLibrary('libc.so.6')).toBe(true);
    expect(thisHost.hasLibrary('libparley-not-a-library.so.9')).toBe(false);
  });
});
