import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import koffi, { type LibraryHandle } from 'koffi';
import { SpeechUnavailableError } from '../speech-unavailable-error.ts';

/** Where Debian's `pocketsphinx-en-us` puts the US English acoustic model and dictionary. */
export const debianPocketsphinxModelDir = '/usr/share/pocketsphinx/model/en-us';

/** How to get pocketsphinx on Debian or Ubuntu. */
export const pocketsphinxInstallHint = 'apt-get install pocketsphinx pocketsphinx-en-us';

/** An opaque native pointer. */
type Pointer = unknown;

/** The C functions of libpocketsphinx (5prealpha API) parley calls. */
export interface PocketsphinxLibrary {
  /** A decoder configured with `-name value` arguments; throws when the configuration is refused. */
  createDecoder(args: readonly string[]): Pointer;
  /** Adds a word (or `word(2)` for another pronunciation) with its phones; `update` rebuilds the current search. */
  addWord(decoder: Pointer, word: string, phones: string, update: boolean): boolean;
  setJsgf(decoder: Pointer, name: string, jsgf: string): boolean;
  setLmFile(decoder: Pointer, name: string, path: string): boolean;
  setSearch(decoder: Pointer, name: string): boolean;
  startUtterance(decoder: Pointer): void;
  /** Feeds 16 kHz samples; `fullUtterance` when this is the whole utterance at once. */
  processRaw(decoder: Pointer, samples: Int16Array, fullUtterance: boolean): void;
  endUtterance(decoder: Pointer): void;
  /** The best hypothesis so far ("" when none) and its path score (log domain, more negative is worse). */
  hypothesis(decoder: Pointer): { text: string; score: number };
  /** Frames (10 ms) decoded in the current utterance. */
  frames(decoder: Pointer): number;
  /** Up to `limit` different hypotheses of the last utterance from its lattice, best first (n-gram searches only). */
  nbest(decoder: Pointer, limit: number): Array<{ text: string; score: number }>;
  /**
   * The words of the last utterance's lattice with their posterior probabilities (n-gram searches only): each
   * word's nodes' posteriors summed (capped at 1), with the first frame of its likeliest node; fillers and
   * sentence marks left out; likeliest first.
   */
  wordPosteriors(decoder: Pointer): Array<{ word: string; posterior: number; startFrame: number }>;
  /**
   * The decoder's cepstral mean (13 values), which it subtracts from every frame and updates at each utterance's
   * end; undefined where this build's feature layout is not the one known (the mean then cannot be read or set).
   */
  cepstralMean(decoder: Pointer): Float32Array | undefined;
  /** Sets the cepstral mean the next utterance starts from (no-op where {@link cepstralMean} is undefined). */
  setCepstralMean(decoder: Pointer, mean: Float32Array): void;
}

/**
 * Byte offset of `cmn_struct` in sphinxbase 5prealpha's `feat_t` on 64-bit Linux (after ten fields and one function
 * pointer). The library has no accessor for it; a fresh decoder's mean must read as its model's `-cmninit` for it
 * to be used.
 */
const cmnOffset = 88;

let loaded: PocketsphinxLibrary | undefined;

/**
 * Loads libpocketsphinx.so.3 through koffi, once per process. Throws {@link SpeechUnavailableError} with the
 * install command when the library or its model directory is missing.
 */
export function loadPocketsphinxLibrary(modelDir = debianPocketsphinxModelDir): PocketsphinxLibrary {
  if (!existsSync(join(modelDir, 'en-us')) && !existsSync(join(modelDir, 'mdef')))
    throw new SpeechUnavailableError('pocketsphinx', `no acoustic model in ${modelDir}`, pocketsphinxInstallHint);
  if (loaded) return loaded;
  let ps: LibraryHandle;
  let base: LibraryHandle;
  try {
    base = koffi.load('libsphinxbase.so.3');
    ps = koffi.load('libpocketsphinx.so.3');
  } catch (error) {
    throw new SpeechUnavailableError('pocketsphinx', 'libpocketsphinx.so.3 could not be loaded', pocketsphinxInstallHint, error);
  }
  const psArgs = ps.func('void *ps_args()');
  const parseArgs = base.func('void *cmd_ln_parse_r(void *inout, void *defn, int argc, const char **argv, int strict)');
  const setLogFile = base.func('void err_set_logfp(void *fp)');
  const init = ps.func('void *ps_init(void *config)');
  const addWord = ps.func('int ps_add_word(void *ps, const char *word, const char *phones, int update)');
  const setJsgf = ps.func('int ps_set_jsgf_string(void *ps, const char *name, const char *jsgf)');
  const setLm = ps.func('int ps_set_lm_file(void *ps, const char *name, const char *path)');
  const setSearch = ps.func('int ps_set_search(void *ps, const char *name)');
  const startUtt = ps.func('int ps_start_utt(void *ps)');
  const processRaw = ps.func('int ps_process_raw(void *ps, const int16_t *data, size_t n, int no_search, int full_utt)');
  const endUtt = ps.func('int ps_end_utt(void *ps)');
  const getHyp = ps.func('const char *ps_get_hyp(void *ps, _Out_ int32_t *score)');
  const nFrames = ps.func('int ps_get_n_frames(void *ps)');
  // Declared with the five arguments of older releases: 5prealpha reads the first only.
  const nbestStart = ps.func('void *ps_nbest(void *ps, int sf, int ef, const char *ctx1, const char *ctx2)');
  const nbestNext = ps.func('void *ps_nbest_next(void *nbest)');
  const nbestHyp = ps.func('const char *ps_nbest_hyp(void *nbest, _Out_ int32_t *score)');
  const nbestFree = ps.func('void ps_nbest_free(void *nbest)');
  // ps_get_prob runs the lattice's forward-backward pass, which leaves every link's posterior in the lattice.
  const getProb = ps.func('int32_t ps_get_prob(void *ps)');
  const getLattice = ps.func('void *ps_get_lattice(void *ps)');
  const latticeLogmath = ps.func('void *ps_lattice_get_logmath(void *dag)');
  const logmathExp = base.func('double logmath_exp(void *lmath, int32_t p)');
  const nodeIter = ps.func('void *ps_latnode_iter(void *dag)');
  const nodeIterNext = ps.func('void *ps_latnode_iter_next(void *iter)');
  const nodeIterNode = ps.func('void *ps_latnode_iter_node(void *iter)');
  const nodeBaseword = ps.func('const char *ps_latnode_baseword(void *dag, void *node)');
  const nodeTimes = ps.func('int ps_latnode_times(void *node, _Out_ int16_t *fef, _Out_ int16_t *lef)');
  const nodeExits = ps.func('void *ps_latnode_exits(void *node)');
  const linkIterNext = ps.func('void *ps_latlink_iter_next(void *iter)');
  const linkIterLink = ps.func('void *ps_latlink_iter_link(void *iter)');
  const linkProb = ps.func('int32_t ps_latlink_prob(void *dag, void *link, _Out_ int32_t *ascr)');
  const getFeat = ps.func('void *ps_get_feat(void *ps)');
  const cmnGet = base.func('int cmn_live_get(void *cmn, _Out_ float *vec)');
  const cmnSet = base.func('void cmn_live_set(void *cmn, const float *vec)');
  const cmnOf = (decoder: Pointer): unknown => {
    const feat = getFeat(decoder);
    return feat ? koffi.decode(feat, cmnOffset, 'void *') : null;
  };
  let cmnKnown: boolean | undefined;
  // The library logs every decoder step to stderr; parley reports what matters itself.
  setLogFile(null);
  loaded = {
    createDecoder(args) {
      const config = parseArgs(null, psArgs(), args.length, args, 1);
      const decoder = config ? init(config) : null;
      if (!decoder) throw new SpeechUnavailableError('pocketsphinx', `the decoder refused its configuration (${args.join(' ')})`, pocketsphinxInstallHint);
      cmnKnown ??= meanIsInitial(decoder, args, modelDir);
      return decoder;
    },
    addWord: (decoder, word, phones, update) => (addWord(decoder, word, phones, update ? 1 : 0) as number) >= 0,
    setJsgf: (decoder, name, jsgf) => setJsgf(decoder, name, jsgf) === 0,
    setLmFile: (decoder, name, path) => setLm(decoder, name, path) === 0,
    setSearch: (decoder, name) => setSearch(decoder, name) === 0,
    startUtterance: (decoder) => void startUtt(decoder),
    processRaw: (decoder, samples, full) => void processRaw(decoder, samples, samples.length, 0, full ? 1 : 0),
    endUtterance: (decoder) => void endUtt(decoder),
    hypothesis(decoder) {
      const score = [0];
      const text = getHyp(decoder, score) as string | null;
      return { text: text ?? '', score: score[0] ?? 0 };
    },
    frames: (decoder) => nFrames(decoder) as number,
    nbest(decoder, limit) {
      const out: Array<{ text: string; score: number }> = [];
      const seen = new Set<string>();
      let iterator = nbestStart(decoder, 0, -1, null, null);
      for (let tries = 0; iterator && out.length < limit && tries < limit * 4; tries++) {
        const score = [0];
        const text = ((nbestHyp(iterator, score) as string | null) ?? '').trim();
        if (!seen.has(text)) {
          seen.add(text);
          out.push({ text, score: score[0] ?? 0 });
        }
        iterator = nbestNext(iterator);
      }
      if (iterator) nbestFree(iterator);
      return out;
    },
    cepstralMean(decoder) {
      const cmn = cmnKnown ? cmnOf(decoder) : null;
      if (!cmn) return undefined;
      const mean = new Float32Array(13);
      cmnGet(cmn, mean);
      return mean;
    },
    setCepstralMean(decoder, mean) {
      const cmn = cmnKnown ? cmnOf(decoder) : null;
      if (cmn) cmnSet(cmn, mean);
    },
    wordPosteriors(decoder) {
      getProb(decoder);
      const dag = getLattice(decoder);
      if (!dag) return [];
      const logmath = latticeLogmath(dag);
      const words = new Map<string, { word: string; posterior: number; startFrame: number; best: number }>();
      for (let nodes = nodeIter(dag); nodes; nodes = nodeIterNext(nodes)) {
        const node = nodeIterNode(nodes);
        const word = (nodeBaseword(dag, node) as string | null) ?? '';
        if (word === '' || word.startsWith('<') || word.startsWith('[')) continue;
        let posterior = 0;
        // A node's posterior is the sum of its outgoing links'; the lists are the lattice's own (nothing to free).
        for (let links = nodeExits(node); links; links = linkIterNext(links)) posterior += logmathExp(logmath, linkProb(dag, linkIterLink(links), [0]) as number) as number;
        const startFrame = nodeTimes(node, [0], [0]) as number;
        const seen = words.get(word) ?? { word, posterior: 0, startFrame, best: -1 };
        seen.posterior += posterior;
        if (posterior > seen.best) Object.assign(seen, { best: posterior, startFrame });
        words.set(word, seen);
      }
      return [...words.values()].map(({ word, posterior, startFrame }) => ({ word, posterior: Math.min(1, posterior), startFrame })).sort((a, b) => b.posterior - a.posterior);
    },
  };
  /** Whether a fresh decoder's mean, read at {@link cmnOffset}, is its model's `-cmninit` (so the layout is the known one). */
  function meanIsInitial(decoder: Pointer, args: readonly string[], dir: string): boolean {
    try {
      const hmm = args[args.indexOf('-hmm') + 1] ?? join(dir, 'en-us');
      const params = readFileSync(join(hmm, 'feat.params'), 'utf8');
      const init = /-cmninit\s+(\S+)/.exec(params)?.[1]?.split(',').map(Number);
      const cmn = cmnOf(decoder);
      if (init?.length !== 13 || !cmn) return false;
      const mean = new Float32Array(13);
      cmnGet(cmn, mean);
      return init.every((v, i) => Math.abs(v - mean[i]!) < 0.01);
    } catch {
      return false;
    }
  }
  return loaded;
}
