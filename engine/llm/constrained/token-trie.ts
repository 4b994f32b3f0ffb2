/**
 * A byte trie of tokens in flat arrays. Children of node n are entries `childStart[n] .. childStart[n+1]-1`
 * (`childByte`, `childNode`); tokens ending at node n are `tokenIds[tokenStart[n] .. tokenStart[n+1]-1]`.
 * The root is node 0.
 */
export interface TokenTrie {
  readonly childStart: Int32Array;
  readonly childByte: Uint8Array;
  readonly childNode: Int32Array;
  readonly tokenStart: Int32Array;
  readonly tokenIds: Int32Array;
}

/**
 * Builds the trie of `sorted` (token ids in byte order of `tokenBytes`). Nodes are numbered in depth-first pre-order, and each
 * node reserves its block of edges when it is numbered, so both the edges and the tokens of node n (a
 * slice of `sorted`) end where those of node n + 1 begin.
 */
export function buildTokenTrie(sorted: Int32Array, tokenBytes: readonly Uint8Array[]): TokenTrie {
  let total = 1;
  for (const id of sorted) total += tokenBytes[id]!.length;
  const childStart = new Int32Array(total + 1);
  const childByte = new Uint8Array(total);
  const childNode = new Int32Array(total);
  const tokenStart = new Int32Array(total + 1);
  let nodes = 0;
  let edges = 0;

  const build = (from: number, to: number, depth: number): number => {
    const node = nodes++;
    tokenStart[node] = from;
    childStart[node] = edges;
    let i = from;
    while (i < to && tokenBytes[sorted[i]!]!.length === depth) i++;
    let groups = 0;
    for (let j = i; j < to; j++) {
      if (j === i || tokenBytes[sorted[j]!]![depth] !== tokenBytes[sorted[j - 1]!]![depth]) groups++;
    }
    const first = edges;
    edges += groups;
    let edge = first;
    while (i < to) {
      const byte = tokenBytes[sorted[i]!]![depth]!;
      let end = i + 1;
      while (end < to && tokenBytes[sorted[end]!]![depth] === byte) end++;
      childByte[edge] = byte;
      childNode[edge] = build(i, end, depth + 1);
      edge++;
      i = end;
    }
    return node;
  };
  build(0, sorted.length, 0);
  childStart[nodes] = edges;
  tokenStart[nodes] = sorted.length;
  return {
    childStart: childStart.slice(0, nodes + 1),
    childByte: childByte.slice(0, edges),
    childNode: childNode.slice(0, edges),
    tokenStart: tokenStart.slice(0, nodes + 1),
    tokenIds: sorted,
  };
}
