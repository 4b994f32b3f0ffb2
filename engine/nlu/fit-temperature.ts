/** Options of {@link fitTemperature}. */
export interface FitTemperatureOptions {
  /** Smallest temperature considered. Default 0.05. */
  min: number;
  /** Largest temperature considered. Default 20. */
  max: number;
}

/** Defaults of {@link FitTemperatureOptions}. */
export const defaultFitTemperatureOptions: FitTemperatureOptions = { min: 0.05, max: 20 };

/**
 * Temperature scaling (Guo et al. 2017): the T > 0 that minimises the mean negative log-likelihood of
 * `labels` under softmax(logits / T) on held-out data. T > 1 softens over-confident probabilities,
 * T < 1 sharpens under-confident ones; the ranking of intents never changes. Found by golden-section
 * search on ln T (the likelihood is unimodal in T). Returns 1 when there are no rows.
 *
 * @param logits one row of class scores per held-out utterance
 * @param labels the right class of each row
 */
export function fitTemperature(
  logits: readonly Float64Array[],
  labels: ArrayLike<number>,
  options: Partial<FitTemperatureOptions> = {},
): number {
  const { min, max } = { ...defaultFitTemperatureOptions, ...options };
  if (logits.length === 0) return 1;
  const loss = (logT: number): number => meanNegativeLogLikelihood(logits, labels, Math.exp(logT));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(min);
  let hi = Math.log(max);
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let lossA = loss(a);
  let lossB = loss(b);
  for (let i = 0; i < 40; i++) {
    if (lossA <= lossB) {
      hi = b;
      b = a;
      lossB = lossA;
      a = hi - ratio * (hi - lo);
      lossA = loss(a);
    } else {
      lo = a;
      a = b;
      lossA = lossB;
      b = lo + ratio * (hi - lo);
      lossB = loss(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Mean of -ln softmax(row / temperature)[label] over the rows. */
export function meanNegativeLogLikelihood(
  logits: readonly Float64Array[],
  labels: ArrayLike<number>,
  temperature: number,
): number {
  let total = 0;
  logits.forEach((row, i) => {
    let max = Number.NEGATIVE_INFINITY;
    for (const z of row) if (z > max) max = z;
    let sum = 0;
    for (const z of row) sum += Math.exp((z - max) / temperature);
    total += Math.log(sum) - (row[labels[i]!]! - max) / temperature;
  });
  return total / logits.length;
}
