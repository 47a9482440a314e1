/** Nearest-name suggestions for misspelt commands and options ("snapshoot" → "snapshot"). */

/** The candidate closest to `word` by edit distance, when close enough to be a likely typo. */
export function nearestName(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Two edits catch the usual slips (doubled, dropped or swapped letters); more would suggest
  // unrelated names for short words.
  const limit = Math.min(2, Math.floor((best?.length ?? 0) / 2));
  return best !== word && bestDistance <= limit ? best : undefined;
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) row.push(i === 0 ? j : 0);
    rows.push(row);
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      rows[i]![j] = cellDistance(rows, a, b, i, j);
    }
  }
  return rows[a.length]![b.length]!;
}

function cellDistance(rows: number[][], a: string, b: string, i: number, j: number): number {
  const cost = a[i - 1] === b[j - 1] ? 0 : 1;
  let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
  if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
    best = Math.min(best, rows[i - 2]![j - 2]! + 1);
  }
  return best;
}
