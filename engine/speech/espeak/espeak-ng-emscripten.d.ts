/** The Emscripten factory `@echogarden/espeak-ng-emscripten` exports (the package ships no types). */
declare module '@echogarden/espeak-ng-emscripten' {
  const factory: (module: object) => Promise<{ eSpeakNGWorker: new () => unknown }>;
  export = factory;
}
