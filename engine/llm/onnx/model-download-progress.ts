/** Progress of one file while a model is fetched from a hub. */
export interface ModelDownloadProgress {
  /** Path of the file in the model repository, e.g. "onnx/model.onnx". */
  file: string;
  /** Bytes received so far. */
  loadedBytes: number;
  /** Size of the file in bytes; 0 when the server does not say. */
  totalBytes: number;
  /** True once the file is complete (downloaded or found in the cache). */
  done: boolean;
}
